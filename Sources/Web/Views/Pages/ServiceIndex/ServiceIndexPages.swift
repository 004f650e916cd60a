import Domain
import Foundation
import Persistence
import Plot
import Services

/// Pieces shared by the service index pages: the period form, the score table with a link behind every
/// count, numbers in Vietnamese.
enum ServiceIndexViews {
    /// Satisfaction measured by the latest SIPAS survey about the period, beside the ratings of indicator 5.3:
    /// two views of the same thing, from a random sample and from the applicants who chose to rate.
    static func sipas(_ sipas: SIPASSatisfaction?, score: ServiceIndexScore, link: Bool) -> Node<HTML.BodyContext> {
        let ratings = score.indicators.first { $0.measure == .ratingsSatisfied }
        return .section(
            .id("sipas-satisfaction"), .attribute(named: "aria-labelledby", value: "sipas-satisfaction-title"),
            .h3(.id("sipas-satisfaction-title"), .text("Đối chiếu với khảo sát SIPAS")),
            .unwrap(
                sipas,
                { sipas in
                    .group(
                        .p(
                            .text(
                                "Đợt “\(sipas.campaignName)” (sử dụng dịch vụ \(sipas.serviceFrom.vietnamese) – \(sipas.serviceTo.vietnamese)), \(sipas.responses) phiếu: "
                            ),
                            .strong(.text("hài lòng về cung ứng dịch vụ \(SIPASResultsPage.percent(sipas.service))")),
                            .text(", chỉ số hài lòng chung \(SIPASResultsPage.percent(sipas.figures.overall))."),
                            .if(sipas.isTooSmall, .text(" Một số câu có cỡ mẫu hiệu dụng dưới 30: chưa đủ để công bố.")),
                            .if(
                                link,
                                .group(
                                    .text(" "),
                                    .a(
                                        .href(
                                            SiteRoute.sipasCampaignResults(id: sipas.campaignID).path
                                                + (sipas.unit == SIPASResults.all ? "" : "?unit=\(sipas.unit)")),
                                        .text("Xem kết quả khảo sát"))))),
                        .unwrap(ratings?.ratio) { ratio in
                            .p(
                                .text(
                                    "Chỉ tiêu \(ratings!.code) (đánh giá của người nộp hồ sơ trong kỳ): \(SIPASResultsPage.percent(ratio * 100)) hài lòng, rất hài lòng."
                                ))
                        }
                    )
                }, else: .p(.text("Chưa có đợt khảo sát SIPAS nào có phiếu trả lời về thời gian này.")))
        )
    }

    /// "42,17"
    static func number(_ value: Double, decimals: Int = 2) -> String {
        String(format: "%.\(decimals)f", value).replacingOccurrences(of: ".", with: ",")
    }

    /// "42,17", exact to the hundredth; "19,5" and "20" for maxima (`decimals` nil: as many as it has, up to two).
    static func number(_ value: Decimal, decimals: Int? = 2) -> String {
        guard let decimals else {
            let text = value.vietnamese(decimals: 2)
            return text.hasSuffix(",00") ? String(text.dropLast(3)) : text.hasSuffix("0") ? String(text.dropLast()) : text
        }
        return value.vietnamese(decimals: decimals)
    }

    static let noData = "Chưa có dữ liệu"

    static func periodForm(_ period: ReportingPeriod, action: String, today: LocalDate) -> Node<HTML.BodyContext> {
        let quick: [(String, ReportingPeriod)] = [
            ("Tháng này", .month(of: today)), ("Tháng trước", .previousMonth(of: today)), ("Quý này", .quarter(of: today)),
            ("Năm nay", .year(of: today)),
        ]
        return .group(
            .form(
                .class("filters"), .action(action), .method(.get),
                .div(.class("field"), .label(.for("from"), .text("Từ ngày")), .dateInput(id: "from", name: "from", value: period.from.iso)),
                .div(.class("field"), .label(.for("to"), .text("Đến ngày")), .dateInput(id: "to", name: "to", value: period.through.iso)),
                .button(.type(.submit), .class("button"), .text("Xem"))
            ),
            .p(
                .class("quick-periods"), .text("Kỳ: "),
                .forEach(quick) { title, value in
                    .group(
                        .a(
                            .href(action + "?" + ServiceIndexRoutes.parameters(value)),
                            .if(value == period, .attribute(named: "aria-current", value: "true")), .text(title)), .text(" "))
                })
        )
    }

