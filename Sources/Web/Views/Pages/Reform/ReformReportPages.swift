import Domain
import Foundation
import Persistence
import Plot
import Services

/// The city's overdue tasks on a day, the most working days late first, with each unit's last note.
struct ReformOverduePage {
    var plan: ReformPlan
    var overdue: [ReformTaskStanding]
    var names: [Int64: String]
    var notes: [Int64: String]
    var asOf: LocalDate

    var body: [Node<HTML.BodyContext>] {
        [
            .h1(.text("Nhiệm vụ quá hạn — \(plan.title)")),
            ReformViews.demoWarning(plan),
            ReformViews.planLinks(plan, asOf: asOf),
            ReformViews.asOfForm(SiteRoute.reformPlanOverdue(id: plan.id).path, asOf: asOf),
            .p(.text("Tính đến ngày \(asOf.vietnamese): \(overdue.count) nhiệm vụ quá hạn, số ngày trễ tính theo ngày làm việc.")),
            overdue.isEmpty
                ? .p(.text("Không có nhiệm vụ quá hạn."))
                : .table(
                    .class("table"), .id("overdue-tasks"),
                    .thead(
                        .tr(
                            .th(.text("Nhiệm vụ")), .th(.text("Đơn vị chủ trì")), .th(.text("Thời hạn")), .th(.text("Số ngày trễ")),
                            .th(.text("Tiến độ")),
                            .th(.text("Báo cáo gần nhất")))),
                    .tbody(
                        .forEach(overdue) { standing in
                            .tr(
                                .td(
                                    .a(.href(SiteRoute.reformTask(id: standing.task.id).path), .text(standing.task.content)),
                                    .if(standing.task.carriedFromID != nil, .span(.class("badge"), .text("chuyển tiếp")))),
                                .td(
                                    .a(
                                        .href(SiteRoute.reformBoard(id: plan.id, unitID: standing.task.leadUnitID).path),
                                        .text(names[standing.task.leadUnitID] ?? "—"))),
                                .td(.text(ReformViews.deadline(standing.task))), .td(.class("number"), .text(String(standing.daysLate))),
                                .td(.text("\(standing.percent)%")), .td(.text(notes[standing.task.id] ?? "")))
                        })),
        ]
    }
}

/// The plan on a time line (Gantt-like, drawn on the server): a bar per task from the start of its deadline's
/// period to its due day, coloured by status, with the day shown as a line; the same as a table underneath.
struct ReformTimelinePage {
    var plan: ReformPlan
    var standings: [ReformTaskStanding]
    var names: [Int64: String]
    var asOf: LocalDate

    var body: [Node<HTML.BodyContext>] {
        [
            .h1(.text("Tiến độ theo thời gian — \(plan.title)")),
            ReformViews.demoWarning(plan),
            ReformViews.planLinks(plan, asOf: asOf),
            ReformViews.asOfForm(SiteRoute.reformPlanTimeline(id: plan.id).path, asOf: asOf),
            standings.isEmpty
                ? .p(.text("Chưa có nhiệm vụ."))
                : .element(
                    named: "figure",
                    nodes: [
                        .class("chart-figure timeline"), .id("reform-timeline"),
                        .raw(svg),
                        .element(
                            named: "figcaption",
                            nodes: [
                                .text(
                                    "Mỗi thanh là một nhiệm vụ, từ đầu kỳ của thời hạn đến ngày hết hạn; vạch dọc là ngày \(asOf.vietnamese)."
                                )
                            ]),
                        .element(
                            named: "details",
                            nodes: [
                                .element(named: "summary", nodes: [.text("Xem dạng bảng")]),
                                ReformViews.tasks(standings, names: names, id: "timeline-table"),
                            ]),
                    ]),
            .ul(
                .class("legend"),
                .forEach(ReformTaskStatus.allCases) { status in
                    .li(
                        .span(.class("legend__swatch task-fill--\(status.rawValue)"), .attribute(named: "aria-hidden", value: "true")),
                        .text(" " + status.title))
                }),
        ]
    }

