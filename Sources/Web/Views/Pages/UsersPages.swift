import Domain
import Foundation
import Persistence
import Plot
import Services

/// The accounts an officer may see: those granted on units within their scope.
struct UsersPage {
    var users: [User]
    var query: String
    var canCreate: Bool

    var body: [Node<HTML.BodyContext>] {
        [
            .h1(.text("Người dùng")),
            .if(canCreate, .p(.a(.class("button"), .href(SiteRoute.newUser.path), .text("Tạo tài khoản")))),
            .form(
                .class("filters"), .action(SiteRoute.users.path), .method(.get), .attribute(named: "role", value: "search"),
                .div(
                    .class("field"), .label(.for("q"), .text("Tìm theo tên")), .input(.type(.search), .id("q"), .name("q"), .value(query))),
                .button(.type(.submit), .class("button"), .text("Tìm"))
            ),
            .table(
                .class("table"),
                .caption(.text("Tài khoản trong phạm vi của bạn")),
                .thead(.tr(.th(.text("Họ và tên")), .th(.text("Tên đăng nhập")), .th(.text("Trạng thái")))),
                .tbody(
                    .forEach(users) { user in
                        .tr(
                            .td(.a(.href(SiteRoute.user(id: user.id).path), .text(user.displayName))),
                            .td(.text(user.username)),
                            .td(.text(user.isActive ? "Đang hoạt động" : "Đã khóa"))
                        )
                    })
            ),
        ]
    }
}

/// One account with its roles; opening it is recorded in the audit trail. An administrator also sees the
/// forms to grant and revoke roles and to lock or reopen the account, and the account's recent history.
struct UserPage {
    struct NumberedGrant {
        var id: Int64
        var grant: Grant
        var unit: OrgUnit?
    }

    struct Administration {
        var csrfToken: String
        var units: [OrgUnit]
        var history: [AuditEntry]
        var actors: [Int64: User]
        var timeZone: TimeZone
    }

    var user: User
    var grants: [NumberedGrant]
    var administration: Administration?
    var error: String?
    var saved = false

    var body: [Node<HTML.BodyContext>] {
        [
            .h1(.text(user.displayName)),
            FormNotice.node(error: error, saved: saved),
            .dl(
                .class("facts"),
                .dt(.text("Tên đăng nhập")), .dd(.text(user.username)),
                .dt(.text("Thư điện tử")), .dd(.text(user.email ?? "—")),
                .dt(.text("Trạng thái")), .dd(.text(user.isActive ? "Đang hoạt động" : "Đã khóa")),
                .dt(.text("Ngày tạo")), .dd(.text(DisplayFormat.dateTime(user.createdAt)))
            ),
            .h2(.text("Vai trò")),
            .ul(
                .class("grants"),
                .forEach(grants) { item in
                    .li(
                        .text(item.grant.role.title),
                        .unwrap(item.unit) { .group(.text(" — "), .a(.href(SiteRoute.unit(id: $0.id).path), .text($0.name))) },
                        .unwrap(administration) { admin in
                            .form(
                                .class("inline-form"), .action(SiteRoute.userGrantRevocation(id: user.id, grantID: item.id).path),
                                .method(.post),
                                .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(admin.csrfToken)),
                                .button(
                                    .type(.submit), .class("button button--secondary"),
                                    .attribute(named: "aria-label", value: "Thu hồi vai trò \(item.grant.role.title)"), .text("Thu hồi"))
                            )
                        }
                    )
                }),
            .unwrap(administration) { administrationForms($0) },
        ]
    }

    private func administrationForms(_ admin: Administration) -> Node<HTML.BodyContext> {
        .group(
            .h2(.text("Cấp thêm vai trò")),
            .form(
                .class("form"), .action(SiteRoute.userGrants(id: user.id).path), .method(.post),
                .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(admin.csrfToken)),
                RoleAndUnitFields.node(role: nil, unitID: nil, units: admin.units, idPrefix: "grant"),
                .button(.type(.submit), .class("button"), .text("Cấp vai trò"))
            ),
            .h2(.text(user.isActive ? "Khóa tài khoản" : "Mở khóa tài khoản")),
            .form(
                .class("form"), .action(SiteRoute.userStatus(id: user.id).path), .method(.post),
                .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(admin.csrfToken)),
                .input(.type(.hidden), .name("active"), .value(user.isActive ? "false" : "true")),
                .div(
                    .class("field"),
                    .label(.for("reason"), .text("Lý do (ghi vào nhật ký)")),
                    .input(
                        .type(.text), .id("reason"), .name("reason"), .attribute(named: "required", value: "required"),
                        .attribute(named: "maxlength", value: "500"))),
                .button(.type(.submit), .class("button"), .text(user.isActive ? "Khóa tài khoản" : "Mở khóa"))
            ),
            .h2(.text("Lịch sử gần đây")),
            AuditTable.node(admin.history, actors: admin.actors, timeZone: admin.timeZone, caption: "20 thao tác gần nhất về tài khoản này")
        )
    }
}

