import Domain
import Foundation
import Hummingbird
import Persistence
import Services

/// Filing online: a signed-in citizen who consents to the handling of their data starts a draft from a
/// procedure that can be filed online, uploads a file for each document, chooses where to file and submits;
/// the dossier is received by the same desk service as at the counter. "My dossiers" lists what they filed.
struct FilingRoutes {
    let services: AppServices

    /// The last step of the draft page: where to file, how to receive the result, the contact details.
    struct DetailsForm: Decodable {
        var unit: String?
        var delivery: String?
        var address: String?
        var phone: String?
        var email: String?

        var values: [String: String] {
            ["unit": unit ?? "", "delivery": delivery ?? "", "address": address ?? "", "phone": phone ?? "", "email": email ?? ""]
        }
    }

    var drafts: OnlineDrafts { OnlineDrafts(database: services.database, files: services.files) }

    func register(on router: some RouterMethods<AppRequestContext>) {
        router.post(SiteRoute.fileOnline().pattern) { request, context in
            let identity = try await filer(context, request)
            guard let code = context.parameters.get("code"), let procedure = try await services.procedures.find(code: code) else {
                throw AppError.notFound
            }
            guard procedure.procedure.onlineLevel != .inPerson else { throw AppError.badRequest(DossierDesk.Problem.notOnline.message) }
            let units = try await receivingUnits(procedure.summary.versionID)
            let id = try await drafts.create(
                for: identity.user.id, procedureCode: code, receivingUnitID: units.count == 1 ? units[0].id : nil, at: services.clock())
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
                return try await draftPage(
                    draft, identity, error: "Vui lòng chọn tệp để tải lên.", status: .badRequest, context: context, request: request)
            }
            guard let version = try await services.procedures.find(code: draft.procedureCode) else { throw AppError.notFound }
            do {
                try await drafts.add(
                    upload.data, name: upload.name, for: document, to: draft, documents: version.procedure.documents.map(\.name),
                    at: services.clock())
            } catch let problem as FileType.Problem {
                return try await draftPage(
                    draft, identity, fieldErrors: [document: problem.message], status: .badRequest, context: context, request: request)
            } catch let problem as OnlineDrafts.Problem {
                return try await draftPage(
                    draft, identity, fieldErrors: [document: problem.message], status: .badRequest, context: context, request: request)
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
        router.post(SiteRoute.draftDeclaration().pattern) { request, context in
            let identity = try await filer(context, request)
            let draft = try await draft(context, identity)
            guard let version = try await services.procedures.find(code: draft.procedureCode), let form = version.procedure.declaration
            else {
                throw AppError.notFound
            }
            let typed = try await request.form([String: String].self, empty: [:])
            switch form.read(typed, today: services.today()) {
            case .success(let declaration):
                try await drafts.save(declaration, of: draft, at: services.clock())
                return Response.redirect(to: SiteRoute.draft(id: draft.id).path + "?saved=declaration#documents", type: .normal)
            case .failure(let problems):
                return try await draftPage(
                    draft, identity, fieldErrors: problems.fields, declarationValues: typed, status: .badRequest,
                    context: context, request: request)
            }
        }
        // "Tiếp tục": the details are checked and kept, and a draft with nothing missing goes to the review.
        router.post(SiteRoute.draftReview().pattern) { request, context in
            let identity = try await filer(context, request)
            let draft = try await draft(context, identity)
            let form = try await request.form(DetailsForm.self, empty: DetailsForm())
            guard let version = try await services.procedures.find(code: draft.procedureCode) else { throw AppError.notFound }
            let units = try await receivingUnits(version.summary.versionID)
            var problems = Applicant.contactProblems(phone: form.phone ?? "", email: form.email ?? "")
            let unitID = form.unit.flatMap { Int64($0) }.flatMap { id in units.contains { $0.id == id } ? id : nil }
            if unitID == nil { problems["unit"] = "Vui lòng chọn nơi tiếp nhận hồ sơ." }
            var choice: ResultDelivery.Choice?
            switch ResultDelivery.read(form.delivery, address: form.address) {
            case .success(let value): choice = value
            case .failure(let refused): problems.merge(refused.fields) { first, _ in first }
            }
            guard problems.isEmpty, let unitID, let choice else {
                return try await draftPage(
                    draft, identity, fieldErrors: problems, details: form.values, status: .badRequest, context: context, request: request)
            }
            let details = OnlineDraft.Details(
                receivingUnitID: unitID, phone: (form.phone ?? "").trimmingCharacters(in: .whitespaces),
                email: (form.email ?? "").trimmingCharacters(in: .whitespaces), delivery: choice.delivery,
                deliveryAddress: choice.address)
            try await drafts.save(details, of: draft, at: services.clock())
            // What may still be missing (the declaration, a file) is not among the details just saved.
            if let response = try await incomplete(draft, version.procedure, identity, context: context, request: request) {
                return response
            }
            return Response.redirect(to: SiteRoute.draftReview(id: draft.id).path, type: .normal)
        }
        router.get(SiteRoute.draftReview().pattern) { request, context in
            let identity = try await filer(context, request)
            let draft = try await draft(context, identity)
            guard let version = try await services.procedures.find(code: draft.procedureCode) else { throw AppError.notFound }
            guard let details = draft.details else {
                return Response.redirect(to: SiteRoute.draft(id: draft.id).path + "#details", type: .normal)
            }
            if let response = try await incomplete(draft, version.procedure, identity, context: context, request: request) {
                return response
            }
            let page = DraftReviewPage(
                draft: draft, details: details, procedure: version.procedure,
                unitName: try await services.unitDirectory().find(id: details.receivingUnitID)?.name ?? "",
                csrfToken: context.csrfToken)
            return Page("Kiểm tra lại trước khi gửi", body: page.body).render(context: context, request: request)
        }
        // "Gửi hồ sơ" on the review page: everything is read from the draft as saved and checked again.
        router.post(SiteRoute.draftSubmission().pattern) { request, context in
            let identity = try await filer(context, request)
            let draft = try await draft(context, identity)
            guard let version = try await services.procedures.find(code: draft.procedureCode) else { throw AppError.notFound }
            if let response = try await incomplete(draft, version.procedure, identity, context: context, request: request) {
                return response
            }
            guard let details = draft.details,
                try await receivingUnits(version.summary.versionID).contains(where: { $0.id == details.receivingUnitID })
            else {
                return try await draftPage(
                    draft, identity, fieldErrors: ["unit": "Vui lòng chọn nơi tiếp nhận hồ sơ."], status: .badRequest,
                    context: context, request: request)
            }
            let profile = try await CitizenAccounts(services.database).profile(of: identity.user.id)
            let applicant = Applicant(
                kind: .person, name: identity.user.displayName, identifier: profile?.personalID ?? identity.user.username,
                phone: details.phone, email: details.email, address: details.deliveryAddress)
            let now = services.clock()
            do {
                let dossier = try await services.desk.receiveOnline(
                    .init(
                        procedureCode: draft.procedureCode, receivingUnitID: details.receivingUnitID, channel: .online,
                        applicant: applicant,
                        declaration: draft.declaration, delivery: ResultDelivery.Choice(details.delivery, address: details.deliveryAddress)),
                    from: draft, at: now, day: clock.localDate(now))
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
            let page = MyDossiersPage(
                items: items, drafts: drafts, clock: clock,
                rated: try await services.ratings.rated(among: items.map(\.dossier.id)),
                feedback: try await FeedbackStore(services.database).submitted(by: identity.user.id))
            return Page("Hồ sơ của tôi", body: page.body).render(context: context, request: request)
        }
        router.get(SiteRoute.myDossier().pattern) { request, context in
            let identity = try await filer(context, request, needsConsent: false)
            return try await myDossierPage(
                try await ownDossier(context, identity), filed: request.query("filed") == "1",
                supplementSent: request.query("sent") == "1", rated: request.query("rated") == "1",
                context: context, request: request)
        }
        // The applicant's rating of their own dossier, once the result is handed over (channel "portal").
        router.post(SiteRoute.myRating().pattern) { request, context in
            let identity = try await filer(context, request, needsConsent: false)
            let item = try await ownDossier(context, identity)
            guard let criteria = services.ratingCriteria(for: item.dossier) else {
                throw AppError.unavailable("Chưa có bộ tiêu chí đánh giá.")
            }
            let answered = RatingForm.rating(from: try await request.form([String: String].self, empty: [:]))
            do {
                try await services.ratings.rate(item.dossier.id, answered, criteria: criteria, channel: .portal, at: services.clock())
            } catch let problem as RatingStore.Problem {
                return try await myDossierPage(
                    item, rating: (answered, problem.message), status: .badRequest, context: context, request: request)
            }
            return Response.redirect(to: SiteRoute.myDossier(id: item.dossier.id).path + "?rated=1", type: .found)
        }
        router.get(SiteRoute.myResult().pattern) { request, context in
            let identity = try await filer(context, request, needsConsent: false)
            let item = try await ownDossier(context, identity)
            let fileID = try context.parameters.id("file")
            guard let file = try await services.attachments.releasedResult(of: item.dossier).first(where: { $0.id == fileID }) else {
                throw AppError.notFound
            }
            return try await AttachmentRoutes.download(file, of: item.dossier, by: identity.user.id, services: services)
        }
        // The answer to a supplement request: files the officers see on the dossier, audited; the officer then
        // records the supplement as received, which resumes the clock.
        router.post(SiteRoute.mySupplement().pattern) { request, context in
            let identity = try await filer(context, request)
            let item = try await ownDossier(context, identity)
            guard item.dossier.state.status == .awaitingSupplement else {
                throw AppError.badRequest("Hồ sơ không ở trạng thái chờ bổ sung.")
            }
            guard let upload = try await AttachmentRoutes.upload(request, context) else {
                return try await myDossierPage(
                    item, error: "Vui lòng chọn tệp bổ sung.", status: .badRequest, context: context, request: request)
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

    private func myDossierPage(
        _ item: DossierQueueItem, filed: Bool = false, supplementSent: Bool = false, rated: Bool = false, error: String? = nil,
        rating answered: (rating: DossierRating, error: String)? = nil,
        status: HTTPResponse.Status = .ok, context: AppRequestContext, request: Request
    ) async throws -> Response {
        let events = try await services.dossiers.events(of: item.dossier)
        let stored = try await services.ratings.rating(of: item.dossier.id)
        var rating: MyDossierPage.Rating = .notYet
        if DossierRating.canRate(item.dossier.state.status), let criteria = services.ratingCriteria(for: item.dossier) {
            if let stored, !stored.isChangeable(at: services.clock()) {
                rating = .closed(stored.createdAt)
            } else {
                var form = RatingForm(
                    criteria: criteria, action: SiteRoute.myRating(id: item.dossier.id).path, csrfToken: context.csrfToken,
                    current: answered?.rating ?? stored?.rating)
                form.error = answered?.error
                rating = .open(form, ratedAt: stored?.createdAt, justSaved: rated)
            }
        }
        let sent = try await NotificationOutbox(services.database.sql).rows(of: item.dossier.id).filter { $0.status == .sent }
        let page = MyDossierPage(
            dossier: item.dossier, procedureName: item.procedureName,
            agencyName: try await services.unitDirectory().find(id: item.dossier.receivingUnitID)?.name ?? "",
            attachments: try await services.attachments.list(of: item.dossier.id), trackingURL: services.trackingURL(item.dossier.code),
            clock: clock,
            justFiled: filed, timeline: PublicTimeline.entries(events),
            supplementReason: item.dossier.state.status == .awaitingSupplement
                ? events.last { $0.action == "requestSupplement" }?.reason : nil,
            csrfToken: context.csrfToken, supplementSent: supplementSent, error: error,
            results: try await services.attachments.releasedResult(of: item.dossier), rating: rating, notifications: sent,
            declaration: events.first.flatMap(Declaration.init(receiptEvent:)),
            delivery: events.first.flatMap(ResultDelivery.Choice.init(receiptEvent:)))
        return Page("Hồ sơ \(item.dossier.code.text)", body: page.body, status: status).render(context: context, request: request)
    }

    private var clock: LocalClock { services.localClock }

    /// The signed-in citizen; one who withdrew consent to the handling of their data cannot file.
    private func filer(_ context: AppRequestContext, _ request: Request, needsConsent: Bool = true) async throws -> Identity {
        let identity = try context.require(.citizen)
        if needsConsent, !(try await CitizenAccounts(services.database).activePurposes(of: identity.user.id).contains(.handling)) {
            throw AppError.badRequest(
                "Để nộp hồ sơ trực tuyến, ông/bà cần đồng ý cho xử lý dữ liệu cá nhân để giải quyết thủ tục (trang “Dữ liệu cá nhân”).")
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

    /// The draft page again with what is missing before it can be sent (the declaration, a file), or nil when nothing is.
    private func incomplete(
        _ draft: OnlineDraft, _ procedure: Procedure, _ identity: Identity, context: AppRequestContext,
        request: Request
    ) async throws -> Response? {
        var problems: [String: String] = [:], missing: [String] = []
        if let form = procedure.declaration, draft.declaration == nil { missing.append(form.title) }
        for document in procedure.documentsToUpload where !draft.files.contains(where: { $0.document == document.name }) {
            missing.append(document.name)
            problems[document.name] = "Chưa có tệp cho giấy tờ này."
        }
        guard !missing.isEmpty else { return nil }
        return try await draftPage(
            draft, identity, error: "Còn thiếu: \(missing.joined(separator: "; ")).", fieldErrors: problems, status: .badRequest,
            context: context, request: request)
    }

    private func draftPage(
        _ draft: OnlineDraft, _ identity: Identity, error: String? = nil, fieldErrors: [String: String] = [:],
        declarationValues: [String: String]? = nil, details: [String: String]? = nil, status: HTTPResponse.Status = .ok,
        context: AppRequestContext, request: Request
    ) async throws -> Response {
        guard let version = try await services.procedures.find(code: draft.procedureCode) else { throw AppError.notFound }
        let profile = try await CitizenAccounts(services.database).profile(of: identity.user.id)
        var page = DraftPage(
            draft: draft, procedure: version.procedure, units: try await receivingUnits(version.summary.versionID),
            csrfToken: context.csrfToken, clock: clock, profilePhone: profile?.phone ?? "", accountEmail: identity.user.email ?? "")
        page.error = error
        page.fieldErrors = fieldErrors
        if let declarationValues { page.declarationValues = declarationValues }
        if let details { page.details = details }
        if request.query("saved") == "declaration", status == .ok {
            page.notice = "Đã lưu tờ khai. Tiếp theo: tải lên giấy tờ và chọn nơi nộp."
        }
        return Page("Nộp hồ sơ trực tuyến", body: page.body, status: status).render(context: context, request: request)
    }
}
