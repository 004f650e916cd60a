import Domain
import Foundation
import Testing

@Suite struct PublicTimelineTests {
    static func event(_ action: String, _ status: DossierStatus, reason: String = "") -> DossierEvent {
        DossierEvent(
            sequence: 1, action: action, actorID: 7, unitID: 1, occurredAt: Date(timeIntervalSince1970: 0), reason: reason, detail: "{}",
            statusAfter: status, stepAfter: 0)
    }

    @Test(arguments: [
        ("receive", DossierStatus.received, "", "Hồ sơ đã được tiếp nhận", String?.none),
        ("requestSupplement", .awaitingSupplement, "Thiếu bản sao", "Cần bổ sung, hoàn thiện hồ sơ", "Thiếu bản sao"),
        ("sendBack", .inProgress, "Ghi chú nội bộ: sai số liệu", "Hồ sơ đang được xem xét lại", nil),
        ("completeStep", .inProgress, "", "Hồ sơ đang được xử lý", nil),
        ("completeStep", .resultReady, "", "Đã có kết quả giải quyết", nil),
        ("transfer", .inProgress, "", "Hồ sơ được chuyển đến đơn vị giải quyết", nil),
        ("transfer", .resultReady, "", "Đã có kết quả giải quyết", nil),
        ("issueApology", .inProgress, "Cần xác minh thêm", "Cơ quan xin lỗi vì chậm trả kết quả và hẹn lại ngày trả", "Cần xác minh thêm"),
        ("declareIneligible", .ineligible, "Không thuộc thẩm quyền", "Hồ sơ không đủ điều kiện giải quyết", "Không thuộc thẩm quyền"),
        ("assign", .inProgress, "Giao anh A", "Hồ sơ được phân công xử lý", nil),
    ])
    func eventsInPlainVietnameseWithOnlyTheApplicantsReasons(
        action: String, status: DossierStatus, reason: String, text: String, shown: String?
    ) {
        let entry = PublicTimeline.entries([Self.event(action, status, reason: reason)])[0]
        #expect(entry.text == text && entry.reason == shown)
    }

    @Test(arguments: [
        ("5678", true), ("2345", true), (" 2345 ", true), ("1234", false), ("678", false), ("56789", false), ("５６７８", false), ("", false),
    ])
    func theLastFourDigitsOfThePhoneOrTheIDOpenTheDetails(digits: String, opens: Bool) {
        #expect(PublicTimeline.opens(digits, phone: "0912 345 678", identifier: "001095012345") == opens)
    }
}
