import Domain
import Plot

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
                .dd(.unwrap(parent, { .a(.href(SiteRoute.unit(id: $0.id).path), .text($0.name)) }, else: .text("—")))
            ),
            .if(!predecessors.isEmpty, section("Hình thành từ", predecessors)),
            .if(!successors.isEmpty, section("Sắp xếp vào", successors)),
            .if(!children.isEmpty, .section(
                .attribute(named: "aria-labelledby", value: "children-title"),
                .h2(.id("children-title"), .text("Đơn vị trực thuộc (\(children.count))")),
                .ul(.class("columns"), .forEach(children) { child in .li(.a(.href(SiteRoute.unit(id: child.id).path), .text(child.name))) })
            )),
        ]
    }

    private func section(_ title: String, _ linked: [LinkedUnit]) -> Node<HTML.BodyContext> {
        let id = title == "Hình thành từ" ? "predecessors-title" : "successors-title"
        return .section(
            .attribute(named: "aria-labelledby", value: id),
            .h2(.id(id), .text(title)),
            .ul(.forEach(linked) { item in
                .li(
                    .a(.href(SiteRoute.unit(id: item.unit.id).path), .text(item.unit.name)),
                    .text(item.link.isWhole ? " — toàn bộ" : " — một phần"),
                    .text(" (từ \(item.link.effective.vietnamese), \(item.link.legalBasis))")
                )
            })
        )
    }
}
