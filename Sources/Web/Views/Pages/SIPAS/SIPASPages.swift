import Domain
import Foundation
import Persistence
import Plot
import Services

/// The campaigns, newest first.
struct SIPASCampaignsPage {
    var campaigns: [SIPASCampaign]
    var canManage: Bool
    /// Whether the reader only enters paper forms (a surveyor): each campaign links to its paper entry.
    var entersPaperOnly = false
    var questionnaires: [SIPASQuestionnaire]
    /// The id of a questionnaire just loaded.
    var loaded: String?
    var error: String?
    var csrfToken: String

    var body: [Node<HTML.BodyContext>] {
        [
            .h1(.text("Khảo sát sự hài lòng (SIPAS)")),
            FormNotice.node(error: error, saved: false),
            .unwrap(loaded) {
                .p(.class("notice notice--success"), .attribute(named: "role", value: "status"), .text("Đã nạp phiếu khảo sát “\($0)”."))
            },
            .if(canManage, .p(.a(.class("button"), .href(SiteRoute.sipasCampaignNew.path), .text("Tạo đợt khảo sát")))),
            campaigns.isEmpty
                ? .p(.text("Chưa có đợt khảo sát nào."))
                : .table(
                    .class("table"),
                    .thead(
                        .tr(
                            .th(.text("Đợt khảo sát")), .th(.text("Thời gian sử dụng dịch vụ")), .th(.text("Số đơn vị")),
                            .th(.text("Cỡ mẫu")),
                            .th(.text("Tình trạng")))),
                    .tbody(
                        .forEach(campaigns) { campaign in
                            .tr(
                                .td(
                                    .a(
                                        .href(
                                            entersPaperOnly
                                                ? SiteRoute.sipasCampaignPaper(id: campaign.id).path
                                                : SiteRoute.sipasCampaign(id: campaign.id).path),
                                        .text(campaign.name))),
                                .td(.text("\(campaign.serviceFrom.vietnamese) – \(campaign.serviceTo.vietnamese)")),
                                .td(.text(String(campaign.unitIDs.count))),
                                .td(.text(String(campaign.design.size))), .td(.text(campaign.status.title)))
                        })
                ),
            entersPaperOnly
                ? .empty
                : .section(
                    .attribute(named: "aria-labelledby", value: "questionnaires-title"),
                    .h2(.id("questionnaires-title"), .text("Phiếu khảo sát")),
                    .ul(
                        .id("questionnaires"), .forEach(questionnaires) { .li(.text("\($0.id) — \($0.title) (\($0.items.count) câu hỏi)")) }
                    ),
                    .if(
                        canManage,
                        .form(
                            .class("form upload"), .action(SiteRoute.sipasQuestionnaires.path), .method(.post),
                            .attribute(named: "enctype", value: "multipart/form-data"),
                            .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
                            .div(
                                .class("field"),
                                .label(
                                    .for("questionnaire-file"),
                                    .text(
                                        "Nạp phiên bản phiếu mới (tệp JSON cùng cấu trúc với phiếu 2022; phiếu đã dùng thì không sửa được)")
                                ),
                                .input(
                                    .type(.file), .id("questionnaire-file"), .name("file"),
                                    .attribute(named: "accept", value: ".json,application/json"),
                                    .attribute(named: "required", value: "required"))),
                            .button(.type(.submit), .class("button button--secondary"), .text("Nạp phiếu"))))
                ),
        ]
    }
}

/// A new campaign: what is asked, of whom, over which period of service use, and how the sample is drawn.
struct SIPASCampaignForm {
    struct Values {
        var name = ""
        var questionnaire = "sipas-2022"
        var serviceFrom = ""
        var serviceTo = ""
        var unitIDs: Set<Int64> = []
        var size = "400"
        var allocation = SIPASSample.Allocation.proportional.rawValue
        var minimum = "30"
        var byField = false
        var byChannel = false
        var seed = ""

        init(seed: String) { self.seed = seed }

        /// What the form sent, the unit checkboxes being `unit-<id>`.
        init(_ fields: [String: String]) {
            name = fields["name"] ?? ""
            questionnaire = fields["questionnaire"] ?? ""
            serviceFrom = fields["serviceFrom"] ?? ""
            serviceTo = fields["serviceTo"] ?? ""
            unitIDs = Set(fields.keys.compactMap { $0.hasPrefix("unit-") ? Int64($0.dropFirst(5)) : nil })
            size = fields["size"] ?? ""
            allocation = fields["allocation"] ?? ""
            minimum = fields["minimum"] ?? ""
            byField = fields["byField"] != nil
            byChannel = fields["byChannel"] != nil
            seed = fields["seed"] ?? ""
        }
    }

