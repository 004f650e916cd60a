import Foundation

/// Scores of units compared: the counts of a unit are those of its own dossiers and of its sections'
/// (a section — phòng, ban — is part of the unit); units are ranked within their ranking group (wards,
/// communes and townships together) by their published index (two decimals), standard competition ranking.
/// A unit without any dossier in the period has no index and is not ranked.
public enum ServiceIndexRanking {
    public typealias Counts = [ServiceIndexMeasure: ServiceIndexScore.Count]

    /// A unit and its sections, at any depth.
    public static func members(of unitID: Int64, in units: [OrgUnit]) -> [Int64] {
        var result = [unitID]
        var index = 0
        while index < result.count {
            let parent = result[index]
            result += units.filter { $0.parentID == parent && $0.kind == .section }.map(\.id)
            index += 1
        }
        return result
    }

    /// The counts of several units together (a measure missing everywhere counts 0 of 0).
    public static func sum(_ counts: [Int64: Counts], over units: some Sequence<Int64>) -> Counts {
        var total = Dictionary(uniqueKeysWithValues: ServiceIndexMeasure.allCases.map { ($0, ServiceIndexScore.Count.zero) })
        for unit in units {
            for (measure, count) in counts[unit] ?? [:] { total[measure] = total[measure]! + count }
        }
        return total
    }

    public struct Entry: Sendable {
        public var rank: Int
        public var unit: OrgUnit
        public var score: ServiceIndexScore
    }

    /// The score and rank of each of `units` that has an index in the period; `all` gives their sections.
    public static func rank(_ units: [OrgUnit], framework: ServiceIndexFramework, counts: [Int64: Counts], among all: [OrgUnit]) -> [Entry]
    {
        let scored = units.compactMap { unit -> (OrgUnit, ServiceIndexScore, Decimal)? in
            let score = ServiceIndexScore(framework: framework, counts: sum(counts, over: members(of: unit.id, in: all)))
            return score.index.map { (unit, score, $0) }
        }
        return CompetitionRanking.ranked(scored) { $0.2 }.map { Entry(rank: $0.rank, unit: $0.item.0, score: $0.item.1) }
    }
}
