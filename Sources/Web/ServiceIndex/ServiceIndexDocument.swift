import Domain
import Foundation
import Hummingbird

/// The service index of one unit (or the city) as JSON — `motcua index service --json` and the API.
/// Figures are unrounded; an indicator without data has no numerator, denominator or points.
public struct ServiceIndexDocument: Codable, Sendable, Equatable {
    public struct Indicator: Codable, Sendable, Equatable {
        public var code: String
        public var name: String
        public var numerator: Int?
        public var denominator: Int?
        public var applicable: Bool
        public var hasData: Bool
        public var points: Double?
        public var max: Double

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
        public var points: Double
        public var max: Double
        public var indicators: [Indicator]
    }

    public var unit: String
    public var name: String
    public var from: String
    public var to: String
    public var framework: String
    public var total: Double
    public var max: Double
    /// The maxima of the indicators MotCua measures, and the total over them scaled to 100.
    public var measurableMax: Double
    public var scaledTo100: Double?
    public var groups: [Group]

    public init(unit: String, name: String, report: ServiceIndexReport, score: ServiceIndexScore) {
        self.unit = unit
        self.name = name
        from = report.from.iso
        to = report.through.iso
        framework = report.framework.id
        total = score.total
        max = score.max
        measurableMax = score.measurableMax
        scaledTo100 = score.scaledTo100
        groups = score.groups.map { group in
            Group(code: group.code, name: group.name, points: group.points, max: group.max, indicators: group.indicators.map { indicator in
                Indicator(code: indicator.code, name: indicator.name, numerator: indicator.count?.numerator, denominator: indicator.count?.denominator,
                          applicable: indicator.isApplicable, hasData: indicator.hasData, points: indicator.points, max: indicator.max)
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
        public var total: Double
        public var scaledTo100: Double?
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
        units = entries.map { Entry(rank: $0.rank, unit: $0.unit.code, name: $0.unit.name, total: $0.score.total, scaledTo100: $0.score.scaledTo100) }
    }
}

extension ServiceIndexDocument: ResponseEncodable {}
extension ServiceIndexRankingDocument: ResponseEncodable {}
