import Domain
import Persistence
import Plot
import Services

/// The catalogue list: search by code or name (diacritics and case ignored), filters by field, by the unit
/// where one files and by online level, and the procedures found.
struct ProceduresPage {
    var procedures: [ProcedureSummary]
    var filter: ProcedureStore.Filter
    var fields: [String]
    /// The units one can file at (current units, in Vietnamese order).
    var units: [OrgUnit] = []
    var canManage = false

    var body: [Node<HTML.BodyContext>] {
        [
            .h1(.text(title)),
            .unwrap(filter.lifeEvent) { event in
                .p(.class("lead"), .text(event.summary + " "), .a(.href(SiteRoute.procedures.path), .text("Xem tất cả thủ tục")))
            },
            .if(
                filter.onlineOnly,
                .p(
                    .class("lead"),
                    .text(
                        "Các thủ tục nộp được trên mạng. Chọn một thủ tục, đọc giấy tờ cần có rồi bấm \u{201C}Nộp hồ sơ trực tuyến\u{201D}."
                    ))),
            .if(canManage, .p(.a(.href(SiteRoute.catalogue.path), .text("Nhập, xuất danh mục thủ tục")))),
            .form(
                .class("filters"), .action(SiteRoute.procedures.path), .method(.get), .attribute(named: "role", value: "search"),
                .unwrap(filter.lifeEvent) { .input(.type(.hidden), .name("event"), .value($0.id)) },
                .if(filter.onlineOnly, .input(.type(.hidden), .name("online"), .value("1"))),
                .div(
                    .class("field"), .label(.for("q"), .text("Tìm theo tên hoặc mã")),
                    .input(.type(.search), .id("q"), .name("q"), .value(filter.query ?? ""))),
                .div(
                    .class("field"), .label(.for("field"), .text("Lĩnh vực")),
                    .select(
                        .id("field"), .attribute(named: "name", value: "field"),
                        .choice("", "Tất cả", isSelected: (filter.field ?? "").isEmpty),
                        .forEach(fields) { .choice($0, $0, isSelected: $0 == filter.field) })),
                .div(
                    .class("field"), .label(.for("unitId"), .text("Nơi nộp hồ sơ")),
                    .select(
                        .id("unitId"), .attribute(named: "name", value: "unitId"),
                        .choice("", "Tất cả", isSelected: filter.receivingUnitID == nil),
                        .forEach(units) { .choice(String($0.id), $0.name, isSelected: $0.id == filter.receivingUnitID) })),
                .div(
                    .class("field"), .label(.for("onlineLevel"), .text("Mức trực tuyến")),
                    .select(
                        .id("onlineLevel"), .attribute(named: "name", value: "onlineLevel"),
                        .choice("", "Tất cả", isSelected: filter.onlineLevel == nil),
                        .forEach(Procedure.OnlineLevel.allCases) { .choice($0.rawValue, $0.title, isSelected: $0 == filter.onlineLevel) })),
                .button(.type(.submit), .class("button"), .text("Tìm"))
            ),
            .p(
                .attribute(named: "role", value: "status"),
                .text(procedures.isEmpty ? "Không tìm thấy thủ tục nào." : "\(procedures.count) thủ tục")),
            procedures.isEmpty
                ? noResult
                : .table(
                    .class("table"),
                    .caption(.text("Danh mục thủ tục hành chính")),
                    .thead(
                        .tr(
                            .th(.text("Mã")), .th(.text("Tên thủ tục")), .th(.text("Lĩnh vực")), .th(.text("Cấp")),
                            .th(.text("Thời hạn")), .th(.text("Trực tuyến")))),
                    .tbody(
                        .forEach(procedures) { procedure in
                            .tr(
                                .td(.code(.text(procedure.code))),
                                .td(
                                    .a(.href(SiteRoute.procedure(code: procedure.code).path), .text(procedure.name)),
                                    .if(procedure.isDemo, .span(.class("badge"), .text("mẫu")))),
                                .td(.text(procedure.field)),
                                .td(.text(procedure.level.title)),
                                .td(.text(procedure.timeLimit.description)),
                                .td(.text(procedure.onlineLevel.title))
                            )
                        })
                ),
        ]
    }