    /// The index over 100, with the points over the measurable maximum; "Chưa có dữ liệu" without dossiers.
    static func total(_ score: ServiceIndexScore) -> String {
        guard let index = score.index else { return noData + " (không có hồ sơ trong kỳ)" }
        return "\(number(index)) / 100 (\(number(score.total)) / \(number(score.measurableMax, decimals: nil)) điểm đo được)"
    }

    /// Groups and indicators; each numerator and denominator links to its records (`unit` nil: the city).
    static func scoreTable(_ score: ServiceIndexScore, unit: OrgUnit?, period: ReportingPeriod) -> Node<HTML.BodyContext> {
        func link(_ indicator: ServiceIndexScore.Indicator, _ part: ServiceIndexStore.Part, _ value: Int) -> Node<HTML.BodyContext> {
            .a(
                .href(records(indicator, part, unit: unit, period: period)),
                .attribute(named: "aria-label", value: "\(indicator.code) \(part.title.lowercased()): \(value), xem danh sách"),
                .text(String(value)))
        }
        return .table(
            .class("table service-index"), .id("score-table"),
            .caption(.text("Điểm theo nhóm và chỉ tiêu")),
            .thead(
                .tr(
                    .th(.text("Mã")), .th(.text("Chỉ tiêu")), .th(.text("Tử số")), .th(.text("Mẫu số")), .th(.text("Tỷ lệ")),
                    .th(.text("Điểm")),
                    .th(.text("Tối đa")))),
            .tbody(
                .forEach(score.groups) { group in
                    .group(
                        .tr(
                            .class("group"), .th(.attribute(named: "scope", value: "row"), .text(group.code)),
                            .th(.attribute(named: "scope", value: "row"), .attribute(named: "colspan", value: "4"), .text(group.name)),
                            .td(.text(group.measurableMax > 0 ? number(group.points) : "—")), .td(.text(number(group.max, decimals: nil)))),
                        .forEach(group.indicators) { indicator in
                            .tr(
                                .td(.text(indicator.code)), .td(.text(indicator.name)),
                                .unwrap(
                                    indicator.count,
                                    { count in
                                        .group(
                                            .td(link(indicator, .numerator, count.numerator)),
                                            .td(link(indicator, .denominator, count.denominator)),
                                            .td(.text(indicator.ratio.map { number($0 * 100, decimals: 1) + "%" } ?? "không áp dụng")),
                                            .td(.text(indicator.points.map { number($0) } ?? "—")))
                                    },
                                    else: .group(
                                        .td(.attribute(named: "colspan", value: "4"), .class("no-data"), .text("không có dữ liệu")))),
                                .td(.text(number(indicator.max, decimals: nil)))
                            )
                        }
                    )
                })
        )
    }

    /// The score scaled to 100, month by month, each month linking to its own index.
    static func trendChart(
        _ trend: [(month: ReportingPeriod, score: ServiceIndexScore)], id: String, title: String,
        link: (ReportingPeriod) -> String
    ) -> Node<HTML.BodyContext> {
        SVGChart(
            id: id, title: title,
            summary: "Chỉ số trên thang 100 của \(trend.count) tháng gần nhất, tháng cuối là \(trend.last?.month.title ?? ""); "
                + "tháng không có hồ sơ để trống.",
            items: trend.map { month, score in
                .init(label: month.title, value: score.index?.double, text: score.index.map { number($0) } ?? noData, href: link(month))
            },
            scaleMax: 100, valueHeading: "Chỉ số /100", unit: "điểm /100"
        ).line()
    }

    /// The indicators that lost most points, each linking to the records that cost them (in the denominator,
    /// not in the numerator).
    static func weakest(_ score: ServiceIndexScore, unit: OrgUnit?, period: ReportingPeriod) -> Node<HTML.BodyContext> {
        let weakest = score.weakest(5)
        guard !weakest.isEmpty else { return .p(.text("Không mất điểm ở chỉ tiêu nào đo được.")) }
        return .ol(
            .class("weakest"),
            .forEach(weakest) { indicator in
                .li(
                    .text("\(indicator.code) \(indicator.name): "),
                    .a(
                        .href(records(indicator, .lost, unit: unit, period: period)),
                        .text("mất \(number(indicator.lost)) / \(number(indicator.max, decimals: nil)) điểm")))
            })
    }

