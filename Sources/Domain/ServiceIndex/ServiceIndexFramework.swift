import Foundation

/// A version of the service index of Decision 766/QĐ-TTg as data (indices.md): groups of indicators, each
/// with its maximum, the wording of its numerator and denominator, and the `measure` — the name of the
/// count MotCua takes it from, or none where MotCua holds no data for it yet. A new version (new maxima,
/// new validity) is loaded as a file; code implements measures, not one year's table.
public struct ServiceIndexFramework: Sendable, Equatable, Codable {
    public struct Indicator: Sendable, Equatable, Codable {
        public var code: String
        public var name: String
        public var max: Double
        public var numerator: String
        public var denominator: String
        /// What MotCua counts for it; nil: "không có dữ liệu".
        public var measure: ServiceIndexMeasure?
    }

    public struct Group: Sendable, Equatable, Codable {
        public var code: String
        public var name: String
        public var max: Double
        public var indicators: [Indicator]
    }

    public var id: String
    public var title: String
    public var validFrom: LocalDate
    /// The last day it applies; nil while in force.
    public var validTo: LocalDate?
    /// Where the figures come from and what is our reading (kept with the data, shown on the pages).
    public var note: String
    public var groups: [Group]

    public var max: Double { groups.reduce(0) { $0 + $1.max } }
    public var indicators: [Indicator] { groups.flatMap(\.indicators) }

    public enum Problem: Error, Equatable, CustomStringConvertible {
        case malformed(String)
        case duplicateCode(String)
        case maximaDoNotAddUp(group: String)
        case negativeMaximum(String)
        case emptyGroup(String)
        case validity

        public var description: String {
            switch self {
            case .malformed(let detail): "service index framework: \(detail)"
            case .duplicateCode(let code): "service index framework: code \(code) appears twice"
            case .maximaDoNotAddUp(let group): "service index framework: the indicators of group \(group) do not add up to its maximum"
            case .negativeMaximum(let code): "service index framework: \(code) has a negative maximum"
            case .emptyGroup(let code): "service index framework: group \(code) has no indicators"
            case .validity: "service index framework: validTo is before validFrom"
            }
        }
    }

    /// Reads and checks a framework file: unique codes, non-negative maxima, each group's indicators adding up
    /// to its maximum, known measures (an unknown one fails to decode).
    public init(json: Data) throws(Problem) {
        do { self = try JSONDecoder().decode(Self.self, from: json) } catch { throw .malformed(String(describing: error)) }
        try check()
    }

    public func check() throws(Problem) {
        if let validTo, validTo < validFrom { throw .validity }
        var seen: Set<String> = []
        for group in groups {
            guard seen.insert(group.code).inserted else { throw .duplicateCode(group.code) }
            guard !group.indicators.isEmpty else { throw .emptyGroup(group.code) }
            guard group.max >= 0 else { throw .negativeMaximum(group.code) }
            for indicator in group.indicators {
                guard seen.insert(indicator.code).inserted else { throw .duplicateCode(indicator.code) }
                guard indicator.max >= 0 else { throw .negativeMaximum(indicator.code) }
            }
            guard abs(group.indicators.reduce(0) { $0 + $1.max } - group.max) < 1e-9 else { throw .maximaDoNotAddUp(group: group.code) }
        }
    }

    public func applies(on day: LocalDate) -> Bool { validFrom <= day && validTo.map { day <= $0 } ?? true }

    public func indicator(_ code: String) -> Indicator? { indicators.first { $0.code == code } }

    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }
}
