import Domain
import Foundation
import Hummingbird
import Persistence

/// Filing online: a signed-in citizen who consents to the handling of their data starts a draft from a
/// procedure that can be filed online, uploads a file for each document, chooses where to file and submits;
/// the dossier is received by the same desk service as at the counter. "My dossiers" lists what they filed.
struct FilingRoutes {
    let services: AppServices

    struct SubmitForm: Decodable { var unit: String?; var phone: String?; var email: String? }

    var drafts: OnlineDrafts { OnlineDrafts(database: services.database, files: services.files) }

    func register(on router: some RouterMethods<AppRequestContext>) {
        router.post(SiteRoute.fileOnline().pattern) { request, context in
            let identity = try await filer(context, request)
            guard let code = context.parameters.get("code"), let procedure = try await services.procedures.find(code: code) else { throw AppError.notFound }
            guard procedure.procedure.onlineLevel != .inPerson else { throw AppError.badRequest(DossierDesk.Problem.notOnline.message) }
            let units = try await receivingUnits(procedure.summary.versionID)
            let id = try await drafts.create(for: identity.user.id, procedureCode: code, receivingUnitID: units.count == 1 ? units[0].id : nil, at: services.clock())
            return Response.redirect(to: SiteRoute.draft(id: id).path, type: .normal)
        }
        router.get(SiteRoute.draft().pattern) { request, context in
            let identity = try await filer(context, request)
            return try await draftPage(try await draft(context, identity), identity, context: context, request: request)
        }
        router.post(SiteRoute.draftFiles().pattern) { request, context in
            let identity = try await filer(context, request)
            let draft = try await draft(context, identity)
            guard let upload = try await AttachmentRoutes.upload(request, context), let document = upload.fields["document"] else {
                return try await draftPage(draft, identity, error: "Vui lòng chọn tệp để tải lên.", status: .badRequest, context: context, request: request)
            }
            guard let version = try await services.procedures.find(code: draft.procedureCode) else { throw AppError.notFound }
            do {
                try await drafts.add(upload.data, name: upload.name, for: document, to: draft, documents: version.procedure.documents.map(\.name),
                                     at: services.clock())
            } catch let problem as FileType.Problem {
                return try await draftPage(draft, identity, fieldErrors: [document: problem.message], status: .badRequest, context: context, request: request)
            } catch let problem as OnlineDrafts.Problem {
                return try await draftPage(draft, identity, fieldErrors: [document: problem.message], status: .badRequest, context: context, request: request)
            }
            return Response.redirect(to: SiteRoute.draft(id: draft.id).path, type: .normal)
        }
        router.post(SiteRoute.draftFileRemoval().pattern) { request, context in
            let identity = try await filer(context, request)
            let draft = try await draft(context, identity)
            try await drafts.remove(fileID: try context.parameters.id("file"), from: draft)
            return Response.redirect(to: SiteRoute.draft(id: draft.id).path, type: .normal)
        }
        router.post(SiteRoute.draftRemoval().pattern) { request, context in
            let identity = try await filer(context, request)
            try await drafts.delete(try await draft(context, identity))
            return Response.redirect(to: SiteRoute.myDossiers.path, type: .normal)
        }
        router.post(SiteRoute.draftSubmission().pattern) { request, context in
            let identity = try await filer(context, request)
            var draft = try await draft(context, identity)
            let form = try await request.form(SubmitForm.self, empty: SubmitForm())
            guard let version = try await services.procedures.find(code: draft.procedureCode) else { throw AppError.notFound }
            let missing = version.procedure.documents.map(\.name).filter { name in !draft.files.contains { $0.document == name } }
            guard missing.isEmpty else {
                return try await draftPage(draft, identity, error: "Còn thiếu tệp cho: \(missing.joined(separator: "; ")).",
                                           fieldErrors: Dictionary(uniqueKeysWithValues: missing.map { ($0, "Chưa có tệp cho giấy tờ này.") }),
                                           status: .badRequest, context: context, request: request)
            }
            guard let unitID = form.unit.flatMap({ Int64($0) }), try await receivingUnits(version.summary.versionID).contains(where: { $0.id == unitID }) else {
                return try await draftPage(draft, identity, fieldErrors: ["unit": "Vui lòng chọn nơi tiếp nhận hồ sơ."], status: .badRequest,
                                           context: context, request: request)
            }
            try await drafts.setReceivingUnit(unitID, of: draft, at: services.clock())
            draft.receivingUnitID = unitID
            let profile = try await CitizenAccounts(services.database).profile(of: identity.user.id)
            let applicant = Applicant(kind: .person, name: identity.user.displayName, identifier: profile?.personalID ?? identity.user.username,
                                      phone: form.phone, email: form.email)
            let now = services.clock()
            do {
                let dossier = try await services.desk.receiveOnline(
                    .init(procedureCode: draft.procedureCode, receivingUnitID: unitID, channel: .online, applicant: applicant), from: draft, at: now,
                    day: LocalClock(utcOffsetMinutes: services.configuration.officeHours.utcOffsetMinutes).localDate(now))
                return Response.redirect(to: SiteRoute.myDossier(id: dossier.id).path + "?filed=1", type: .found)
            } catch let problem as DossierDesk.Problem {
                return try await draftPage(draft, identity, error: problem.message, status: .badRequest, context: context, request: request)
            }
        }
        router.get(SiteRoute.myDossiers.pattern) { request, context in
            let identity = try await filer(context, request, needsConsent: false)
            var drafts: [(OnlineDraft, String)] = []
            for draft in try await self.drafts.drafts(of: identity.user.id) {
                drafts.append((draft, try await services.procedures.summary(code: draft.procedureCode)?.name ?? draft.procedureCode))
            }
            let items = try await services.dossiers.filed(by: identity.user.id)
            let page = MyDossiersPage(items: items, drafts: drafts, clock: clock,
                                      rated: try await services.ratings.rated(among: items.map(\.dossier.id)))
            return Page("Hồ sơ của tôi", body: page.body).render(context: context, request: request)
        }
        router.get(SiteRoute.myDossier().pattern) { request, context in
            let identity = try await filer(context, request, needsConsent: false)
            return try await myDossierPage(try await ownDossier(context, identity), filed: request.query("filed") == "1",
                                           supplementSent: request.query("sent") == "1", rated: request.query("rated") == "1",
                                           context: context, request: request)
        }
        // The applicant's rating of their own dossier, once the result is handed over (channel "portal").
        router.post(SiteRoute.myRating().pattern) { request, context in
            let identity = try await filer(context, request, needsConsent: false)
            let item = try await ownDossier(context, identity)
            guard let criteria = services.ratingCriteria(for: item.dossier) else { throw AppError.unavailable("Chưa có bộ tiêu chí đánh giá.") }
            let answered = RatingForm.rating(from: try await request.form([String: String].self, empty: [:]))
            do {
                try await services.ratings.rate(item.dossier.id, answered, criteria: criteria, channel: .portal, at: services.clock())
            } catch let problem as RatingStore.Problem {
                return try await myDossierPage(item, rating: (answered, problem.message), status: .badRequest, context: context, request: request)
            }
            return Response.redirect(to: SiteRoute.myDossier(id: item.dossier.id).path + "?rated=1", type: .found)
        }
        router.get(SiteRoute.myResult().pattern) { request, context in
            let identity = try await filer(context, request, needsConsent: false)
            let item = try await ownDossier(context, identity)
            let fileID = try context.parameters.id("file")
            guard let file = try await services.attachments.releasedResult(of: item.dossier).first(where: { $0.id == fileID }) else { throw AppError.notFound }
            return try await AttachmentRoutes.download(file, of: item.dossier, by: identity.user.id, services: services)
        }
        // The answer to a supplement request: files the officers see on the dossier, audited; the officer then
        // records the supplement as received, which resumes the clock.
        router.post(SiteRoute.mySupplement().pattern) { request, context in
            let identity = try await filer(context, request)
            let item = try await ownDossier(context, identity)
            guard item.dossier.state.status == .awaitingSupplement else { throw AppError.badRequest("Hồ sơ không ở trạng thái chờ bổ sung.") }
            guard let upload = try await AttachmentRoutes.upload(request, context) else {
                return try await myDossierPage(item, error: "Vui lòng chọn tệp bổ sung.", status: .badRequest, context: context, request: request)
            }
            let note = upload.fields["note"] ?? ""
            do {
                _ = try await services.attachments.attach(
                    upload.data, name: upload.name, description: "Bổ sung trực tuyến" + (note.isEmpty ? "" : ": " + note), to: item.dossier,
                    by: identity.user.id, at: services.clock())
            } catch let problem as FileType.Problem {
                return try await myDossierPage(item, error: problem.message, status: .badRequest, context: context, request: request)
            }
            return Response.redirect(to: SiteRoute.myDossier(id: item.dossier.id).path + "?sent=1", type: .found)
        }
    }