    /// The drawing: months of the plan's year across (widened to include earlier due days of carried-over
    /// tasks), a row per task.
    var svg: String {
        let yearStart = LocalDate(year: plan.year, month: 1, day: 1)!, yearEnd = LocalDate(year: plan.year, month: 12, day: 31)!
        let first = min(yearStart, standings.map { Self.start(of: $0.task, plan: plan) }.min() ?? yearStart)
        let last = max(yearEnd, standings.map(\.task.due).max() ?? yearEnd)
        let days = Double(max(1, first.dayNumber.distance(to: last.dayNumber) + 1))
        let label = 320, plotWidth = 640, rowHeight = 22, top = 28
        let width = label + plotWidth + 10, height = top + rowHeight * standings.count + 10
        func x(_ day: LocalDate) -> Int { label + Int(Double(first.dayNumber.distance(to: day.dayNumber)) / days * Double(plotWidth)) }
        var marks = ""
        var month = LocalDate(year: first.year, month: first.month, day: 1)!
        while month <= last {
            let left = max(label, x(month))
            marks += "<line x1=\"\(left)\" y1=\"\(top - 6)\" x2=\"\(left)\" y2=\"\(height - 6)\" class=\"timeline__grid\"/>"
            marks +=
                "<text x=\"\(left + 3)\" y=\"\(top - 10)\" class=\"timeline__month\">T\(month.month)\(month.month == 1 ? "/\(month.year)" : "")</text>"
            month =
                month.month == 12
                ? LocalDate(year: month.year + 1, month: 1, day: 1)! : LocalDate(year: month.year, month: month.month + 1, day: 1)!
        }
        for (index, standing) in standings.enumerated() {
            let y = top + index * rowHeight
            let task = standing.task
            let start = x(Self.start(of: task, plan: plan)), end = max(start + 3, x(task.due))
            let name = Markup.escaped(task.content)
            marks +=
                "<g class=\"timeline__row\"><title>\(name) — \(Markup.escaped(names[task.leadUnitID] ?? "")), hạn \(task.due.vietnamese), "
                + "\(Markup.escaped(standing.status.title)), \(standing.percent)%</title>"
            marks += "<text x=\"4\" y=\"\(y + 15)\" class=\"timeline__label\">\(Markup.escaped(task.content.shortened(to: 30)))</text>"
            marks +=
                "<rect x=\"\(start)\" y=\"\(y + 4)\" width=\"\(end - start)\" height=\"\(rowHeight - 8)\" class=\"task-fill--\(standing.status.rawValue)\"/>"
            let done = start + Int(Double(end - start) * Double(standing.percent) / 100)
            marks +=
                "<rect x=\"\(start)\" y=\"\(y + rowHeight / 2 - 1)\" width=\"\(done - start)\" height=\"3\" class=\"timeline__progress\"/></g>"
        }
        let today = x(asOf)
        if asOf >= first && asOf <= last {
            marks += "<line x1=\"\(today)\" y1=\"\(top - 6)\" x2=\"\(today)\" y2=\"\(height - 4)\" class=\"timeline__today\"/>"
        }
        return
            "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-labelledby=\"timeline-title\">"
            + "<title id=\"timeline-title\">Tiến độ \(standings.count) nhiệm vụ của \(Markup.escaped(plan.title))</title>\(marks)</svg>"
    }

    /// Where a task's bar starts: its deadline's period's first day; for a date, the first of its month (or
    /// of the quarter for dates in the plan's year, so that short bars stay visible).
    static func start(of task: ReformTask, plan: ReformPlan) -> LocalDate {
        if case .date(let date) = task.deadline {
            return ReformDeadline.quarter(year: date.year, quarter: (date.month - 1) / 3 + 1).period.first
        }
        return task.deadline.period.first
    }
}

