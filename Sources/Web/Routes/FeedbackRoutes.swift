import Domain
import Foundation
import Hummingbird
import Persistence
import Services

/// Phản ánh, kiến nghị: anyone submits (throttled per address), the unit's staff answer within the working
/// days of `FeedbackRules`, the submitter opens the item by its private link and rates the answer, and the
/// answers a unit marks publishable are listed publicly without personal data.
struct FeedbackRoutes {
    let services: AppServices

    struct RatingForm: Decodable {
        var t: String?
        var satisfied: String?
    }
    struct AnswerForm: Decodable {
        var answer: String?
        var publishable: String?
    }

    func register(on router: some RouterMethods<AppRequestContext>) {
        router.get(SiteRoute.feedback.pattern) { request, context in
            var items: [(FeedbackItem, String)] = []
            for item in try await FeedbackStore(services.database).published() {
                items.append((item, try await services.unitDirectory().find(id: item.unitID)?.name ?? ""))
            }
            return Page("Phản ánh, kiến nghị", body: FeedbackPublicPage(items: items, clock: clock).body).render(
                context: context, request: request)
        }
        router.get(SiteRoute.feedbackNew.pattern) { request, context in
            var entry = FeedbackFormPage.Entry()
            if let identity = context.identity, identity.has(.citizen) {
                entry.contactName = identity.user.displayName
                entry.email = identity.user.email
                entry.phone = try await CitizenAccounts(services.database).profile(of: identity.user.id)?.phone
            }
            entry.dossierCode = request.query("dossier")
            return try await formPage(entry, context: context, request: request)
        }
        router.post(SiteRoute.feedback.pattern) { request, context in
            let entry = try await request.form(FeedbackFormPage.Entry.self, empty: .init())
            let now = services.clock()
            let counters = FailureCounters(services.database)
            let key = "feedback-address:" + context.clientAddress
            if let until = try await counters.lockedUntil(key, at: now) {
                throw AppError.tooManyRequests(retryAfterSeconds: Int(until.timeIntervalSince(now)) + 1)
            }
            try await counters.recordFailure(key, at: now, policy: .submissionsPerAddress)
            let phone = (entry.phone ?? "").trimmingCharacters(in: .whitespaces),
                email = (entry.email ?? "").trimmingCharacters(in: .whitespaces)
            var errors = FeedbackRules.problems(
                content: entry.content ?? "", contactName: entry.contactName ?? "", phone: phone, email: email)
            let units = try await currentUnits()
            let unit = entry.unit.flatMap { Int64($0) }.flatMap { id in units.first { $0.id == id } }
            if unit == nil { errors["unit"] = "Vui lòng chọn cơ quan, đơn vị." }
            var dossierID: Int64?
            if let text = entry.dossierCode, !text.trimmingCharacters(in: .whitespaces).isEmpty {
                if let code = DossierCode(parsing: text), let dossier = try await services.dossiers.find(code: code) {
                    dossierID = dossier.id
                } else {
                    errors["dossierCode"] = "Không tìm thấy hồ sơ có mã này."
                }
            }
            guard errors.isEmpty, let unit else {
                return try await formPage(entry, errors: errors, status: .badRequest, context: context, request: request)
            }
            let due = try await services.deadlines(unit.id, services.database.sql).due(receivedAt: now, limit: FeedbackRules.answerWithin)
            let token = randomToken(bytes: 24)
            let id = try await FeedbackStore(services.database).submit(
                .init(
                    subject: FeedbackSubject(rawValue: entry.subject ?? "") ?? .unit, unitID: unit.id, dossierID: dossierID,
                    officer: VietnameseText.normalized(entry.officer ?? "").trimmingCharacters(in: .whitespaces),
                    content: VietnameseText.normalized(entry.content ?? "").trimmingCharacters(in: .whitespacesAndNewlines),
                    contactName: VietnameseText.normalized(entry.contactName ?? "").trimmingCharacters(in: .whitespaces),
                    contactPhone: phone.isEmpty ? nil : DossierNotices.phoneNumber(phone), contactEmail: email.isEmpty ? nil : email,
                    submittedBy: context.identity?.user.id),
                tokenHash: CitizenRegistration.hash(token), due: due, at: now)
            guard let item = try await FeedbackStore(services.database).find(id: id) else { throw AppError.notFound }
            return try await itemPage(
                item, token: token, notice: "Đã gửi phản ánh \(item.code).", showLink: true, context: context, request: request)
        }
        router.get(SiteRoute.feedbackItem().pattern) { request, context in
            let (item, token) = try await ownItem(context, token: request.query("t"))
            return try await itemPage(item, token: token, context: context, request: request)
        }
        router.post(SiteRoute.feedbackRating().pattern) { request, context in
            let form = try await request.form(RatingForm.self, empty: RatingForm())
            let (item, token) = try await ownItem(context, token: form.t)
            guard let choice = form.satisfied, choice == "yes" || choice == "no" else {
                throw AppError.badRequest("Vui lòng chọn hài lòng hoặc không hài lòng.")
            }
            do {
                try await FeedbackStore(services.database).rate(item.id, satisfied: choice == "yes", at: services.clock())
            } catch let problem as FeedbackStore.Problem {
                throw AppError.badRequest(problem.message)
            }
            let rated = try await FeedbackStore(services.database).find(id: item.id) ?? item
            return try await itemPage(rated, token: token, notice: "Cảm ơn ông/bà đã đánh giá.", context: context, request: request)
        }
        router.get(SiteRoute.feedbackInbox.pattern) { request, context in
            let identity = try context.requireStaff()
            let units = try await currentUnits().filter { identity.scope.contains($0.id) }
            var items: [(FeedbackItem, String)] = []
            for item in try await FeedbackStore(services.database).inbox(units: units.map(\.id)) {
                items.append((item, units.first { $0.id == item.unitID }?.name ?? ""))
            }
            let page = FeedbackInboxPage(items: items, now: services.clock(), clock: clock, csrfToken: context.csrfToken)
            return Page("Phản ánh, kiến nghị", body: page.body).render(context: context, request: request)
        }
        router.post(SiteRoute.feedbackAnswer().pattern) { request, context in
            let identity = try context.requireStaff()
            guard let id = context.parameters.get("code").flatMap(FeedbackItem.id(fromCode:)),
                let item = try await FeedbackStore(services.database).find(id: id), identity.scope.contains(item.unitID)
            else { throw AppError.notFound }
            let roles = try await services.actor(identity, on: [item.unitID]).roles
            guard !roles.isDisjoint(with: [.unitHead, .caseOfficer, .deskOfficer]) else { throw AppError.forbidden }
            let form = try await request.form(AnswerForm.self, empty: AnswerForm())
            do {
                try await FeedbackStore(services.database).answer(
                    id, text: VietnameseText.normalized(form.answer ?? ""), publishable: form.publishable != nil,
                    by: identity.user.id, at: services.clock())
            } catch let problem as FeedbackStore.Problem {
                throw AppError.badRequest(problem.message)
            }
            return Response.redirect(to: SiteRoute.feedbackInbox.path, type: .found)
        }
    }

