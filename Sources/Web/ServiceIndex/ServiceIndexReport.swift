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
        ServiceIndexScore(framework: framework, counts: ServiceIndexRanking.sum(counts, over: ServiceIndexRanking.members(of: unit.id, in: units)))
    }

    /// The units of a ranking group (`UnitKind.rankingGroup`), ranked.
    public func ranking(of group: String) -> [ServiceIndexRanking.Entry] {
        let ranked = units.filter { $0.kind.rankingGroup == group }.sorted { VietnameseText.areInIncreasingOrder($0.name, $1.name) }
        return ServiceIndexRanking.rank(ranked, framework: framework, counts: counts, among: units)
    }

    /// The groups that are ranked: every kind but the city and sections.
    public static let rankedGroups = ["department", "local", "district"]
}

extension AppServices {
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

    /// The service index for [from, through] (local days), with the framework in force on its first day.
    public func serviceIndex(from: LocalDate, through: LocalDate) async throws -> ServiceIndexReport {
        guard from <= through, from.days(to: through) <= 3660 else { throw ServiceIndexProblem.badPeriod }
        let store = ServiceIndexStore(database.sql)
        try await store.loadShippedIfNone(at: clock())
        _ = try await recountStatisticsIfMissing()
        var inForce = try await store.framework(on: from)
        if inForce == nil { inForce = try await store.framework(on: through) }
        guard let framework = inForce else { throw ServiceIndexProblem.noFramework(from) }
        let clock = LocalClock(utcOffsetMinutes: configuration.officeHours.utcOffsetMinutes)
        let end = through.adding(days: 1)
        guard let start = clock.instant(parsing: from.iso + "T00:00"), let endInstant = clock.instant(parsing: end.iso + "T00:00") else {
            throw ServiceIndexProblem.badPeriod
        }
        let units = try await self.units.list().filter { unit in
            (unit.validFrom.map { $0 <= through } ?? true) && (unit.validTo.map { $0 >= from } ?? true)
        }
        let counts = try await store.counts(from: from, to: end, start: start, end: endInstant, now: self.clock())
        return ServiceIndexReport(framework: framework, from: from, through: through, units: units, counts: counts)
    }
}
