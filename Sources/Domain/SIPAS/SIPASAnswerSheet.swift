import Foundation

/// One respondent's answers to a questionnaire's items, in the questionnaire's item order: −1 not answered,
/// 0 "don't know", 1–5 a level — what the web questionnaire, a paper form's entry and a stored draft hold.
public struct SIPASAnswerSheet: Sendable, Equatable {
    public static let notAnswered: Int8 = -1

    public private(set) var answers: [Int8]

    /// A sheet with nothing answered.
    public init(blankFor questionnaire: SIPASQuestionnaire) {
        answers = Array(repeating: Self.notAnswered, count: questionnaire.items.count)
    }

    /// Reads a form: one field per item code holding a level, `0` for don't know, or nothing. A value that is
    /// not one of these is a problem naming the item (never silently dropped).
    public init(fields: [String: String], questionnaire: SIPASQuestionnaire) throws(Problem) {
        let allowed = Set(questionnaire.scale.map(\.value) + [questionnaire.dontKnow.value])
        answers = try questionnaire.items.map { item throws(Problem) -> Int8 in
            let text = (fields[item.code] ?? "").trimmingCharacters(in: .whitespaces)
            if text.isEmpty { return Self.notAnswered }
            guard let value = Int(text), allowed.contains(value) else { throw .invalid(item: item.code, value: text) }
            return Int8(value)
        }
    }

    /// Reads the stored text (`4,5,-1,0,…`); nil when it does not fit the questionnaire.
    public init?(stored: String, questionnaire: SIPASQuestionnaire) {
        let values = stored.split(separator: ",", omittingEmptySubsequences: false).map { Int8($0) }
        guard values.count == questionnaire.items.count, values.allSatisfy({ $0.map { (-1...5).contains($0) } ?? false }) else {
            return nil
        }
        answers = values.compactMap { $0 }
    }

    /// The text stored for the sheet and for a response (`SIPASCampaigns.responses` reads it back).
    public var stored: String { answers.map(String.init).joined(separator: ",") }

    public var answeredCount: Int { answers.filter { $0 != Self.notAnswered }.count }

    /// The answer to an item, or nil when it was not answered.
    public func answer(at index: Int) -> Int? { answers[index] == Self.notAnswered ? nil : Int(answers[index]) }

    /// Where two entries of the same paper form disagree: the item indexes (double-entry checking).
    public func differences(from other: SIPASAnswerSheet) -> [Int] {
        zip(answers, other.answers).enumerated().compactMap { index, pair in pair.0 == pair.1 ? nil : index }
    }

    public enum Problem: Error, Equatable, CustomStringConvertible {
        case invalid(item: String, value: String)

        public var description: String {
            switch self {
            case .invalid(let item, let value): "Câu \(item): \"\(value)\" không phải là một mức trả lời (1–5, hoặc 0 nếu không biết)."
            }
        }
    }
}
