import Domain
import Foundation
import SQLKit

/// The service index's data: the frameworks loaded as files, and the counts of each measure per processing
/// unit for a period — from the statistics counters (whole months from the monthly sums), except the portal
/// synchronisation and feedback, counted live from their tables (docs/SERVICE-INDEX.md).
public struct ServiceIndexStore: Sendable {
    let database: any SQLDatabase

    public init(_ database: any SQLDatabase) { self.database = database }

    public typealias Count = ServiceIndexScore.Count

    // MARK: Frameworks

    /// The framework shipped with MotCua (Seed/Data/service-index-766.json), read once.
    public static func shippedFramework() throws -> ServiceIndexFramework { try shipped.get() }

    private static let shipped = Result { () throws -> ServiceIndexFramework in
        guard let url = Bundle.module.url(forResource: "service-index-766", withExtension: "json", subdirectory: "Data") else {
            throw PersistenceError.corrupt("service-index-766.json is missing from the bundle")
        }
        return try ServiceIndexFramework(json: Data(contentsOf: url))
    }

    /// Stores a framework, replacing the one with the same id.
    public func load(_ framework: ServiceIndexFramework, at time: Date) async throws {
        let definition = String(decoding: try framework.json(), as: UTF8.self)
        try await database.insert(into: "service_index_frameworks").columns("id", "valid_from", "valid_to", "definition", "loaded_at")
            .values(
                SQLBind(framework.id), SQLBind(framework.validFrom.iso), SQLBind(framework.validTo?.iso), SQLBind(definition),
                SQLBind(time.milliseconds)
            )
            .onConflict(with: ["id"]) { update in
                update.set(excludedValueOf: "valid_from").set(excludedValueOf: "valid_to").set(excludedValueOf: "definition").set(
                    excludedValueOf: "loaded_at")
            }.run()
    }

    /// Loads the shipped framework unless a version with its id is stored (first use; a newer version loaded
    /// from a file before does not stand in for it).
    public func loadShippedIfMissing(at time: Date) async throws {
        let shipped = try Self.shippedFramework()
        guard try await database.select().column("id").from("service_index_frameworks").where("id", .equal, shipped.id).first() == nil
        else { return }
        try await load(shipped, at: time)
    }

    public func frameworks() async throws -> [ServiceIndexFramework] {
        try await database.select().column("definition").from("service_index_frameworks").orderBy("valid_from").all().map { row in
            try ServiceIndexFramework(json: Data(try row.decode(column: "definition", as: String.self).utf8))
        }
    }

    /// The framework that applies on a day: the latest one in force then.
    public static func inForce(_ frameworks: [ServiceIndexFramework], on day: LocalDate) -> ServiceIndexFramework? {
        frameworks.filter { $0.applies(on: day) }.max { $0.validFrom < $1.validFrom }
    }

    // MARK: Counts

    /// The counts of every measure per processing unit for the local days [from, to) (`start` and `end` are
    /// the same bounds as instants; `now` decides which feedback deadlines have passed). Units with nothing
    /// in the period are absent.
    public func counts(from: LocalDate, to: LocalDate, start: Date, end: Date, now: Date, units: [Int64]? = nil) async throws
        -> [Int64: [ServiceIndexMeasure: Count]]
    {
        var result: [Int64: [ServiceIndexMeasure: Count]] = [:]
        for (unitID, sums) in try await StatisticsCounters(database).within(from: from, to: to, units: units) {
            result[unitID] = Self.counts(sums)
        }
        for (unitID, unsynced) in try await unsynchronised(start: start, end: end, units: units) {
            if let count = result[unitID]?[.syncedToNationalPortal] {
                result[unitID]![.syncedToNationalPortal] = Count(
                    numerator: max(0, count.numerator - unsynced), denominator: count.denominator)
            }
        }
        for (unitID, counts) in try await feedbackCounts(start: start, end: end, now: now, units: units) {
            for (measure, count) in counts { result[unitID, default: [:]][measure] = count }
        }
        return result
    }

    /// The counts of some units together (nil: the city) for each of some whole months (a trend): the counters
    /// summed per month in one query, the live measures month by month.
    public func monthlyCounts(months: [ReportingPeriod], units: [Int64]? = nil, clock: LocalClock, now: Date) async throws
        -> [[ServiceIndexMeasure: Count]]
    {
        guard let first = months.first, let last = months.last else { return [] }
        let totals = try await StatisticsCounters(database).monthlyTotals(from: first.from, to: last.end, units: units)
        var result: [[ServiceIndexMeasure: Count]] = []
        for month in months {
            var counts = Self.counts(totals[String(month.from.iso.prefix(7))] ?? [:])
            let (start, end) = month.bounds(clock)
            let unsynced = try await unsynchronised(start: start, end: end, units: units).values.reduce(0, +)
            let synced = counts[.syncedToNationalPortal]!
            counts[.syncedToNationalPortal] = Count(numerator: max(0, synced.numerator - unsynced), denominator: synced.denominator)
            for (_, unitCounts) in try await feedbackCounts(start: start, end: end, now: now, units: units) {
                for (measure, count) in unitCounts { counts[measure] = counts[measure]! + count }
            }
            result.append(counts)
        }
        return result
    }

