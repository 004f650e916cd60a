import Domain
import Foundation
import Persistence
import Plot
import Services

/// The statistics table: every figure links to the dossiers behind it.
struct StatisticsPage {
    var query: StatisticsRoutes.Query
    var table: DossierStatistics.Table
    var units: [OrgUnit]

    var body: [Node<HTML.BodyContext>] {
        let parameters = "unit=\(query.unit.id)&from=\(query.from.iso)&to=\(query.to.iso)"
        return [
            .h1(.text("Thống kê hồ sơ")),
            .form(
                .class("filters"), .action(SiteRoute.statistics.path), .method(.get),
                .div(
                    .class("field"), .label(.for("unit"), .text("Đơn vị giải quyết")),
                    .select(
                        .id("unit"), .attribute(named: "name", value: "unit"),
                        .forEach(units) { .choice(String($0.id), $0.name, isSelected: $0.id == query.unit.id) })),
                .div(.class("field"), .label(.for("from"), .text("Từ ngày")), .dateInput(id: "from", name: "from", value: query.from.iso)),
                .div(.class("field"), .label(.for("to"), .text("Đến ngày")), .dateInput(id: "to", name: "to", value: query.to.iso)),
                .button(.type(.submit), .class("button"), .text("Xem"))
            ),
            .p(
                .text(
                    "\(query.unit.name)\(query.includesUnitsBelow ? " (gồm các đơn vị trực thuộc)" : ""), từ \(query.from.vietnamese) đến \(query.to.vietnamese)"
                        + (query.isOver ? ". " : "; hồ sơ đang giải quyết và quá hạn tính đến \(LocalClock().text(query.asOf)). ")),
                .a(.href(SiteRoute.statisticsCSV.path + "?" + parameters), .text("Tải tệp CSV")), .text(" · "),
                .a(.href(SiteRoute.statisticsXLSX.path + "?" + parameters), .text("Tải tệp Excel (.xlsx)"))),
            .table(
                .class("table statistics"),
                .caption(.text("Tình hình tiếp nhận và giải quyết hồ sơ")),
                .thead(.tr(.th(.text("Chỉ tiêu")), .th(.text("Số hồ sơ")), .th(.text("Tỷ lệ")))),
                .tbody(
                    .forEach(DossierStatistics.Figure.allCases) { figure in
                        .tr(
                            .class(Self.isDetail(figure) ? "detail" : ""),
                            .th(.attribute(named: "scope", value: "row"), .text(figure.title)),
                            .td(
                                .a(
                                    .href(SiteRoute.statisticsDossiers.path + "?" + parameters + "&figure=\(figure.rawValue)"),
                                    .attribute(named: "aria-label", value: "\(figure.title): \(table.count(figure)) hồ sơ, xem danh sách"),
                                    .text(String(table.count(figure))))),
                            .td(
                                .text(
                                    table.percent(figure).map { String(format: "%.1f%%", $0).replacingOccurrences(of: ".", with: ",") }
                                        ?? ""))
                        )
                    },
                    .tr(
                        .th(.attribute(named: "scope", value: "row"), .text("Thời gian giải quyết trung bình")),
                        .td(
                            .text(
                                table.averageWorkingDays.map {
                                    String(format: "%.1f ngày làm việc", $0).replacingOccurrences(of: ".", with: ",")
                                } ?? "—")),
                        .td())
                )
            ),
        ]
    }

    static func isDetail(_ figure: DossierStatistics.Figure) -> Bool {
        [.carriedOver, .newOnline, .newInPerson, .newPost, .early, .onTime, .late, .pendingWithinDeadline, .pendingOverdue].contains(figure)
    }
}

/// The dossiers behind one figure.
struct StatisticsDossiersPage {
    var query: StatisticsRoutes.Query
    var figure: DossierStatistics.Figure
    var items: [DossierQueueItem]
    var clock: LocalClock

    var body: [Node<HTML.BodyContext>] {
        [
            .h1(.text(figure.title)),
            .p(
                .text("\(query.unit.name), từ \(query.from.vietnamese) đến \(query.to.vietnamese): \(items.count) hồ sơ. "),
                .a(
                    .href(SiteRoute.statistics.path + "?unit=\(query.unit.id)&from=\(query.from.iso)&to=\(query.to.iso)"),
                    .text("Về bảng thống kê"))),
            Self.table(items, clock: clock),
        ]
    }

    /// Dossiers with what a list behind a figure needs: code (to the dossier), procedure, channel, dates, status.
    static func table(_ items: [DossierQueueItem], clock: LocalClock) -> Node<HTML.BodyContext> {
        .table(
            .class("table"),
            .thead(
                .tr(
                    .th(.text("Mã hồ sơ")), .th(.text("Thủ tục")), .th(.text("Kênh")), .th(.text("Tiếp nhận")), .th(.text("Hạn")),
                    .th(.text("Hoàn thành")), .th(.text("Trạng thái")))),
            .tbody(
                .forEach(items) { item in
                    .tr(
                        .td(.a(.href(SiteRoute.dossier(id: item.dossier.id).path), .text(item.dossier.code.text))),
                        .td(.text(item.procedureName)),
                        .td(.text(item.dossier.channel.title)), .td(.text(clock.text(item.dossier.receivedAt))),
                        .td(.text(item.dossier.dueAt.map(clock.text) ?? "—")), .td(.text(item.dossier.finishedAt.map(clock.text) ?? "—")),
                        .td(.text(item.dossier.state.status.title)))
                })
        )
    }
}
