import Domain
import Foundation
import Hummingbird
import Persistence
import Services

/// The reform plan and the working group's tasks (docs/REFORM.md): the secretariat keeps plans, imports or
/// enters tasks from directives, decides on reported completions, urges units and carries unfinished tasks
/// over; units report progress with evidence on the tasks they lead; leaders read the overdue list, the time
/// line and the quarterly report. The store checks when an act is allowed; these routes check who.
struct ReformRoutes {
    let services: AppServices

    func register(on router: some RouterMethods<AppRequestContext>) {
        registerPlans(on: router)
        registerViews(on: router)
        registerTasks(on: router)
        registerDirectives(on: router)
    }

    private func registerPlans(on router: some RouterMethods<AppRequestContext>) {
        router.get(SiteRoute.reform.pattern) { request, context in
            try await home(try participant(context), error: nil, context: context, request: request)
        }
        router.post(SiteRoute.reformPlans.pattern) { request, context in
            let identity = try context.require(.secretariat, .admin)
            let fields = try await request.form([String: String].self, empty: [:])
            let title = VietnameseText.normalized(fields["title"] ?? "").trimmingCharacters(in: .whitespaces)
            guard let year = fields["year"].flatMap(Int.init), (2000...2100).contains(year), !title.isEmpty else {
                return try await home(identity, error: "Vui lòng nhập năm (2000–2100) và tên kế hoạch.", context: context, request: request)
            }
            do {
                let id = try await reform.createPlan(year: year, title: title, by: identity.user.id, at: services.clock())
                return Response.redirect(to: SiteRoute.reformPlan(id: id).path, type: .normal)
            } catch let problem as ReformStore.Problem {
                return try await home(identity, error: problem.message, context: context, request: request)
            }
        }
        router.get(SiteRoute.reformPlan().pattern) { request, context in
            let identity = try participant(context)
            let plan = try await plan(context)
            let notice =
                request.query("urged").map {
                    $0 == "0"
                        ? "Không có đơn vị nào cần đôn đốc (hoặc đã được đôn đốc trong ngày)." : "Đã gửi thư đôn đốc đến \($0) đơn vị."
                }
                ?? request.query("carried").map { "Đã chuyển tiếp \($0) nhiệm vụ sang kế hoạch năm \(plan.year + 1)." }
                ?? request.query("added").map { "Đã thêm \($0) nhiệm vụ." }
            return try await planPage(
                plan, identity: identity, asOf: try asOf(request, plan), error: nil, notice: notice, context: context, request: request)
        }
        router.post(SiteRoute.reformPlanImport().pattern) { request, context in
            let identity = try context.require(.secretariat, .admin)
            let plan = try await plan(context)
            guard let form = try await AttachmentRoutes.multipart(request, context), let file = form.file else {
                return try await planPage(
                    plan, identity: identity, asOf: services.today(), error: "Vui lòng chọn tệp nhiệm vụ (CSV hoặc Excel).",
                    context: context, request: request)
            }
            return try await onPlanPage(plan, identity, context, request) {
                let directive = try await directive(form.fields["directive"])
                let lookup = try await unitLookup(plan)
                let rows = try ReformTaskSheet.read(
                    table: try ReformTaskSheet.table(from: file.data), unit: { lookup[VietnameseText.folded($0)] }
                )
                .map { row in
                    var row = row
                    if row.source.isEmpty, let directive { row.source = directive.citation }
                    return row
                }
                let ids = try await reform.addTasks(
                    rows, to: plan.id, directiveID: directive?.id, calendar: try await services.workingCalendar(),
                    by: identity.user.id, at: services.clock())
                return Response.redirect(to: SiteRoute.reformPlan(id: plan.id).path + "?added=\(ids.count)", type: .normal)
            }
        }
        router.post(SiteRoute.reformPlanTasks().pattern) { request, context in
            let identity = try context.require(.secretariat, .admin)
            let plan = try await plan(context)
            let fields = try await request.form([String: String].self, empty: [:])
            return try await onPlanPage(plan, identity, context, request) {
                let directive = try await directive(fields["directive"])
                let lookup = try await unitLookup(plan)
                let row = try ReformTaskSheet.row(
                    content: fields["content"] ?? "",
                    source: fields["source"].flatMap { $0.isEmpty ? nil : $0 } ?? directive?.citation ?? "",
                    lead: fields["lead"] ?? "", supporting: fields["supporting"] ?? "",
                    deadline: fields["deadline"] ?? "", kind: fields["kind"] ?? "", criteria: fields["criteria"] ?? "",
                    unit: { text in
                        Int64(text).flatMap { id in lookup.values.contains(id) ? id : nil } ?? lookup[VietnameseText.folded(text)]
                    })
                let weight = Double((fields["weight"] ?? "1").replacingOccurrences(of: ",", with: ".")) ?? 1
                let parent = fields["parent"].flatMap(Int64.init)
                try await reform.addTasks(
                    [row], to: plan.id, parentID: parent, directiveID: directive?.id, weight: weight,
                    calendar: try await services.workingCalendar(), by: identity.user.id, at: services.clock())
                return Response.redirect(to: SiteRoute.reformPlan(id: plan.id).path + "?added=1", type: .normal)
            }
        }
        router.post(SiteRoute.reformPlanUrge().pattern) { request, context in
            let identity = try context.require(.secretariat, .admin)
            let plan = try await plan(context)
            let fields = try await request.form([String: String].self, empty: [:])
            guard let window = fields["window"].flatMap(Int.init), let escalateAfter = fields["escalateAfter"].flatMap(Int.init),
                (0...250).contains(window), (1...250).contains(escalateAfter)
            else {
                return try await planPage(
                    plan, identity: identity, asOf: services.today(),
                    error: "Số ngày làm việc để đôn đốc và để báo cáo lãnh đạo là số nguyên từ 0 (1) đến 250.", context: context,
                    request: request)
            }
            let reportEvery = fields["reportEvery"].flatMap(Int.init).flatMap { $0 > 0 ? min($0, 366) : nil }
            let day = fields["asOf"].flatMap { $0.isEmpty ? nil : LocalDate(typed: $0) } ?? services.today()
            let rules = ReformUrging(window: window, escalateAfter: escalateAfter, reportEvery: reportEvery)
            let sent = try await services.urge(plan: plan, asOf: day, rules: rules, by: identity.user.id)
            return Response.redirect(to: SiteRoute.reformPlan(id: plan.id).path + "?ngay=\(day.iso)&urged=\(sent.count)", type: .normal)
        }
        router.post(SiteRoute.reformPlanCarryOver().pattern) { request, context in
            let identity = try context.require(.secretariat, .admin)
            let plan = try await plan(context)
            return try await onPlanPage(plan, identity, context, request) {
                let count = try await reform.carryOver(
                    from: plan.id, calendar: try await services.workingCalendar(), by: identity.user.id, at: services.clock())
                return Response.redirect(to: SiteRoute.reformPlan(id: plan.id).path + "?carried=\(count)", type: .normal)
            }
        }
    }