    static func records(_ indicator: ServiceIndexScore.Indicator, _ part: ServiceIndexStore.Part, unit: OrgUnit?, period: ReportingPeriod)
        -> String
    {
        SiteRoute.serviceIndexRecords.path
            + "?unit=\(unit.map { String($0.id) } ?? "city")&indicator=\(indicator.code)&part=\(part.rawValue)&"
            + ServiceIndexRoutes.parameters(period)
    }
}

/// The leaders' dashboard: the city's index and its trend, where it loses points, the units ranked, the
/// overdue dossiers by unit and the satisfaction trend — every figure a link that ends at records.
struct ServiceIndexPage {
    var report: ServiceIndexReport
    var period: ReportingPeriod
    var today: LocalDate
    var trend: [(month: ReportingPeriod, score: ServiceIndexScore)]
    /// Units with dossiers open and overdue at the start of today, most first.
    var overdue: [(unit: OrgUnit, count: Int)]
    var sipas: SIPASSatisfaction?

    var body: [Node<HTML.BodyContext>] {
        let city = report.city
        return [
            .h1(.text("Chỉ số phục vụ người dân, doanh nghiệp")),
            .p(.class("lead"), .text("\(report.framework.title), tính trực tiếp từ dữ liệu MotCua — kỳ \(period.title).")),
            ServiceIndexViews.periodForm(period, action: SiteRoute.serviceIndex.path, today: today),
            .div(.class("dashboard"), trendChart, satisfactionChart, overdueChart),
            .section(
                .attribute(named: "aria-labelledby", value: "city-title"),
                .h2(
                    .id("city-title"), .text("Toàn thành phố: "),
                    .a(.id("city-total"), .href("#score-table"), .text(ServiceIndexViews.total(city)))),
                .h3(.text("Chỉ tiêu mất nhiều điểm nhất")),
                ServiceIndexViews.weakest(city, unit: nil, period: period),
                ServiceIndexViews.scoreTable(city, unit: nil, period: period),
                ServiceIndexViews.sipas(sipas, score: city, link: true),
                .p(
                    .class("note"),
                    .text(
                        "Chỉ tiêu “không có dữ liệu” chưa được MotCua ghi nhận; chỉ tiêu có mẫu số bằng 0 trong kỳ là “không áp dụng”. "
                            + "Cả hai không được tính điểm và không tính vào điểm đo được; chỉ số là điểm đạt trên điểm đo được, quy về thang 100. "
                            + "Kỳ không có hồ sơ nào thì chưa có chỉ số. Ghi chú của bộ chỉ số: \(report.framework.note)"))
            ),
            .forEach([("department", UnitKind.department.title), ("local", UnitKind.localLevelTitle(through: period.through))]) {
                group, title in ranking(group, title)
            },
        ]
    }

    private var trendChart: Node<HTML.BodyContext> {
        ServiceIndexViews.trendChart(trend, id: "chart-trend", title: "Chỉ số của toàn thành phố theo tháng (thang 100)") { month in
            SiteRoute.serviceIndex.path + "?" + ServiceIndexRoutes.parameters(month)
        }
    }

    private var satisfactionChart: Node<HTML.BodyContext> {
        SVGChart(
            id: "chart-satisfaction", title: "Tỷ lệ đánh giá hài lòng về giải quyết hồ sơ theo tháng (%)",
            summary: "Tỷ lệ đánh giá mức 4–5 trên tổng số đánh giá (chỉ tiêu 5.3) của từng tháng; tháng không có đánh giá để trống.",
            items: trend.map { month, score in
                let indicator = score.indicators.first { $0.measure == .ratingsSatisfied }
                let count = indicator?.count ?? .zero
                return .init(
                    label: month.title, value: indicator?.ratio.map { $0 * 100 },
                    text: indicator?.ratio.map {
                        ServiceIndexViews.number($0 * 100, decimals: 1) + "% (\(count.numerator)/\(count.denominator))"
                    }
                        ?? "Chưa có đánh giá",
                    href: indicator.map {
                        SiteRoute.serviceIndexRecords.path + "?unit=city&indicator=\($0.code)&part=denominator&"
                            + ServiceIndexRoutes.parameters(month)
                    })
            },
            scaleMax: 100, valueHeading: "Tỷ lệ hài lòng", unit: "%"
        ).line()
    }

