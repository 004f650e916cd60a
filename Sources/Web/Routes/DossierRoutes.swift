import Domain
import Foundation
import Hummingbird
import Persistence
import Services

/// The officers' dossier pages: the work queue, intake at the desk, one dossier with its history, due
/// instants, control sheet and the actions the reader may take. Reads are scoped to the reader's units and
/// audited (they show personal data); every change goes through ``DossierDesk``.
struct DossierRoutes {
    let services: AppServices

    /// The intake form as sent, every field kept to show it again; `papers` holds the checklist's fields (`paper-N…`).
    struct IntakeForm {
        var procedure: String?
        var receivingUnit: String?
        var channel: String?
        var applicantKind: String?
        var applicantName: String?
        var identifier: String?
        var birthYear: String?
        var gender: String?
        var phone: String?
        var email: String?
        var address: String?
        var papers: [String: String] = [:]

        init() {}

        init(_ fields: [String: String]) {
            procedure = fields["procedure"]
            receivingUnit = fields["receivingUnit"]
            channel = fields["channel"]
            applicantKind = fields["applicantKind"]
            applicantName = fields["applicantName"]
            identifier = fields["identifier"]
            birthYear = fields["birthYear"]
            gender = fields["gender"]
            phone = fields["phone"]
            email = fields["email"]
            address = fields["address"]
            papers = fields.filter { $0.key.hasPrefix("paper-") }
        }
    }

    struct ActionForm: Decodable {
        var action: String?
        var lockVersion: String?
        var reason: String?
        var assignee: String?
        /// The unit whose opinion is asked (its id).
        var consultedUnit: String?
        var appointment: String?
    }

