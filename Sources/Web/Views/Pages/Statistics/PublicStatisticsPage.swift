import Domain
import Foundation
import Plot
import Services

/// Published statistics per unit: no personal data, no link to any dossier.
struct PublicStatisticsPage {
    var period: ReportingPeriod
    var document: PublicStatisticsRoutes.Document
    var today: LocalDate
    /// The city's figures month by month: the twelve months up to the period's last.
    var trend: [(month: ReportingPeriod, row: PublicStatisticsRoutes.Row)] = []

    var body: [Node<HTML.BodyContext>] {
        let parameters = ServiceIndexRoutes.parameters(period)
        return [
            .h1(.text("Số liệu công khai về giải quyết thủ tục hành chính")),
            ServiceIndexViews.periodForm(period, action: SiteRoute.publicStatistics.path, today: today),
            .p(
                .text("Kỳ \(period.title). Dữ liệu mở: "),
                .a(.href(SiteRoute.publicStatisticsCSV.path + "?" + parameters), .text("tệp CSV")), .text(" · "),
                .a(.href(SiteRoute.publicStatisticsJSON.path + "?" + parameters), .text("JSON"))),
            charts,
            .table(
                .class("table public-statistics"),
                .caption(.text("Tiếp nhận, giải quyết và mức độ hài lòng theo đơn vị")),
                .thead(
                    .tr(
                        .th(.text("Đơn vị")), .th(.text("Tiếp nhận")), .th(.text("Tỷ lệ trực tuyến")), .th(.text("Đã giải quyết")),
                        .th(.text("Tỷ lệ đúng hạn")), .th(.text("Tỷ lệ hài lòng")))),
                .tbody(
                    .forEach([document.city] + document.units) { row in
                        .tr(
                            .class(row.unit == "ALL" ? "group" : ""), .th(.attribute(named: "scope", value: "row"), .text(row.name)),
                            .td(.text(String(row.received))), .td(.text(Self.percent(row.onlineShare))), .td(.text(String(row.completed))),
                            .td(.text(Self.percent(row.onTimeRate))),
                            .td(.text(Self.percent(row.satisfaction) + (row.rated > 0 ? " (\(row.rated) lượt)" : ""))))
                    })
            ),
            .p(
                .class("note"),
                .text(
                    "Tỷ lệ trực tuyến: hồ sơ nộp trực tuyến trên hồ sơ tiếp nhận trong kỳ. Tỷ lệ đúng hạn: hồ sơ giải quyết trước hạn "
                        + "và đúng hạn trên hồ sơ đã giải quyết trong kỳ. Tỷ lệ hài lòng: đánh giá mức hài lòng, rất hài lòng trên tổng số đánh giá. "
                        + "Đơn vị không có hồ sơ trong kỳ không được liệt kê.")),
        ]
    }

    /// The trend of the city (dossiers received, on-time rate) and the units compared, beside the table.
    private var charts: Node<HTML.BodyContext> {
        let received = SVGChart(
            id: "chart-received", title: "Hồ sơ tiếp nhận theo tháng — toàn thành phố",
            summary: "Số hồ sơ tiếp nhận của từng tháng trong \(trend.count) tháng đến \(trend.last?.month.title ?? "").",
            items: trend.map { .init(label: Self.monthLabel($0.month), value: Double($0.row.received), text: "\($0.row.received) hồ sơ") },
            scaleMax: nil, valueHeading: "Hồ sơ tiếp nhận", unit: "hồ sơ")
        let onTime = SVGChart(
            id: "chart-on-time", title: "Tỷ lệ giải quyết đúng hạn theo tháng — toàn thành phố (%)",
            summary:
                "Hồ sơ giải quyết trước hạn và đúng hạn trên hồ sơ đã giải quyết của từng tháng; tháng chưa giải quyết hồ sơ nào để trống.",
            items: trend.map { month, row in
                .init(
                    label: Self.monthLabel(month), value: row.onTimeRate.map { $0 * 100 },
                    text: row.onTimeRate.map { Self.percent($0) + " (\(row.completedOnTime)/\(row.completed))" }
                        ?? "Chưa có hồ sơ giải quyết")
            },
            scaleMax: 100, valueHeading: "Tỷ lệ đúng hạn", unit: "%")
        let busiest = document.units.sorted { $0.received > $1.received }.prefix(15)
        let units = SVGChart(
            id: "chart-units", title: "Tỷ lệ giải quyết đúng hạn của \(busiest.count) đơn vị tiếp nhận nhiều hồ sơ nhất (%)",
            summary: "Kỳ \(period.title); đơn vị chưa giải quyết hồ sơ nào trong kỳ để trống.",
            items: busiest.map { row in
                .init(
                    label: row.name, value: row.onTimeRate.map { $0 * 100 },
                    text: row.onTimeRate.map { Self.percent($0) + " (\(row.completedOnTime)/\(row.completed))" }
                        ?? "Chưa có hồ sơ giải quyết")
            },
            scaleMax: 100, valueHeading: "Tỷ lệ đúng hạn")
        return .div(
            .class("dashboard"), trend.isEmpty ? .empty : received.line(), trend.isEmpty ? .empty : onTime.line(),
            busiest.isEmpty ? .empty : units.bars())
    }

    /// "12/2026": a month on a chart's axis.
    static func monthLabel(_ month: ReportingPeriod) -> String { String(format: "%02d/%d", month.from.month, month.from.year) }

    static func percent(_ value: Double?) -> String { value.map { ServiceIndexViews.number($0 * 100, decimals: 1) + "%" } ?? "—" }
}
