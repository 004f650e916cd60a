import Domain
import Foundation

/// The service index of one unit (or the city) as JSON — `motcua index service --json` and the API.
/// Points and the index are published to two decimals; an indicator without data has no numerator, denominator
/// or points, one not applicable (denominator 0) no points; without any dossier `index` and `total` are null.
public struct ServiceIndexDocument: Codable, Sendable, Equatable {
    public struct Indicator: Codable, Sendable, Equatable {
        public var code: String
        public var name: String
        public var numerator: Int?
        public var denominator: Int?
        public var applicable: Bool
        public var hasData: Bool
        public var points: Decimal?
        public var max: Decimal

        /// Absent figures are written as null, not left out.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(code, forKey: .code)
            try container.encode(name, forKey: .name)
            try container.encode(numerator, forKey: .numerator)
            try container.encode(denominator, forKey: .denominator)
            try container.encode(applicable, forKey: .applicable)
            try container.encode(hasData, forKey: .hasData)
            try container.encode(points, forKey: .points)
            try container.encode(max, forKey: .max)
        }
    }

    public struct Group: Codable, Sendable, Equatable {
        public var code: String
        public var name: String
        public var points: Decimal
        public var max: Decimal
        public var measurableMax: Decimal
        public var indicators: [Indicator]
    }

    public var unit: String
    public var name: String
    public var from: String
    public var to: String
    public var framework: String
    /// The index (0–100): the total over the measurable maximum; null: "Chưa có dữ liệu".
    public var index: Decimal?
    /// The points of the applicable indicators; null with the index.
    public var total: Decimal?
    public var max: Decimal
    /// The maxima of the applicable indicators.
    public var measurableMax: Decimal
    public var groups: [Group]

    /// Absent figures are written as null, not left out.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        for (key, value) in [(CodingKeys.unit, unit), (.name, name), (.from, from), (.to, to), (.framework, framework)] {
            try container.encode(value, forKey: key)
        }
        try container.encode(index, forKey: .index)
        try container.encode(total, forKey: .total)
        try container.encode(max, forKey: .max)
        try container.encode(measurableMax, forKey: .measurableMax)
        try container.encode(groups, forKey: .groups)
    }

    public init(unit: String, name: String, report: ServiceIndexReport, score: ServiceIndexScore) {
        self.unit = unit
        self.name = name
        from = report.from.iso
        to = report.through.iso
        framework = report.framework.id
        index = score.index
        total = score.index == nil ? nil : score.total.published
        max = score.max
        measurableMax = score.measurableMax
        groups = score.groups.map { group in
            Group(
                code: group.code, name: group.name, points: group.points.published, max: group.max, measurableMax: group.measurableMax,
                indicators: group.indicators.map { indicator in
                    Indicator(
                        code: indicator.code, name: indicator.name, numerator: indicator.count?.numerator,
                        denominator: indicator.count?.denominator,
                        applicable: indicator.isApplicable, hasData: indicator.hasData, points: indicator.points?.published,
                        max: indicator.max)
                })
        }
    }
}

/// A ranking as JSON — `motcua index rank --json` and the API.
public struct ServiceIndexRankingDocument: Codable, Sendable, Equatable {
    public struct Entry: Codable, Sendable, Equatable {
        public var rank: Int
        public var unit: String
        public var name: String
        /// The published index the rank compares.
        public var index: Decimal
        public var total: Decimal
    }

    public var kind: String
    public var from: String
    public var to: String
    public var framework: String
    public var units: [Entry]

    public init(kind: String, report: ServiceIndexReport, entries: [ServiceIndexRanking.Entry]) {
        self.kind = kind
        from = report.from.iso
        to = report.through.iso
        framework = report.framework.id
        units = entries.compactMap { entry in
            entry.score.index.map {
                Entry(rank: entry.rank, unit: entry.unit.code, name: entry.unit.name, index: $0, total: entry.score.total.published)
            }
        }
    }
}