    private var overdueChart: Node<HTML.BodyContext> {
        let yesterday = today.adding(days: -1)
        guard !overdue.isEmpty else { return .p(.id("chart-overdue"), .text("Không có hồ sơ quá hạn đang giải quyết.")) }
        return SVGChart(
            id: "chart-overdue", title: "Hồ sơ đang giải quyết đã quá hạn, theo đơn vị (đầu ngày \(today.vietnamese))",
            summary: "\(overdue.count) đơn vị có hồ sơ quá hạn; \(min(overdue.count, 15)) đơn vị nhiều nhất được vẽ.",
            items: overdue.prefix(15).map { unit, count in
                .init(
                    label: unit.name, value: Double(count), text: "\(count) hồ sơ",
                    href: SiteRoute.statisticsDossiers.path
                        + "?unit=\(unit.id)&from=\(yesterday.iso)&to=\(yesterday.iso)&figure=pendingOverdue")
            },
            scaleMax: nil, valueHeading: "Số hồ sơ quá hạn"
        ).bars()
    }

    private func ranking(_ group: String, _ title: String) -> Node<HTML.BodyContext> {
        let entries = report.ranking(of: group)
        return .section(
            .attribute(named: "aria-labelledby", value: "ranking-\(group)"),
            .h2(.id("ranking-\(group)"), .text("Xếp hạng \(title)")),
            entries.isEmpty
                ? .p(.text("Chưa có đơn vị nào có hồ sơ trong kỳ."))
                : .table(
                    .class("table ranking"),
                    .thead(.tr(.th(.text("Hạng")), .th(.text("Đơn vị")), .th(.text("Chỉ số /100")), .th(.text("Điểm / điểm đo được")))),
                    .tbody(
                        .forEach(entries) { entry in
                            .tr(
                                .td(.text(String(entry.rank))),
                                .td(
                                    .a(
                                        .href(
                                            SiteRoute.serviceIndexUnit(id: entry.unit.id).path + "?" + ServiceIndexRoutes.parameters(period)
                                        ), .text(entry.unit.name))),
                                .td(
                                    .a(
                                        .href(
                                            SiteRoute.serviceIndexUnit(id: entry.unit.id).path + "?" + ServiceIndexRoutes.parameters(period)
                                        ),
                                        .attribute(
                                            named: "aria-label",
                                            value:
                                                "\(entry.unit.name): \(ServiceIndexViews.number(entry.score.index ?? 0)) trên 100, xem chi tiết"
                                        ),
                                        .text(ServiceIndexViews.number(entry.score.index ?? 0)))),
                                .td(
                                    .text(
                                        "\(ServiceIndexViews.number(entry.score.total)) / \(ServiceIndexViews.number(entry.score.measurableMax, decimals: nil))"
                                    )))
                        })
                ),
            .p(
                .class("note"),
                .text(
                    "Xếp hạng theo chỉ số làm tròn đến hai chữ số thập phân: đơn vị bằng chỉ số thì đồng hạng. "
                        + "Đơn vị không có hồ sơ nào trong kỳ chưa có chỉ số và không được xếp hạng."))
        )
    }
}

/// One unit's index.
struct ServiceIndexUnitPage {
    var report: ServiceIndexReport
    var period: ReportingPeriod
    var unit: OrgUnit
    var score: ServiceIndexScore
    var rank: Int?
    var ranked: Int
    var today: LocalDate
    var trend: [(month: ReportingPeriod, score: ServiceIndexScore)]
    var sipas: SIPASSatisfaction?
    var seesSurveys: Bool

