import Domain
import Plot
import Services

/// The list of units, searchable without diacritics ("hoan kiem" finds "Hoàn Kiếm"), by kind and period.
struct UnitsPage {
    enum Period: String, CaseIterable {
        case current, before2025, all
        var title: String {
            switch self {
            case .current: "Đang hoạt động"
            case .before2025: "Trước ngày 01/07/2025"
            case .all: "Tất cả"
            }
        }
    }

    var units: [OrgUnit]
    var query: String
    var kind: UnitKind?
    var period: Period

    var body: [Node<HTML.BodyContext>] {
        [
            .h1(.text("Đơn vị hành chính")),
            .form(
                .class("filters"), .action(SiteRoute.units.path), .method(.get), .attribute(named: "role", value: "search"),
                .div(
                    .class("field"), .label(.for("q"), .text("Tìm theo tên hoặc mã")),
                    .input(.type(.search), .id("q"), .name("q"), .value(query), .attribute(named: "placeholder", value: "Ví dụ: hoan kiem"))
                ),
                .div(
                    .class("field"), .label(.for("kind"), .text("Loại đơn vị")),
                    .select(
                        .id("kind"), .attribute(named: "name", value: "kind"),
                        .choice("", "Tất cả", isSelected: kind == nil),
                        .forEach(UnitKind.allCases) { k in .choice(k.rawValue, k.title, isSelected: k == kind) })),
                .div(
                    .class("field"), .label(.for("period"), .text("Thời kỳ")),
                    .select(
                        .id("period"), .attribute(named: "name", value: "period"),
                        .forEach(Period.allCases) { p in .choice(p.rawValue, p.title, isSelected: p == period) })),
                .button(.type(.submit), .class("button"), .text("Tìm"))
            ),
            .p(.attribute(named: "role", value: "status"), .text("Tìm thấy \(units.count) đơn vị.")),
            .table(
                .class("table"),
                .caption(.text("Danh sách đơn vị")),
                .thead(.tr(.th(.text("Tên")), .th(.text("Mã")), .th(.text("Loại")), .th(.text("Hiệu lực")))),
                .tbody(
                    .forEach(units) { unit in
                        .tr(
                            .td(
                                .a(.href(SiteRoute.unit(id: unit.id).path), .text(unit.name)),
                                .if(unit.isDemo, .span(.class("badge"), .text("dữ liệu mẫu")))),
                            .td(.text(unit.code)),
                            .td(.text(unit.kind.title)),
                            .td(.text(Self.validity(unit)))
                        )
                    })
            ),
        ]
    }

    static func validity(_ unit: OrgUnit) -> String {
        switch (unit.validFrom, unit.validTo) {
        case (nil, nil): "—"
        case (let from?, nil): "từ \(from.vietnamese)"
        case (nil, let to?): "đến \(to.vietnamese)"
        case (let from?, let to?): "\(from.vietnamese) – \(to.vietnamese)"
        }
    }
}
