import Domain
import Persistence
import Plot

/// The accounts an officer may see: those granted on units within their scope.
struct UsersPage {
    var users: [User]
    var query: String

    var body: [Node<HTML.BodyContext>] {
        [
            .h1(.text("Người dùng")),
            .form(
                .class("filters"), .action(SiteRoute.users.path), .method(.get), .attribute(named: "role", value: "search"),
                .div(.class("field"), .label(.for("q"), .text("Tìm theo tên")), .input(.type(.search), .id("q"), .name("q"), .value(query))),
                .button(.type(.submit), .class("button"), .text("Tìm"))
            ),
            .table(
                .class("table"),
                .caption(.text("Tài khoản trong phạm vi của bạn")),
                .thead(.tr(.th(.text("Họ và tên")), .th(.text("Tên đăng nhập")), .th(.text("Trạng thái")))),
                .tbody(.forEach(users) { user in
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

/// One account with its roles; opening it is recorded in the audit trail.
struct UserPage {
    var user: User
    var grants: [(grant: Grant, unit: OrgUnit?)]

    var body: [Node<HTML.BodyContext>] {
        [
            .h1(.text(user.displayName)),
            .dl(
                .class("facts"),
                .dt(.text("Tên đăng nhập")), .dd(.text(user.username)),
                .dt(.text("Thư điện tử")), .dd(.text(user.email ?? "—")),
                .dt(.text("Ngày tạo")), .dd(.text(DisplayFormat.dateTime(user.createdAt)))
            ),
            .h2(.text("Vai trò")),
            .ul(.forEach(grants) { item in
                .li(.text(item.grant.role.title), .unwrap(item.unit) { .group(.text(" — "), .a(.href(SiteRoute.unit(id: $0.id).path), .text($0.name))) })
            }),
        ]
    }
}
