import Domain
import Foundation
import SQLKit

/// The stored per-unit, per-day statistics counters (`statistics_counters`): changed in the transaction of
/// every intake and action by the difference of the dossier's contributions, summed for a table, and
/// recounted from the dossiers on demand.
public struct StatisticsCounters: Sendable {
    let database: any SQLDatabase

    public init(_ database: any SQLDatabase) { self.database = database }

    struct Key: Hashable {
        var unitID: Int64
        var counter: DossierStatistics.Counter
        var day: LocalDate
    }

    /// Adds changes to a unit's counters, merged per key, in as few statements as the bind limits allow.
    func add(_ changes: [(unitID: Int64, contribution: DossierStatistics.Contribution)]) async throws {
        var merged: [Key: Int64] = [:]
        for (unitID, item) in changes { merged[Key(unitID: unitID, counter: item.counter, day: item.day), default: 0] += item.value }
        try await upsert(merged.filter { $0.value != 0 })
    }

    private func upsert(_ values: [Key: Int64]) async throws {
        let rows = values.sorted { ($0.key.unitID, $0.key.counter.rawValue, $0.key.day) < ($1.key.unitID, $1.key.counter.rawValue, $1.key.day) }
        for start in stride(from: 0, to: rows.count, by: 1000) {
            let insert = database.insert(into: "statistics_counters").columns("unit_id", "counter", "day", "value")
            for (key, value) in rows[start..<min(start + 1000, rows.count)] {
                insert.values(SQLBind(key.unitID), SQLBind(key.counter.rawValue), SQLBind(key.day.iso), SQLBind(value))
            }
            try await insert.onConflict(with: ["unit_id", "counter", "day"]) { update in
                update.set(SQLIdentifier("value"), to: SQLBinaryExpression(SQLColumn("value", table: "statistics_counters"), .add, SQLExcludedColumn("value")))
            }.run()
        }
    }

    /// A unit's counters summed before, within and up to the end of [start, end) — one query over the unit's
    /// counter rows before `end`.
    public func sums(unitID: Int64, from start: LocalDate, to end: LocalDate) async throws -> DossierStatistics.Sums {
        let rows = try await database.raw("""
            SELECT counter,
                   CAST(SUM(CASE WHEN day < \(bind: start.iso) THEN value ELSE 0 END) AS BIGINT) AS before_start,
                   CAST(SUM(CASE WHEN day >= \(bind: start.iso) THEN value ELSE 0 END) AS BIGINT) AS within,
                   CAST(SUM(value) AS BIGINT) AS before_end
            FROM statistics_counters
            WHERE unit_id = \(bind: unitID) AND day < \(bind: end.iso)
            GROUP BY counter
            """).all()
        var sums = DossierStatistics.Sums()
        for row in rows {
            guard let counter = DossierStatistics.Counter(rawValue: try row.decode(column: "counter", as: String.self)) else { continue }
            sums.beforeStart[counter] = try row.decode(column: "before_start", as: Int64.self)
            sums.within[counter] = try row.decode(column: "within", as: Int64.self)
            sums.beforeEnd[counter] = try row.decode(column: "before_end", as: Int64.self)
        }
        return sums
    }

    /// Whether any counter is stored (an empty table beside stored dossiers needs a recount).
    public func isEmpty() async throws -> Bool {
        try await database.select().column(SQLLiteral.numeric("1")).from("statistics_counters").limit(1).first() == nil
    }
}

extension Database {
    /// Recounts every counter from the dossiers and their events, replacing what is stored, in one
    /// transaction. Returns the number of dossiers read.
    @discardableResult
    public func rebuildStatisticsCounters(
        calculator: @escaping DossierDesk.Calculator, progress: @escaping @Sendable (Int) -> Void = { _ in }
    ) async throws -> Int {
        try await transaction { session in
            let store = DossierStore(session)
            var totals: [StatisticsCounters.Key: Int64] = [:]
            var calculators: [Int64: DeadlineCalculator] = [:]
            var lastID: Int64 = 0
            var read = 0
            while true {
                let page = try await session.select().column("*").from("dossiers").where("id", .greaterThan, lastID)
                    .orderBy("id").limit(2000).all().map(DossierStore.decode)
                guard let last = page.last else { break }
                for (dossier, facts) in zip(page, try await store.facts(of: page)) {
                    if calculators[dossier.processingUnitID] == nil {
                        calculators[dossier.processingUnitID] = try await calculator(dossier.processingUnitID, session)
                    }
                    for item in DossierStatistics.contributions(facts, calculator: calculators[dossier.processingUnitID]!) {
                        totals[.init(unitID: dossier.processingUnitID, counter: item.counter, day: item.day), default: 0] += item.value
                    }
                }
                lastID = last.id
                read += page.count
                progress(read)
            }
            try await session.delete(from: "statistics_counters").run()
            try await StatisticsCounters(session).add(totals.map { key, value in
                (key.unitID, DossierStatistics.Contribution(day: key.day, counter: key.counter, value: value))
            })
            return read
        }
    }
}