    func register(on router: some RouterMethods<AppRequestContext>) {
        router.get(SiteRoute.dossiers.pattern) { request, context in
            let identity = try context.requireStaff()
            let filter = DossierQueuePage.Filter(request: request, clock: clock)
            let items = try await services.dossiers.queue(filter.storeFilter(me: identity.user.id), within: identity.scope)
            try await services.audit(
                AuditRecord(
                    actorID: identity.user.id, action: "dossier.list", objectType: "dossierQueue", objectID: "-",
                    reason: "\(items.count) hồ sơ"))
            let calendar = try await services.workingCalendar()
            let page = DossierQueuePage(
                items: items, filter: filter, now: services.clock(), clock: clock,
                calculator: DeadlineCalculator(calendar: calendar, officeHours: services.configuration.officeHours),
                canReceive: identity.has(.deskOfficer), answered: request.query("answered").flatMap(DossierCode.init(parsing:)))
            return Page("Hồ sơ", body: page.body).render(context: context, request: request)
        }
        router.get(SiteRoute.newDossier.pattern) { request, context in
            let identity = try context.require(.deskOfficer)
            var entry = IntakeForm()
            entry.procedure = request.query("procedure")
            return try await intakePage(identity, entry: entry, error: nil, context: context, request: request)
        }
        // "Hiện danh sách giấy tờ": the same form shown again with the chosen procedure's papers, nothing stored.
        router.post(SiteRoute.newDossier.pattern) { request, context in
            let identity = try context.require(.deskOfficer)
            var entry = IntakeForm(try await request.form([String: String].self, empty: [:]))
            entry.papers = [:]
            return try await intakePage(identity, entry: entry, error: nil, context: context, request: request)
        }
        router.post(SiteRoute.dossiers.pattern) { request, context in
            let identity = try context.require(.deskOfficer)
            let form = IntakeForm(try await request.form([String: String].self, empty: [:]))
            guard let unitID = form.receivingUnit.flatMap({ Int64($0) }), let code = form.procedure, !code.isEmpty,
                let channel = form.channel.flatMap(Channel.init(rawValue:)),
                let kind = form.applicantKind.flatMap(Applicant.Kind.init(rawValue:))
            else {
                return try await intakePage(
                    identity, entry: form, error: "Vui lòng chọn thủ tục, nơi tiếp nhận, kênh và loại người nộp.",
                    context: context, request: request)
            }
            var papers: PaperChecklist?
            // The procedure's definition is read only when the form carried the checklist (intake without it reads none).
            if !form.papers.isEmpty, let documents = try await services.procedures.find(code: code)?.procedure.documents {
                switch PaperChecklist.read(form.papers, documents: documents) {
                case .failure(let problems):
                    return try await intakePage(
                        identity, entry: form, error: "Vui lòng sửa số bản của các giấy tờ được đánh dấu.",
                        paperErrors: problems.fields, context: context, request: request)
                case .success(let checklist): papers = checklist
                case nil: papers = nil
                }
            }
            let intake = DossierDesk.Intake(
                procedureCode: code, receivingUnitID: unitID, channel: channel,
                applicant: Applicant(
                    kind: kind, name: form.applicantName ?? "", identifier: form.identifier ?? "", phone: form.phone,
                    email: form.email, address: form.address),
                birthYear: form.birthYear.flatMap { Int($0) }, gender: form.gender.flatMap(PersonalID.Gender.init(rawValue:)),
                papers: papers)
            do {
                let actor = try await services.actor(identity, on: [unitID])
                let now = services.clock()
                let dossier = try await services.desk.receive(intake, by: actor, at: now, day: clock.localDate(now))
                return Response.redirect(to: SiteRoute.dossier(id: dossier.id).path + "?received=1", type: .normal)
            } catch let problem as DossierDesk.Problem {
                return try await intakePage(identity, entry: form, error: problem.message, context: context, request: request)
            }
        }
        router.get(SiteRoute.dossier().pattern) { request, context in
            let identity = try context.requireStaff()
            var page = try await dossierPage(try context.parameters.id(), identity, context: context, saved: request.query("saved") == "1")
            page.justReceived = request.query("received") == "1"
            return Page(page.dossier.code.text, body: page.body).render(context: context, request: request)
        }
        router.get(SiteRoute.dossierForm().pattern) { request, context in
            let identity = try context.requireStaff()
            guard let form = context.parameters.get("form").flatMap(OfficialForm.init(rawValue:)) else { throw AppError.notFound }
            let page = try await dossierPage(try context.parameters.id(), identity, context: context)
            let event = form.eventAction.flatMap { action in page.events.last { $0.action == action } }
            if form.eventAction != nil, event == nil { throw AppError.notFound }
            try await services.audit(
                AuditRecord(
                    actorID: identity.user.id, action: "dossier.print", objectType: "dossier",
                    objectID: page.dossier.code.text, reason: form.title))
            let printed = OfficialFormPage(
                form: form, dossier: page.dossier, procedure: page.procedure,
                agencyName: page.unitNames[page.dossier.receivingUnitID] ?? "",
                event: event, controlSheet: page.controlSheet, trackingURL: trackingURL(page.dossier.code),
                surveyURL: form == .resultSlip ? services.slipSurveyURL(page.dossier.code) : nil, clock: clock,
                offersPDF: services.pdf != nil)
            if request.query("format") == "pdf" {
                return try await PDFRenderer.response(
                    services.pdf, title: "\(form.title) — \(page.dossier.code.text)",
                    fileName: "\(page.dossier.code.text)-\(form.rawValue).pdf", content: printed.body)
            }
            return Page(form.title, body: printed.body).render(context: context, request: request)
        }
        // The officer's answers about the service given: every recorded fact is on the form, unchecked is false.
        router.post(SiteRoute.dossierServiceFacts().pattern) { request, context in
            let identity = try context.requireStaff()
            let id = try context.parameters.id()
            guard let dossier = try await services.dossiers.find(id: id, within: identity.scope) else { throw AppError.notFound }
            let fields = try await request.form([String: String].self, empty: [:])
            guard let seen = fields["lockVersion"].flatMap({ Int($0) }) else { throw AppError.badRequest("Thao tác không hợp lệ.") }
            let values = Dictionary(uniqueKeysWithValues: ServiceFacts.Recorded.allCases.map { ($0, fields[$0.rawValue] == "true") })
            let actor = try await services.actor(identity, on: [dossier.receivingUnitID, dossier.processingUnitID])
            do {
                _ = try await services.desk.record(values, on: id, seenLockVersion: seen, by: actor, at: services.clock())
                return Response.redirect(to: SiteRoute.dossier(id: id).path + "?saved=1", type: .normal)
            } catch let problem as DossierDesk.Problem {
                let page = try await dossierPage(id, identity, context: context, error: problem.message)
                return Page(page.dossier.code.text, body: page.body, status: problem == .staleCopy ? .conflict : .badRequest)
                    .render(context: context, request: request)
            }
        }
        router.post(SiteRoute.dossierActions().pattern) { request, context in
            let identity = try context.requireStaff()
            let id = try context.parameters.id()
            guard let dossier = try await services.dossiers.find(id: id, within: identity.scope) else { throw AppError.notFound }
            let form = try await request.form(ActionForm.self, empty: ActionForm())
            do {
                let directory = try await services.unitDirectory()
                guard let action = Self.action(form, unitName: { directory.find(id: $0)?.name }),
                    let seen = form.lockVersion.flatMap({ Int($0) })
                else {
                    throw AppError.badRequest("Thao tác không hợp lệ.")
                }
                var appointment: Date?
                if case .issueApology = action, let text = form.appointment, !text.isEmpty {
                    guard let value = clock.instant(typed: text) else {
                        throw AppError.badRequest(
                            "Ngày hẹn mới không hợp lệ: ghi ngày và giờ theo dạng ngày/tháng/năm giờ:phút, ví dụ 07/12/2026 16:30.")
                    }
                    appointment = value
                }
                let actor = try await actor(identity, on: dossier, for: action)
                _ = try await services.desk.act(
                    action, on: id, seenLockVersion: seen, by: actor, reason: form.reason ?? "",
                    newAppointment: appointment, at: services.clock())
                // A consulted unit that answered no longer sees the dossier: back to its queue, told it was sent.
                guard try await services.dossiers.find(id: id, within: identity.scope) != nil else {
                    return Response.redirect(to: SiteRoute.dossiers.path + "?answered=" + dossier.code.text, type: .normal)
                }
                return Response.redirect(to: SiteRoute.dossier(id: id).path + "?saved=1", type: .normal)
            } catch let problem as DossierDesk.Problem {
                let page = try await dossierPage(id, identity, context: context, error: problem.message)
                return Page(page.dossier.code.text, body: page.body, status: problem == .staleCopy ? .conflict : .badRequest)
                    .render(context: context, request: request)
            }
        }
    }

