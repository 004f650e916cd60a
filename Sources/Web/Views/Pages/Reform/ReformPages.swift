import Domain
import Foundation
import Persistence
import Plot
import Services

enum ReformViews {
    static func hidden(_ csrfToken: String) -> Node<HTML.FormContext> {
        .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken))
    }

    static func status(_ standing: ReformTaskStanding) -> Node<HTML.BodyContext> {
        .span(
            .class("task-status task-status--\(standing.status.rawValue)"),
            .text(
                standing.status.title + (standing.daysLate > 0 ? " (\(standing.daysLate) ngày)" : "")
                    + (standing.awaitingDecision ? " — chờ công nhận hoàn thành" : "")))
    }

    static func deadline(_ task: ReformTask) -> String {
        if case .date = task.deadline { return task.due.vietnamese }
        return "\(task.deadline.text) (\(task.due.vietnamese))"
    }

    /// The day a page is shown as of ("Tính đến ngày"), a GET form so the link can be shared.
    static func asOfForm(_ path: String, asOf: LocalDate, extra: [(String, String)] = []) -> Node<HTML.BodyContext> {
        .form(
            .class("form form--inline no-print"), .action(path), .method(.get),
            .forEach(extra) { .input(.type(.hidden), .name($0.0), .value($0.1)) },
            .div(
                .class("field"), .label(.for("as-of"), .text("Tính đến ngày")),
                .dateInput(id: "as-of", name: "ngay", value: asOf.iso)),
            .button(.type(.submit), .class("button button--secondary"), .text("Xem")))
    }

    /// The plan's pages, linked from each of them.
    static func planLinks(_ plan: ReformPlan, asOf: LocalDate) -> Node<HTML.BodyContext> {
        let query = "?ngay=\(asOf.iso)"
        return .p(
            .class("no-print"),
            .a(.href(SiteRoute.reformPlan(id: plan.id).path + query), .text("Danh sách nhiệm vụ")), .text(" · "),
            .a(.href(SiteRoute.reformPlanOverdue(id: plan.id).path + query), .text("Nhiệm vụ quá hạn")), .text(" · "),
            .a(.href(SiteRoute.reformPlanTimeline(id: plan.id).path + query), .text("Tiến độ theo thời gian")), .text(" · "),
            .a(.href(SiteRoute.reformPlanReport(id: plan.id).path + query), .text("Báo cáo")), .text(" · "),
            .a(.href(SiteRoute.reformDirectives.path), .text("Văn bản chỉ đạo")))
    }

    static func demoWarning(_ plan: ReformPlan) -> Node<HTML.BodyContext> {
        .if(
            plan.isDemo,
            .p(
                .class("notice notice--warning"), .id("demo-warning"),
                .text("Dữ liệu MINH HỌA: kế hoạch và tiến độ dựng lại từ Thông báo 90/TB-VP để trình diễn, không phải số liệu thật.")))
    }

    /// Tasks as a table: content (sub-tasks under their parent), kind, lead unit, deadline, status, progress.
    static func tasks(_ standings: [ReformTaskStanding], names: [Int64: String], id: String) -> Node<HTML.BodyContext> {
        guard !standings.isEmpty else { return .p(.text("Không có nhiệm vụ nào.")) }
        let ids = Set(standings.map(\.task.id))
        var ordered: [(standing: ReformTaskStanding, depth: Int)] = []
        func add(_ parent: Int64?, depth: Int) {
            for standing in standings
            where standing.task.parentID == parent || (depth == 0 && standing.task.parentID.map { !ids.contains($0) } == true) {
                guard depth < 8 else { return }
                ordered.append((standing, depth))
                add(standing.task.id, depth: depth + 1)
            }
        }
        add(nil, depth: 0)
        return .table(
            .class("table"), .id(id),
            .thead(
                .tr(
                    .th(.text("Nhiệm vụ")), .th(.text("Loại")), .th(.text("Đơn vị chủ trì")), .th(.text("Thời hạn")),
                    .th(.text("Tình trạng")),
                    .th(.text("Tiến độ")))),
            .tbody(
                .forEach(ordered) { item in
                    let task = item.standing.task
                    return .tr(
                        .class("task-row task-row--\(item.standing.status.rawValue)"),
                        .td(
                            .class("depth-\(item.depth)"), .a(.href(SiteRoute.reformTask(id: task.id).path), .text(task.content)),
                            .if(task.carriedFromID != nil, .span(.class("badge"), .text("chuyển tiếp")))),
                        .td(.text(task.kind.title)), .td(.text(names[task.leadUnitID] ?? "—")), .td(.text(deadline(task))),
                        .td(status(item.standing)), .td(.text("\(item.standing.percent)%")))
                })
        )
    }
}