    var body: [Node<HTML.BodyContext>] {
        [
            .h1(.text("Chỉ số phục vụ — \(unit.name)")),
            ServiceIndexViews.periodForm(period, action: SiteRoute.serviceIndexUnit(id: unit.id).path, today: today),
            .p(
                .class("lead"), .text("Kỳ \(period.title): "),
                .a(.id("unit-total"), .href("#score-table"), .strong(.text(ServiceIndexViews.total(score)))),
                .text(
                    rank.map { ". Xếp hạng \($0)/\(ranked) trong \(unit.kind.title.lowercased()) và đơn vị cùng cấp." }
                        ?? ". Chưa được xếp hạng trong kỳ.")),
            .h2(.text("Chỉ tiêu mất nhiều điểm nhất")),
            ServiceIndexViews.weakest(score, unit: unit, period: period),
            ServiceIndexViews.trendChart(trend, id: "chart-unit-trend", title: "Chỉ số của \(unit.name) theo tháng (thang 100)") { month in
                SiteRoute.serviceIndexUnit(id: unit.id).path + "?" + ServiceIndexRoutes.parameters(month)
            },
            .p(
                .a(
                    .href(SiteRoute.serviceIndexWhatIf(id: unit.id).path + "?" + ServiceIndexRoutes.parameters(period)),
                    .text("Giả định: nếu hoàn thành các hồ sơ đang giải quyết trước cuối kỳ thì điểm sẽ là bao nhiêu?"))),
            ServiceIndexViews.scoreTable(score, unit: unit, period: period),
            ServiceIndexViews.sipas(sipas, score: score, link: seesSurveys),
        ]
    }
}

/// What-if: the unit's open dossiers, those chosen completed at the end of the period, and the score before and after.
struct ServiceIndexWhatIfPage {
    var period: ReportingPeriod
    var unit: OrgUnit
    var before: ServiceIndexScore
    var after: ServiceIndexScore
    var open: [DossierQueueItem]
    var selected: Set<Int64>
    var completion: Date
    var clock: LocalClock

    var body: [Node<HTML.BodyContext>] {
        let changed = zip(before.indicators, after.indicators).filter { $0.0.count != $0.1.count }
        return [
            .h1(.text("Giả định — \(unit.name)")),
            .p(
                .class("lead"),
                .text(
                    "Nếu \(selected.count) hồ sơ được chọn hoàn thành lúc \(clock.text(completion)) (cuối kỳ \(period.title)), chỉ số từ "),
                .strong(.id("before-total"), .text(before.index.map { ServiceIndexViews.number($0) } ?? ServiceIndexViews.noData)),
                .text(" thành "),
                .strong(.id("after-total"), .text(after.index.map { ServiceIndexViews.number($0) } ?? ServiceIndexViews.noData)),
                .text(
                    " / 100 (\(ServiceIndexViews.number(after.total)) / \(ServiceIndexViews.number(after.measurableMax, decimals: nil)) điểm đo được)."
                )),
            changed.isEmpty
                ? .p(.text("Không chỉ tiêu nào thay đổi."))
                : .table(
                    .class("table"), .caption(.text("Chỉ tiêu thay đổi")),
                    .thead(.tr(.th(.text("Chỉ tiêu")), .th(.text("Hiện nay")), .th(.text("Giả định")))),
                    .tbody(
                        .forEach(changed) { now, then in
                            .tr(
                                .th(.attribute(named: "scope", value: "row"), .text("\(now.code) \(now.name)")),
                                .td(.text(Self.figure(now))), .td(.id("after-\(now.code)"), .text(Self.figure(then))))
                        })
                ),
            .p(
                .class("note"),
                .text(
                    "Hồ sơ đã quá hạn nếu hoàn thành vẫn tính là trễ hạn (tăng mẫu số chỉ tiêu 2.1); hồ sơ chưa đến hạn hoàn thành "
                        + "trước hạn tính là đúng hạn. Mặc định chọn các hồ sơ sẽ quá hạn trước thời điểm cuối kỳ.")),
            .form(
                .class("form"), .action(SiteRoute.serviceIndexWhatIf(id: unit.id).path), .method(.get),
                .input(.type(.hidden), .name("from"), .value(period.from.iso)),
                .input(.type(.hidden), .name("to"), .value(period.through.iso)),
                .table(
                    .class("table"), .caption(.text("Hồ sơ đang giải quyết (\(open.count))")),
                    .thead(.tr(.th(.text("Chọn")), .th(.text("Mã hồ sơ")), .th(.text("Thủ tục")), .th(.text("Hạn giải quyết")))),
                    .tbody(
                        .forEach(open) { item in
                            .tr(
                                .td(
                                    .input(
                                        .type(.checkbox), .id("d-\(item.dossier.id)"), .name("dossier"), .value(String(item.dossier.id)),
                                        .attribute(named: "checked", value: selected.contains(item.dossier.id) ? "checked" : ""),
                                        .attribute(named: "aria-label", value: "Chọn hồ sơ \(item.dossier.code.text)"))),
                                .td(.a(.href(SiteRoute.dossier(id: item.dossier.id).path), .text(item.dossier.code.text))),
                                .td(.text(item.procedureName)),
                                .td(.text(item.dossier.dueAt.map(clock.text) ?? "Tạm dừng")))
                        })
                ),
                .button(.type(.submit), .class("button"), .text("Tính lại"))
            ),
            .p(
                .a(.href(SiteRoute.serviceIndexUnit(id: unit.id).path + "?" + ServiceIndexRoutes.parameters(period)), .text("Về bảng điểm"))
            ),
        ]
    }

