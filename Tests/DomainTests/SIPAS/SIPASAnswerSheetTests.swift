import Domain
import Foundation
import Testing

/// A respondent's answers read from a form or from storage, and the differences between two entries of a
/// paper form.
@Suite struct SIPASAnswerSheetTests {
    static let questionnaire = try! SIPASQuestionnaire(
        json: Data(
            """
            {"id":"t","title":"t","note":"","scale":[{"value":1,"label":"1"},{"value":2,"label":"2"},{"value":3,"label":"3"},{"value":4,"label":"4"},
             {"value":5,"label":"5"}],"satisfiedValues":[4,5],"dontKnow":{"value":0,"label":"Không biết"},"profile":[],
             "sections":[{"code":"service","label":"Dịch vụ","aspects":[{"code":"A","label":"A","items":[{"code":"A.1","text":"a1"},{"code":"A.2","text":"a2"},
             {"code":"A.3","text":"a3"}]}]}]}
            """.utf8))

    @Test(
        arguments: [
            (["A.1": "4", "A.2": "0", "A.3": ""], [4, 0, -1]),
            ([:], [-1, -1, -1]),
            (["A.1": " 5 ", "A.3": "1", "other": "x"], [5, -1, 1]),
        ] as [([String: String], [Int8])])
    func aFormIsRead(fields: [String: String], answers: [Int8]) throws {
        let sheet = try SIPASAnswerSheet(fields: fields, questionnaire: Self.questionnaire)
        #expect(sheet.answers == answers)
        #expect(SIPASAnswerSheet(stored: sheet.stored, questionnaire: Self.questionnaire) == sheet)
    }

    @Test(arguments: [("A.2", "7"), ("A.1", "4.5"), ("A.3", "-1"), ("A.1", "có")])
    func aValueThatIsNotALevelIsNamed(item: String, value: String) {
        #expect(throws: SIPASAnswerSheet.Problem.invalid(item: item, value: value)) {
            try SIPASAnswerSheet(fields: [item: value], questionnaire: Self.questionnaire)
        }
    }

    @Test(arguments: ["4,0", "4,0,-1,5", "4,0,9", "4,,1", ""])
    func aStoredTextThatDoesNotFitIsRefused(stored: String) {
        #expect(SIPASAnswerSheet(stored: stored, questionnaire: Self.questionnaire) == nil)
    }

    @Test func twoEntriesDifferWhereTheirAnswersDo() throws {
        let first = try SIPASAnswerSheet(fields: ["A.1": "4", "A.2": "5"], questionnaire: Self.questionnaire)
        let second = try SIPASAnswerSheet(fields: ["A.1": "4", "A.2": "3", "A.3": "0"], questionnaire: Self.questionnaire)
        #expect(first.differences(from: second) == [1, 2])
        #expect(first.differences(from: first).isEmpty)
        #expect(first.answeredCount == 2 && second.answeredCount == 3 && SIPASAnswerSheet(blankFor: Self.questionnaire).answeredCount == 0)
    }
}