    var values: Values
    var errors: [String: String]
    var questionnaires: [(id: String, title: String)]
    var units: [OrgUnit]
    var csrfToken: String

    var body: [Node<HTML.BodyContext>] {
        [
            .h1(.text("Đợt khảo sát mới")),
            .if(
                !errors.isEmpty,
                .p(.class("notice notice--error"), .attribute(named: "role", value: "alert"), .text("Vui lòng sửa các mục được đánh dấu."))),
            .form(
                .class("form"), .action(SiteRoute.sipasCampaigns.path), .method(.post),
                .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
                general, unitChoice, design,
                .button(.type(.submit), .class("button"), .text("Tạo đợt khảo sát"))),
        ]
    }

    private var general: Node<HTML.FormContext> {
        .group(
            field("name", "Tên đợt khảo sát", type: .text, value: values.name),
            .div(
                .class(errors["questionnaire"] == nil ? "field" : "field field--invalid"),
                .label(.for("questionnaire"), .text("Phiếu khảo sát")),
                error("questionnaire"),
                .select(
                    .id("questionnaire"), .attribute(named: "name", value: "questionnaire"),
                    .forEach(questionnaires) { .choice($0.id, $0.title, isSelected: $0.id == values.questionnaire) })),
            field("serviceFrom", "Sử dụng dịch vụ từ ngày", type: .date, value: values.serviceFrom),
            field("serviceTo", "Đến ngày", type: .date, value: values.serviceTo)
        )
    }

    private var unitChoice: Node<HTML.FormContext> {
        .fieldset(
            .class(errors["units"] == nil ? "choices units-choice" : "choices units-choice field--invalid"),
            .element(named: "legend", text: "Đơn vị được khảo sát"),
            .unwrap(errors["units"]) { .p(.id("units-error"), .class("field-error"), .text($0)) },
            .forEach(units) { unit in
                .div(
                    .class("choice"),
                    .input(
                        .type(.checkbox), .id("unit-\(unit.id)"), .name("unit-\(unit.id)"), .value("on"),
                        .attribute(named: "checked", value: values.unitIDs.contains(unit.id) ? "checked" : "")),
                    .label(.for("unit-\(unit.id)"), .text(unit.name)))
            }
        )
    }

    private var design: Node<HTML.FormContext> {
        .group(
            field("size", "Cỡ mẫu (số người được mời)", type: .number, value: values.size),
            .fieldset(
                .class("choices"), .element(named: "legend", text: "Phân bổ mẫu cho các tầng"),
                .forEach(SIPASSample.Allocation.allCases) { allocation in
                    .div(
                        .class("choice"),
                        .input(
                            .type(.radio), .id("allocation-\(allocation.rawValue)"), .name("allocation"), .value(allocation.rawValue),
                            .attribute(named: "checked", value: values.allocation == allocation.rawValue ? "checked" : "")),
                        .label(.for("allocation-\(allocation.rawValue)"), .text(allocation.title)))
                }),
            field("minimum", "Số người tối thiểu mỗi tầng", type: .number, value: values.minimum),
            .div(
                .class("choice"),
                .input(
                    .type(.checkbox), .id("byField"), .name("byField"), .value("on"),
                    .attribute(named: "checked", value: values.byField ? "checked" : "")),
                .label(.for("byField"), .text("Chia tầng thêm theo lĩnh vực thủ tục"))),
            .div(
                .class("choice"),
                .input(
                    .type(.checkbox), .id("byChannel"), .name("byChannel"), .value("on"),
                    .attribute(named: "checked", value: values.byChannel ? "checked" : "")),
                .label(.for("byChannel"), .text("Chia tầng thêm theo kênh nộp hồ sơ"))),
            field("seed", "Số khởi tạo ngẫu nhiên (ghi lại số này thì chọn lại được đúng mẫu đó)", type: .number, value: values.seed)
        )
    }

    private func error(_ name: String) -> Node<HTML.FormContext> {
        .unwrap(errors[name]) { .p(.id("\(name)-error"), .class("field-error"), .text($0)) }
    }

