import Domain
import Plot
import Services

/// One unit: its place in the tree, its validity, and where it came from or went in a reorganisation.
struct UnitPage {
    struct LinkedUnit {
        var unit: OrgUnit
        var link: UnitLink
    }

    var unit: OrgUnit
    var parent: OrgUnit?
    var children: [OrgUnit]
    var predecessors: [LinkedUnit]
    var successors: [LinkedUnit]
    var officeHours: OfficeHours
    var hasOwnOfficeHours: Bool
    var hoursEditing: HoursEditing?

    struct HoursEditing {
        var csrfToken: String
        var entered: String
        var error: String?
        var saved: Bool
    }

    var body: [Node<HTML.BodyContext>] {
        [
            .h1(.text(unit.name)),
            .if(unit.isDemo, .p(.class("notice"), .text("Đây là dữ liệu mẫu để trình diễn, không phải danh mục chính thức."))),
            .dl(
                .class("facts"),
                .dt(.text("Mã đơn vị")), .dd(.text(unit.code)),
                .dt(.text("Loại")), .dd(.text(unit.kind.title)),
                .dt(.text("Hiệu lực")), .dd(.text(UnitsPage.validity(unit))),
                .dt(.text("Trực thuộc")),
                .dd(.unwrap(parent, { .a(.href(SiteRoute.unit(id: $0.id).path), .text($0.name)) }, else: .text("—"))),
                .dt(.text("Giờ làm việc")),
                .dd(.text(officeHours.text.replacingOccurrences(of: ",", with: " và ") + (hasOwnOfficeHours ? "" : " (giờ chung)")))
            ),
            .unwrap(hoursEditing) { hoursForm($0) },
            .if(!predecessors.isEmpty, section("Hình thành từ", predecessors)),
            .if(!successors.isEmpty, section("Sắp xếp vào", successors)),
            .if(
                !children.isEmpty,
                .section(
                    .attribute(named: "aria-labelledby", value: "children-title"),
                    .h2(.id("children-title"), .text("Đơn vị trực thuộc (\(children.count))")),
                    .ul(
                        .class("columns"),
                        .forEach(children) { child in .li(.a(.href(SiteRoute.unit(id: child.id).path), .text(child.name))) })
                )),
        ]
    }

    private func hoursForm(_ editing: HoursEditing) -> Node<HTML.BodyContext> {
        .section(
            .attribute(named: "aria-labelledby", value: "hours-title"),
            .h2(.id("hours-title"), .text("Đặt giờ làm việc của đơn vị")),
            FormNotice.node(error: editing.error, saved: editing.saved),
            .form(
                .class("form"), .action(SiteRoute.unitOfficeHours(id: unit.id).path), .method(.post),
                .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(editing.csrfToken)),
                .div(
                    .class("field"),
                    .label(.for("hours"), .text("Buổi sáng và buổi chiều")),
                    .input(
                        .type(.text), .id("hours"), .name("hours"), .value(editing.entered),
                        .attribute(named: "aria-describedby", value: "hours-hint")),
                    .p(
                        .class("hint"), .id("hours-hint"),
                        .text("Dạng 08:00-12:00,13:00-17:00. Thời hạn giải quyết hồ sơ của đơn vị được tính theo giờ này."))),
                .button(.type(.submit), .class("button"), .text("Lưu giờ làm việc"))
            ),
            .if(
                hasOwnOfficeHours,
                .form(
                    .class("inline-form"), .action(SiteRoute.unitOfficeHours(id: unit.id).path), .method(.post),
                    .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(editing.csrfToken)),
                    .input(.type(.hidden), .name("useDefault"), .value("1")),
                    .button(.type(.submit), .class("button button--secondary"), .text("Dùng giờ làm việc chung"))
                ))
        )
    }

    private func section(_ title: String, _ linked: [LinkedUnit]) -> Node<HTML.BodyContext> {
        let id = title == "Hình thành từ" ? "predecessors-title" : "successors-title"
        return .section(
            .attribute(named: "aria-labelledby", value: id),
            .h2(.id(id), .text(title)),
            .ul(
                .forEach(linked) { item in
                    .li(
                        .a(.href(SiteRoute.unit(id: item.unit.id).path), .text(item.unit.name)),
                        .text(item.link.isWhole ? " — toàn bộ" : " — một phần"),
                        .text(" (từ \(item.link.effective.vietnamese), \(item.link.legalBasis))")
                    )
                })
        )
    }
}