/// The reform pages' entry: the plans, the reader's unit boards, a new plan (secretariat).
struct ReformHomePage {
    var plans: [ReformPlan]
    var ownUnits: [(id: Int64, name: String)]
    var canManage: Bool
    var csrfToken: String
    var error: String?

    var body: [Node<HTML.BodyContext>] {
        [
            .h1(.text("Kế hoạch, nhiệm vụ cải cách hành chính")),
            FormNotice.node(error: error, saved: false),
            plans.isEmpty
                ? .p(.text("Chưa có kế hoạch nào."))
                : .ul(
                    .id("reform-plans"),
                    .forEach(plans) { plan in
                        .li(
                            .a(.href(SiteRoute.reformPlan(id: plan.id).path), .text(plan.title)), .text(" (năm \(plan.year))"),
                            .if(
                                plan.isDemo,
                                .group(
                                    .span(.class("badge"), .text("minh họa")), .text(" — "),
                                    .a(
                                        .href(SiteRoute.reformPlan(id: plan.id).path + "?ngay=\(DemoReformPlan.asOf.iso)"),
                                        .text("xem tại ngày \(DemoReformPlan.asOf.vietnamese), sau khi hết quý I/2023")))),
                            .if(
                                !ownUnits.isEmpty,
                                .ul(
                                    .forEach(ownUnits) { unit in
                                        .li(
                                            .a(
                                                .href(SiteRoute.reformBoard(id: plan.id, unitID: unit.id).path),
                                                .text("Nhiệm vụ của \(unit.name)")))
                                    })))
                    }),
            .p(
                .a(.href(SiteRoute.reformDirectives.path), .text("Văn bản chỉ đạo, thông báo kết luận")), .text(" · "),
                .a(.href(SiteRoute.publicNews.path), .text("Trang tin công khai"))),
            .if(
                canManage,
                .form(
                    .class("form"), .action(SiteRoute.reformPlans.path), .method(.post), ReformViews.hidden(csrfToken),
                    .h2(.text("Lập kế hoạch năm")),
                    .div(
                        .class("field"), .label(.for("plan-year"), .text("Năm")),
                        .input(
                            .type(.number), .id("plan-year"), .name("year"), .attribute(named: "min", value: "2000"),
                            .attribute(named: "max", value: "2100"),
                            .attribute(named: "required", value: "required"))),
                    .div(
                        .class("field"), .label(.for("plan-title"), .text("Tên kế hoạch")),
                        .input(
                            .type(.text), .id("plan-title"), .name("title"), .attribute(named: "required", value: "required"),
                            .placeholder("Kế hoạch cải cách hành chính năm …"))),
                    .p(
                        .class("note"),
                        .text(
                            "Các nhiệm vụ chưa hoàn thành của năm trước được chuyển sang kế hoạch này bằng nút “Chuyển tiếp” trên trang kế hoạch năm trước."
                        )),
                    .button(.type(.submit), .class("button"), .text("Lập kế hoạch"))
                )),
        ]
    }
}

/// A plan: counts by status, its tasks, and the secretariat's tools (import, add a task, urge, carry over).
struct ReformPlanPage {
    var plan: ReformPlan
    var standings: [ReformTaskStanding]
    var names: [Int64: String]
    var asOf: LocalDate
    var units: [(id: Int64, name: String)]
    var directives: [ReformDirective]
    var canManage: Bool
    var csrfToken: String
    var error: String?
    var notice: String?