    private func field(_ name: String, _ label: String, type: HTMLInputType, value: String) -> Node<HTML.FormContext> {
        .div(
            .class(errors[name] == nil ? "field" : "field field--invalid"), .label(.for(name), .text(label)), error(name),
            type == .date
                ? .dateInput(id: name, name: name, value: value, describedBy: errors[name] == nil ? nil : "\(name)-error")
                : .input(
                    .type(type), .id(name), .name(name), .value(value),
                    .attribute(named: "aria-describedby", value: errors[name] == nil ? "" : "\(name)-error"),
                    .attribute(named: "aria-invalid", value: errors[name] == nil ? "" : "true")))
    }
}

/// One campaign: its design, its frame while in preparation, then its strata with the live response rates.
struct SIPASCampaignPage {
    var campaign: SIPASCampaign
    var units: [OrgUnit]
    var frameSize: Int?
    var strata: [SIPASCampaigns.StoredStratum]
    var canManage: Bool
    var csrfToken: String
    var saved: Bool
    var error: String?
    var clock: LocalClock
    /// What the last sending of invitations did.
    var invitationRun: SIPASCampaigns.InvitationRun?

    var body: [Node<HTML.BodyContext>] {
        let design = campaign.design
        return [
            .h1(.text(campaign.name)),
            FormNotice.node(error: error, saved: saved),
            .unwrap(invitationRun) { run in
                .p(
                    .class("notice notice--success"), .id("invitation-run"), .attribute(named: "role", value: "status"),
                    .text(
                        "Đã gửi lời mời cho \(run.invited) người."
                            + (run.withoutContact > 0
                                ? " \(run.withoutContact) người không có số điện thoại hay thư điện tử: mời bằng phiếu giấy (số phiếu là số thứ tự trong mẫu)."
                                : "")))
            },
            .dl(
                .class("facts"),
                .dt(.text("Tình trạng")), .dd(.strong(.id("campaign-status"), .text(campaign.status.title))),
                .dt(.text("Phiếu khảo sát")), .dd(.text(campaign.questionnaireID)),
                .dt(.text("Thời gian sử dụng dịch vụ")),
                .dd(.text("\(campaign.serviceFrom.vietnamese) – \(campaign.serviceTo.vietnamese)")),
                .dt(.text("Đơn vị")), .dd(.text(units.map(\.name).joined(separator: "; "))),
                .dt(.text("Thiết kế mẫu")),
                .dd(
                    .text(
                        "Cỡ mẫu \(design.size), phân bổ \(design.allocation.title.lowercased()), tối thiểu \(design.minimumPerStratum) người mỗi tầng"
                            + (design.byField ? ", theo lĩnh vực" : "") + (design.byChannel ? ", theo kênh nộp" : "")
                            + "; số khởi tạo ngẫu nhiên \(campaign.seed)")),
                .unwrap(frameSize) {
                    .group(.dt(.text("Khung mẫu")), .dd(.id("frame-size"), .text("\($0) người đã nhận kết quả trong thời gian này")))
                }),
            // Once a sample is drawn the results are one step away; the step itself when the campaign is over.
            .if(
                campaign.status != .draft,
                .p(
                    .id("results-link"),
                    .a(
                        .class(campaign.status == .closed ? "button" : "button button--secondary"),
                        .href(SiteRoute.sipasCampaignResults(id: campaign.id).path), .text("Xem kết quả")))),
            .if(
                campaign.status == .draft && canManage,
                .form(
                    .class("form"), .action(SiteRoute.sipasCampaignDraw(id: campaign.id).path), .method(.post),
                    .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
                    .p(.text("Mẫu chỉ được chọn một lần; cùng khung mẫu, thiết kế và hạt giống luôn cho cùng một mẫu.")),
                    .button(.type(.submit), .class("button"), .text("Chọn mẫu")))),
            .unwrap(sampleSizeNote) { .p(.class("notice"), .id("sample-size-note"), .text($0)) },
            strata.isEmpty
                ? .empty
                : .table(
                    .class("table"), .id("strata"),
                    .caption(.text("Các tầng mẫu và tỷ lệ phản hồi")),
                    .thead(
                        .tr(
                            .th(.text("Tầng")), .th(.text("Số người trong khung")), .th(.text("Số người được chọn")),
                            .th(.text("Trọng số")),
                            .th(.text("Đã mời")), .th(.text("Đã trả lời")), .th(.text("Tỷ lệ phản hồi")))),
                    .tbody(
                        .forEach(strata) { stratum in
                            .tr(
                                .th(
                                    .attribute(named: "scope", value: "row"), .text(label(of: stratum)),
                                    .if(stratum.tooFew, .span(.class("flag"), .text(" — ít hơn số tối thiểu: chọn toàn bộ")))),
                                .td(.text(String(stratum.population))), .td(.text(String(stratum.allocated))),
                                .td(
                                    .text(
                                        ServiceIndexViews.number(
                                            stratum.allocated > 0 ? Double(stratum.population) / Double(stratum.allocated) : 0))),
                                .td(.text(String(stratum.invited))), .td(.text(String(stratum.answered))),
                                .td(.text(stratum.responseRate.map { ServiceIndexViews.number($0 * 100, decimals: 1) + "%" } ?? "—")))
                        })
                ),
            collection,
            .if(
                canManage,
                .form(
                    .class("form upload"), .action(SiteRoute.sipasCampaignImport(id: campaign.id).path), .method(.post),
                    .attribute(named: "enctype", value: "multipart/form-data"),
                    .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
                    .div(
                        .class("field"),
                        .label(
                            .for("responses-file"),
                            .text(
                                "Nhập phiếu trả lời từ tệp CSV, cùng dạng với tệp phiếu trả lời tải về ở trang kết quả (mỗi phiếu một dòng: mã đơn vị, trọng số, rồi câu trả lời từng câu hỏi)"
                            )),
                        .input(
                            .type(.file), .id("responses-file"), .name("file"), .attribute(named: "accept", value: ".csv,text/csv"),
                            .attribute(named: "required", value: "required"))),
                    .button(.type(.submit), .class("button button--secondary"), .text("Nhập phiếu")))),
            .p(.a(.href(SiteRoute.sipasCampaigns.path), .text("← Các đợt khảo sát"))),
        ]
    }
}

