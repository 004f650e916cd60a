import Domain
import Foundation
import Plot
import Services

/// The registration form: identity, contact, password and the consents, each purpose on its own.
struct RegisterPage {
    var form: CitizenRegistration.Form
    var errors: [String: String] = [:]
    var csrfToken: String

    var body: [Node<HTML.BodyContext>] {
        [
            .h1(.text("Đăng ký tài khoản công dân")),
            .p(
                .text(
                    "Tài khoản giúp ông/bà nộp hồ sơ trực tuyến và theo dõi hồ sơ của mình. Tên đăng nhập là số định danh cá nhân (12 chữ số)."
                )),
            .if(
                !errors.isEmpty,
                .p(
                    .class("notice notice--error"), .attribute(named: "role", value: "alert"),
                    .text("Vui lòng sửa \(errors.count) mục được đánh dấu bên dưới."))),
            .form(
                .class("form"), .action(SiteRoute.register.path), .method(.post), .attribute(named: "novalidate", value: "novalidate"),
                .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
                labelledField(
                    "displayName", "Họ và tên", value: form.displayName ?? "", error: errors["displayName"], autocomplete: "name",
                    required: true),
                labelledField(
                    "personalID", "Số định danh cá nhân", value: form.personalID ?? "", error: errors["personalID"],
                    hint: "12 chữ số, in trên thẻ căn cước.", autocomplete: "off", inputmode: "numeric", required: true),
                labelledField(
                    "birthYear", "Năm sinh", value: form.birthYear ?? "", error: errors["birthYear"], autocomplete: "bday-year",
                    inputmode: "numeric",
                    required: true),
                .fieldset(
                    .class(errors["gender"] == nil ? "choices" : "choices field--invalid"),
                    .element(named: "legend", text: "Giới tính"),
                    .unwrap(errors["gender"]) { .p(.id("gender-error"), .class("field-error"), .text($0)) },
                    .div(
                        .class("choice"),
                        .input(
                            .type(.radio), .id("gender-male"), .name("gender"), .value("male"),
                            .attribute(named: "checked", value: form.gender == "male" ? "checked" : "")),
                        .label(.for("gender-male"), .text("Nam"))),
                    .div(
                        .class("choice"),
                        .input(
                            .type(.radio), .id("gender-female"), .name("gender"), .value("female"),
                            .attribute(named: "checked", value: form.gender == "female" ? "checked" : "")),
                        .label(.for("gender-female"), .text("Nữ")))
                ),
                labelledField(
                    "phone", "Số điện thoại di động", type: .tel, value: form.phone ?? "", error: errors["phone"], autocomplete: "tel",
                    inputmode: "tel"),
                labelledField(
                    "email", "Thư điện tử (không bắt buộc)", type: .email, value: form.email ?? "", error: errors["email"],
                    autocomplete: "email"),
                .fieldset(
                    .class("choices"),
                    .element(named: "legend", text: "Nhận mã xác thực qua"),
                    .div(
                        .class("choice"),
                        .input(
                            .type(.radio), .id("channel-sms"), .name("channel"), .value("sms"),
                            .attribute(named: "checked", value: form.channel == "email" ? "" : "checked")),
                        .label(.for("channel-sms"), .text("Tin nhắn SMS"))),
                    .div(
                        .class("choice"),
                        .input(
                            .type(.radio), .id("channel-email"), .name("channel"), .value("email"),
                            .attribute(named: "checked", value: form.channel == "email" ? "checked" : "")),
                        .label(.for("channel-email"), .text("Thư điện tử")))
                ),
                labelledField(
                    "password", "Mật khẩu", type: .password, value: "", error: errors["password"],
                    hint: "Ít nhất 15 ký tự; có thể là một câu tiếng Việt dễ nhớ.", autocomplete: "new-password", required: true),
                .fieldset(
                    .class("consents"),
                    .element(named: "legend", text: "Đồng ý xử lý dữ liệu cá nhân (Nghị định 13/2023/NĐ-CP)"),
                    .unwrap(errors["consentHandling"]) { .p(.id("consentHandling-error"), .class("field-error"), .text($0)) },
                    consent(.handling, name: "consentHandling", checked: form.consentHandling != nil),
                    consent(.notifications, name: "consentNotifications", checked: form.consentNotifications != nil),
                    consent(.surveys, name: "consentSurveys", checked: form.consentSurveys != nil)
                ),
                .button(.type(.submit), .class("button"), .text("Đăng ký và nhận mã xác thực"))
            ),
            .p(.text("Đã có tài khoản? "), .a(.href(SiteRoute.signIn.path), .text("Đăng nhập"))),
        ]
    }