/// The working group's report on a plan as of a quarter's end (or any day): tasks by status per lead unit,
/// then the late tasks with the reason each unit gave; printable and downloadable as XLSX.
struct ReformReportPage {
    var plan: ReformPlan
    var report: ReformReport
    var names: [Int64: String]
    var quarter: Int?

    var body: [Node<HTML.BodyContext>] {
        let statuses = ReformTaskStatus.allCases
        let totals = report.totals
        let query = quarter.map { "?quy=\($0)" } ?? "?ngay=\(report.asOf.iso)"
        return [
            .h1(.text(title)),
            ReformViews.demoWarning(plan),
            ReformViews.planLinks(plan, asOf: report.asOf),
            .form(
                .class("form form--inline no-print"), .action(SiteRoute.reformPlanReport(id: plan.id).path), .method(.get),
                .div(
                    .class("field"), .label(.for("quarter"), .text("Quý")),
                    .select(
                        .id("quarter"), .attribute(named: "name", value: "quy"),
                        .forEach(1...4) {
                            .choice(String($0), "Quý \(["I", "II", "III", "IV"][$0 - 1])/\(plan.year)", isSelected: $0 == quarter)
                        })),
                .button(.type(.submit), .class("button button--secondary"), .text("Xem báo cáo"))),
            .p(
                .class("no-print"),
                .a(
                    .class("button button--secondary"), .href(SiteRoute.reformPlanReportXLSX(id: plan.id).path + query),
                    .text("Tải Excel (.xlsx)")), .text(" "),
                .button(.type(.button), .class("button button--secondary"), .attribute(named: "data-print", value: ""), .text("In báo cáo"))
            ),
            .p(.text("Tính đến ngày \(report.asOf.vietnamese).")),
            .table(
                .class("table"), .id("report-units"),
                .caption(.text("I. Kết quả thực hiện nhiệm vụ theo đơn vị chủ trì")),
                .thead(.tr(.th(.text("Đơn vị chủ trì")), .th(.text("Tổng số")), .forEach(statuses) { .th(.text($0.title)) })),
                .tbody(
                    .forEach(report.units) { row in
                        .tr(
                            .th(.attribute(named: "scope", value: "row"), .text(names[row.unitID] ?? "—")),
                            .td(.class("number"), .text(String(row.total))),
                            .forEach(statuses) { .td(.class("number"), .text(String(row.counts[$0] ?? 0))) })
                    }),
                .tfoot(
                    .tr(
                        .th(.attribute(named: "scope", value: "row"), .text("Tổng cộng")),
                        .td(.class("number"), .text(String(totals.values.reduce(0, +)))),
                        .forEach(statuses) { .td(.class("number"), .text(String(totals[$0] ?? 0))) }))),
            .h2(.text("II. Nhiệm vụ chậm, trễ hạn và lý do")),
            report.late.isEmpty
                ? .p(.text("Không có nhiệm vụ chậm, trễ hạn."))
                : .table(
                    .class("table"), .id("report-late"),
                    .thead(
                        .tr(
                            .th(.text("Nhiệm vụ")), .th(.text("Đơn vị chủ trì")), .th(.text("Thời hạn")), .th(.text("Tình trạng")),
                            .th(.text("Tiến độ")),
                            .th(.text("Lý do, giải trình")))),
                    .tbody(
                        .forEach(report.late) { row in
                            .tr(
                                .td(.text(row.standing.task.content)), .td(.text(names[row.standing.task.leadUnitID] ?? "—")),
                                .td(.text(ReformViews.deadline(row.standing.task))), .td(ReformViews.status(row.standing)),
                                .td(.text("\(row.standing.percent)%")), .td(.text(row.reason.isEmpty ? "(chưa giải trình)" : row.reason)))
                        })),
        ]
    }

    var title: String {
        "Báo cáo kết quả thực hiện \(plan.title.prefix(1).lowercased() + plan.title.dropFirst())"
            + (quarter.map { " — quý \(["I", "II", "III", "IV"][$0 - 1])/\(plan.year)" } ?? "")
    }
}