    private var clock: LocalClock { services.localClock }

    private func currentUnits() async throws -> [OrgUnit] {
        try await services.unitDirectory().list(.init(validOn: services.today())).filter { $0.kind != .city }
    }

    /// The item its sender opens: with the private link's token, or signed in as the account that sent it; anyone else
    /// (a wrong token included) gets a 404 like an unknown code.
    private func ownItem(_ context: AppRequestContext, token: String?) async throws -> (FeedbackItem, String) {
        guard let id = context.parameters.get("code").flatMap(FeedbackItem.id(fromCode:)) else { throw AppError.notFound }
        let store = FeedbackStore(services.database)
        if let token, !token.isEmpty, let item = try await store.find(id: id, tokenHash: CitizenRegistration.hash(token)) {
            return (item, token)
        }
        if let user = context.identity?.user.id, let item = try await store.find(id: id), item.submittedBy == user { return (item, "") }
        throw AppError.notFound
    }

    private func formPage(
        _ entry: FeedbackFormPage.Entry, errors: [String: String] = [:], status: HTTPResponse.Status = .ok,
        context: AppRequestContext, request: Request
    ) async throws -> Response {
        let page = FeedbackFormPage(entry: entry, units: try await currentUnits(), errors: errors, csrfToken: context.csrfToken)
        return Page("Gửi phản ánh, kiến nghị", body: page.body, status: status).render(context: context, request: request)
    }

    private func itemPage(
        _ item: FeedbackItem, token: String, notice: String? = nil, showLink: Bool = false, context: AppRequestContext,
        request: Request
    ) async throws -> Response {
        let link =
            showLink
            ? services.configuration.publicURL.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
                + SiteRoute.feedbackItem(code: item.code).path + "?t=" + token : nil
        let page = FeedbackItemPage(
            item: item, unitName: try await services.unitDirectory().find(id: item.unitID)?.name ?? "", link: link, token: token,
            csrfToken: context.csrfToken, clock: clock, notice: notice)
        return Page("Phản ánh \(item.code)", body: page.body).render(context: context, request: request)
    }
}