extension SIPASCampaignPage {
    /// A stratum as people name it: the unit's name, the field, the channel in words (its key holds codes).
    func label(of stratum: SIPASCampaigns.StoredStratum) -> String {
        stratum.key.components(separatedBy: " · ").enumerated().map { index, part in
            if index == 0, let unit = units.first(where: { $0.code == part }) { return unit.name }
            return Channel(rawValue: part)?.title ?? part
        }.joined(separator: " · ")
    }

    /// Why the number drawn differs from the size asked for, when it does — never silently.
    var sampleSizeNote: String? {
        let drawn = strata.map(\.allocated).reduce(0, +), asked = campaign.design.size
        guard !strata.isEmpty, drawn != asked else { return nil }
        let population = strata.map(\.population).reduce(0, +)
        if population <= asked {
            return
                "Cỡ mẫu yêu cầu là \(asked) người nhưng khung mẫu chỉ có \(population) người đã nhận kết quả trong thời gian này, nên chọn toàn bộ \(drawn) người."
        }
        if drawn > asked {
            return
                "Đã chọn \(drawn) người, nhiều hơn cỡ mẫu \(asked): mỗi tầng được chọn ít nhất \(campaign.design.minimumPerStratum) người (hoặc toàn bộ tầng nếu ít hơn)."
        }
        return
            "Đã chọn \(drawn) người, ít hơn cỡ mẫu \(asked): các tầng có ít người hơn phần được phân bổ được chọn toàn bộ, phần thiếu không chuyển sang tầng khác."
    }

    /// Sending the invitations (once the sample is drawn, again for anyone not invited yet), entering paper
    /// forms and ending the collection.
    fileprivate var collection: Node<HTML.BodyContext> {
        guard canManage, campaign.status == .sampled || campaign.status == .collecting else { return .empty }
        return .div(
            .class("actions"),
            .form(
                .class("inline-form"), .action(SiteRoute.sipasCampaignInvite(id: campaign.id).path), .method(.post),
                .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
                .button(
                    .type(.submit), .class("button"),
                    .text(campaign.status == .sampled ? "Bắt đầu thu phiếu và gửi lời mời" : "Gửi lời mời cho người chưa được mời"))),
            .if(
                campaign.status == .collecting,
                .group(
                    .a(
                        .class("button button--secondary"), .href(SiteRoute.sipasCampaignPaperForms(id: campaign.id).path),
                        .text("In phiếu giấy")),
                    .a(
                        .class("button button--secondary"), .href(SiteRoute.sipasCampaignPaper(id: campaign.id).path),
                        .text("Nhập phiếu giấy")),
                    .form(
                        .class("inline-form"), .action(SiteRoute.sipasCampaignClose(id: campaign.id).path), .method(.post),
                        .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
                        .button(.type(.submit), .class("button button--secondary"), .text("Kết thúc thu phiếu")))))
        )
    }
}

