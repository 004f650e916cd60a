import Domain
import Foundation
import Testing

/// A framework file that cannot be used is refused with the line to look at and the reason in Vietnamese —
/// on the framework pages and by `motcua par load-framework` / `par compute --framework` (exit status 2).
@Suite struct PARFrameworkFileTests {
    static let file = """
        {
          "year": 2025,
          "unitKind": "department",
          "areas": [
            {
              "code": "1",
              "name": "Chỉ đạo, điều hành",
              "max": 5,
              "criteria": [
                {"code": "1.1", "name": "Kế hoạch", "max": 2, "method": "manual"},
                {"code": "1.2", "name": "Đúng hạn", "max": 3, "method": "computed", "source": "tasks.completion", "linear": {"from": 80, "to": 100}}
              ]
            }
          ]
        }
        """

    static let malformed = "Tệp bộ tiêu chí không đúng cấu trúc: "

    @Test func theFileAsGivenIsRead() throws {
        let framework = try PARFramework(json: Data(Self.file.utf8))
        #expect(framework.leaves.map(\.code) == ["1.1", "1.2"] && framework.max == 5)
        #expect(framework.structure == .init(areas: 1, criteria: 2, subCriteria: 0, max: 5, surveyMax: 0))
        // A basis whose published figures match is accepted.
        let based = Self.file.replacingOccurrences(
            of: #""unitKind": "department","#,
            with: #""unitKind": "department", "basis": {"text": "QĐ thử", "areas": 1, "criteria": 2, "max": 5},"#)
        #expect(try PARFramework(json: Data(based.utf8)).basis?.text == "QĐ thử")
    }

    /// Counting as decisions publish: criteria under the areas, sub-criteria every level below; the survey's points.
    @Test func theStructureCountsAsDecisionsDo() {
        let framework = PARFramework(
            year: 2025, unitKind: .province,
            areas: [
                .init(
                    code: "1", name: "a", max: 60,
                    criteria: [
                        .init(
                            code: "1.1", name: "a", max: 30,
                            subCriteria: [
                                .init(code: "1.1.1", name: "a", max: 10, method: .manual),
                                .init(
                                    code: "1.1.2", name: "a", max: 20,
                                    subCriteria: [.init(code: "1.1.2.1", name: "a", max: 20, method: .manual)]),
                            ]),
                        .init(code: "1.2", name: "a", max: 30, method: .manual),
                    ]),
                .init(code: "2", name: "b", max: 40, criteria: [.init(code: "2.1", name: "b", max: 40, method: .survey(source: nil))]),
            ])
        #expect(framework.structure == .init(areas: 2, criteria: 3, subCriteria: 3, max: 100, surveyMax: 40))
    }

    @Test(arguments: [
        // The rules of a framework, at the line of the criterion or of the field at fault.
        (
            #""max": 2, "method": "manual""#, #""max": 2"#,
            "Dòng 10: Tiêu chí 1.1 không có tiêu chí thành phần nên phải có phương pháp chấm (manual, computed, survey, deduction)."
        ),
        (#"{"code": "1.2""#, #"{"code": "1.1""#, "Dòng 11: Mã 1.1 xuất hiện hai lần."),
        (#""max": 2,"#, #""max": 0,"#, "Dòng 10: Điểm tối đa của 1.1 phải lớn hơn 0."),
        (#""to": 100"#, #""to": 80"#, "Dòng 11: Tiêu chí 1.2: quy tắc tuyến tính cần hai giá trị from và to khác nhau"),
        (
            #""unitKind": "department","#, #""unitKind": "department", "withoutSurvey": "rescale","#,
            "Dòng 3: Quy đổi điểm khi không điều tra xã hội học (withoutSurvey: rescale) phải ghi văn bản quy định (withoutSurveySource)."
        ),
        (
            #""unitKind": "department","#,
            #""unitKind": "department", "basis": {"text": "QĐ thử", "areas": 1, "criteria": 3, "surveyMax": 2.5},"#,
            "Dòng 3: Bộ tiêu chí ghi theo “QĐ thử” nhưng không khớp cấu trúc văn bản đó công bố: 3 tiêu chí (tệp có 2); 2,5 điểm điều tra xã hội học (tệp có 0)."
        ),
        (
            #""unitKind": "department","#, #""unitKind": "department", "basis": {"text": " "},"#,
            "Dòng 3: Căn cứ của bộ tiêu chí (basis) phải ghi tên văn bản (text)."
        ),
        // What the decoder refuses, in Vietnamese, at the line of the value or of the object missing a field.
        (#""max": 5,"#, #""max": "năm","#, "Dòng 8: \(malformed)“max” phải là một số."),
        (#""year": 2025"#, #""year": null"#, "Dòng 2: \(malformed)“year” không được để trống (null)."),
        (#""unitKind": "department""#, #""unitKind": "ministry""#, "Dòng 3: \(malformed)“unitKind” không nhận giá trị “ministry”."),
        (#""method": "manual""#, #""method": "guess""#, "Dòng 10: \(malformed)“method” không nhận giá trị “guess”."),
        (#""name": "Kế hoạch", "#, "", "Dòng 10: \(malformed)thiếu trường “name” trong phần tử thứ 1 của “criteria”."),
        (#""linear": {"from": 80, "to": 100}"#, #""thresholds": 5"#, "Dòng 11: \(malformed)“thresholds” phải là một danh sách [ … ]."),
        // Not JSON at all: the line where the text stops being JSON.
        (
            #""max": 3, "method": "computed""#, #""max": 3 "method": "computed""#,
            "Dòng 11: \(malformed)không phải JSON hợp lệ (thiếu hoặc thừa dấu phẩy, ngoặc, dấu nháy…)."
        ),
        (
            "      ]\n    }\n  ]\n}", "      ]\n    }\n  ]\n}\n}",
            "Dòng 16: \(malformed)không phải JSON hợp lệ (thiếu hoặc thừa dấu phẩy, ngoặc, dấu nháy…)."
        ),
    ])
    func aBadFileIsRefusedWithItsLineAndReason(replacing: String, with replacement: String, message: String) throws {
        #expect(Self.file.contains(replacing))
        let text = Self.file.replacingOccurrences(of: replacing, with: replacement)
        do {
            _ = try PARFramework(json: Data(text.utf8))
            Issue.record("accepted: \(text)")
        } catch {
            #expect(error.description == message)
        }
    }
}