    /// The views across units: a unit's board, the overdue list, the time line, the report and its XLSX.
    private func registerViews(on router: some RouterMethods<AppRequestContext>) {
        router.get(SiteRoute.reformBoard().pattern) { request, context in
            let identity = try participant(context)
            let plan = try await plan(context)
            let unitID = try context.parameters.id("unit")
            guard ReformAccess.readsBoard(of: unitID, identity), let unit = try await services.unitDirectory().find(id: unitID) else {
                throw AppError.notFound
            }
            let day = try asOf(request, plan)
            let standings = try await standings(plan, asOf: day)
            let lead = standings.filter { $0.task.leadUnitID == unitID },
                supporting = standings.filter { $0.task.supportingUnitIDs.contains(unitID) }
            let page = ReformBoardPage(
                plan: plan, unitID: unitID, unitName: unit.name, lead: lead, supporting: supporting,
                urges: try await reform.urges(plan: plan.id, unit: unitID),
                names: try await services.unitNames((lead + supporting).map(\.task.leadUnitID)), asOf: day)
            return Page("Nhiệm vụ của \(unit.name)", body: page.body).render(context: context, request: request)
        }
        router.get(SiteRoute.reformPlanOverdue().pattern) { request, context in
            _ = try overseer(context)
            let plan = try await plan(context)
            let day = try asOf(request, plan)
            let overdue = ReformReport.overdue(try await standings(plan, asOf: day))
            let page = ReformOverduePage(
                plan: plan, overdue: overdue, names: try await services.unitNames(overdue.map(\.task.leadUnitID)),
                notes: try await reform.lastNotes(of: plan.id, asOf: day), asOf: day)
            return Page("Nhiệm vụ quá hạn", body: page.body).render(context: context, request: request)
        }
        router.get(SiteRoute.reformPlanTimeline().pattern) { request, context in
            _ = try overseer(context)
            let plan = try await plan(context)
            let day = try asOf(request, plan)
            let standings = try await standings(plan, asOf: day)
            let page = ReformTimelinePage(
                plan: plan, standings: standings, names: try await services.unitNames(standings.map(\.task.leadUnitID)), asOf: day)
            return Page("Tiến độ theo thời gian", body: page.body).render(context: context, request: request)
        }
        router.get(SiteRoute.reformPlanReport().pattern) { request, context in
            _ = try overseer(context)
            let (plan, report, quarter) = try await report(context, request)
            let page = ReformReportPage(
                plan: plan, report: report, names: try await services.unitNames(report.units.map(\.unitID)), quarter: quarter)
            return Page(page.title, body: page.body).render(context: context, request: request)
        }
        router.get(SiteRoute.reformPlanReportXLSX().pattern) { request, context in
            _ = try overseer(context)
            let (plan, report, quarter) = try await report(context, request)
            let names = try await services.unitNames(report.units.map(\.unitID))
            let page = ReformReportPage(plan: plan, report: report, names: names, quarter: quarter)
            let sheet = report.spreadsheet(title: page.title) { names[$0] ?? String($0) }
            return StatisticsRoutes.download(
                ByteBuffer(bytes: sheet.xlsx()), type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                name: "bao-cao-cchc-\(plan.year)" + (quarter.map { "-quy-\($0)" } ?? "-\(report.asOf.iso)") + ".xlsx")
        }
    }