    private func ownDossier(_ context: AppRequestContext, _ identity: Identity) async throws -> DossierQueueItem {
        let id = try context.parameters.id()
        guard let item = try await services.dossiers.filed(id: id, by: identity.user.id) else { throw AppError.notFound }
        return item
    }

    private func myDossierPage(_ item: DossierQueueItem, filed: Bool = false, supplementSent: Bool = false, rated: Bool = false, error: String? = nil,
                               rating answered: (rating: DossierRating, error: String)? = nil,
                               status: HTTPResponse.Status = .ok, context: AppRequestContext, request: Request) async throws -> Response {
        let events = try await services.dossiers.events(of: item.dossier)
        let stored = try await services.ratings.rating(of: item.dossier.id)
        var rating: MyDossierPage.Rating = .notYet
        if DossierRating.canRate(item.dossier.state.status), let criteria = services.ratingCriteria(for: item.dossier) {
            if let stored, !stored.isChangeable(at: services.clock()) {
                rating = .closed(stored.createdAt)
            } else {
                var form = RatingForm(criteria: criteria, action: SiteRoute.myRating(id: item.dossier.id).path, csrfToken: context.csrfToken,
                                      current: answered?.rating ?? stored?.rating)
                form.error = answered?.error
                rating = .open(form, ratedAt: stored?.createdAt, justSaved: rated)
            }
        }
        let sent = try await NotificationOutbox(services.database.sql).rows(of: item.dossier.id).filter { $0.status == .sent }
        let page = MyDossierPage(
            dossier: item.dossier, procedureName: item.procedureName,
            agencyName: try await services.unitDirectory().find(id: item.dossier.receivingUnitID)?.name ?? "",
            attachments: try await services.attachments.list(of: item.dossier.id), trackingURL: services.trackingURL(item.dossier.code), clock: clock,
            justFiled: filed, timeline: PublicTimeline.entries(events),
            supplementReason: item.dossier.state.status == .awaitingSupplement ? events.last { $0.action == "requestSupplement" }?.reason : nil,
            csrfToken: context.csrfToken, supplementSent: supplementSent, error: error,
            results: try await services.attachments.releasedResult(of: item.dossier), rating: rating, notifications: sent)
        return Page("Hồ sơ \(item.dossier.code.text)", body: page.body, status: status).render(context: context, request: request)
    }

