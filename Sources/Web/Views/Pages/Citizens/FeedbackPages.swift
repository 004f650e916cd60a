import Domain
import Foundation
import Persistence
import Plot
import Services

/// Submitting feedback (phản ánh, kiến nghị): what about, to which unit, the content, and how to answer.
struct FeedbackFormPage {
    typealias Entry = FeedbackService.Submission

    var entry: Entry
    var units: [OrgUnit]
    var errors: [String: String] = [:]
    var csrfToken: String

    var body: [Node<HTML.BodyContext>] {
        [
            .h1(.text("Gửi phản ánh, kiến nghị")),
            .p(
                .text(
                    "Phản ánh được chuyển đến cơ quan, đơn vị liên quan để trả lời trong \(FeedbackRules.answerWithin.description). Thông tin liên hệ của ông/bà chỉ dùng để trả lời, không công khai."
                )),
            .if(
                !errors.isEmpty,
                .p(
                    .class("notice notice--error"), .attribute(named: "role", value: "alert"),
                    .text("Vui lòng sửa các mục được đánh dấu bên dưới."))),
            .form(
                .class("form"), .action(SiteRoute.feedback.path), .method(.post), .attribute(named: "novalidate", value: "novalidate"),
                .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
                .fieldset(
                    .class("choices"), .element(named: "legend", text: "Phản ánh"),
                    .forEach(FeedbackSubject.allCases) { subject in
                        .div(
                            .class("choice"),
                            .input(
                                .type(.radio), .id("subject-\(subject.rawValue)"), .name("subject"), .value(subject.rawValue),
                                .attribute(named: "checked", value: (entry.subject ?? "unit") == subject.rawValue ? "checked" : "")),
                            .label(.for("subject-\(subject.rawValue)"), .text(subject.title)))
                    }),
                .div(
                    .class(errors["unit"] == nil ? "field" : "field field--invalid"), .label(.for("unit"), .text("Cơ quan, đơn vị")),
                    .unwrap(errors["unit"]) { .p(.id("unit-error"), .class("field-error"), .text($0)) },
                    .select(
                        .id("unit"), .attribute(named: "name", value: "unit"),
                        .choice("", "Chọn cơ quan, đơn vị", isSelected: entry.unit == nil),
                        .forEach(units) { .choice(String($0.id), $0.name, isSelected: String($0.id) == entry.unit) })),
                textField("dossierCode", "Mã hồ sơ (nếu phản ánh về một hồ sơ)", entry.dossierCode),
                textField("officer", "Cán bộ được phản ánh (nếu có)", entry.officer),
                .div(
                    .class(errors["content"] == nil ? "field" : "field field--invalid"), .label(.for("content"), .text("Nội dung")),
                    .unwrap(errors["content"]) { .p(.id("content-error"), .class("field-error"), .text($0)) },
                    .textarea(
                        .id("content"), .name("content"), .attribute(named: "rows", value: "6"),
                        .attribute(named: "maxlength", value: "5000"),
                        .attribute(named: "aria-describedby", value: errors["content"] == nil ? "" : "content-error"),
                        .text(entry.content ?? ""))),
                textField("contactName", "Họ và tên", entry.contactName),
                textField("phone", "Số điện thoại", entry.phone),
                textField("email", "Thư điện tử", entry.email),
                .button(.type(.submit), .class("button"), .text("Gửi phản ánh"))
            ),
        ]
    }

    private func textField(_ name: String, _ label: String, _ value: String?) -> Node<HTML.FormContext> {
        .div(
            .class(errors[name] == nil ? "field" : "field field--invalid"), .label(.for(name), .text(label)),
            .unwrap(errors[name]) { .p(.id("\(name)-error"), .class("field-error"), .text($0)) },
            .input(
                .type(.text), .id(name), .name(name), .value(value ?? ""),
                .attribute(named: "aria-describedby", value: errors[name] == nil ? "" : "\(name)-error"),
                .attribute(named: "aria-invalid", value: errors[name] == nil ? "" : "true")))
    }
}

/// One piece of feedback as its submitter sees it (opened by the private link), with the rating of the answer.
struct FeedbackItemPage {
    var item: FeedbackItem
    var unitName: String
    var link: String?
    var token: String
    var csrfToken: String
    var clock: LocalClock
    var notice: String?