    var body: [Node<HTML.BodyContext>] {
        let counts = Dictionary(grouping: standings, by: \.status).mapValues(\.count)
        return [
            .h1(.text(plan.title)),
            ReformViews.demoWarning(plan),
            FormNotice.node(error: error, saved: false),
            .unwrap(notice) {
                .p(.class("notice notice--success"), .id("form-notice"), .attribute(named: "role", value: "status"), .text($0))
            },
            ReformViews.planLinks(plan, asOf: asOf),
            ReformViews.asOfForm(SiteRoute.reformPlan(id: plan.id).path, asOf: asOf),
            .ul(
                .class("counts"), .id("status-counts"),
                .forEach(ReformTaskStatus.allCases) { status in
                    .li(.text("\(status.title): \(counts[status] ?? 0)"))
                }),
            ReformViews.tasks(standings, names: names, id: "reform-tasks"),
            .if(canManage, manage),
        ]
    }

    private var unitChoices: [(String, String)] { units.map { (String($0.id), $0.name) } }

    private var manage: Node<HTML.BodyContext> { .group(importForm, taskForm, urgeForm, carryOverForm) }

    private var importForm: Node<HTML.BodyContext> {
        .form(
            .class("form upload"), .id("import-form"), .action(SiteRoute.reformPlanImport(id: plan.id).path), .method(.post),
            .attribute(named: "enctype", value: "multipart/form-data"), ReformViews.hidden(csrfToken),
            .h2(.text("Nhập nhiệm vụ từ bảng tính")),
            .p(
                .class("note"),
                .text(
                    "Tệp CSV (UTF-8) hoặc Excel (.xlsx), dòng đầu là tiêu đề: Nội dung, Văn bản giao, Đơn vị chủ trì, Đơn vị phối hợp "
                        + "(tên hoặc mã, cách nhau bởi “;”), Thời hạn (30/6/2026, tháng 6/2026, quý II/2026, năm 2026), "
                        + "và nếu có: Loại, Tiêu chí PAR. Tệp có một dòng sai thì không dòng nào được nhập.")),
            directiveField("import-directive"),
            .div(
                .class("field"), .label(.for("tasks-file"), .text("Tệp nhiệm vụ")),
                .input(
                    .type(.file), .id("tasks-file"), .name("file"), .attribute(named: "accept", value: ".csv,.xlsx,text/csv"),
                    .attribute(named: "required", value: "required"))),
            .button(.type(.submit), .class("button"), .text("Nhập nhiệm vụ"))
        )
    }

    private var taskForm: Node<HTML.BodyContext> {
        .form(
            .class("form"), .id("task-form"), .action(SiteRoute.reformPlanTasks(id: plan.id).path), .method(.post),
            ReformViews.hidden(csrfToken),
            .h2(.text("Thêm nhiệm vụ")),
            .div(
                .class("field"), .label(.for("task-content"), .text("Nội dung nhiệm vụ")),
                .textarea(.id("task-content"), .name("content"), .attribute(named: "required", value: "required"))),
            directiveField("task-directive"),
            .div(
                .class("field"), .label(.for("task-source"), .text("Văn bản giao (khi không chọn văn bản ở trên)")),
                .input(.type(.text), .id("task-source"), .name("source"))),
            select("task-lead", name: "lead", label: "Đơn vị chủ trì", choices: unitChoices),
            .div(
                .class("field"), .label(.for("task-supporting"), .text("Đơn vị phối hợp (tên hoặc mã, cách nhau bởi “;”)")),
                .input(.type(.text), .id("task-supporting"), .name("supporting"))),
            .div(
                .class("field"), .label(.for("task-deadline"), .text("Thời hạn")),
                .input(
                    .type(.text), .id("task-deadline"), .name("deadline"), .attribute(named: "required", value: "required"),
                    .placeholder("quý II/\(plan.year)"))),
            select("task-kind", name: "kind", label: "Loại nhiệm vụ", choices: ReformTaskKind.allCases.map { ($0.rawValue, $0.title) }),
            .div(
                .class("field"), .label(.for("task-criteria"), .text("Tiêu chí PAR INDEX phục vụ (mã, cách nhau bởi “;”)")),
                .input(.type(.text), .id("task-criteria"), .name("criteria"))),
            select(
                "task-parent", name: "parent", label: "Là nhiệm vụ thành phần của",
                choices: [("", "— (nhiệm vụ độc lập)")]
                    + standings.filter { $0.task.parentID == nil }.map { (String($0.task.id), $0.task.content) }),
            .div(
                .class("field"), .label(.for("task-weight"), .text("Trọng số trong nhiệm vụ cha")),
                .input(
                    .type(.number), .id("task-weight"), .name("weight"), .value("1"), .attribute(named: "min", value: "0"),
                    .attribute(named: "step", value: "0.5"))),
            .button(.type(.submit), .class("button"), .text("Thêm nhiệm vụ"))
        )
    }

