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
        /// A problem of a file, with the line where it is.
        indirect case onLine(Int, Problem)

        public var description: String {
            switch self {
            case .onLine(let line, let problem): "Dòng \(line): \(problem.description)"
            case .malformed(let detail): "Tệp bộ chỉ số không đúng cấu trúc: \(detail)"
            case .duplicateCode(let code): "Mã \(code) xuất hiện hai lần."
            case .maximaDoNotAddUp(let group): "Điểm tối đa của các chỉ số trong nhóm \(group) không cộng lại bằng điểm tối đa của nhóm."
            case .negativeMaximum(let code): "Điểm tối đa của \(code) không được âm."
            case .emptyGroup(let code): "Nhóm \(code) chưa có chỉ số nào."
            case .validity: "Ngày hết hiệu lực (validTo) đứng trước ngày có hiệu lực (validFrom)."
            }
        }
    }

    /// Reads and checks a framework file: unique codes, non-negative maxima, each group's indicators adding up
    /// to its maximum, known measures (an unknown one fails to decode). A refusal names the line of the file.
    public init(json: Data) throws(Problem) {
        do { self = try JSONDecoder().decode(Self.self, from: json) } catch {
            let (line, reason) = JSONLocator(json).explain(error)
            throw line.map { .onLine($0, .malformed(reason)) } ?? .malformed(reason)
        }
        do { try check() } catch {
            let file = JSONLocator(json)
            let line: Int? =
                switch error {
                case .duplicateCode(let code): file.line(of: "code", inObjectCoded: code, last: true)
                case .maximaDoNotAddUp(let group): file.line(of: "max", inObjectCoded: group)
                case .negativeMaximum(let code): file.line(of: "max", inObjectCoded: code)
                case .emptyGroup(let code): file.line(of: "code", inObjectCoded: code)
                case .validity: file.line(of: ["validTo"])
                case .malformed, .onLine: nil
                }
            throw line.map { .onLine($0, error) } ?? error
        }
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
