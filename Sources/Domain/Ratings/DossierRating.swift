import Foundation

/// The applicant's rating of how one dossier was handled (Decree 61/2018, amended, and Decree 118/2025: every
/// dossier can be rated): a configurable set of criteria, each on its own small scale, plus an overall rating
/// on the 5 levels of SIPAS. The criteria are data with a source note, since the official list is not
/// confirmed (one-stop.md); the raw answers are kept.
public struct RatingCriteria: Sendable, Equatable, Codable {
    public struct Criterion: Sendable, Equatable, Codable {
        public var code: String
        public var text: String
        /// Labels of the scale, lowest first; a score is an index into it.
        public var scale: [String]
        /// Asked only about a dossier with a fee or charge due (a free procedure has no receipt to judge).
        public var onlyWhenFeeDue: Bool?
    }

    /// The criteria that apply to a dossier: those about fees only where a fee was due.
    public func applicable(feeDue: Bool) -> RatingCriteria {
        var applicable = self
        applicable.criteria = criteria.filter { $0.onlyWhenFeeDue != true || feeDue }
        return applicable
    }

    public var version: Int
    public var source: String
    public var criteria: [Criterion]
    /// Labels of the overall rating, 1 (lowest) to 5.
    public var overall: [String]

    public enum Problem: Error, Equatable, CustomStringConvertible {
        case malformed(String)
        case overallMustHaveFiveLevels
        case duplicateCode(String)
        case scaleTooShort(String)

        public var description: String {
            switch self {
            case .malformed(let detail): "rating criteria: \(detail)"
            case .overallMustHaveFiveLevels: "rating criteria: the overall rating needs five labels"
            case .duplicateCode(let code): "rating criteria: code \(code) appears twice"
            case .scaleTooShort(let code): "rating criteria: \(code) needs at least two levels"
            }
        }
    }

    public init(json: Data) throws(Problem) {
        do { self = try JSONDecoder().decode(RatingCriteria.self, from: json) } catch { throw .malformed(String(describing: error)) }
        guard overall.count == 5 else { throw .overallMustHaveFiveLevels }
        var seen: Set<String> = []
        for criterion in criteria {
            guard seen.insert(criterion.code).inserted else { throw .duplicateCode(criterion.code) }
            guard criterion.scale.count >= 2 else { throw .scaleTooShort(criterion.code) }
        }
    }
}

/// One applicant's answers.
public struct DossierRating: Sendable, Equatable {
    /// 1–5.
    public var overall: Int
    /// Score per criterion code (an index into its scale); a criterion may be left unanswered.
    public var answers: [String: Int]
    public var comment: String

    public init(overall: Int, answers: [String: Int], comment: String = "") {
        self.overall = overall
        self.answers = answers
        self.comment = comment
    }

    /// Why answers cannot be kept, in Vietnamese; empty when they can.
    public func problems(against criteria: RatingCriteria) -> [String] {
        var problems: [String] = []
        if !(1...5).contains(overall) { problems.append("Vui lòng chọn mức đánh giá chung từ 1 đến 5.") }
        for (code, score) in answers {
            guard let criterion = criteria.criteria.first(where: { $0.code == code }) else {
                problems.append("Tiêu chí \(code) không có trong bộ tiêu chí.")
                continue
            }
            if !criterion.scale.indices.contains(score) { problems.append("Mức chấm của tiêu chí “\(criterion.text)” không hợp lệ.") }
        }
        if comment.count > 2000 { problems.append("Ý kiến góp ý tối đa 2.000 ký tự.") }
        return problems
    }

    /// Satisfied, as the satisfaction indicators count it: overall 4 (hài lòng) or 5 (rất hài lòng).
    public var isSatisfied: Bool { overall >= 4 }

    /// How long a rating can still be changed after it was first given.
    public static let changeableFor: TimeInterval = 7 * 86_400

    /// Whether a dossier in this status can be rated: once its result was handed over, or the applicant was told
    /// it is ineligible.
    public static func canRate(_ status: DossierStatus) -> Bool { status == .returned || status == .ineligible }
}