    private var urgeForm: Node<HTML.BodyContext> {
        .form(
            .class("form"), .id("urge-form"), .action(SiteRoute.reformPlanUrge(id: plan.id).path), .method(.post),
            ReformViews.hidden(csrfToken),
            .h2(.text("Đôn đốc")),
            .p(
                .class("note"),
                .text(
                    "Mỗi đơn vị có nhiệm vụ sắp đến hạn hoặc quá hạn nhận một thư tổng hợp (thư điện tử và trên trang nhiệm vụ của đơn vị); "
                        + "đơn vị không có gì cần đôn đốc thì không nhận thư. Nhiệm vụ quá hạn từ số ngày dưới đây trở lên thì thư gửi cả "
                        + "lãnh đạo đơn vị và lãnh đạo Thành phố. Mỗi đơn vị được đôn đốc một lần mỗi ngày.")),
            .div(
                .class("field"), .label(.for("urge-as-of"), .text("Tính đến ngày")),
                .dateInput(id: "urge-as-of", name: "asOf", value: asOf.iso)),
            .div(
                .class("field"), .label(.for("urge-window"), .text("Sắp đến hạn: trong số ngày làm việc")),
                .input(.type(.number), .id("urge-window"), .name("window"), .value("10"))),
            .div(
                .class("field"), .label(.for("urge-escalate"), .text("Báo cáo lãnh đạo khi quá hạn từ (ngày làm việc)")),
                .input(.type(.number), .id("urge-escalate"), .name("escalateAfter"), .value("10"))),
            .div(
                .class("field"),
                .label(
                    .for("urge-report-every"), .text("Nhắc báo cáo định kỳ: nhiệm vụ không báo cáo tiến độ trong số ngày (0: không nhắc)")),
                .input(.type(.number), .id("urge-report-every"), .name("reportEvery"), .value("30"), .attribute(named: "min", value: "0"))),
            .button(.type(.submit), .class("button"), .text("Gửi thư đôn đốc"))
        )
    }

    private var carryOverForm: Node<HTML.BodyContext> {
        let next = plan.year + 1
        let note =
            "Nhiệm vụ chưa hoàn thành đến 31/12/\(plan.year) được chuyển sang kế hoạch năm \(next), giữ nguyên thời hạn "
            + "và lịch sử (vẫn tính là trễ hạn). Chuyển lại lần nữa không tạo bản trùng."
        return .form(
            .class("form"), .action(SiteRoute.reformPlanCarryOver(id: plan.id).path), .method(.post), ReformViews.hidden(csrfToken),
            .h2(.text("Chuyển tiếp sang năm \(next)")),
            .p(.class("note"), .text(note)),
            .button(.type(.submit), .class("button button--secondary"), .text("Chuyển tiếp nhiệm vụ chưa hoàn thành"))
        )
    }

    private func directiveField(_ id: String) -> Node<HTML.FormContext> {
        select(
            id, name: "directive", label: "Theo văn bản chỉ đạo",
            choices: [("", "— (không chọn)")] + directives.map { (String($0.id), ($0.number.isEmpty ? "" : $0.number + " — ") + $0.title) })
    }

    private func select(_ id: String, name: String, label: String, choices: [(String, String)]) -> Node<HTML.FormContext> {
        .div(
            .class("field"), .label(.for(id), .text(label)),
            .select(.id(id), .attribute(named: "name", value: name), .forEach(choices) { .choice($0.0, $0.1, isSelected: false) }))
    }
}