    private var clock: LocalClock { LocalClock(utcOffsetMinutes: services.configuration.officeHours.utcOffsetMinutes) }

    /// The signed-in citizen; one who withdrew consent to the handling of their data cannot file.
    private func filer(_ context: AppRequestContext, _ request: Request, needsConsent: Bool = true) async throws -> Identity {
        let identity = try context.require(.citizen)
        if needsConsent, !(try await CitizenAccounts(services.database).activePurposes(of: identity.user.id).contains(.handling)) {
            throw AppError.badRequest("Để nộp hồ sơ trực tuyến, ông/bà cần đồng ý cho xử lý dữ liệu cá nhân để giải quyết thủ tục (trang “Dữ liệu cá nhân”).")
        }
        return identity
    }

    private func draft(_ context: AppRequestContext, _ identity: Identity) async throws -> OnlineDraft {
        guard let draft = try await drafts.draft(try context.parameters.id(), of: identity.user.id) else { throw AppError.notFound }
        return draft
    }

    private func receivingUnits(_ versionID: Int64) async throws -> [OrgUnit] {
        var units: [OrgUnit] = []
        for listed in try await services.procedures.units(ofVersion: versionID) where listed.role == .receiving {
            if let unit = try await services.unitDirectory().find(id: listed.id) { units.append(unit) }
        }
        return VietnameseText.sorted(units, by: \.name)
    }

    private func draftPage(_ draft: OnlineDraft, _ identity: Identity, error: String? = nil, fieldErrors: [String: String] = [:], status: HTTPResponse.Status = .ok,
                           context: AppRequestContext, request: Request) async throws -> Response {
        guard let version = try await services.procedures.find(code: draft.procedureCode) else { throw AppError.notFound }
        let profile = try await CitizenAccounts(services.database).profile(of: identity.user.id)
        let page = DraftPage(draft: draft, procedure: version.procedure, units: try await receivingUnits(version.summary.versionID),
                             phone: profile?.phone ?? "", email: identity.user.email ?? "", csrfToken: context.csrfToken, clock: clock, error: error,
                             fieldErrors: fieldErrors)
        return Page("Nộp hồ sơ trực tuyến", body: page.body, status: status).render(context: context, request: request)
    }
}
