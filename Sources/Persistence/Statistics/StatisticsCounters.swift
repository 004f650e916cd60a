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

    /// Adds to the daily counters and to the monthly sums beside them (`statistics_monthly`, keyed yyyy-MM).
    private func upsert(_ values: [Key: Int64]) async throws {
        var monthly: [String: Int64] = [:]
        var monthlyKeys: [String: (Int64, String, String)] = [:]
        for (key, value) in values {
            let month = String(key.day.iso.prefix(7))
            let name = "\(key.unitID) \(key.counter.rawValue) \(month)"
            monthly[name, default: 0] += value
            monthlyKeys[name] = (key.unitID, key.counter.rawValue, month)
        }
        let daily = values.sorted {
            ($0.key.unitID, $0.key.counter.rawValue, $0.key.day) < ($1.key.unitID, $1.key.counter.rawValue, $1.key.day)
        }
        .map { ($0.key.unitID, $0.key.counter.rawValue, $0.key.day.iso, $0.value) }
        let months = monthly.filter { $0.value != 0 }.map { name, value in
            (monthlyKeys[name]!.0, monthlyKeys[name]!.1, monthlyKeys[name]!.2, value)
        }
        .sorted { ($0.0, $0.1, $0.2) < ($1.0, $1.1, $1.2) }
        try await upsert(daily, into: "statistics_counters", period: "day")
        try await upsert(months, into: "statistics_monthly", period: "month")
    }

    private func upsert(_ rows: [(Int64, String, String, Int64)], into table: String, period: String) async throws {
        for start in stride(from: 0, to: rows.count, by: 1000) {
            let insert = database.insert(into: table).columns("unit_id", "counter", period, "value")
            for (unitID, counter, key, value) in rows[start..<min(start + 1000, rows.count)] {
                insert.values(SQLBind(unitID), SQLBind(counter), SQLBind(key), SQLBind(value))
            }
            try await insert.onConflict(with: ["unit_id", "counter", period]) { update in
                update.set(
                    SQLIdentifier("value"), to: SQLBinaryExpression(SQLColumn("value", table: table), .add, SQLExcludedColumn("value")))
            }.run()
        }
    }

    /// Every unit's counters within [start, end) of local days (flows only): whole months from the monthly
    /// sums, the days at the edges from the daily counters — a quarter for all units reads a few rows per unit
    /// and counter. `units` limits the units read.
    public func within(from start: LocalDate, to end: LocalDate, units: [Int64]? = nil, counters: [DossierStatistics.Counter]? = nil)
        async throws
        -> [Int64: [DossierStatistics.Counter: Int64]]
    {
        var result: [Int64: [DossierStatistics.Counter: Int64]] = [:]
        guard start < end else { return result }
        let firstWhole =
            start.day == 1
            ? start
            : LocalDate(year: start.year, month: start.month, day: LocalDate.daysIn(month: start.month, year: start.year))!.adding(days: 1)
        let lastWholeEnd = LocalDate(year: end.year, month: end.month, day: 1)!
        var parts: [(table: String, column: String, from: String, to: String)] = []
        if firstWhole < lastWholeEnd {
            if start < firstWhole { parts.append(("statistics_counters", "day", start.iso, firstWhole.iso)) }
            parts.append(("statistics_monthly", "month", String(firstWhole.iso.prefix(7)), String(lastWholeEnd.iso.prefix(7))))
            if lastWholeEnd < end { parts.append(("statistics_counters", "day", lastWholeEnd.iso, end.iso)) }
        } else {
            parts.append(("statistics_counters", "day", start.iso, end.iso))
        }
        for part in parts {
            let select = database.select().column("unit_id").column("counter")
                .column(SQLRaw("CAST(SUM(value) AS BIGINT)"), as: "total").from(part.table)
                .where(SQLColumn(part.column), .greaterThanOrEqual, SQLBind(part.from)).where(
                    SQLColumn(part.column), .lessThan, SQLBind(part.to)
                )
                .groupBy("unit_id").groupBy("counter")
            if let units { select.where("unit_id", .in, units) }
            if let counters { select.where("counter", .in, counters.map(\.rawValue)) }
            for row in try await select.all() {
                guard let counter = DossierStatistics.Counter(rawValue: try row.decode(column: "counter", as: String.self)) else {
                    continue
                }
                result[try row.decode(column: "unit_id", as: Int64.self), default: [:]][counter, default: 0] += try row.decode(
                    column: "total", as: Int64.self)
            }
        }
        return result
    }

    /// Some units' counters together (nil: every unit's — the city), summed before, within and up to the end of
    /// [start, end) — one query over their counter rows before `end`.
    public func sums(units: [Int64]?, from start: LocalDate, to end: LocalDate) async throws -> DossierStatistics.Sums {
        let select = database.select().column("counter")
            .column(SQLQueryString("CAST(SUM(CASE WHEN day < \(bind: start.iso) THEN value ELSE 0 END) AS BIGINT)"), as: "before_start")
            .column(SQLQueryString("CAST(SUM(CASE WHEN day >= \(bind: start.iso) THEN value ELSE 0 END) AS BIGINT)"), as: "within")
            .column(SQLRaw("CAST(SUM(value) AS BIGINT)"), as: "before_end")
            .from("statistics_counters").where("day", .lessThan, end.iso).groupBy("counter")
        if let units { select.where("unit_id", .in, units) }
        var sums = DossierStatistics.Sums()
        for row in try await select.all() {
            guard let counter = DossierStatistics.Counter(rawValue: try row.decode(column: "counter", as: String.self)) else { continue }
            sums.beforeStart[counter] = try row.decode(column: "before_start", as: Int64.self)
            sums.within[counter] = try row.decode(column: "within", as: Int64.self)
            sums.beforeEnd[counter] = try row.decode(column: "before_end", as: Int64.self)
        }
        return sums
    }

    /// One unit's sums (its own dossiers only).
    public func sums(unitID: Int64, from start: LocalDate, to end: LocalDate) async throws -> DossierStatistics.Sums {
        try await sums(units: [unitID], from: start, to: end)
    }

    /// Every unit's (or some units') counters together, per month (yyyy-MM), for the months [first, end) —
    /// one row per month and counter (a trend).
    public func monthlyTotals(from first: LocalDate, to end: LocalDate, units: [Int64]? = nil) async throws -> [String: [DossierStatistics
        .Counter: Int64]]
    {
        let select = database.select().column("month").column("counter").column(SQLRaw("CAST(SUM(value) AS BIGINT)"), as: "total")
            .from("statistics_monthly").where("month", .greaterThanOrEqual, String(first.iso.prefix(7))).where(
                "month", .lessThan, String(end.iso.prefix(7))
            )
            .groupBy("month").groupBy("counter")
        if let units { select.where("unit_id", .in, units) }
        let rows = try await select.all()
        var result: [String: [DossierStatistics.Counter: Int64]] = [:]
        for row in rows {
            guard let counter = DossierStatistics.Counter(rawValue: try row.decode(column: "counter", as: String.self)) else { continue }
            result[try row.decode(column: "month", as: String.self), default: [:]][counter] = try row.decode(
                column: "total", as: Int64.self)
        }
        return result
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
            for (unitID, item) in try await RatingStore.contributions(
                on: session,
                clock: { unitID in
                    LocalClock(utcOffsetMinutes: calculators[unitID]?.officeHours.utcOffsetMinutes ?? LocalClock().utcOffsetMinutes)
                })
            {
                totals[.init(unitID: unitID, counter: item.counter, day: item.day), default: 0] += item.value
            }
            try await session.delete(from: "statistics_counters").run()
            try await session.delete(from: "statistics_monthly").run()
            try await StatisticsCounters(session).add(
                totals.map { key, value in
                    (key.unitID, DossierStatistics.Contribution(day: key.day, counter: key.counter, value: value))
                })
            return read
        }
    }
}
