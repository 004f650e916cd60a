import Foundation

/// A framework as the rows of the secretariat's editor: one row per area, criterion and sub-criterion, the
/// tree given by the codes ("3" an area, "3.4" its criterion, "3.4.1" a sub-criterion of that). A leaf's
/// method is a name and a rule written as people write it: thresholds `100=4; 90=3` (at least 100 → 4
/// points), a linear rule `80..100` (0 points at 80, the maximum at 100), a deduction `0,5` (points per
/// occurrence).
public struct PARFrameworkTable: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        public var code: String
        public var name: String
        public var max: String
        /// `manual`, `computed`, `survey`, `deduction`, or empty for an area or a criterion with sub-criteria.
        public var method: String
        /// A `PARSource` raw value, or empty.
        public var source: String
        public var rule: String

        public init(code: String, name: String, max: String, method: String = "", source: String = "", rule: String = "") {
            self.code = code
            self.name = name
            self.max = max
            self.method = method
            self.source = source
            self.rule = rule
        }
    }

    public enum Problem: Error, Equatable, CustomStringConvertible {
        case badMaximum(String)
        case noParent(String)
        case badRule(String, String)
        case framework(PARFramework.Problem)

        public var description: String {
            switch self {
            case .badMaximum(let code): "Dòng \(code): điểm tối đa phải là một số."
            case .noParent(let code):
                "Dòng \(code): không có lĩnh vực hoặc tiêu chí cha (mã \(code.split(separator: ".").dropLast().joined(separator: ".")))."
            case .badRule(let code, let detail): "Dòng \(code): \(detail)"
            case .framework(let problem): problem.description
            }
        }
    }

    /// The rows of a framework, parents before their children.
    public static func rows(of framework: PARFramework) -> [Row] {
        func rows(_ criterion: PARFramework.Criterion) -> [Row] {
            [
                Row(
                    code: criterion.code, name: criterion.name, max: number(criterion.max), method: criterion.method?.name ?? "",
                    source: criterion.method?.source?.rawValue ?? "", rule: criterion.method.map(ruleText) ?? "")
            ]
                + (criterion.subCriteria ?? []).flatMap(rows)
        }
        return framework.areas.flatMap { area in
            [Row(code: area.code, name: area.name, max: number(area.max))] + area.criteria.flatMap(rows)
        }
    }

    /// The framework the rows describe (rows with an empty code are left out), checked like a file; everything
    /// else — year, kind of unit, title, note, the rule without a survey, the declared basis — is `base`'s.
    public static func framework(_ base: PARFramework, rows: [Row]) throws(Problem) -> PARFramework {
        let rows = rows.map { row in
            Row(
                code: row.code.trimmingCharacters(in: .whitespaces), name: row.name.trimmingCharacters(in: .whitespaces), max: row.max,
                method: row.method.trimmingCharacters(in: .whitespaces), source: row.source.trimmingCharacters(in: .whitespaces),
                rule: row.rule)
        }.filter { !$0.code.isEmpty }
        let codes = Set(rows.map(\.code))
        for row in rows where row.code.contains(".") {
            let parent = row.code.split(separator: ".").dropLast().joined(separator: ".")
            guard codes.contains(parent) else { throw .noParent(row.code) }
        }
        func parentCode(_ code: String) -> String { code.split(separator: ".").dropLast().joined(separator: ".") }
        func criterion(_ row: Row) throws(Problem) -> PARFramework.Criterion {
            let children = rows.filter { $0.code.contains(".") && parentCode($0.code) == row.code }
            var subCriteria: [PARFramework.Criterion] = []
            for child in children { subCriteria.append(try criterion(child)) }
            return PARFramework.Criterion(
                code: row.code, name: row.name, max: try maximum(row),
                method: children.isEmpty ? try method(row) : nil, subCriteria: children.isEmpty ? nil : subCriteria)
        }
        var areas: [PARFramework.Area] = []
        for row in rows where !row.code.contains(".") {
            var criteria: [PARFramework.Criterion] = []
            for child in rows where child.code.contains(".") && parentCode(child.code) == row.code { criteria.append(try criterion(child)) }
            areas.append(PARFramework.Area(code: row.code, name: row.name, max: try maximum(row), criteria: criteria))
        }
        var framework = base
        framework.areas = areas
        do { try framework.validate() } catch { throw .framework(error) }
        return framework
    }

    static func maximum(_ row: Row) throws(Problem) -> Double {
        guard let value = Double(row.max.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: ".")) else {
            throw .badMaximum(row.code)
        }
        return value
    }

    /// A leaf's method from its row; nil when the row names none (the framework's check then says so).
    static func method(_ row: Row) throws(Problem) -> PARMethod? {
        let source: PARSource?
        if row.source.isEmpty {
            source = nil
        } else {
            guard let known = PARSource(rawValue: row.source) else {
                throw .badRule(row.code, "nguồn số liệu “\(row.source)” không có trong MotCua.")
            }
            source = known
        }
        let rule = row.rule.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: ".")
        switch row.method {
        case "": return nil
        case "manual": return .manual
        case "survey": return .survey(source: source)
        case "deduction":
            guard let per = Double(rule) else { throw .badRule(row.code, "ghi số điểm trừ mỗi lần, ví dụ 0,5.") }
            return .deduction(source: source, perOccurrence: per)
        case "computed":
            guard let source else { throw .badRule(row.code, "phương pháp computed cần nguồn số liệu.") }
            if let range = rule.range(of: "..") {
                guard let from = Double(rule[..<range.lowerBound].trimmingCharacters(in: .whitespaces)),
                    let to = Double(rule[range.upperBound...].trimmingCharacters(in: .whitespaces))
                else {
                    throw .badRule(row.code, "quy tắc tuyến tính ghi dạng 80..100.")
                }
                return .computed(source: source, rule: .linear(from: from, to: to))
            }
            var thresholds: [PARMethod.Threshold] = []
            for part in rule.split(separator: ";") where !part.trimmingCharacters(in: .whitespaces).isEmpty {
                let pair = part.split(separator: "=").map { $0.trimmingCharacters(in: .whitespaces) }
                guard pair.count == 2, let atLeast = Double(pair[0]), let points = Double(pair[1]) else {
                    throw .badRule(row.code, "ngưỡng ghi dạng 100=4; 90=3 (đạt từ 100 được 4 điểm).")
                }
                thresholds.append(.init(atLeast: atLeast, points: points))
            }
            return .computed(source: source, rule: .thresholds(thresholds))
        case let other:
            throw .badRule(row.code, "phương pháp “\(other)” không có (manual, computed, survey, deduction).")
        }
    }

    static func ruleText(_ method: PARMethod) -> String {
        switch method {
        case .manual, .survey: ""
        case .computed(_, .thresholds(let thresholds)):
            thresholds.map { "\(number($0.atLeast))=\(number($0.points))" }.joined(separator: "; ")
        case .computed(_, .linear(let from, let to)): "\(number(from))..\(number(to))"
        case .deduction(_, let per): number(per)
        }
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value).replacingOccurrences(of: ".", with: ",")
    }
}
