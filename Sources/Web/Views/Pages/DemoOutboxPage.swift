import Domain
import Persistence
import Plot
import Services

/// The demo server's outbox: what would have gone out by SMS and e-mail, newest first.
struct DemoOutboxPage {
    var rows: [NotificationOutbox.Row]
    var clock: LocalClock

    var body: [Node<HTML.BodyContext>] {
        [
            .h1(.text("Hộp thư trình diễn")),
            .p(
                .class("notice"),
                .text(
                    "Trang này chỉ có trên máy chủ trình diễn (serve --demo): máy chủ chưa nối với tổng đài tin nhắn và thư điện tử, "
                        + "nên tin nhắn, thư gửi cho người dùng hiện ở đây để ai dùng thử cũng đọc được mã xác thực và các thông báo. Máy chủ thật không có trang này."
                )),
            rows.isEmpty
                ? .p(.text("Chưa có tin nhắn, thư nào."))
                : .ol(
                    .class("outbox"),
                    .forEach(rows) { row in
                        .li(
                            .class("card"),
                            .p(
                                .strong(.text("\(row.message.channel.title) đến \(row.message.recipient)")),
                                .span(.class("hint"), .text(" — \(clock.text(row.createdAt)), \(row.status.title.lowercasedFirstLetter)"))),
                            .unwrap(row.message.subject) { .p(.text("Tiêu đề: \($0)")) },
                            .p(.class("outbox__body"), .text(row.message.body))
                        )
                    }),
        ]
    }
}