    var clock: LocalClock { services.localClock }

    /// The reader as the actor of an action: with their roles in the dossier's receiving and processing units; an officer
    /// of the unit whose opinion is asked answers it with their roles there, and may do nothing else with the dossier.
    func actor(_ identity: Identity, on dossier: Dossier, for action: DossierWorkflow.Action?) async throws -> DossierWorkflow.Actor {
        if case .consultationAnswered = action, let asked = try await answering(identity, on: dossier) { return asked }
        return try await services.actor(identity, on: [dossier.receivingUnitID, dossier.processingUnitID])
    }

    /// The reader as an officer of the unit whose opinion is asked, if they are one.
    private func answering(_ identity: Identity, on dossier: Dossier) async throws -> DossierWorkflow.Actor? {
        guard let consulted = dossier.consultedUnitID, identity.scope.contains(consulted) else { return nil }
        let asked = try await services.actor(identity, on: [consulted])
        return asked.roles.isEmpty ? nil : asked
    }

    /// What the reader may do now: their own actions (`own`: their actor on the dossier's units), and the answer to an
    /// opinion asked of their unit.
    func allowedActions(_ identity: Identity, on dossier: Dossier, own: DossierWorkflow.Actor, steps: [Procedure.StepTemplate]) async throws
        -> [DossierWorkflow.Action]
    {
        let allowed = DossierWorkflow.allowedActions(for: dossier.state, steps: steps, by: own)
        guard !allowed.contains(.consultationAnswered), let asked = try await answering(identity, on: dossier) else { return allowed }
        return allowed + DossierWorkflow.allowedActions(for: dossier.state, steps: steps, by: asked).filter { $0 == .consultationAnswered }
    }

    /// The public tracking link of a dossier, printed as a QR code on its forms.
    func trackingURL(_ code: DossierCode) -> String {
        services.trackingURL(code)
    }

    static func action(_ form: ActionForm, unitName: (Int64) -> String?) -> DossierWorkflow.Action? {
        switch form.action {
        case "refuseAtReceipt": .refuseAtReceipt
        case "requestSupplement": .requestSupplement
        case "supplementReceived": .supplementReceived
        case "transfer": .transfer
        case "assign": form.assignee.flatMap { Int64($0) }.map { .assign(userID: $0) }
        case "completeStep": .completeStep
        case "sendBack": .sendBack
        case "consult": form.consultedUnit.flatMap { Int64($0) }.flatMap { id in unitName(id).map { .consult(unitID: id, agency: $0) } }
        case "consultationAnswered": .consultationAnswered
        case "interAgencyReturned": .interAgencyReturned
        case "declareIneligible": .declareIneligible
        case "returnResult": .returnResult
        case "stopOnRequest": .stopOnRequest
        case "withdraw": .withdraw
        case "issueApology": .issueApology
        default: nil
        }
    }