    /// The counts of the counter measures from summed counters; synchronisation starts at every dossier
    /// received (the caller takes away those not synchronised) and feedback at none.
    static func counts(_ sums: [DossierStatistics.Counter: Int64]) -> [ServiceIndexMeasure: Count] {
        func sum(_ list: [DossierStatistics.Counter]) -> Int { list.reduce(0) { $0 + Int(sums[$1] ?? 0) } }
        var result: [ServiceIndexMeasure: Count] = [.feedbackOnTime: .zero, .feedbackSatisfied: .zero]
        for measure in ServiceIndexMeasure.allCases {
            if let pair = measure.counters { result[measure] = Count(numerator: sum(pair.numerator), denominator: sum(pair.denominator)) }
        }
        let received = sum(DossierStatistics.Counter.new)
        result[.syncedToNationalPortal] = Count(numerator: received, denominator: received)
        return result
    }

    /// Dossiers received in [start, end) (not refused at receipt) with a message the national portal has not
    /// accepted, per processing unit — read from the outbox's pending and failed rows (found by their index),
    /// so the cost follows the backlog, not the number of dossiers.
    func unsynchronised(start: Date, end: Date, units: [Int64]?) async throws -> [Int64: Int] {
        let unitFilter: SQLQueryString = units.map { " AND d.processing_unit_id IN (\(binds: $0))" } ?? ""
        let rows = try await database.raw(
            """
            SELECT d.processing_unit_id AS unit_id, COUNT(DISTINCT d.id) AS n
            FROM portal_outbox o JOIN dossiers d ON d.id = o.dossier_id
            WHERE o.status IN ('pending', 'failed') AND d.received_at >= \(bind: start.milliseconds) AND d.received_at < \(bind: end.milliseconds)
              AND d.status <> 'rejectedAtReceipt'\(unitFilter)
            GROUP BY d.processing_unit_id
            """
        ).all()
        var result: [Int64: Int] = [:]
        for row in rows { result[try row.decode(column: "unit_id", as: Int64.self)] = try row.decode(column: "n", as: Int.self) }
        return result
    }

    /// Feedback per unit: answered on time of those due in [start, end) whose deadline has passed or which
    /// are answered; satisfied of the ratings of answers given in [start, end).
    func feedbackCounts(start: Date, end: Date, now: Date, units: [Int64]?) async throws -> [Int64: [ServiceIndexMeasure: Count]] {
        let select = database.select().columns("unit_id", "due_at", "answered_at", "satisfied", "rated_at").from("feedback")
            .where {
                $0.where { due in
                    due.where("due_at", .greaterThanOrEqual, start.milliseconds).where("due_at", .lessThan, end.milliseconds)
                }.orWhere { rated in
                    rated.where("rated_at", .greaterThanOrEqual, start.milliseconds).where("rated_at", .lessThan, end.milliseconds)
                }
            }
        if let units { select.where("unit_id", .in, units) }
        var result: [Int64: [ServiceIndexMeasure: Count]] = [:]
        for row in try await select.all() {
            let unitID = try row.decode(column: "unit_id", as: Int64.self)
            let due = Date(milliseconds: try row.decode(column: "due_at", as: Int64.self))
            let answered = try row.decode(column: "answered_at", as: Int64?.self).map(Date.init(milliseconds:))
            let satisfied = try row.decode(column: "satisfied", as: Bool?.self)
            let rated = try row.decode(column: "rated_at", as: Int64?.self).map(Date.init(milliseconds:))
            var counts = result[unitID] ?? [.feedbackOnTime: .zero, .feedbackSatisfied: .zero]
            if FeedbackRules.isJudged(due: due, answeredAt: answered, now: now), start <= due, due < end {
                counts[.feedbackOnTime]! =
                    counts[.feedbackOnTime]!
                    + Count(
                        numerator: answered.map { FeedbackRules.isOnTime(answeredAt: $0, due: due) ? 1 : 0 } ?? 0, denominator: 1)
            }
            if let rated, let satisfied, start <= rated, rated < end {
                counts[.feedbackSatisfied]! = counts[.feedbackSatisfied]! + Count(numerator: satisfied ? 1 : 0, denominator: 1)
            }
            result[unitID] = counts
        }
        return result
    }
}