/// The administrator's form for a new account with its first role.
struct NewUserPage {
    struct Entry {
        var username = ""
        var displayName = ""
        var email = ""
        var role: Role?
        var unitID: Int64?
    }

    var entry: Entry
    var units: [OrgUnit]
    var csrfToken: String
    var error: String?

    var body: [Node<HTML.BodyContext>] {
        [
            .h1(.text("Tạo tài khoản")),
            FormNotice.node(error: error, saved: false),
            .form(
                .class("form"), .action(SiteRoute.users.path), .method(.post),
                .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
                field("username", "Tên đăng nhập", value: entry.username, type: .text, hint: "3–64 ký tự: chữ, số và . _ - @"),
                field("displayName", "Họ và tên", value: entry.displayName, type: .text),
                field("email", "Thư điện tử (không bắt buộc)", value: entry.email, type: .email, required: false),
                field(
                    "password", "Mật khẩu ban đầu", value: "", type: .password,
                    hint: "Ít nhất \(PasswordPolicy().minimumLength) ký tự; có thể là một câu dễ nhớ. Không dùng mật khẩu phổ biến."),
                RoleAndUnitFields.node(role: entry.role, unitID: entry.unitID, units: units, idPrefix: "new"),
                .button(.type(.submit), .class("button"), .text("Tạo tài khoản"))
            ),
        ]
    }

    private func field(_ name: String, _ label: String, value: String, type: HTMLInputType, hint: String? = nil, required: Bool = true)
        -> Node<HTML.FormContext>
    {
        .div(
            .class("field"),
            .label(.for(name), .text(label)),
            .input(
                .type(type), .id(name), .name(name), .value(value),
                .attribute(named: "required", value: required ? "required" : ""),
                .attribute(named: "aria-describedby", value: hint == nil ? "" : "\(name)-hint"),
                .attribute(named: "autocomplete", value: type == .password ? "new-password" : "")),
            .unwrap(hint) { .p(.class("hint"), .id("\(name)-hint"), .text($0)) }
        )
    }
}

/// The role and unit pickers shared by the new-account and grant forms. Units are today's units; citizens
/// and administrators need none.
enum RoleAndUnitFields {
    static func node(role: Role?, unitID: Int64?, units: [OrgUnit], idPrefix: String) -> Node<HTML.FormContext> {
        .group(
            .div(
                .class("field"),
                .label(.for("\(idPrefix)-role"), .text("Vai trò")),
                .select(
                    .id("\(idPrefix)-role"), .attribute(named: "name", value: "role"), .attribute(named: "required", value: "required"),
                    .choice("", "— Chọn vai trò —", isSelected: role == nil),
                    .forEach(Role.allCases) { .choice($0.rawValue, $0.title, isSelected: $0 == role) }
                )
            ),
            .div(
                .class("field"),
                .label(.for("\(idPrefix)-unit"), .text("Đơn vị (không cần cho công dân và quản trị hệ thống)")),
                .select(
                    .id("\(idPrefix)-unit"), .attribute(named: "name", value: "unitID"),
                    .choice("", "— Không gắn đơn vị —", isSelected: unitID == nil),
                    .forEach(units) { .choice(String($0.id), "\($0.name) (\($0.kind.title))", isSelected: $0.id == unitID) }
                )
            )
        )
    }
}

/// The message above a form: what went wrong, or that the change was saved.
enum FormNotice {
    static func node(error: String?, saved: Bool) -> Node<HTML.BodyContext> {
        if let error {
            return .p(.class("notice notice--error"), .id("form-error"), .attribute(named: "role", value: "alert"), .text(error))
        }
        if saved {
            return .p(.class("notice notice--success"), .attribute(named: "role", value: "status"), .text("Đã lưu thay đổi."))
        }
        return .empty
    }
}
