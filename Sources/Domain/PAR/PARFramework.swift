import Foundation

/// A year's PAR INDEX framework for one kind of unit, as data (indices.md §3): areas → criteria →
/// sub-criteria, each with its maximum points; every leaf says how it is scored. A new year or a new annex is
/// another file; the code implements scoring methods, not one year's table.
///
/// File shape (issue 8): `{"year":2025,"unitKind":"department","areas":[{"code":"1","name":…,"max":…,
/// "criteria":[{"code":"1.1","name":…,"max":…,"method":"manual","subCriteria":[…same shape…]}]}]}`, with
/// optional `title`, `note`, `sample` (true while the official annex is not entered), `withoutSurvey`
/// (`"zero"` or `"rescale"`, with `withoutSurveySource`: what a unit for which the survey was not run scores) and
/// `basis` (`{"text": "Quyết định …", "areas": 8, "criteria": 37, "subCriteria": 88, "max": 100, "surveyMax": 32}`:
/// the text transcribed and the structure it publishes, each figure given checked against the file).
public struct PARFramework: Sendable, Equatable, Codable {
    /// The units a framework scores and ranks together (indices.md: departments with departments, communes with
    /// communes; wards, communes and townships are one commune level since 1 Jul 2025).
    public enum UnitGroup: String, Sendable, Codable, CaseIterable {
        case department, district, commune
        /// The city itself: its own self-assessment for the Ministry of Home Affairs (the national framework).
        case province

        public var title: String {
            switch self {
            case .province: "Thành phố (tự đánh giá gửi Bộ Nội vụ)"
            case .department: "Sở, ban, ngành"
            case .district: "Quận, huyện, thị xã"
            case .commune: "Xã, phường, đặc khu"
            }
        }

        public func covers(_ kind: UnitKind) -> Bool {
            switch self {
            case .department: kind == .department
            case .district: kind == .district
            case .commune: kind == .ward || kind == .commune || kind == .township
            case .province: kind == .city
            }
        }
    }

    /// A criterion or sub-criterion: a leaf has a scoring method, a node has sub-criteria.
    public struct Criterion: Sendable, Equatable, Codable {
        public var code: String
        public var name: String
        public var max: Double
        public var method: PARMethod?
        public var subCriteria: [Criterion]?

        public var isLeaf: Bool { subCriteria?.isEmpty ?? true }
        public var leaves: [Criterion] { isLeaf ? [self] : subCriteria!.flatMap(\.leaves) }

        public init(code: String, name: String, max: Double, method: PARMethod? = nil, subCriteria: [Criterion]? = nil) {
            self.code = code
            self.name = name
            self.max = max
            self.method = method
            self.subCriteria = subCriteria
        }

