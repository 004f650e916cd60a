import Domain
import Foundation
import Hummingbird
import Persistence
import Services

/// The PAR INDEX process (docs/PAR.md): the secretariat loads or edits a year's framework and opens a round
/// (deadlines in working days); each unit self-scores its criteria with explanations and evidence and
/// submits; the council accepts, adjusts or asks for evidence (answered once); the chair approves and
/// publishes. The store checks when an act is allowed; these routes check who.
struct PARRoutes {
    let services: AppServices

    func register(on router: some RouterMethods<AppRequestContext>) {
        registerFrameworks(on: router)
        registerEntries(on: router)
        router.get(SiteRoute.par.pattern) { request, context in
            let identity = try participant(context)
            var rounds: [(round: PARRound, framework: PARFramework)] = []
            for round in try await par.rounds() {
                if let stored = try await par.framework(id: round.frameworkID) { rounds.append((round, stored.framework)) }
            }
            let page = PAROverviewPage(
                frameworks: PARAccess.manages(identity) ? try await par.frameworks() : [], rounds: rounds,
                ownUnits: identity.grants.filter { $0.role == .unitHead || $0.role == .caseOfficer }.compactMap(\.unitID),
                canManage: PARAccess.manages(identity), csrfToken: context.csrfToken, error: nil)
            return Page("Chỉ số cải cách hành chính (PAR INDEX)", body: page.body).render(context: context, request: request)
        }
        router.post(SiteRoute.parRounds.pattern) { request, context in
            let identity = try context.require(.secretariat, .admin)
            let fields = try await request.form([String: String].self, empty: [:])
            guard let frameworkID = fields["framework"].flatMap(Int64.init), let stored = try await par.framework(id: frameworkID) else {
                throw AppError.notFound
            }
            guard let selfDays = fields["selfDays"].flatMap(Int.init), let responseDays = fields["responseDays"].flatMap(Int.init),
                (1...250).contains(selfDays), (1...250).contains(responseDays)
            else {
                throw AppError.badRequest("Số ngày làm việc cho tự đánh giá và cho giải trình là số nguyên từ 1 đến 250.")
            }
            let today = services.today()
            let calendar = try await services.workingCalendar()
            let selfDue = calendar.date(workingDays: selfDays, after: today)
            let units = try await services.unitDirectory().list(.init(validOn: today)).filter { stored.framework.unitKind.covers($0.kind) }
                .map(\.id)
            let id = try await acting {
                try await par.openRound(
                    frameworkID: frameworkID, units: units, selfDue: selfDue,
                    responseDue: calendar.date(workingDays: responseDays, after: selfDue), today: today, by: identity.user.id,
                    at: services.clock())
            }
            return Response.redirect(to: SiteRoute.parRound(id: id).path, type: .normal)
        }
        router.get(SiteRoute.parRound().pattern) { request, context in
            let identity = try participant(context)
            let (round, framework) = try await roundAndFramework(try context.parameters.id())
            let assessments = try await par.assessments(of: round.id)
            let names = try await services.unitNames(assessments.map(\.unitID))
            let results =
                round.status == .approved || round.status == .published ? try await services.parPublication(round, framework) : nil
            let page = PARRoundPage(
                round: round, framework: framework, assessments: assessments.filter { PARAccess.reads($0.unitID, identity) },
                names: names, results: results, canManage: PARAccess.manages(identity), chairs: PARAccess.chairs(identity),
                csrfToken: context.csrfToken, saved: request.query("saved") == "1")
            return Page("PAR INDEX \(framework.year) — \(framework.unitKind.title)", body: page.body).render(
                context: context, request: request)
        }
        router.post(SiteRoute.parRoundAdvance().pattern) { request, context in
            let identity = try participant(context)
            let id = try context.parameters.id()
            let fields = try await request.form([String: String].self, empty: [:])
            guard let next = fields["to"].flatMap(PARRoundStatus.init(rawValue:)) else {
                throw AppError.badRequest("Không rõ bước tiếp theo.")
            }
            switch next {
            case .appraisal: guard PARAccess.manages(identity) else { throw AppError.forbidden }
            case .approved: guard PARAccess.chairs(identity) else { throw AppError.forbidden }
            default: throw AppError.badRequest("Không rõ bước tiếp theo.")
            }
            try await acting { try await par.advance(id, to: next, by: identity.user.id, at: services.clock()) }
            return Response.redirect(to: SiteRoute.parRound(id: id).path + "?saved=1", type: .normal)
        }
        router.post(SiteRoute.parRoundPublish().pattern) { request, context in
            let identity = try context.require(.cityLeader)
            let (round, framework) = try await roundAndFramework(try context.parameters.id())
            let fields = try await request.form([String: String].self, empty: [:])
            let document = try await services.parPublication(round, framework)
            let reason = fields["reason"].map { VietnameseText.normalized($0).trimmingCharacters(in: .whitespaces) }.flatMap {
                $0.isEmpty ? nil : $0
            }
            try await acting {
                try await par.publish(round.id, document: try document.json(), reason: reason, by: identity.user.id, at: services.clock())
            }
            return Response.redirect(to: SiteRoute.publicPARRound(id: round.id).path, type: .normal)
        }
        router.get(SiteRoute.parAssessment().pattern) { request, context in
            let identity = try participant(context)
            return try await assessmentPage(
                try context.parameters.id(), unit: try context.parameters.id("unit"), identity: identity, context: context,
                request: request)
        }
        router.post(SiteRoute.parAssessmentSubmit().pattern) { _, context in
            let identity = try participant(context)
            let (roundID, unitID) = (try context.parameters.id(), try context.parameters.id("unit"))
            guard try await speaks(for: unitID, identity) else { throw AppError.forbidden }
            let (round, framework) = try await roundAndFramework(roundID)
            guard let assessment = try await par.assessment(round: round.id, unit: unitID),
                let unit = try await services.unitDirectory().find(id: unitID)
            else {
                throw AppError.notFound
            }
            let figures = framework.platformPoints(try await services.parFigures(unit: unit, year: framework.year))
            try await acting { try await par.submit(assessment.id, computed: figures, by: identity.user.id, at: services.clock()) }
            return Response.redirect(to: SiteRoute.parAssessment(id: roundID, unitID: unitID).path + "?saved=1", type: .normal)
        }
        // The council accepts every criterion it has not decided (after adjusting the ones it disagrees with).
        router.post(SiteRoute.parAssessmentAcceptRest().pattern) { _, context in
            let identity = try context.require(.appraisalCouncil)
            let (roundID, unitID) = (try context.parameters.id(), try context.parameters.id("unit"))
            guard let assessment = try await par.assessment(round: roundID, unit: unitID) else { throw AppError.notFound }
            for entry in assessment.entries where !entry.review.isDecided && entry.review != .moreEvidence {
                try await acting {
                    try await par.review(
                        entryID: entry.id, .accepted, score: nil, reason: "", seenVersion: entry.version, by: identity.user.id,
                        at: services.clock())
                }
            }
            return Response.redirect(to: SiteRoute.parAssessment(id: roundID, unitID: unitID).path + "?saved=1", type: .normal)
        }
    }