    private func registerTasks(on router: some RouterMethods<AppRequestContext>) {
        router.get(SiteRoute.reformTask().pattern) { request, context in
            let identity = try participant(context)
            return try await taskPage(try context.parameters.id(), identity: identity, error: nil, context: context, request: request)
        }
        router.post(SiteRoute.reformTaskReport().pattern) { request, context in
            let identity = try participant(context)
            let id = try context.parameters.id()
            guard let task = try await reform.task(id: id), ReformAccess.reads(task, identity) else { throw AppError.notFound }
            guard ReformAccess.reports(on: task, identity) else { throw AppError.forbidden }
            guard let form = try await AttachmentRoutes.multipart(request, context) else {
                throw AppError.badRequest("Biểu mẫu báo cáo không đọc được.")
            }
            return try await onTaskPage(id, identity, context, request) {
                guard let percent = form.fields["percent"].flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) }) else {
                    throw ReformStore.Problem.badPercent
                }
                try await reform.report(
                    id, percent: percent, note: form.fields["note"] ?? "", files: form.file.map { [($0.data, $0.name)] } ?? [],
                    on: services.today(), by: identity.user.id, at: services.clock())
            }
        }
        router.post(SiteRoute.reformTaskDecision().pattern) { request, context in
            let identity = try context.require(.secretariat, .admin)
            let id = try context.parameters.id()
            let fields = try await request.form([String: String].self, empty: [:])
            let accept = fields["decision"] == "accept"
            let note = (fields["note"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            guard accept || !note.isEmpty else {
                return try await taskPage(id, identity: identity, error: "Vui lòng ghi lý do trả lại.", context: context, request: request)
            }
            return try await onTaskPage(id, identity, context, request) {
                try await reform.decide(id, accept: accept, note: note, on: services.today(), by: identity.user.id, at: services.clock())
            }
        }
        // A training's sessions, a pilot's sites and milestones: added, then held or reached.
        router.post(SiteRoute.reformTaskItems().pattern) { request, context in
            let identity = try participant(context)
            let id = try context.parameters.id()
            guard let task = try await reform.task(id: id), ReformAccess.reads(task, identity) else { throw AppError.notFound }
            guard ReformAccess.reports(on: task, identity) || ReformAccess.manages(identity) else { throw AppError.forbidden }
            let fields = try await request.form([String: String].self, empty: [:])
            return try await onTaskPage(id, identity, context, request, anchor: "#task-items") {
                guard let kind = fields["kind"].flatMap(ReformTaskItem.Kind.init(rawValue:)) else {
                    throw ReformTaskItem.Problem.notThisKind
                }
                let item = ReformTaskItem(
                    taskID: id, kind: kind, title: fields["title"] ?? "", plannedOn: try Self.day(fields["plannedOn"]),
                    registered: try Self.count(fields["registered"]))
                try await reform.addItem(item, by: identity.user.id, at: services.clock())
            }
        }
        router.post(SiteRoute.reformTaskItem().pattern) { request, context in
            let identity = try participant(context)
            let id = try context.parameters.id()
            guard let task = try await reform.task(id: id), ReformAccess.reads(task, identity) else { throw AppError.notFound }
            guard ReformAccess.reports(on: task, identity) || ReformAccess.manages(identity) else { throw AppError.forbidden }
            let fields = try await request.form([String: String].self, empty: [:])
            let itemID = try context.parameters.id("item")
            return try await onTaskPage(id, identity, context, request, anchor: "#task-items") {
                let done = try Self.day(fields["doneOn"]) ?? services.today()
                guard done <= services.today() else { throw AppError.badRequest("Ngày thực hiện không được sau hôm nay.") }
                try await reform.complete(
                    item: itemID, of: id, on: done, attended: try Self.count(fields["attended"]), by: identity.user.id,
                    at: services.clock())
            }
        }
        router.get(SiteRoute.reformTaskFile().pattern) { _, context in
            let identity = try participant(context)
            guard let task = try await reform.task(id: try context.parameters.id()), ReformAccess.reads(task, identity),
                let file = try await reform.evidence(of: task).first(where: { $0.id == (try? context.parameters.id("file")) })
            else { throw AppError.notFound }
            return AttachmentRoutes.fileResponse(try reform.evidenceFile(file), type: file.fileType, name: file.originalName)
        }
    }

    // MARK: Pages

    private func home(_ identity: Identity, error: String?, context: AppRequestContext, request: Request) async throws -> Response {
        let own = try await services.unitNames(ReformAccess.ownUnits(identity)).map { (id: $0.key, name: $0.value) }.sorted {
            $0.name < $1.name
        }
        let page = ReformHomePage(
            plans: try await reform.plans(), ownUnits: own, canManage: ReformAccess.manages(identity), csrfToken: context.csrfToken,
            error: error)
        return Page("Nhiệm vụ cải cách hành chính", body: page.body, status: error == nil ? .ok : .badRequest).render(
            context: context, request: request)
    }

    private func planPage(
        _ plan: ReformPlan, identity: Identity, asOf day: LocalDate, error: String?, notice: String? = nil, context: AppRequestContext,
        request: Request
    ) async throws -> Response {
        let standings = try await standings(plan, asOf: day).filter { ReformAccess.reads($0.task, identity) }
        let manages = ReformAccess.manages(identity)
        let units = manages ? try await planUnits(plan).map { (id: $0.id, name: $0.name) } : []
        let page = ReformPlanPage(
            plan: plan, standings: standings, names: try await services.unitNames(standings.map(\.task.leadUnitID)), asOf: day,
            units: units, directives: manages ? try await services.directives.all() : [], canManage: manages,
            csrfToken: context.csrfToken, error: error, notice: notice)
        return Page(plan.title, body: page.body, status: error == nil ? .ok : .badRequest).render(context: context, request: request)
    }

    private func taskPage(_ id: Int64, identity: Identity, error: String?, context: AppRequestContext, request: Request) async throws
        -> Response
    {
        guard let task = try await reform.task(id: id), ReformAccess.reads(task, identity),
            let plan = try await reform.plan(id: task.planID)
        else {
            throw AppError.notFound
        }
        let all = try await standings(plan, asOf: services.today())
        guard let standing = all.first(where: { $0.task.id == id }) else { throw AppError.notFound }
        let history = try await reform.history(of: task)
        var actors: [Int64: String] = [:]
        for actorID in Set(history.compactMap(\.actorID)) {
            actors[actorID] = try await UserStore(services.database.sql).find(id: actorID)?.displayName
        }
        let parts = all.filter { $0.task.parentID == id }
        let page = ReformTaskPage(
            plan: plan, standing: standing, history: history, actors: actors, evidence: try await reform.evidence(of: task),
            names: try await services.unitNames([task.leadUnitID] + task.supportingUnitIDs + parts.map(\.task.leadUnitID)),
            directive: try await task.directiveID.asyncMap { try await services.directives.find(id: $0) } ?? nil,
            parent: try await task.parentID.asyncMap { try await reform.task(id: $0) } ?? nil, parts: parts,
            items: try await reform.items(of: task.id), today: services.today(),
            canReport: ReformAccess.reports(on: task, identity), canDecide: ReformAccess.manages(identity),
            csrfToken: context.csrfToken, error: error, saved: request.query("saved") == "1")
        return Page(task.content, body: page.body, status: error == nil ? .ok : .badRequest).render(context: context, request: request)
    }

    // MARK: Refusals

    /// Runs the secretariat's act on a plan: a refused one is its message on the plan's page.
    private func onPlanPage(
        _ plan: ReformPlan, _ identity: Identity, _ context: AppRequestContext, _ request: Request,
        _ act: () async throws -> Response
    ) async throws -> Response {
        let message: String
        do { return try await act() } catch let problem as ReformTaskSheet.Problem {
            message = problem.description
        } catch let problem as ReformStore.Problem {
            message = problem.message
        } catch AppError.badRequest(let text) {
            message = text
        }
        return try await planPage(plan, identity: identity, asOf: services.today(), error: message, context: context, request: request)
    }

    /// Runs an act on a task, then back to its page; a refused one is its message there, a missing one a 404.
    private func onTaskPage(
        _ id: Int64, _ identity: Identity, _ context: AppRequestContext, _ request: Request, anchor: String = "",
        _ act: () async throws -> Void
    ) async throws -> Response {
        let message: String
        do {
            try await act()
            return Response.redirect(to: SiteRoute.reformTask(id: id).path + "?saved=1" + anchor, type: .normal)
        } catch let problem as ReformStore.Problem {
            if problem == .notFound { throw AppError.notFound }
            message = problem.message
        } catch let problem as ReformTaskItem.Problem {
            message = problem.description
        } catch let problem as FileType.Problem {
            message = problem.message
        } catch AppError.badRequest(let text) {
            message = text
        }
        return try await taskPage(id, identity: identity, error: message, context: context, request: request)
    }

    // MARK: Helpers

    /// A date field (yyyy-MM-dd from a date input); nil when empty.
    static func day(_ text: String?) throws -> LocalDate? {
        guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        guard let day = LocalDate(typed: text) else { throw AppError.badRequest("Ngày “\(text)” không đúng dạng.") }
        return day
    }

    /// A count field; nil when empty.
    static func count(_ text: String?) throws -> Int? {
        guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        guard let count = Int(text), count >= 0 else { throw AppError.badRequest(ReformTaskItem.Problem.badCount.description) }
        return count
    }

    private func report(_ context: AppRequestContext, _ request: Request) async throws -> (ReformPlan, ReformReport, Int?) {
        let plan = try await plan(context)
        let quarter = request.query("quy").flatMap(Int.init).flatMap { (1...4).contains($0) ? $0 : nil }
        let day = try quarter.map { ReformReport.quarterEnd(year: plan.year, quarter: $0) } ?? asOf(request, plan)
        let report = ReformReport(
            try await standings(plan, asOf: day), reasons: try await reform.lastNotes(of: plan.id, asOf: day), asOf: day)
        return (plan, report, quarter)
    }

    private func standings(_ plan: ReformPlan, asOf day: LocalDate) async throws -> [ReformTaskStanding] {
        try await reform.standings(of: plan.id, asOf: day, calendar: try await services.workingCalendar())
    }

    /// The day asked for (`ngay`, yyyy-MM-dd); by default today, or the last day of a past plan's year.
    private func asOf(_ request: Request, _ plan: ReformPlan) throws -> LocalDate {
        guard let text = request.query("ngay"), !text.isEmpty else {
            return min(services.today(), LocalDate(year: plan.year, month: 12, day: 31)!)
        }
        guard let day = LocalDate(typed: text) else { throw AppError.badRequest("Ngày “\(text)” không đúng dạng ngày/tháng/năm.") }
        return day
    }

    /// The units a plan's tasks may name: those existing at some time of its year (a 2023 plan names districts
    /// dissolved since), and today's.
    private func planUnits(_ plan: ReformPlan) async throws -> [OrgUnit] {
        var seen: Set<Int64> = [], result: [OrgUnit] = []
        for day in [LocalDate(year: plan.year, month: 1, day: 1)!, LocalDate(year: plan.year, month: 12, day: 31)!, services.today()] {
            for unit in try await services.unitDirectory().list(.init(validOn: day)) where seen.insert(unit.id).inserted {
                result.append(unit)
            }
        }
        return VietnameseText.sorted(result, by: \.name)
    }

    /// Units by folded name and by folded code.
    private func unitLookup(_ plan: ReformPlan) async throws -> [String: Int64] {
        var lookup: [String: Int64] = [:]
        for unit in try await planUnits(plan) {
            lookup[VietnameseText.folded(unit.code)] = unit.id
            if lookup[VietnameseText.folded(unit.name)] == nil { lookup[VietnameseText.folded(unit.name)] = unit.id }
        }
        return lookup
    }

    private func directive(_ field: String?) async throws -> ReformDirective? {
        guard let id = field.flatMap(Int64.init) else { return nil }
        guard let directive = try await services.directives.find(id: id) else {
            throw AppError.badRequest("Không tìm thấy văn bản chỉ đạo đã chọn.")
        }
        return directive
    }

    private func plan(_ context: AppRequestContext) async throws -> ReformPlan {
        guard let plan = try await reform.plan(id: try context.parameters.id()) else { throw AppError.notFound }
        return plan
    }

    func participant(_ context: AppRequestContext) throws -> Identity {
        guard let identity = context.identity else { throw AppError.unauthorized }
        guard ReformAccess.takesPart(identity) else { throw AppError.forbidden }
        return identity
    }

    private func overseer(_ context: AppRequestContext) throws -> Identity {
        guard let identity = context.identity else { throw AppError.unauthorized }
        guard ReformAccess.oversees(identity) else { throw AppError.forbidden }
        return identity
    }

    var reform: ReformStore { services.reform }
}