    private var title: String {
        if let event = filter.lifeEvent { return "Thủ tục theo sự kiện: \(event.title)" }
        return filter.onlineOnly ? "Nộp hồ sơ trực tuyến" : "Thủ tục hành chính"
    }

    /// What to try when nothing matched: fewer words, no filter, the desk.
    private var noResult: Node<HTML.BodyContext> {
        .div(
            .class("notice"),
            .p(.text("Gợi ý:")),
            .ul(
                .li(
                    .text(
                        "Kiểm tra chính tả, hoặc gõ ít từ hơn, ví dụ \u{201C}khai sinh\u{201D}, \u{201C}xây dựng\u{201D} (không cần dấu).")),
                .li(.text("Bỏ bớt điều kiện lọc: "), .a(.href(SiteRoute.procedures.path), .text("xem tất cả thủ tục")), .text(".")),
                .li(.text("Hỏi Bộ phận Một cửa của xã, phường nơi bạn ở: cán bộ sẽ hướng dẫn thủ tục phù hợp."))
            )
        )
    }
}

/// One procedure: its facts, documents, fees, the step template with budgets, the units, any delegation,
/// and the version history.
struct ProcedurePage {
    var detail: ProcedureRoutes.Detail
    /// How the reader may file this procedure online, if it can be.
    enum Filing {
        case notOnline, signInFirst
        case start(csrfToken: String)
    }
    var filing: Filing = .notOnline