extension SIPASResultsPage {
    /// A unit as people name it; an answer's code no current unit carries is shown as it is.
    func name(of code: String) -> String {
        code == SIPASResults.all ? "Tất cả đơn vị" : units.first { $0.code == code }?.name ?? code
    }

    /// The overall index of every unit, and the aspects of the unit shown (SVG, with the figures in a table).
    fileprivate func charts(units: [String]) -> Node<HTML.BodyContext> {
        let link = SiteRoute.sipasCampaignResults(id: campaign.id).path + "?unit="
        let overall = SVGChart(
            id: "chart-units", title: "Chỉ số hài lòng chung theo đơn vị (%)",
            summary: "Tỷ lệ hài lòng chung của từng đơn vị và của tất cả đơn vị trong đợt khảo sát.",
            items: units.compactMap { code in
                results.units[code]?.overall.map { .init(label: name(of: code), value: $0, text: Self.percent($0), href: link + code) }
            },
            scaleMax: 100, valueHeading: "Hài lòng chung")
        let aspects = questionnaire.sections.flatMap(\.aspects).compactMap { aspect -> SVGChart.Item? in
            results.units[unit]?.aspects[aspect.code].map { .init(label: aspect.label, value: $0, text: Self.percent($0), href: nil) }
        }
        let byAspect = SVGChart(
            id: "chart-aspects", title: "Tỷ lệ hài lòng theo khía cạnh — \(name(of: unit)) (%)",
            summary: "Trung bình tỷ lệ hài lòng của các câu hỏi trong từng khía cạnh.", items: aspects, scaleMax: 100,
            valueHeading: "Hài lòng")
        return .div(.class("charts"), overall.bars(), aspects.isEmpty ? .empty : byAspect.bars())
    }
}

/// A campaign's results: every unit's overall and section indices, and one unit's (or all units') items with
/// their margins of error, valid answers and the warning where the effective sample is too small to publish.
struct SIPASResultsPage {
    var campaign: SIPASCampaign
    var questionnaire: SIPASQuestionnaire
    var results: SIPASResults
    var responses: [String: Int]
    /// The campaign's units, to name the codes its answers carry.
    var units: [OrgUnit]
    var unit: String
    var imported: Int?
    /// The previous campaign with the same questionnaire, for the change of each item.
    var previous: (name: String, results: SIPASResults)?

    /// The aggregation is ours (docs/SIPAS.md): said on the page, with the published example that differs from it.
    static let methodNote =
        "Chỉ số từng yếu tố, từng phần và chỉ số chung ở đây là trung bình cộng giản đơn — cách tính của MotCua, "
        + "chưa phải cách tổng hợp chính thức của Bộ Nội vụ (chưa được công bố đầy đủ). Ví dụ: SIPAS 2023 do Bộ công bố có năm yếu tố "
        + "83,00%, 83,02%, 83,12%, 83,03%, 82,27% và chỉ số chung 82,66%, không bằng trung bình cộng của năm yếu tố (82,89%). "
        + "Vì vậy không so sánh trực tiếp chỉ số chung ở đây với chỉ số SIPAS do Bộ công bố."

    static func percent(_ value: Double?) -> String { value.map { ServiceIndexViews.number($0, decimals: 1) + "%" } ?? "—" }

    /// "+5,2 điểm (vượt sai số)", or a dash without a previous figure.
    private func change(_ code: String, _ current: SIPASResults.Item?) -> String {
        guard let current, let before = previous?.results.units[unit]?.items[code] else { return "—" }
        let change = SIPASChange(from: before, to: current)
        return (change.points >= 0 ? "+" : "") + ServiceIndexViews.number(change.points, decimals: 1) + " điểm"
            + (change.exceedsMargins ? " (vượt sai số)" : " (trong sai số)")
    }

