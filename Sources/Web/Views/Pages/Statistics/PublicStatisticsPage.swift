import Domain
import Foundation
import Plot

/// Published statistics per unit: no personal data, no link to any dossier.
struct PublicStatisticsPage {
    var period: ReportingPeriod
    var document: PublicStatisticsRoutes.Document
    var today: LocalDate

    var body: [Node<HTML.BodyContext>] {
        let parameters = ServiceIndexRoutes.parameters(period)
        return [
            .h1(.text("Số liệu công khai về giải quyết thủ tục hành chính")),
            ServiceIndexViews.periodForm(period, action: SiteRoute.publicStatistics.path, today: today),
            .p(.text("Kỳ \(period.title). Dữ liệu mở: "), .a(.href(SiteRoute.publicStatisticsCSV.path + "?" + parameters), .text("tệp CSV")), .text(" · "),
               .a(.href(SiteRoute.publicStatisticsJSON.path + "?" + parameters), .text("JSON"))),
            .table(
                .class("table public-statistics"),
                .caption(.text("Tiếp nhận, giải quyết và mức độ hài lòng theo đơn vị")),
                .thead(.tr(.th(.text("Đơn vị")), .th(.text("Tiếp nhận")), .th(.text("Tỷ lệ trực tuyến")), .th(.text("Đã giải quyết")),
                           .th(.text("Tỷ lệ đúng hạn")), .th(.text("Tỷ lệ hài lòng")))),
                .tbody(.forEach([document.city] + document.units) { row in
                    .tr(.class(row.unit == "ALL" ? "group" : ""), .th(.attribute(named: "scope", value: "row"), .text(row.name)),
                        .td(.text(String(row.received))), .td(.text(Self.percent(row.onlineShare))), .td(.text(String(row.completed))),
                        .td(.text(Self.percent(row.onTimeRate))),
                        .td(.text(Self.percent(row.satisfaction) + (row.rated > 0 ? " (\(row.rated) lượt)" : ""))))
                })
            ),
            .p(.class("note"), .text("Tỷ lệ trực tuyến: hồ sơ nộp trực tuyến trên hồ sơ tiếp nhận trong kỳ. Tỷ lệ đúng hạn: hồ sơ giải quyết trước hạn "
                                     + "và đúng hạn trên hồ sơ đã giải quyết trong kỳ. Tỷ lệ hài lòng: đánh giá mức hài lòng, rất hài lòng trên tổng số đánh giá. "
                                     + "Đơn vị không có hồ sơ trong kỳ không được liệt kê.")),
        ]
    }

    static func percent(_ value: Double?) -> String { value.map { ServiceIndexViews.number($0 * 100, decimals: 1) + "%" } ?? "—" }
}
