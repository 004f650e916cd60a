import Domain
import Foundation
import Plot

/// Tracking a dossier by its code: status, receipt and appointment, and the receiving unit.
struct TrackPage {
    struct Result {
        var code: String
        var procedureName: String
        var status: DossierStatus
        var receivedAt: Date
        var appointmentAt: Date?
        var receivingUnit: String
    }

    var result: Result?
    var query: String
    var error: String? = nil
    var clock = LocalClock()

    var body: [Node<HTML.BodyContext>] {
        [
            .h1(.text("Tra cứu hồ sơ")),
            .form(
                .class("filters"), .action("/track"), .method(.get), .attribute(named: "role", value: "search"),
                .div(.class("field"), .label(.for("code"), .text("Mã hồ sơ (in trên giấy hẹn)")),
                     .input(.type(.search), .id("code"), .name("code"), .value(query))),
                .button(.type(.submit), .class("button"), .text("Tra cứu"))
            ),
            .unwrap(error) { .p(.class("notice notice--error"), .attribute(named: "role", value: "alert"), .text($0)) },
            .unwrap(result) { result in
                .dl(
                    .class("facts"),
                    .dt(.text("Mã hồ sơ")), .dd(.text(result.code)),
                    .dt(.text("Thủ tục")), .dd(.text(result.procedureName)),
                    .dt(.text("Nơi tiếp nhận")), .dd(.text(result.receivingUnit)),
                    .dt(.text("Trạng thái")), .dd(.strong(.id("status"), .text(result.status.title))),
                    .dt(.text("Ngày tiếp nhận")), .dd(.text(clock.text(result.receivedAt))),
                    .dt(.text("Ngày hẹn trả")), .dd(.text(result.appointmentAt.map(clock.text) ?? "Đang tạm dừng, sẽ hẹn lại khi đủ hồ sơ"))
                )
            },
        ]
    }
}