/// One task: what, who, by when, its status and history with notes and evidence; the lead unit's report
/// form; the secretariat's decision on a reported completion.
struct ReformTaskPage {
    var plan: ReformPlan
    var standing: ReformTaskStanding
    var history: [ReformTaskRecord]
    var actors: [Int64: String]
    var evidence: [ReformEvidence]
    var names: [Int64: String]
    var directive: ReformDirective?
    var parent: ReformTask?
    var parts: [ReformTaskStanding]
    /// A training's sessions, a pilot's sites and milestones.
    var items: [ReformTaskItem]
    var today: LocalDate
    var canReport: Bool
    var canDecide: Bool
    var csrfToken: String
    var error: String?
    var saved: Bool

    var body: [Node<HTML.BodyContext>] {
        let task = standing.task
        return [
            .h1(.text(task.content)),
            ReformViews.demoWarning(plan),
            FormNotice.node(error: error, saved: saved),
            .dl(
                .class("facts"),
                .dt(.text("Kế hoạch")), .dd(.a(.href(SiteRoute.reformPlan(id: plan.id).path), .text(plan.title))),
                .dt(.text("Văn bản giao")),
                .dd(directive.map { .a(.href(SiteRoute.reformDirective(id: $0.id).path), .text($0.citation)) } ?? .text(task.source)),
                .dt(.text("Loại")), .dd(.text(task.kind.title)),
                .dt(.text("Đơn vị chủ trì")),
                .dd(.a(.href(SiteRoute.reformBoard(id: plan.id, unitID: task.leadUnitID).path), .text(names[task.leadUnitID] ?? "—"))),
                .dt(.text("Đơn vị phối hợp")),
                .dd(.text(task.supportingUnitIDs.compactMap { names[$0] }.joined(separator: "; ").nonEmpty ?? "—")),
                .dt(.text("Thời hạn")), .dd(.text(ReformViews.deadline(task))),
                .dt(.text("Tình trạng hôm nay")), .dd(ReformViews.status(standing)),
                .dt(.text("Tiến độ")),
                .dd(.text("\(standing.percent)%" + (parts.isEmpty ? "" : " (tổng hợp từ các nhiệm vụ thành phần theo trọng số)"))),
                .dt(.text("Tiêu chí PAR INDEX")), .dd(.text(task.parCriteria.joined(separator: "; ").nonEmpty ?? "—")),
                .unwrap(parent) { parent in
                    .group(.dt(.text("Thuộc nhiệm vụ")), .dd(.a(.href(SiteRoute.reformTask(id: parent.id).path), .text(parent.content))))
                },
                .if(
                    task.carriedFromID != nil,
                    .group(.dt(.text("Chuyển tiếp")), .dd(.text("Nhiệm vụ chưa hoàn thành của năm trước, giữ thời hạn cũ."))))),
            .if(!parts.isEmpty, .group(.h2(.text("Nhiệm vụ thành phần")), ReformViews.tasks(parts, names: names, id: "task-parts"))),
            ReformItemsSection(
                task: task, items: items, today: today, canEdit: (canReport || canDecide) && !standing.status.isDone,
                csrfToken: csrfToken
            ).node,
            .h2(.text("Diễn biến")),
            history.isEmpty
                ? .p(.text("Chưa có báo cáo nào."))
                : .table(
                    .class("table"), .id("task-history"),
                    .thead(.tr(.th(.text("Ngày")), .th(.text("Nội dung")), .th(.text("Ghi chú")), .th(.text("Người thực hiện")))),
                    .tbody(
                        .forEach(history) { record in
                            .tr(
                                .td(.text(record.event.day.vietnamese)), .td(.text(Self.describe(record.event))), .td(.text(record.note)),
                                .td(.text(record.actorID.flatMap { actors[$0] } ?? "—")))
                        })),
            .h2(.text("Tài liệu minh chứng")),
            evidence.isEmpty
                ? .p(.text("Chưa có tài liệu."))
                : .ul(
                    .id("task-files"),
                    .forEach(evidence) { file in
                        .li(
                            .a(.href(SiteRoute.reformTaskFile(id: task.id, fileID: file.id).path), .text(file.originalName)),
                            .text(" (\(DisplayFormat.dateTime(file.uploadedAt)))"))
                    }),
            .if(canReport && !standing.status.isDone, reportForm),
            .if(canDecide && standing.awaitingDecision, decisionForm),
        ]
    }

