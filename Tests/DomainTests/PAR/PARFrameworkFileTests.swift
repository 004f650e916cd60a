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
    }

    @Test(arguments: [
        // The rules of a framework, at the line of the criterion or of the field at fault.
        (#""max": 2, "method": "manual""#, #""max": 2"#,
         "Dòng 10: Tiêu chí 1.1 không có tiêu chí thành phần nên phải có phương pháp chấm (manual, computed, survey, deduction)."),
        (#"{"code": "1.2""#, #"{"code": "1.1""#, "Dòng 11: Mã 1.1 xuất hiện hai lần."),
        (#""max": 2,"#, #""max": 0,"#, "Dòng 10: Điểm tối đa của 1.1 phải lớn hơn 0."),
        (#""to": 100"#, #""to": 80"#, "Dòng 11: Tiêu chí 1.2: quy tắc tuyến tính cần hai giá trị from và to khác nhau"),
        (#""unitKind": "department","#, #""unitKind": "department", "withoutSurvey": "rescale","#,
         "Dòng 3: Quy đổi điểm khi không điều tra xã hội học (withoutSurvey: rescale) phải ghi văn bản quy định (withoutSurveySource)."),
        // What the decoder refuses, in Vietnamese, at the line of the value or of the object missing a field.
        (#""max": 5,"#, #""max": "năm","#, "Dòng 8: \(malformed)“max” phải là một số."),
        (#""year": 2025"#, #""year": null"#, "Dòng 2: \(malformed)“year” không được để trống (null)."),
        (#""unitKind": "department""#, #""unitKind": "ministry""#, "Dòng 3: \(malformed)“unitKind” không nhận giá trị “ministry”."),
        (#""method": "manual""#, #""method": "guess""#, "Dòng 10: \(malformed)“method” không nhận giá trị “guess”."),
        (#""name": "Kế hoạch", "#, "", "Dòng 10: \(malformed)thiếu trường “name” trong phần tử thứ 1 của “criteria”."),
        (#""linear": {"from": 80, "to": 100}"#, #""thresholds": 5"#, "Dòng 11: \(malformed)“thresholds” phải là một danh sách [ … ]."),
        // Not JSON at all: the line where the text stops being JSON.
        (#""max": 3, "method": "computed""#, #""max": 3 "method": "computed""#,
         "Dòng 11: \(malformed)không phải JSON hợp lệ (thiếu hoặc thừa dấu phẩy, ngoặc, dấu nháy…)."),
        ("      ]\n    }\n  ]\n}", "      ]\n    }\n  ]\n}\n}", "Dòng 16: \(malformed)không phải JSON hợp lệ (thiếu hoặc thừa dấu phẩy, ngoặc, dấu nháy…)."),
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