        enum CodingKeys: String, CodingKey { case code, name, max, method, subCriteria }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            code = try container.decode(String.self, forKey: .code)
            name = try container.decode(String.self, forKey: .name)
            max = try container.decode(Double.self, forKey: .max)
            subCriteria = try container.decodeIfPresent([Criterion].self, forKey: .subCriteria)
            // The method's name sits in `method`, its parameters beside it in the same object.
            method = try container.decodeIfPresent(String.self, forKey: .method) == nil ? nil : try PARMethod(from: decoder)
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(code, forKey: .code)
            try container.encode(name, forKey: .name)
            try container.encode(max, forKey: .max)
            try container.encodeIfPresent(subCriteria, forKey: .subCriteria)
            try method?.encode(to: encoder)
        }
    }

    public struct Area: Sendable, Equatable, Codable {
        public var code: String
        public var name: String
        public var max: Double
        public var criteria: [Criterion]

        public var leaves: [Criterion] { criteria.flatMap(\.leaves) }

        public init(code: String, name: String, max: Double, criteria: [Criterion]) {
            self.code = code
            self.name = name
            self.max = max
            self.criteria = criteria
        }
    }

    public var year: Int
    public var unitKind: UnitGroup
    public var title: String?
    /// Where the figures come from and what is ours.
    public var note: String?
    /// True while the framework is a sample, not the official annex.
    public var sample: Bool?
    /// What a unit scores when the survey part was not run for it (every survey leaf without a score); nil: zero.
    public var withoutSurvey: WithoutSurvey?
    /// The text that says so (required with `rescale`).
    public var withoutSurveySource: String?
    /// The official text the framework transcribes, with the structure it publishes; checked against the file.
    public var basis: Basis?
    public var areas: [Area]

    /// How a framework is built: the counts a decision publishes ("8 lĩnh vực, 37 tiêu chí, 88 tiêu chí thành
    /// phần; 100 điểm, 32 điểm điều tra xã hội học"). Criteria are the level under the areas; sub-criteria
    /// everything below them.
    public struct Structure: Sendable, Equatable, Codable {
        public var areas: Int
        public var criteria: Int
        public var subCriteria: Int
        public var max: Double
        public var surveyMax: Double

        public init(areas: Int, criteria: Int, subCriteria: Int, max: Double, surveyMax: Double) {
            self.areas = areas
            self.criteria = criteria
            self.subCriteria = subCriteria
            self.max = max
            self.surveyMax = surveyMax
        }
    }

    public var structure: Structure {
        func below(_ criterion: Criterion) -> Int { (criterion.subCriteria ?? []).reduce(0) { $0 + 1 + below($1) } }
        let criteria = areas.flatMap(\.criteria)
        return Structure(
            areas: areas.count, criteria: criteria.count, subCriteria: criteria.reduce(0) { $0 + below($1) },
            max: max, surveyMax: surveyLeaves.reduce(0) { $0 + $1.max })
    }

    /// The text a framework transcribes (a decision and its annex) and what it publishes of the structure; each
    /// figure given must match the file, so a mistyped or missing row of an official annex is caught on entry.
    public struct Basis: Sendable, Equatable, Codable {
        public var text: String
        public var areas: Int?
        public var criteria: Int?
        public var subCriteria: Int?
        public var max: Double?
        public var surveyMax: Double?

        public init(
            text: String, areas: Int? = nil, criteria: Int? = nil, subCriteria: Int? = nil, max: Double? = nil, surveyMax: Double? = nil
        ) {
            self.text = text
            self.areas = areas
            self.criteria = criteria
            self.subCriteria = subCriteria
            self.max = max
            self.surveyMax = surveyMax
        }

        /// What differs from `structure`, in Vietnamese ("37 tiêu chí (tệp có 36)"); empty when all match.
        public func differences(from structure: Structure) -> [String] {
            func number(_ value: Double) -> String {
                value.rounded() == value ? String(Int(value)) : String(value).replacingOccurrences(of: ".", with: ",")
            }
            var differences: [String] = []
            if let areas, areas != structure.areas { differences.append("\(areas) lĩnh vực (tệp có \(structure.areas))") }
            if let criteria, criteria != structure.criteria { differences.append("\(criteria) tiêu chí (tệp có \(structure.criteria))") }
            if let subCriteria, subCriteria != structure.subCriteria {
                differences.append("\(subCriteria) tiêu chí thành phần (tệp có \(structure.subCriteria))")
            }
            if let max, abs(max - structure.max) > 1e-9 {
                differences.append("\(number(max)) điểm tối đa (tệp có \(number(structure.max)))")
            }
            if let surveyMax, abs(surveyMax - structure.surveyMax) > 1e-9 {
                differences.append("\(number(surveyMax)) điểm điều tra xã hội học (tệp có \(number(structure.surveyMax)))")
            }
            return differences
        }
    }

    /// When the sociological survey was not run for a unit: its survey leaves score 0 (`zero`), or its other
    /// points are taken over the maximum without the survey's and scaled to 100 (`rescale`: Hanoi's PAR guidance
    /// as reported — 63 of 70 appraised points → 90.00).
    public enum WithoutSurvey: String, Sendable, Codable, CaseIterable {
        case zero, rescale
    }

    /// The leaves scored by the survey.
    public var surveyLeaves: [Criterion] {
        leaves.filter { if case .survey = $0.method { true } else { false } }
    }

    public var max: Double { areas.reduce(0) { $0 + $1.max } }
    public var leaves: [Criterion] { areas.flatMap(\.leaves) }

    public enum Problem: Error, Equatable, CustomStringConvertible {
        case malformed(String)
        case duplicateCode(String)
        case badMaximum(String)
        case noMethod(String)
        case empty(String)
        case badRule(String, String)
        case withoutSurveyUnsourced
        /// The structure differs from the one its basis publishes: the basis, and what differs.
        case basisMismatch(String, [String])
        case basisUnnamed
        /// A problem of a file, with the line where it is.
        indirect case onLine(Int, Problem)

        public var description: String {
            switch self {
            case .onLine(let line, let problem): "Dòng \(line): \(problem.description)"
            case .malformed(let detail): "Tệp bộ tiêu chí không đúng cấu trúc: \(detail)"
            case .duplicateCode(let code): "Mã \(code) xuất hiện hai lần."
            case .badMaximum(let code): "Điểm tối đa của \(code) phải lớn hơn 0."
            case .noMethod(let code):
                "Tiêu chí \(code) không có tiêu chí thành phần nên phải có phương pháp chấm (manual, computed, survey, deduction)."
            case .empty(let code): "Lĩnh vực \(code) chưa có tiêu chí nào."
            case .badRule(let code, let detail): "Tiêu chí \(code): \(detail)"
            case .basisMismatch(let text, let differences):
                "Bộ tiêu chí ghi theo “\(text)” nhưng không khớp cấu trúc văn bản đó công bố: " + differences.joined(separator: "; ") + "."
            case .basisUnnamed: "Căn cứ của bộ tiêu chí (basis) phải ghi tên văn bản (text)."
            case .withoutSurveyUnsourced:
                "Quy đổi điểm khi không điều tra xã hội học (withoutSurvey: rescale) phải ghi văn bản quy định (withoutSurveySource)."
            }
        }
    }

    /// Reads and checks a framework file: unique codes, positive maxima, a method on every leaf with the
    /// parameters it needs. A refusal names the line of the file where the problem is (`onLine`).
    public init(json: Data) throws(Problem) {
        do { self = try JSONDecoder().decode(Self.self, from: json) } catch {
            let (line, reason) = JSONLocator(json).explain(error)
            throw Self.onLine(line, .malformed(reason))
        }
        do { try validate() } catch { throw Self.onLine(Self.line(of: error, in: JSONLocator(json)), error) }
    }

    private static func onLine(_ line: Int?, _ problem: Problem) -> Problem { line.map { .onLine($0, problem) } ?? problem }

    /// Where in the file a problem of ``validate()`` is: the line of the field at fault, or of the criterion's code.
    private static func line(of problem: Problem, in file: JSONLocator) -> Int? {
        switch problem {
        case .duplicateCode(let code): return file.line(of: "code", inObjectCoded: code, last: true)
        case .badMaximum(let code): return file.line(of: "max", inObjectCoded: code)
        case .badRule(let code, _): return file.line(of: "method", inObjectCoded: code)
        case .noMethod(let code), .empty(let code): return file.line(of: "code", inObjectCoded: code)
        case .withoutSurveyUnsourced: return file.line(of: ["withoutSurvey"])
        case .basisMismatch, .basisUnnamed: return file.line(of: ["basis"])
        case .malformed, .onLine: return nil
        }
    }

    public init(year: Int, unitKind: UnitGroup, title: String? = nil, note: String? = nil, sample: Bool? = nil, areas: [Area]) {
        self.year = year
        self.unitKind = unitKind
        self.title = title
        self.note = note
        self.sample = sample
        self.areas = areas
    }

    public func validate() throws(Problem) {
        var seen: Set<String> = []
        func check(_ code: String, _ max: Double) throws(Problem) {
            guard seen.insert(code).inserted else { throw .duplicateCode(code) }
            guard max > 0, max.isFinite else { throw .badMaximum(code) }
        }
        func walk(_ criterion: Criterion) throws(Problem) {
            try check(criterion.code, criterion.max)
            if criterion.isLeaf {
                guard let method = criterion.method else { throw .noMethod(criterion.code) }
                if let problem = method.problem { throw .badRule(criterion.code, problem) }
            } else {
                for child in criterion.subCriteria! { try walk(child) }
            }
        }
        for area in areas {
            try check(area.code, area.max)
            guard !area.criteria.isEmpty else { throw .empty(area.code) }
            for criterion in area.criteria { try walk(criterion) }
        }
        if withoutSurvey == .rescale, (withoutSurveySource ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
            throw .withoutSurveyUnsourced
        }
        if let basis {
            guard !basis.text.trimmingCharacters(in: .whitespaces).isEmpty else { throw .basisUnnamed }
            let differences = basis.differences(from: structure)
            guard differences.isEmpty else { throw .basisMismatch(basis.text, differences) }
        }
    }

    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }
}