    static func describe(_ event: ReformTaskEvent) -> String {
        switch event {
        case .progress(_, let percent): "Báo cáo tiến độ \(percent)%"
        case .completionReported: "Báo cáo hoàn thành"
        case .completionAccepted: "Tổ công tác công nhận hoàn thành"
        case .completionReturned: "Tổ công tác trả lại, yêu cầu bổ sung"
        }
    }

    private var reportForm: Node<HTML.BodyContext> {
        .form(
            .class("form"), .id("report-form"), .action(SiteRoute.reformTaskReport(id: standing.task.id).path), .method(.post),
            .attribute(named: "enctype", value: "multipart/form-data"), ReformViews.hidden(csrfToken),
            .h2(.text("Báo cáo tiến độ")),
            .div(
                .class("field"), .label(.for("percent"), .text("Tiến độ (%) — 100% là báo cáo hoàn thành")),
                .input(
                    .type(.number), .id("percent"), .name("percent"), .attribute(named: "min", value: "0"),
                    .attribute(named: "max", value: "100"),
                    .value(String(standing.percent)), .attribute(named: "required", value: "required"))),
            .div(
                .class("field"), .label(.for("note"), .text("Nội dung báo cáo, lý do nếu chậm")),
                .textarea(.id("note"), .name("note"))),
            .div(
                .class("field"), .label(.for("evidence"), .text("Tài liệu minh chứng (PDF, ảnh, văn bản; không bắt buộc)")),
                .input(.type(.file), .id("evidence"), .name("file"))),
            .button(.type(.submit), .class("button"), .text("Gửi báo cáo")))
    }

    private var decisionForm: Node<HTML.BodyContext> {
        .form(
            .class("form"), .id("decision-form"), .action(SiteRoute.reformTaskDecision(id: standing.task.id).path), .method(.post),
            ReformViews.hidden(csrfToken),
            .h2(.text("Công nhận hoàn thành")),
            .div(
                .class("field"), .label(.for("decision-note"), .text("Ý kiến (bắt buộc khi trả lại)")),
                .textarea(.id("decision-note"), .name("note"))),
            .button(.type(.submit), .class("button"), .name("decision"), .value("accept"), .text("Công nhận hoàn thành")), .text(" "),
            .button(
                .type(.submit), .class("button button--secondary"), .name("decision"), .value("return"), .text("Trả lại, yêu cầu bổ sung")))
    }
}

/// A unit's board in a plan: the tasks it leads, those it supports, and the urging digests it received.
struct ReformBoardPage {
    var plan: ReformPlan
    var unitID: Int64
    var unitName: String
    var lead: [ReformTaskStanding]
    var supporting: [ReformTaskStanding]
    var urges: [ReformUrge]
    var names: [Int64: String]
    var asOf: LocalDate

    var body: [Node<HTML.BodyContext>] {
        [
            .h1(.text("Nhiệm vụ của \(unitName)")),
            .p(.class("lead"), .text(plan.title)),
            ReformViews.demoWarning(plan),
            ReformViews.asOfForm(SiteRoute.reformBoard(id: plan.id, unitID: unitID).path, asOf: asOf),
            .h2(.text("Đơn vị chủ trì")),
            ReformViews.tasks(lead, names: names, id: "board-lead"),
            .h2(.text("Đơn vị phối hợp")),
            ReformViews.tasks(supporting, names: names, id: "board-supporting"),
            .h2(.text("Thư đôn đốc đã nhận")),
            urges.isEmpty
                ? .p(.text("Chưa có thư đôn đốc nào."))
                : .ul(
                    .id("board-urges"),
                    .forEach(urges) { urge in
                        .li(
                            .strong(.text("Ngày \(urge.asOf.vietnamese)" + (urge.escalated ? " — đã báo cáo lãnh đạo" : ""))),
                            .pre(.class("digest"), .text(urge.body)))
                    }),
        ]
    }
}

extension String {
    var nonEmpty: String? { isEmpty ? nil : self }
}
