import Plot
import Services

/// The sign-in form for officers and citizens.
struct SignInPage {
    var csrfToken: String
    var username: String = ""
    var next: String = ""
    var error: String?

    var body: [Node<HTML.BodyContext>] {
        [
            .h1(.text("Đăng nhập")),
            .unwrap(error) {
                .p(.class("notice notice--error"), .id("sign-in-error"), .attribute(named: "role", value: "alert"), .text($0))
            },
            .form(
                .class("form"), .action(SiteRoute.signIn.path), .method(.post),
                .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
                .input(.type(.hidden), .name("next"), .value(next)),
                .div(
                    .class("field"),
                    .label(.for("username"), .text("Tên đăng nhập")),
                    .input(
                        .type(.text), .id("username"), .name("username"), .value(username),
                        .attribute(named: "autocomplete", value: "username"), .attribute(named: "required", value: "required"),
                        .attribute(named: "aria-describedby", value: error == nil ? "" : "sign-in-error"))),
                .div(
                    .class("field"),
                    .label(.for("password"), .text("Mật khẩu")),
                    .input(
                        .type(.password), .id("password"), .name("password"),
                        .attribute(named: "autocomplete", value: "current-password"), .attribute(named: "required", value: "required"))),
                .button(.type(.submit), .class("button"), .text("Đăng nhập"))
            ),
        ]
    }
}
