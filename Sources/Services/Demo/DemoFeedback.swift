import Domain
import Foundation
import Persistence

/// The demo's feedback: what citizens sent the demo units over the last three months — most answered (some
/// answers published, some rated by their sender), one waiting within its deadline and one past it.
package enum DemoFeedback {
    package struct Item {
        package var unit: String
        package var daysAgo: Int
        package var subject: FeedbackSubject
        package var content: String
        package var contact: String
        package var answer: String?
        package var publishable = false
        package var satisfied: Bool?
    }

    package static let items: [Item] = [
        Item(
            unit: "00070", daysAgo: 85, subject: .unit,
            content: "Bộ phận một cửa chỉ có một quầy nhận hồ sơ hộ tịch, buổi sáng thứ Hai phải chờ gần một tiếng.",
            contact: "Trần Minh Đức",
            answer:
                "UBND phường đã bố trí thêm một quầy tiếp nhận hồ sơ hộ tịch vào sáng thứ Hai và thứ Ba từ ngày 01 tháng này. Cảm ơn ông đã phản ánh.",
            publishable: true, satisfied: true),
        Item(
            unit: "00070", daysAgo: 62, subject: .dossier,
            content: "Hồ sơ đăng ký khai sinh cho con tôi đã quá ngày hẹn nhưng chưa nhận được thông báo.",
            contact: "Lê Thị Hoa",
            answer:
                "Hồ sơ của bà cần xác minh thêm nơi cư trú của người mẹ; phường đã gửi thư xin lỗi và hẹn lại ngày trả kết quả qua tin nhắn.",
            satisfied: false),
        Item(
            unit: "00070", daysAgo: 40, subject: .officer,
            content: "Cán bộ tiếp nhận hướng dẫn rất tận tình, giải thích rõ từng giấy tờ cần chuẩn bị.",
            contact: "Phạm Văn Nam", answer: "UBND phường ghi nhận và cảm ơn ý kiến của ông.", publishable: true),
        Item(
            unit: "00070", daysAgo: 6, subject: .unit,
            content: "Đề nghị niêm yết rõ hơn mức lệ phí chứng thực bản sao tại bảng thông tin của bộ phận một cửa.",
            contact: "Nguyễn Thu Trang"),
        Item(
            unit: "00073", daysAgo: 70, subject: .unit,
            content: "Máy lấy số thứ tự tại bộ phận một cửa hỏng cả tuần, người dân phải xếp hàng.",
            contact: "Đỗ Quang Hải",
            answer: "Phường đã thay máy lấy số mới; trong thời gian sửa chữa cán bộ đã phát số thứ tự bằng phiếu giấy.",
            publishable: true, satisfied: true),
        Item(
            unit: "00073", daysAgo: 45, subject: .dossier,
            content: "Tôi nộp hồ sơ trực tuyến nhưng vẫn được yêu cầu mang bản giấy đến quầy.",
            contact: "Vũ Thị Lan",
            answer:
                "Với thủ tục này, bản chính giấy tờ chỉ cần xuất trình khi nhận kết quả; phường đã nhắc cán bộ không yêu cầu nộp lại bản giấy."
        ),
        Item(
            unit: "00073", daysAgo: 34, subject: .officer,
            content: "Cán bộ tiếp nhận hồ sơ chứng thực trả lời thiếu lịch sự khi tôi hỏi lại.",
            contact: "Bùi Văn Sơn"),
        Item(
            unit: "DEMO-STP", daysAgo: 58, subject: .unit,
            content: "Thời gian cấp phiếu lý lịch tư pháp trực tuyến kéo dài hơn ngày hẹn ghi trên giấy tiếp nhận.",
            contact: "Hoàng Ngọc Anh",
            answer:
                "Sở Tư pháp đã rà soát, hồ sơ phải chờ kết quả xác minh của cơ quan công an; Sở đã bổ sung thông báo trễ hẹn tự động cho người nộp.",
            publishable: true, satisfied: true),
        Item(
            unit: "DEMO-STP", daysAgo: 15, subject: .dossier, content: "Đề nghị cho phép nhận phiếu lý lịch tư pháp qua bưu điện.",
            contact: "Đặng Thị Giang",
            answer:
                "Người nộp có thể chọn nhận kết quả qua dịch vụ bưu chính công ích khi nộp hồ sơ; Sở đã cập nhật hướng dẫn trên cổng dịch vụ công."
        ),
        Item(
            unit: "DEMO-SNV", daysAgo: 25, subject: .unit, content: "Trang hướng dẫn thủ tục của Sở chưa có mẫu đơn để tải về.",
            contact: "Nguyễn Văn Bình", answer: "Sở Nội vụ đã bổ sung các mẫu đơn, tờ khai để tải về trên trang từng thủ tục.",
            publishable: true),
    ]

    package static func seed(services: AppServices, answeredBy: [String: Int64], now: Date) async throws {
        let store = FeedbackStore(services.database)
        let units = Dictionary(try await services.unitDirectory().list(.init(validOn: services.today())).map { ($0.code, $0) }) {
            first, _ in first
        }
        for (index, item) in items.enumerated() {
            guard let unit = units[item.unit] else { continue }
            let received = now.addingTimeInterval(-Double(item.daysAgo) * 86_400 + Double(index * 1_800))
            let due = try await services.deadlines(unit.id, services.database.sql).due(
                receivedAt: received, limit: FeedbackRules.answerWithin)
            let id = try await store.submit(
                .init(
                    subject: item.subject, unitID: unit.id, dossierID: nil, officer: "", content: item.content, contactName: item.contact,
                    contactPhone: "09" + String(10_000_000 + index * 7_654_321 % 90_000_000), contactEmail: nil, submittedBy: nil),
                tokenHash: CitizenRegistration.hash(randomToken(bytes: 24)), due: due, at: received)
            guard let answer = item.answer, let head = answeredBy[item.unit] else { continue }
            let answered = received.addingTimeInterval(Double(3 + index % 5) * 86_400)
            try await store.answer(id, text: answer, publishable: item.publishable, by: head, at: answered)
            if let satisfied = item.satisfied { try await store.rate(id, satisfied: satisfied, at: answered.addingTimeInterval(86_400)) }
        }
    }
}