    var body: [Node<HTML.BodyContext>] {
        let units = VietnameseText.sorted(results.units.keys.filter { $0 != SIPASResults.all }, by: name(of:)) + [SIPASResults.all]
        let chosen = results.units[unit]
        return [
            .h1(.text("Kết quả — \(campaign.name)")),
            .unwrap(imported) {
                .p(.class("notice notice--success"), .attribute(named: "role", value: "status"), .text("Đã nhập \($0) phiếu trả lời."))
            },
            .p(
                .text(
                    "Tỷ lệ hài lòng = số câu trả lời mức 4–5 trên số câu trả lời hợp lệ 1–5 (có trọng số thiết kế; “không biết” và bỏ trống không tính). "
                        + "Sai số ở độ tin cậy 95% theo cỡ mẫu hiệu dụng Kish. "),
                .a(.href(SiteRoute.sipasCampaignResultsCSV(id: campaign.id).path), .text("Tải kết quả (CSV)")), .text(" · "),
                .a(.href(SiteRoute.sipasCampaignResultsXLSX(id: campaign.id).path), .text("Tải kết quả (Excel)")), .text(" · "),
                .a(
                    .href(SiteRoute.sipasCampaignResponsesCSV(id: campaign.id).path),
                    .text("Tải dữ liệu phiếu không có thông tin cá nhân (CSV)"))),
            .p(.class("notice"), .id("sipas-method"), .text(Self.methodNote)),
            results.units.isEmpty || responses[SIPASResults.all] == 0
                ? .p(.text("Chưa có phiếu trả lời."))
                : .table(
                    .class("table"), .id("sipas-units"),
                    .caption(.text("Chỉ số hài lòng theo đơn vị")),
                    .thead(
                        .tr(
                            .th(.text("Đơn vị")), .th(.text("Số phiếu")), .th(.text("Chung (cách tính MotCua)")),
                            .forEach(questionnaire.sections) { .th(.text($0.label)) })),
                    .tbody(
                        .forEach(units) { code in
                            let figures = results.units[code]!
                            return .tr(
                                .th(
                                    .attribute(named: "scope", value: "row"),
                                    .a(.href(SiteRoute.sipasCampaignResults(id: campaign.id).path + "?unit=\(code)"), .text(name(of: code)))
                                ),
                                .td(.text(String(responses[code] ?? 0))), .td(.text(Self.percent(figures.overall))),
                                .forEach(questionnaire.sections) { .td(.text(Self.percent(figures.sections[$0.code]))) })
                        })
                ),
            responses[SIPASResults.all] ?? 0 > 0 ? charts(units: units) : .empty,
            .unwrap(chosen) { figures in
                .section(
                    .attribute(named: "aria-labelledby", value: "items-title"),
                    .h2(.id("items-title"), .text("Từng câu hỏi — \(name(of: unit))")),
                    .unwrap(previous) {
                        .p(.text("So sánh với đợt trước: \($0.name). Thay đổi “vượt sai số” khi lớn hơn sai số của hai đợt cộng lại."))
                    },
                    .table(
                        .class("table"), .id("sipas-items"),
                        .thead(
                            .tr(
                                .th(.text("Mã")), .th(.text("Nội dung")), .th(.text("Hài lòng")), .th(.text("Sai số (±)")),
                                .th(.text("Số trả lời hợp lệ")),
                                .th(.text("So với đợt trước")), .th(.text("Ghi chú")))),
                        .tbody(
                            .forEach(questionnaire.items) { item in
                                let value = figures.items[item.code]
                                return .tr(
                                    .td(.text(item.code)), .td(.text(item.text)), .td(.text(Self.percent(value?.percent))),
                                    .td(.text(value.map { ServiceIndexViews.number($0.moe, decimals: 1) } ?? "—")),
                                    .td(.text(String(value?.valid ?? 0))),
                                    .td(.text(change(item.code, value))),
                                    .td(
                                        .text(
                                            value == nil
                                                ? "Không có câu trả lời hợp lệ"
                                                : figures.tooSmall.contains(item.code) ? "Cỡ mẫu hiệu dụng dưới 30: chưa đủ để công bố" : ""
                                        )))
                            })
                    )
                )
            },
            .p(.a(.href(SiteRoute.sipasCampaign(id: campaign.id).path), .text("← Về đợt khảo sát"))),
        ]
    }
}
