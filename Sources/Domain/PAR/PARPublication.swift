import Foundation

/// What is published of a round (public, no internal comments): each unit's total, index and rank, its areas,
/// the change from the previous year's published index, and the areas where it lost most points. Stored as
/// published and never recomputed.
public struct PARPublication: Sendable, Equatable, Codable {
    public struct Area: Sendable, Equatable, Codable {
        public var code: String
        public var name: String
        public var max: Double
    }

    public struct Unit: Sendable, Equatable, Codable {
        public var code: String
        public var name: String
        public var total: Decimal
        /// Published: two decimals.
        public var index: Decimal
        public var rank: Int
        public var areas: [String: Decimal]
        /// Index points gained since the previous year's publication (nil: not published then).
        public var change: Decimal?
        /// The (at most three) areas with the most points lost, worst first.
        public var lostMost: [String]
        /// The leaves' scores as decided, so that anyone can recompute the ranking (`motcua par compute`).
        public var leaves: [String: Double]
        /// The survey was not run for the unit and its index was rescaled (nil in publications made before issue 21).
        public var rescaledWithoutSurvey: Bool?
    }

    public var year: Int
    public var unitKind: PARFramework.UnitGroup
    public var title: String
    public var sample: Bool
    public var max: Double
    public var areas: [Area]
    public var units: [Unit]

    /// Builds the publication from the leaf scores (unit code → leaf → points), the units' names and the previous
    /// year's indices by unit code.
    public init(framework: PARFramework, scores: [String: [String: Double]], names: [String: String], previous: [String: Decimal]) {
        let results = PARResults.compute(framework, scores: scores)
        year = framework.year
        unitKind = framework.unitKind
        title = framework.title ?? "Chỉ số cải cách hành chính năm \(framework.year)"
        sample = framework.sample ?? false
        max = framework.max
        areas = framework.areas.map { Area(code: $0.code, name: $0.name, max: $0.max) }
        units = results.units.map { unit in
            let lost = framework.areas.map { ($0.code, Decimal(double: $0.max) - (unit.areas[$0.code] ?? 0)) }.filter { $0.1 > 0 }
                .sorted { ($1.1, $0.0) < ($0.1, $1.0) }.prefix(3).map(\.0)
            return Unit(
                code: unit.unit, name: names[unit.unit] ?? unit.unit, total: unit.total, index: unit.index, rank: unit.rank,
                areas: unit.areas,
                change: previous[unit.unit].map { unit.index - $0.published }, lostMost: Array(lost), leaves: scores[unit.unit] ?? [:],
                rescaledWithoutSurvey: unit.rescaledWithoutSurvey)
        }
    }

    /// The leaf scores as `motcua par compute` reads them (unit, criterion, score).
    public var scoresCSV: String {
        CSV.text(
            [["unit", "criterion", "score"]]
                + units.flatMap { unit in unit.leaves.keys.sorted().map { [unit.code, $0, String(unit.leaves[$0]!)] } })
    }

    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(self)
    }
}

extension PARFramework {
    /// The platform's figure and points of every leaf whose method names a source with a figure.
    public func platformPoints(_ figures: [PARSource: Double]) -> [String: (value: Double, points: Double)] {
        var result: [String: (value: Double, points: Double)] = [:]
        for leaf in leaves {
            guard let method = leaf.method, let source = method.source, let value = figures[source],
                let points = method.points(for: value, max: leaf.max)
            else { continue }
            result[leaf.code] = (value, points)
        }
        return result
    }
}