    var body: [Node<HTML.BodyContext>] {
        [
            .h1(.text("Phản ánh \(item.code)")),
            .unwrap(notice) { .p(.class("notice notice--success"), .attribute(named: "role", value: "status"), .text($0)) },
            .unwrap(link) { link in
                .p(
                    .text("Lưu lại đường dẫn riêng này để xem trả lời (không chia sẻ cho người khác): "),
                    .a(.id("private-link"), .href(link), .text(link)))
            },
            .dl(
                .class("facts"),
                .dt(.text("Gửi đến")), .dd(.text(unitName)),
                .dt(.text("Gửi lúc")), .dd(.text(clock.text(item.receivedAt))),
                .dt(.text("Hạn trả lời")), .dd(.text(clock.text(item.dueAt))),
                .dt(.text("Nội dung")), .dd(.text(item.content)),
                .dt(.text("Trả lời")),
                .dd(.id("answer"), .text(item.answer.map { "\($0) (\(clock.text(item.answeredAt!)))" } ?? "Chưa trả lời"))),
            .if(
                item.isAnswered && item.satisfied == nil,
                .form(
                    .class("form"), .id("rating"), .action(SiteRoute.feedbackRating(code: item.code).path), .method(.post),
                    .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
                    .input(.type(.hidden), .name("t"), .value(token)),
                    .fieldset(
                        .class("choices"), .element(named: "legend", text: "Ông/bà có hài lòng với câu trả lời?"),
                        .div(
                            .class("choice"),
                            .input(
                                .type(.radio), .id("satisfied-yes"), .name("satisfied"), .value("yes"),
                                .attribute(named: "required", value: "required")),
                            .label(.for("satisfied-yes"), .text("Hài lòng"))),
                        .div(
                            .class("choice"), .input(.type(.radio), .id("satisfied-no"), .name("satisfied"), .value("no")),
                            .label(.for("satisfied-no"), .text("Không hài lòng")))),
                    .button(.type(.submit), .class("button"), .text("Gửi đánh giá"))
                )),
            .unwrap(item.satisfied) { .p(.text($0 ? "Ông/bà đã đánh giá: hài lòng." : "Ông/bà đã đánh giá: không hài lòng.")) },
        ]
    }
}

/// Answered feedback the units chose to publish: the content and the answer, no names or contacts.
struct FeedbackPublicPage {
    var items: [(FeedbackItem, String)]
    var clock: LocalClock

    var body: [Node<HTML.BodyContext>] {
        [
            .h1(.text("Phản ánh, kiến nghị đã trả lời")),
            .p(.a(.class("button"), .href(SiteRoute.feedbackNew.path), .text("Gửi phản ánh, kiến nghị"))),
            items.isEmpty
                ? .p(.text("Chưa có phản ánh nào được công khai."))
                : .ul(
                    .class("feedback-list"),
                    .forEach(items) { item, unit in
                        .li(
                            .h2(.text("\(item.code) — \(unit)")),
                            .p(.class("hint"), .text("Gửi \(clock.text(item.receivedAt)), trả lời \(clock.text(item.answeredAt!))")),
                            .p(.strong(.text("Nội dung: ")), .text(item.content)), .p(.strong(.text("Trả lời: ")), .text(item.answer ?? ""))
                        )
                    }),
        ]
    }
}

/// The feedback routed to the reader's units: due first, with the answer form.
struct FeedbackInboxPage {
    var items: [(FeedbackItem, String)]
    var now: Date
    var clock: LocalClock
    var csrfToken: String

    var body: [Node<HTML.BodyContext>] {
        [
            .h1(.text("Phản ánh, kiến nghị gửi đến đơn vị")),
            items.isEmpty
                ? .p(.text("Không có phản ánh nào."))
                : .ul(
                    .class("feedback-list"),
                    .forEach(items) { item, unit in
                        .li(
                            .h2(.text("\(item.code) — \(item.subject.title), \(unit)")),
                            .p(
                                .class(!item.isAnswered && item.dueAt < now ? "notice notice--error" : "hint"),
                                .text(
                                    "Nhận \(clock.text(item.receivedAt)); hạn trả lời \(clock.text(item.dueAt))"
                                        + (!item.isAnswered && item.dueAt < now ? " — QUÁ HẠN" : ""))),
                            .p(.text(item.content)),
                            .if(!item.officer.isEmpty, .p(.text("Cán bộ được phản ánh: \(item.officer)"))),
                            .p(.class("hint"), .text("Liên hệ: \(item.contactName) \(item.contactPhone ?? "") \(item.contactEmail ?? "")")),
                            item.answer.map { answer in .p(.strong(.text("Đã trả lời: ")), .text(answer)) }
                                ?? .form(
                                    .class("form"), .action(SiteRoute.feedbackAnswer(code: item.code).path), .method(.post),
                                    .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
                                    .div(
                                        .class("field"), .label(.for("answer-\(item.id)"), .text("Trả lời")),
                                        .textarea(.id("answer-\(item.id)"), .name("answer"), .attribute(named: "rows", value: "4"))),
                                    .div(
                                        .class("choice"),
                                        .input(.type(.checkbox), .id("publish-\(item.id)"), .name("publishable"), .value("yes")),
                                        .label(
                                            .for("publish-\(item.id)"), .text("Công khai nội dung và trả lời (không kèm thông tin cá nhân)")
                                        )),
                                    .button(.type(.submit), .class("button"), .text("Gửi trả lời"))
                                )
                        )
                    }),
        ]
    }
}
