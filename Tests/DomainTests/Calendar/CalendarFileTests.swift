import Domain
import Foundation
import Testing

/// A year's calendar as a file (the shape of the shipped official-days.json): read whole, or refused with the
/// line to look at and the reason in Vietnamese.
@Suite struct CalendarFileTests {
    static let file = """
        {
          "source": "Thông báo thử nghiệm về lịch nghỉ năm 2027",
          "days": [
            {"date": "2027-01-01", "kind": "holiday", "name": "Tết Dương lịch", "reference": "Bộ luật Lao động 2019, khoản 1 Điều 112"},
            {"date": "2027-02-05", "kind": "swappedOff", "name": "Nghỉ hoán đổi dịp Tết", "reference": "Thông báo thử nghiệm"},
            {"date": "2027-02-20", "kind": "swappedWorkday", "name": "Làm bù", "reference": "Thông báo thử nghiệm", "provisional": false}
          ]
        }
        """

    @Test func theFileAsGivenIsRead() throws {
        let file = try CalendarFile(json: Data(Self.file.utf8))
        #expect(file.years == [2027] && file.days.map(\.date.iso) == ["2027-01-01", "2027-02-05", "2027-02-20"])
        #expect(file.days.allSatisfy { !$0.isProvisional } && file.source == "Thông báo thử nghiệm về lịch nghỉ năm 2027")
        #expect(file.span == LocalDate(iso: "2027-01-01")!...LocalDate(iso: "2027-12-31")!)
    }

    @Test func aFileWrittenOutReadsBackTheSame() throws {
        let file = CalendarFile(source: "Nguồn có \"dấu nháy\" và \\", days: OfficialCalendar.rows)
        let back = try CalendarFile(json: file.json())
        #expect(back == file)
        #expect(String(decoding: file.json(), as: UTF8.self).split(separator: "\n").count == file.days.count + 5, "one row per line")
    }

    /// The shipped calendar is read by the same rules (2024–2026, with the 2026 New Year swap).
    @Test func theShippedCalendarPassesTheSameChecks() {
        #expect(Set(OfficialCalendar.rows.map(\.date.year)) == [2024, 2025, 2026])
        #expect(OfficialCalendar.rows.contains { $0.date.iso == "2026-01-02" && $0.kind == .swappedOff })
    }

    @Test(arguments: [
        (
            #""source": "Thông báo thử nghiệm về lịch nghỉ năm 2027","#, #""source": " ","#,
            "Dòng 2: Vui lòng ghi nguồn của tệp (“source”: văn bản của Chính phủ cho năm)."
        ),
        (#""date": "2027-02-20""#, #""date": "2027-02-19""#, "Dòng 6: Ngày 19/02/2027: Ngày làm bù phải là thứ Bảy hoặc Chủ nhật."),
        (
            #""date": "2027-02-05""#, #""date": "2027-02-06""#,
            "Dòng 5: Ngày 06/02/2027: Ngày nghỉ bù hoặc nghỉ do hoán đổi phải là ngày làm việc trong tuần (thứ Hai đến thứ Sáu)."
        ),
        (#""name": "Tết Dương lịch""#, #""name": "  ""#, "Dòng 4: Ngày 01/01/2027: Vui lòng nhập tên ngày (ví dụ: Tết Âm lịch)."),
        (
            #""reference": "Thông báo thử nghiệm"}"#, #""reference": ""}"#,
            "Dòng 5: Ngày 05/02/2027: Vui lòng nhập căn cứ pháp lý (số văn bản, ngày ban hành)."
        ),
        (#""date": "2027-01-01""#, #""date": "2027-02-05""#, "Dòng 5: Ngày 05/02/2027 đã có ở dòng 4."),
        (
            #""kind": "swappedWorkday""#, #""kind": "holiday""#,
            "Dòng 5: Năm 2027 có 1 ngày nghỉ do hoán đổi nhưng 0 ngày làm bù: mỗi ngày nghỉ do hoán đổi phải có đúng một ngày làm bù trong cùng năm."
        ),
        (#""date": "2027-01-01""#, #""date": "3027-01-01""#, "Dòng 4: Ngày 01/01/3027: Năm phải trong khoảng 2000–2100."),
        (
            #""date": "2027-01-01""#, #""date": "01/01/2027""#,
            "Dòng 4: Tệp lịch không đúng cấu trúc: “date” không nhận giá trị “01/01/2027”."
        ),
        (#""kind": "holiday""#, #""kind": "lễ""#, "Dòng 4: Tệp lịch không đúng cấu trúc: “kind” không nhận giá trị “lễ”."),
        (
            #", "provisional": false}"#, #", "provisional": "không"}"#,
            "Dòng 6: Tệp lịch không đúng cấu trúc: “provisional” phải là true hoặc false."
        ),
        (
            #""Thông báo thử nghiệm"},"#, #""Thông báo thử nghiệm"}"#,
            "Dòng 6: Tệp lịch không đúng cấu trúc: không phải JSON hợp lệ (thiếu hoặc thừa dấu phẩy, ngoặc, dấu nháy…)."
        ),
    ])
    func aBadFileIsRefusedWithItsLineAndReason(replacing: String, with replacement: String, message: String) {
        #expect(Self.file.contains(replacing))
        do {
            _ = try CalendarFile(json: Data(Self.file.replacingOccurrences(of: replacing, with: replacement).utf8))
            Issue.record("accepted")
        } catch {
            #expect(error.description == message)
        }
    }

    @Test func aFileWithoutDaysIsRefused() {
        #expect(throws: CalendarFile.Problem(line: 1, "Tệp không có ngày nào (“days” trống).")) {
            try CalendarFile(json: Data(#"{"source": "x", "days": []}"#.utf8))
        }
    }
}