    /// The framework pages: load the sample or a file, read it, edit it as JSON until a round freezes it, download it.
    func registerFrameworks(on router: some RouterMethods<AppRequestContext>) {
        router.post(SiteRoute.parFrameworks.pattern) { request, context in
            let identity = try context.require(.secretariat, .admin)
            let framework: PARFramework
            if request.uri.query?.contains("sample=1") == true {
                framework = try PARFrameworks.shippedSample()
            } else {
                guard let upload = try await AttachmentRoutes.upload(request, context) else {
                    throw AppError.badRequest("Vui lòng chọn tệp JSON của bộ tiêu chí.")
                }
                do throws(PARFramework.Problem) { framework = try PARFramework(json: upload.data) } catch {
                    throw AppError.badRequest(error.description)
                }
            }
            let id = try await acting { try await par.load(framework, by: identity.user.id, at: services.clock()) }
            return Response.redirect(to: SiteRoute.parFramework(id: id).path + "?saved=1", type: .normal)
        }
        router.get(SiteRoute.parFramework().pattern) { request, context in
            let identity = try participant(context)
            guard let stored = try await par.framework(id: try context.parameters.id()) else { throw AppError.notFound }
            return frameworkPage(
                stored, text: String(decoding: try stored.framework.json(), as: UTF8.self),
                rows: PARFrameworkTable.rows(of: stored.framework),
                error: nil, identity: identity, saved: request.query("saved") == "1", context: context, request: request)
        }
        router.post(SiteRoute.parFramework().pattern) { request, context in
            let identity = try context.require(.secretariat, .admin)
            guard let stored = try await par.framework(id: try context.parameters.id()) else { throw AppError.notFound }
            let fields = try await request.form([String: String].self, empty: [:])
            let current = String(decoding: try stored.framework.json(), as: UTF8.self)
            let text = fields["definition"] ?? current
            let typed = fields["mode"] == "table" ? Self.tableRows(fields) : PARFrameworkTable.rows(of: stored.framework)
            func refused(_ message: String) -> Response {
                frameworkPage(
                    stored, text: text, rows: typed, error: message, identity: identity, saved: false, context: context, request: request)
            }
            do {
                let edited: PARFramework
                if fields["mode"] == "table" {
                    edited = try PARFrameworkTable.framework(stored.framework, rows: typed)
                } else {
                    edited = try PARFramework(json: Data(text.utf8))
                }
                guard edited.year == stored.framework.year, edited.unitKind == stored.framework.unitKind else {
                    return refused("Năm và loại đơn vị của bộ tiêu chí không được đổi khi sửa; hãy nạp một bộ mới.")
                }
                try await par.load(edited, by: identity.user.id, at: services.clock())
                return Response.redirect(to: SiteRoute.parFramework(id: stored.id).path + "?saved=1", type: .normal)
            } catch let problem as PARFramework.Problem {
                return refused(problem.description)
            } catch let problem as PARFrameworkTable.Problem {
                return refused(problem.description)
            } catch let problem as PARStore.Problem {
                return refused(problem.message)
            }
        }
        router.get(SiteRoute.parFrameworkJSON().pattern) { _, context in
            _ = try participant(context)
            guard let stored = try await par.framework(id: try context.parameters.id()) else { throw AppError.notFound }
            return StatisticsRoutes.download(
                ByteBuffer(bytes: try stored.framework.json()), type: "application/json",
                name: "par-\(stored.framework.year)-\(stored.framework.unitKind.rawValue).json")
        }
    }