    private func consent(_ purpose: ConsentPurpose, name: String, checked: Bool) -> Node<HTML.FormContext> {
        .div(
            .class("choice choice--consent"),
            .input(
                .type(.checkbox), .id(name), .name(name), .value("yes"), .attribute(named: "checked", value: checked ? "checked" : ""),
                .attribute(named: "aria-describedby", value: "\(name)-explanation")),
            .label(.for(name), .text(purpose.title + (purpose.isRequired ? " (bắt buộc để nộp hồ sơ trực tuyến)" : " (không bắt buộc)"))),
            .p(.id("\(name)-explanation"), .class("hint"), .text(purpose.explanation)))
    }
}

/// Entering the one-time code sent to the phone or e-mail address.
struct VerifyPage {
    var token: String
    var recipient: String
    var csrfToken: String
    var error: String?
    var notice: String?
    /// `serve --demo`: where the code can be read, there being no SMS or e-mail gateway.
    var demoOutbox = false

    var body: [Node<HTML.BodyContext>] {
        [
            .h1(.text("Nhập mã xác thực")),
            .p(.text("Mã gồm 6 chữ số đã được gửi đến \(recipient). Mã có hiệu lực trong 10 phút.")),
            .if(
                demoOutbox,
                .p(
                    .class("notice"), .text("Máy chủ trình diễn không gửi tin nhắn thật: đọc mã ở "),
                    .a(.href(SiteRoute.demoOutbox.path), .attribute(named: "target", value: "_blank"), .text("Hộp thư trình diễn")),
                    .text("."))),
            .unwrap(notice) { .p(.class("notice notice--success"), .attribute(named: "role", value: "status"), .text($0)) },
            .form(
                .class("form"), .action(SiteRoute.registerVerify.path), .method(.post),
                .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
                .input(.type(.hidden), .name("token"), .value(token)),
                labelledField(
                    "code", "Mã xác thực", value: "", error: error, autocomplete: "one-time-code", inputmode: "numeric", required: true),
                .button(.type(.submit), .class("button"), .text("Xác nhận"))
            ),
            .form(
                .class("form"), .action(SiteRoute.registerResend.path), .method(.post),
                .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
                .input(.type(.hidden), .name("token"), .value(token)),
                .button(.type(.submit), .class("button button--secondary"), .text("Gửi lại mã"))
            ),
        ]
    }
}

/// A citizen's consents: each purpose, given or withdrawn and when, with the way to change it.
struct ConsentsPage {
    var records: [ConsentRecord]
    var clock: LocalClock
    var csrfToken: String
    var saved: Bool

    var body: [Node<HTML.BodyContext>] {
        [
            .h1(.text("Đồng ý xử lý dữ liệu cá nhân")),
            .p(
                .text(
                    "Ông/bà có thể xem và rút lại sự đồng ý cho từng mục đích bất cứ lúc nào (Nghị định 13/2023/NĐ-CP). Rút lại không ảnh hưởng đến việc xử lý đã thực hiện trước đó."
                )),
            .if(saved, .p(.class("notice notice--success"), .attribute(named: "role", value: "status"), .text("Đã lưu thay đổi."))),
            .table(
                .class("table consents"),
                .caption(.text("Các mục đích xử lý dữ liệu")),
                .thead(.tr(.th(.text("Mục đích")), .th(.text("Tình trạng")), .th(.text("Thay đổi")))),
                .tbody(
                    .forEach(ConsentPurpose.allCases) { purpose in
                        let latest = records.first { $0.purpose == purpose }
                        let active = latest?.isActive ?? false
                        return .tr(
                            .td(.strong(.text(purpose.title)), .p(.class("hint"), .text(purpose.explanation))),
                            .td(
                                .text(
                                    latest.map { record in
                                        record.isActive
                                            ? "Đã đồng ý từ \(clock.text(record.grantedAt))"
                                            : "Đã rút lại lúc \(clock.text(record.withdrawnAt!))"
                                    } ?? "Chưa đồng ý")),
                            .td(
                                .form(
                                    .action(SiteRoute.accountConsents.path), .method(.post),
                                    .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
                                    .input(.type(.hidden), .name("purpose"), .value(purpose.rawValue)),
                                    .input(.type(.hidden), .name("decision"), .value(active ? "withdraw" : "grant")),
                                    .button(
                                        .type(.submit), .class(active ? "button button--secondary" : "button"),
                                        .text(active ? "Rút lại đồng ý" : "Đồng ý"))
                                ))
                        )
                    })
            ),
        ]
    }
}
