import Domain
import Foundation
import Persistence

/// The service index for a period: the framework in force, every unit's counts, the city's score, and
/// rankings within each ranking group — what the pages, the API and `motcua index` show.
public struct ServiceIndexReport: Sendable {
    public var framework: ServiceIndexFramework
    public var from: LocalDate
    /// The last day, included.
    public var through: LocalDate
    /// Units in force at some day of the period.
    public var units: [OrgUnit]
    public var counts: [Int64: ServiceIndexRanking.Counts]

    /// The whole city: every unit's dossiers together.
    public var city: ServiceIndexScore {
        ServiceIndexScore(framework: framework, counts: ServiceIndexRanking.sum(counts, over: counts.keys))
    }

    public func score(of unit: OrgUnit) -> ServiceIndexScore {
        ServiceIndexScore(
            framework: framework, counts: ServiceIndexRanking.sum(counts, over: ServiceIndexRanking.members(of: unit.id, in: units)))
    }

    /// The units of a ranking group (`UnitKind.rankingGroup`), ranked.
    public func ranking(of group: String) -> [ServiceIndexRanking.Entry] {
        let ranked = VietnameseText.sorted(units.filter { $0.kind.rankingGroup == group }, by: \.name)
        return ServiceIndexRanking.rank(ranked, framework: framework, counts: counts, among: units)
    }

    /// The groups that are ranked: every kind but the city and sections.
    public static let rankedGroups = ["department", "local", "district"]
}

/// What the leaders' dashboard shows (`ServiceIndexPage`): the period's report, the city's trend, and the
/// overdue dossiers by unit.
public struct ServiceIndexDashboard: Sendable {
    public var report: ServiceIndexReport
    public var period: ReportingPeriod
    public var today: LocalDate
    public var trend: [(month: ReportingPeriod, score: ServiceIndexScore)]
    /// Per processing unit (a section apart from its department), as the statistics list behind each bar counts them.
    public var overdue: [(unit: OrgUnit, count: Int)]
    /// All units' satisfaction from the latest SIPAS campaign about the period.
    public var sipas: SIPASSatisfaction?

}

extension AppServices {
    /// Everything the dashboard shows for a period.
    public func serviceIndexDashboard(_ period: ReportingPeriod, today: LocalDate) async throws -> ServiceIndexDashboard {
        let report = try await serviceIndex(from: period.from, through: period.through)
        let overdue = try await overdueByUnit(at: today)
        let byUnit = report.units.compactMap { unit -> (unit: OrgUnit, count: Int)? in overdue[unit.id].map { (unit, $0) } }
            .sorted { ($1.count, $0.unit.name) < ($0.count, $1.unit.name) }
        return ServiceIndexDashboard(
            report: report, period: period, today: today, trend: try await serviceIndexTrend(endingWith: period.through),
            overdue: byUnit,
            sipas: try await SIPASCampaigns(database).satisfaction(of: nil, from: period.from, through: period.through))
    }

    /// Why an index cannot be computed.
    public enum ServiceIndexProblem: Error, Equatable {
        case noFramework(LocalDate)
        case badPeriod

        public var message: String {
            switch self {
            case .noFramework(let day): "Chưa có bộ chỉ số áp dụng cho ngày \(day.vietnamese)."
            case .badPeriod: "Khoảng thời gian không hợp lệ: ngày bắt đầu phải trước ngày kết thúc, tối đa 10 năm."
            }
        }
    }

    /// The city's (or some units' together) score month by month: the `count` months ending with the one of
    /// `last`, each with the framework in force on its first day (months before any framework are left out).
    public func serviceIndexTrend(endingWith last: LocalDate, count: Int = 12, units: [Int64]? = nil) async throws
        -> [(month: ReportingPeriod, score: ServiceIndexScore)]
    {
        let store = ServiceIndexStore(database.reports)
        let frameworks = try await store.frameworks()
        let clock = localClock
        let months = ReportingPeriod.months(count: count, endingWith: last)
        let counts = try await store.monthlyCounts(months: months, units: units, clock: clock, now: self.clock())
        return zip(months, counts).compactMap { month, counts in
            ServiceIndexStore.inForce(frameworks, on: month.from).map { (month, ServiceIndexScore(framework: $0, counts: counts)) }
        }
    }

    /// Dossiers open and past their due instant at the start of `day`, per processing unit (from the counters:
    /// due before the day less due and finished before it — docs/STATISTICS.md).
    public func overdueByUnit(at day: LocalDate) async throws -> [Int64: Int] {
        let sums = try await StatisticsCounters(database.reports).within(
            from: LocalDate(iso: "2000-01-01")!, to: day, counters: [.due, .dueAndFinished])
        return sums.compactMapValues { counters in
            let overdue = Int((counters[.due] ?? 0) - (counters[.dueAndFinished] ?? 0))
            return overdue > 0 ? overdue : nil
        }
    }

    /// The service index for [from, through] (local days), with the framework in force on its first day.
    public func serviceIndex(from: LocalDate, through: LocalDate) async throws -> ServiceIndexReport {
        guard from <= through, from.days(to: through) <= 3660 else { throw ServiceIndexProblem.badPeriod }
        let store = ServiceIndexStore(database.sql)
        try await store.loadShippedIfMissing(at: clock())
        _ = try await recountStatisticsIfMissing()
        let frameworks = try await store.frameworks()
        guard let framework = ServiceIndexStore.inForce(frameworks, on: from) ?? ServiceIndexStore.inForce(frameworks, on: through) else {
            throw ServiceIndexProblem.noFramework(from)
        }
        let period = ReportingPeriod(from: from, through: through)
        let (start, endInstant) = period.bounds(localClock)
        let end = period.end
        let units = try await unitDirectory().list(.init(validDuring: period))
        let counts = try await ServiceIndexStore(database.reports).counts(
            from: from, to: end, start: start, end: endInstant, now: self.clock())
        return ServiceIndexReport(framework: framework, from: from, through: through, units: units, counts: counts)
    }
}