    /// One criterion of one unit: its self-score, the council's review, the unit's answer, evidence files.
    func registerEntries(on router: some RouterMethods<AppRequestContext>) {
        router.post(SiteRoute.parEntry().pattern) { request, context in
            let identity = try participant(context)
            let entryID = try context.parameters.id()
            guard let (roundID, unitID, code) = try await par.locate(entryID: entryID) else { throw AppError.notFound }
            let act = context.parameters.get("act") ?? ""
            let back = SiteRoute.parAssessment(id: roundID, unitID: unitID).path
            do {
                if act == "files" {
                    guard try await speaks(for: unitID, identity) else { throw AppError.forbidden }
                    guard let upload = try await AttachmentRoutes.upload(request, context) else {
                        throw AppError.badRequest("Vui lòng chọn tệp.")
                    }
                    try await par.addEvidence(
                        entryID: entryID, data: upload.data, name: upload.name, by: identity.user.id, at: services.clock())
                } else {
                    let fields = try await request.form([String: String].self, empty: [:])
                    let version = Int(fields["version"] ?? "") ?? -1
                    switch act {
                    case "self":
                        guard try await speaks(for: unitID, identity) else { throw AppError.forbidden }
                        let text = (fields["score"] ?? "").trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: ".")
                        guard text.isEmpty || Double(text) != nil else {
                            throw AppError.badRequest("Điểm tự chấm phải là một số (ví dụ 2,5).")
                        }
                        try await par.selfAssess(
                            entryID: entryID, score: Double(text), explanation: fields["explanation"] ?? "", seenVersion: version,
                            by: identity.user.id, at: services.clock())
                    case "review":
                        guard PARAccess.appraises(identity) else { throw AppError.forbidden }
                        guard let decision = fields["decision"].flatMap(PARReview.init(rawValue:)) else {
                            throw AppError.badRequest("Vui lòng chọn kết luận.")
                        }
                        let text = (fields["score"] ?? "").trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: ".")
                        try await par.review(
                            entryID: entryID, decision, score: Double(text), reason: fields["reason"] ?? "", seenVersion: version,
                            by: identity.user.id, at: services.clock())
                    case "respond":
                        guard try await speaks(for: unitID, identity) else { throw AppError.forbidden }
                        try await par.respond(
                            entryID: entryID, text: fields["response"] ?? "", seenVersion: version, today: services.today(),
                            by: identity.user.id, at: services.clock())
                    default:
                        throw AppError.notFound
                    }
                }
            } catch let problem as PARStore.Problem {
                return try await assessmentPage(
                    roundID, unit: unitID, identity: identity, error: "Tiêu chí \(code): \(problem.message)", context: context,
                    request: request)
            } catch let problem as FileType.Problem {
                return try await assessmentPage(
                    roundID, unit: unitID, identity: identity, error: "Tiêu chí \(code): \(problem.message)", context: context,
                    request: request)
            } catch AppError.badRequest(let message) {
                return try await assessmentPage(
                    roundID, unit: unitID, identity: identity, error: "Tiêu chí \(code): \(message)", context: context,
                    request: request)
            }
            return Response.redirect(to: back + "?saved=1#c-\(code)", type: .normal)
        }
        router.get(SiteRoute.parEvidence().pattern) { _, context in
            let identity = try participant(context)
            let entryID = try context.parameters.id()
            guard let (roundID, unitID, _) = try await par.locate(entryID: entryID), PARAccess.reads(unitID, identity),
                let assessment = try await par.assessment(round: roundID, unit: unitID),
                let file = try await par.evidence(of: assessment)[entryID]?.first(where: { $0.id == (try? context.parameters.id("file")) })
            else {
                throw AppError.notFound
            }
            return AttachmentRoutes.fileResponse(try par.evidenceFile(file), type: file.fileType, name: file.originalName)
        }
    }

    private func assessmentPage(
        _ roundID: Int64, unit unitID: Int64, identity: Identity, error: String? = nil, context: AppRequestContext,
        request: Request
    ) async throws -> Response {
        guard PARAccess.reads(unitID, identity) else { throw AppError.notFound }
        let (round, framework) = try await roundAndFramework(roundID)
        guard let assessment = try await par.assessment(round: roundID, unit: unitID),
            let unit = try await services.unitDirectory().find(id: unitID)
        else {
            throw AppError.notFound
        }
        // Before submission the platform's figures are live; after, the ones kept with the submission.
        let live =
            assessment.submittedAt == nil ? framework.platformPoints(try await services.parFigures(unit: unit, year: framework.year)) : [:]
        var history: [Int64: [PARHistoryRow]] = [:]
        for entry in assessment.entries { history[entry.id] = try await par.history(of: entry.id) }
        let page = PARAssessmentPage(
            round: round, framework: framework, unit: unit, assessment: assessment, live: live,
            evidence: try await par.evidence(of: assessment), history: history,
            speaksFor: try await speaks(for: unitID, identity), appraises: PARAccess.appraises(identity),
            csrfToken: context.csrfToken, saved: request.query("saved") == "1", error: error, today: services.today(),
            tasks: try await reformTasks(of: unit, year: framework.year))
        return Page("Tự đánh giá — \(unit.name)", body: page.body, status: error == nil ? .ok : .badRequest).render(
            context: context, request: request)
    }

    /// The reform tasks of the year's plan that name PAR criteria and that the unit leads (every unit's, for the
    /// city's own self-assessment), as they stand today.
    private func reformTasks(of unit: OrgUnit, year: Int) async throws -> [ReformTaskStanding] {
        guard let plan = try await services.reform.plan(year: year) else { return [] }
        let city = try await HanoiUnitImport.cityID(on: services.database.sql)
        return try await services.reform.standings(of: plan.id, asOf: services.today(), calendar: try await services.workingCalendar())
            .filter { !$0.task.parCriteria.isEmpty && (unit.id == city || $0.task.leadUnitID == unit.id) }
    }

    /// The editor's rows as sent: `code-N`, `name-N`, `max-N`, `method-N`, `source-N`, `rule-N` for N = 0, 1, …
    static func tableRows(_ fields: [String: String]) -> [PARFrameworkTable.Row] {
        var rows: [PARFrameworkTable.Row] = []
        var index = 0
        while let code = fields["code-\(index)"] {
            rows.append(
                PARFrameworkTable.Row(
                    code: code, name: fields["name-\(index)"] ?? "", max: fields["max-\(index)"] ?? "",
                    method: fields["method-\(index)"] ?? "", source: fields["source-\(index)"] ?? "",
                    rule: fields["rule-\(index)"] ?? ""))
            index += 1
        }
        return rows
    }

    private func frameworkPage(
        _ stored: StoredPARFramework, text: String, rows: [PARFrameworkTable.Row], error: String?, identity: Identity, saved: Bool,
        context: AppRequestContext, request: Request
    ) -> Response {
        let page = PARFrameworkPage(
            stored: stored, text: text, rows: rows, canEdit: PARAccess.manages(identity) && !stored.frozen, error: error, saved: saved,
            csrfToken: context.csrfToken)
        return Page("Bộ tiêu chí PAR INDEX \(stored.framework.year)", body: page.body, status: error == nil ? .ok : .badRequest)
            .render(context: context, request: request)
    }

    private func roundAndFramework(_ id: Int64) async throws -> (PARRound, PARFramework) {
        guard let round = try await par.round(id: id), let stored = try await par.framework(id: round.frameworkID) else {
            throw AppError.notFound
        }
        return (round, stored.framework)
    }

    /// Whether the person speaks for the unit: its head or case officers; for the city's own self-assessment
    /// (a province framework), the working group's secretariat.
    private func speaks(for unitID: Int64, _ identity: Identity) async throws -> Bool {
        if PARAccess.speaksFor(unitID, identity) { return true }
        guard PARAccess.manages(identity) else { return false }
        return try await HanoiUnitImport.cityID(on: services.database.sql) == unitID
    }

    private func participant(_ context: AppRequestContext) throws -> Identity {
        guard let identity = context.identity else { throw AppError.unauthorized }
        guard PARAccess.takesPart(identity) else { throw AppError.forbidden }
        return identity
    }

    /// A refused act is a message on the page it came from.
    @discardableResult
    private func acting<T>(_ act: () async throws -> T) async throws -> T {
        do { return try await act() } catch let problem as PARStore.Problem {
            if problem == .notFound { throw AppError.notFound }
            throw AppError.badRequest(problem.message)
        }
    }

    private var par: PARStore { services.par }
}