    static func figure(_ indicator: ServiceIndexScore.Indicator) -> String {
        guard let count = indicator.count else { return "không có dữ liệu" }
        return "\(count.numerator)/\(count.denominator) → "
            + (indicator.points.map { "\(ServiceIndexViews.number($0)) điểm" } ?? "không áp dụng")
    }
}

/// The records behind a numerator or a denominator.
struct ServiceIndexRecordsPage {
    var period: ReportingPeriod
    var unit: OrgUnit?
    var indicator: ServiceIndexFramework.Indicator
    var part: ServiceIndexStore.Part
    var records: ServiceIndexStore.Records
    var clock: LocalClock

    static let shown = 1000

    /// What the records are, in Vietnamese (the framework file's own wording is English).
    static func definition(_ measure: ServiceIndexMeasure, _ part: ServiceIndexStore.Part) -> String {
        switch part {
        case .numerator: measure.numeratorTitle
        case .denominator: measure.denominatorTitle
        case .lost:
            "\(measure.denominatorTitle), trừ: \(measure.numeratorTitle.prefix(1).lowercased() + measure.numeratorTitle.dropFirst())"
        }
    }

    var body: [Node<HTML.BodyContext>] {
        let back = unit.map { SiteRoute.serviceIndexUnit(id: $0.id).path } ?? SiteRoute.serviceIndex.path
        return [
            .h1(.text("\(indicator.code) \(indicator.name) — \(part.title.lowercased())")),
            .p(
                .text(
                    "\(unit?.name ?? "Toàn thành phố"), kỳ \(period.title): \(indicator.measure.map { Self.definition($0, part) } ?? "") — "
                ),
                .strong(.id("record-count"), .text(String(records.count))), .text(". "),
                .a(.href(back + "?" + ServiceIndexRoutes.parameters(period)), .text("Về bảng điểm"))),
            .if(records.count > Self.shown, .p(.class("note"), .text("Hiển thị \(Self.shown) bản ghi đầu tiên."))),
            content,
        ]
    }

    private var content: Node<HTML.BodyContext> {
        switch records {
        case .dossiers(let items):
            return StatisticsDossiersPage.table(Array(items.prefix(Self.shown)), clock: clock)
        case .feedback(let items):
            return .table(
                .class("table"),
                .thead(
                    .tr(
                        .th(.text("Mã")), .th(.text("Nội dung")), .th(.text("Tiếp nhận")), .th(.text("Hạn trả lời")), .th(.text("Trả lời")),
                        .th(.text("Đánh giá")))),
                .tbody(
                    .forEach(items.prefix(Self.shown)) { item in
                        .tr(
                            .td(.text(item.code)), .td(.text(item.subject.title)), .td(.text(clock.text(item.receivedAt))),
                            .td(.text(clock.text(item.dueAt))),
                            .td(.text(item.answeredAt.map(clock.text) ?? "Chưa trả lời")),
                            .td(.text(item.satisfied.map { $0 ? "Hài lòng" : "Không hài lòng" } ?? "—")))
                    })
            )
        }
    }
}