    private func intakePage(
        _ identity: Identity, entry: IntakeForm, error: String?, paperErrors: [String: String] = [:],
        context: AppRequestContext, request: Request
    ) async throws -> Response {
        var desks: [OrgUnit] = []
        for grant in identity.grants where grant.role == .deskOfficer {
            if let id = grant.unitID, let unit = try await services.unitDirectory().find(id: id) { desks.append(unit) }
        }
        var procedures: [ProcedureSummary] = []
        for desk in desks {
            for procedure in try await services.procedures.list(.init(receivingUnitID: desk.id))
            where !procedures.contains(where: { $0.code == procedure.code }) {
                procedures.append(procedure)
            }
        }
        let chosen = try await entry.procedure.asyncMap { try await services.procedures.find(code: $0) } ?? nil
        let page = DossierIntakePage(
            desks: desks, procedures: procedures, entry: entry, csrfToken: context.csrfToken, error: error,
            documents: chosen?.procedure.documents ?? [], paperErrors: paperErrors)
        return Page("Tiếp nhận hồ sơ", body: page.body, status: error == nil ? .ok : .badRequest).render(context: context, request: request)
    }

    /// The units whose opinion may be asked: every unit in force today but the one handling the dossier, by name.
    private func consultable(_ dossier: Dossier) async throws -> [OrgUnit] {
        let units = try await services.unitDirectory().list(.init(validOn: services.today())).filter { $0.id != dossier.processingUnitID }
        return VietnameseText.sorted(units, by: \.name)
    }

    private func dossierPage(_ id: Int64, _ identity: Identity, context: AppRequestContext, saved: Bool = false, error: String? = nil)
        async throws -> DossierPage
    {
        guard let dossier = try await services.dossiers.find(id: id, within: identity.scope) else {
            if try await services.dossiers.find(id: id) != nil {
                context.logger.info("access outside scope refused", metadata: ["object.type": "dossier", "object.id": "\(id)"])
                try await services.audit(
                    AuditRecord(
                        actorID: identity.user.id, action: "access.denied", objectType: "dossier", objectID: String(id),
                        reason: "ngoài các đơn vị của người xem"))
            }
            throw AppError.notFound
        }
        try await services.audit(
            AuditRecord(actorID: identity.user.id, action: "dossier.read", objectType: "dossier", objectID: dossier.code.text))
        guard let version = try await services.procedures.version(id: dossier.procedureVersionID) else { throw AppError.notFound }
        let events = try await services.dossiers.events(of: dossier)
        var people: [Int64: String] = [:]
        for actorID in Set(events.compactMap(\.actorID) + [dossier.state.assigneeID].compactMap { $0 }) {
            people[actorID] = try await services.users.find(id: actorID)?.displayName
        }
        var unitNames: [Int64: String] = [:]
        for unitID in Set([dossier.receivingUnitID, dossier.processingUnitID] + events.compactMap(\.unitID)) {
            unitNames[unitID] = try await services.unitDirectory().find(id: unitID)?.name
        }
        let actor = try await services.actor(identity, on: [dossier.receivingUnitID, dossier.processingUnitID])
        let allowed = try await allowedActions(identity, on: dossier, own: actor, steps: version.procedure.steps)
        var officers: [User] = []
        if actor.roles.contains(.unitHead) {
            // Only active accounts can be given work.
            for user in try await services.users.list(within: .units([dossier.processingUnitID])) where user.isActive {
                if try await services.users.grants(of: user.id).contains(where: {
                    $0.role == .caseOfficer && $0.unitID == dossier.processingUnitID
                }) {
                    officers.append(user)
                }
            }
        }
        let hours =
            try await CalendarStore(services.database.sql).officeHours(of: dossier.processingUnitID) ?? services.configuration.officeHours
        let calculator = DeadlineCalculator(calendar: try await services.workingCalendar(), officeHours: hours)
        let stepDues =
            (try? StepBudgets(version.procedure.steps.map(\.budget), total: version.procedure.timeLimit))
            .flatMap { try? $0.dues(receivedAt: dossier.receivedAt, calculator: calculator) } ?? []
        let controlSheet = ControlSheet(steps: version.procedure.steps, events: events, stepDues: stepDues)
        return DossierPage(
            dossier: dossier, procedure: version.procedure, events: events, people: people, unitNames: unitNames,
            allowed: allowed, consultableUnits: allowed.contains { $0.key == "consult" } ? try await consultable(dossier) : [],
            officers: officers, controlSheet: controlSheet, attachments: try await services.attachments.list(of: id),
            notifications: try await NotificationOutbox(services.database.sql).rows(of: id),
            canAttach: !actor.roles.isDisjoint(with: [.deskOfficer, .caseOfficer, .unitHead]),
            allowedToHandOver: try await services.actor(identity, on: [dossier.receivingUnitID]).roles.contains(.deskOfficer), clock: clock,
            csrfToken: context.csrfToken, saved: saved, error: error)
    }
}