    private func filingNode(code: String) -> Node<HTML.BodyContext> {
        switch filing {
        case .notOnline:
            return .p(.class("hint"), .text("Thủ tục này tiếp nhận trực tiếp tại Bộ phận Một cửa hoặc qua bưu chính."))
        case .signInFirst:
            return .p(
                .a(
                    .class("button"), .href(SiteRoute.signIn(returningTo: SiteRoute.procedure(code: code).path)),
                    .text("Đăng nhập để nộp hồ sơ trực tuyến")))
        case .start(let token):
            return .form(
                .class("inline-form"), .action(SiteRoute.fileOnline(code: code).path), .method(.post),
                .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(token)),
                .button(.type(.submit), .class("button"), .text("Nộp hồ sơ trực tuyến")))
        }
    }

    var body: [Node<HTML.BodyContext>] {
        let procedure = detail.current.procedure
        let summary = detail.current.summary
        return [
            .h1(.text(procedure.name)),
            .if(
                summary.isDemo, .p(.class("notice"), .text("Thủ tục mẫu để trình diễn, không phải danh mục thủ tục hành chính chính thức."))
            ),
            // What a person needs to decide whether and how to file, first; the details for those who want them after.
            .dl(
                .class("facts summary-box"),
                .dt(.text("Thời hạn giải quyết")), .dd(.text(procedure.timeLimitText)),
                .dt(.text("Phí, lệ phí")), .dd(.text(feesText(procedure))),
                .dt(.text("Nộp hồ sơ")), .dd(.text(whereToFile(procedure)))
            ),
            .h2(.id("papers-title"), .text("Giấy tờ cần chuẩn bị")),
            procedure.documents.isEmpty
                ? .p(.text("Danh mục không ghi giấy tờ; hỏi Bộ phận Một cửa trước khi nộp."))
                : .ul(
                    .class("papers"), .attribute(named: "aria-labelledby", value: "papers-title"),
                    .forEach(procedure.documents) { document in
                        .li(.span(.class("papers__name"), .text(document.name)), .span(.class("hint"), .text(" — \(document.countText)")))
                    }),
            filingNode(code: procedure.code),
            .h2(.text("Quy trình và thời gian từng bước")),
            .table(
                .class("table"),
                .thead(.tr(.th(.text("Bước")), .th(.text("Người thực hiện")), .th(.text("Thời gian")), .th(.text("Liên thông")))),
                .tbody(
                    .forEach(Array(procedure.steps.enumerated())) { index, step in
                        .tr(
                            .td(.text("\(index + 1). \(step.name)")), .td(.text(step.role.title)), .td(.text(step.budget.description)),
                            .td(.text(step.otherAgency ?? "—")))
                    })
            ),
            .unwrap(procedure.delegation) { delegation in
                .group(
                    .h2(.text("Ủy quyền")),
                    .p(.text("\(delegation.authority) ủy quyền đến hết ngày \(delegation.until.vietnamese) (\(delegation.reference))."))
                )
            },
            units("Nơi tiếp nhận", detail.receiving, id: "receiving"),
            units("Đơn vị giải quyết", detail.processing, id: "processing"),
            .h2(.text("Thông tin khác")),
            .dl(
                .class("facts"),
                .dt(.text("Mã thủ tục")), .dd(.code(.text(procedure.code))),
                .dt(.text("Lĩnh vực")), .dd(.text(procedure.field)),
                .dt(.text("Cấp thực hiện")), .dd(.text(procedure.level.title)),
                .dt(.text("Mức trực tuyến")), .dd(.text(procedure.onlineLevel.title)),
                .if(
                    procedure.timeLimit == .workingDays(halfDays: 0),
                    .group(.dt(.text("Căn cứ giờ tiếp nhận trong ngày")), .dd(.text(procedure.sameDayRule.source)))),
                .dt(.text("Căn cứ pháp lý")), .dd(.text(procedure.legalBasis.isEmpty ? "—" : procedure.legalBasis)),
                .dt(.text("Phiên bản")), .dd(.text("\(summary.version), từ \(DisplayFormat.dateTime(detail.current.createdAt))"))
            ),
            .if(
                detail.history.count > 1,
                .group(
                    .h2(.text("Các phiên bản")),
                    .ul(
                        .forEach(detail.history) { version in
                            .li(
                                .text(
                                    "Phiên bản \(version.summary.version): \(version.procedure.name), \(version.procedure.timeLimit) — từ \(DisplayFormat.dateTime(version.createdAt))"
                                ))
                        })
                )),
        ]
    }

    private func feesText(_ procedure: Procedure) -> String {
        guard procedure.hasFee else { return "Không thu" }
        return procedure.fees.filter { $0.amount > 0 }.map { "\($0.name): \(DisplayFormat.money($0.amount))" }.joined(separator: "; ")
    }

    private func whereToFile(_ procedure: Procedure) -> String {
        let count = detail.receiving.count
        let place = count == 1 ? detail.receiving[0].name : "Bộ phận Một cửa của \(count) đơn vị (danh sách ở dưới)"
        let anywhere = procedure.isBoundaryFree ? ", không phụ thuộc nơi cư trú" : ""
        switch procedure.onlineLevel {
        case .fullyOnline, .partlyOnline: return "Trực tuyến trên trang này, hoặc tại \(place)\(anywhere)"
        case .inPerson: return "Trực tiếp hoặc qua bưu chính tại \(place)\(anywhere)"
        }
    }

    private func units(_ title: String, _ units: [OrgUnit], id: String) -> Node<HTML.BodyContext> {
        .section(
            .attribute(named: "aria-labelledby", value: "\(id)-title"),
            .h2(.id("\(id)-title"), .text("\(title) (\(units.count))")),
            units.count <= 12
                ? .ul(.forEach(units) { .li(.a(.href(SiteRoute.unit(id: $0.id).path), .text($0.name))) })
                : .details(
                    .summary(.text("Xem danh sách \(units.count) đơn vị")),
                    .ul(.class("columns"), .forEach(units) { .li(.a(.href(SiteRoute.unit(id: $0.id).path), .text($0.name))) }))
        )
    }
}
