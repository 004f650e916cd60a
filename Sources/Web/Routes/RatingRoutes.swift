import Domain
import Foundation
import Hummingbird
import Persistence
import Plot
import Services

/// The rating tablet at the desk: the officer who handed over the result opens the dossier's rating page and
/// turns the tablet to the applicant, who rates the handling there (channel "desk"). The portal's way in is
/// the tracking page (TrackRoutes).
struct RatingRoutes {
    let services: AppServices

    struct LinkForm: Decodable { var t: String? }

    func register(on router: some RouterMethods<AppRequestContext>) {
        // The link in the result notification: its token opens this dossier's rating, nothing else.
        router.get(SiteRoute.rate().pattern) { request, context in
            let (dossier, criteria, token) = try await linkedDossier(context, token: request.query("t"))
            let stored = try await services.ratings.rating(of: dossier.id)
            return linkPage(
                dossier, criteria, token: token, current: stored?.rating,
                closed: stored.map { !$0.isChangeable(at: services.clock()) } ?? false, context: context, request: request)
        }
        router.post(SiteRoute.rate().pattern) { request, context in
            let fields = try await request.form([String: String].self, empty: [:])
            let (dossier, criteria, token) = try await linkedDossier(context, token: fields["t"])
            let answered = RatingForm.rating(from: fields)
            do {
                try await services.ratings.rate(dossier.id, answered, criteria: criteria, channel: .link, at: services.clock())
                return linkPage(dossier, criteria, token: token, current: answered, saved: true, context: context, request: request)
            } catch let problem as RatingStore.Problem {
                return linkPage(
                    dossier, criteria, token: token, current: answered, error: problem.message, status: .badRequest, context: context,
                    request: request)
            }
        }
        router.get(SiteRoute.dossierRating().pattern) { request, context in
            let (dossier, criteria) = try await deskDossier(context)
            let stored = try await services.ratings.rating(of: dossier.id)
            return page(
                dossier, form(dossier, criteria, context, current: stored?.rating),
                closed: stored.map { !$0.isChangeable(at: services.clock()) } ?? false,
                context: context, request: request)
        }
        router.post(SiteRoute.dossierRating().pattern) { request, context in
            let (dossier, criteria) = try await deskDossier(context)
            let answered = RatingForm.rating(from: try await request.form([String: String].self, empty: [:]))
            var rating = form(dossier, criteria, context, current: answered)
            do {
                try await services.ratings.rate(dossier.id, answered, criteria: criteria, channel: .desk, at: services.clock())
                return page(dossier, nil, saved: true, context: context, request: request)
            } catch let problem as RatingStore.Problem {
                rating.error = problem.message
                return page(dossier, rating, status: .badRequest, context: context, request: request)
            }
        }
    }

    /// The dossier, if the reader is a desk officer of its receiving unit and it can be rated.
    private func deskDossier(_ context: AppRequestContext) async throws -> (Dossier, RatingCriteria) {
        let identity = try context.requireStaff()
        guard let dossier = try await services.dossiers.find(id: try context.parameters.id(), within: identity.scope) else {
            throw AppError.notFound
        }
        guard try await services.actor(identity, on: [dossier.receivingUnitID]).roles.contains(.deskOfficer) else {
            throw AppError.forbidden
        }
        guard DossierRating.canRate(dossier.state.status) else { throw AppError.badRequest(RatingStore.Problem.notYet.message) }
        guard let criteria = services.ratingCriteria(for: dossier) else { throw AppError.unavailable("Chưa có bộ tiêu chí đánh giá.") }
        return (dossier, criteria)
    }

    private func form(_ dossier: Dossier, _ criteria: RatingCriteria, _ context: AppRequestContext, current: DossierRating?) -> RatingForm {
        RatingForm(criteria: criteria, action: SiteRoute.dossierRating(id: dossier.id).path, csrfToken: context.csrfToken, current: current)
    }

    private func page(
        _ dossier: Dossier, _ form: RatingForm?, saved: Bool = false, closed: Bool = false, status: HTTPResponse.Status = .ok,
        context: AppRequestContext, request: Request
    ) -> Response {
        let body: [Node<HTML.BodyContext>] = [
            .h1(.text("Đánh giá việc giải quyết hồ sơ \(dossier.code.text)")),
            .p(.class("lead"), .text("Mời ông/bà cho biết mức độ hài lòng với việc tiếp nhận và giải quyết hồ sơ.")),
            .if(
                saved, .p(.class("notice notice--success"), .attribute(named: "role", value: "status"), .text("Cảm ơn ông/bà đã đánh giá."))
            ),
            .if(closed, .p(.text("Hồ sơ này đã được đánh giá; đánh giá chỉ được sửa trong 7 ngày."))),
            closed ? .empty : (form?.body ?? .empty),
            .p(.class("no-print hint"), .a(.href(SiteRoute.dossier(id: dossier.id).path), .text("Dành cho cán bộ: trở lại hồ sơ"))),
        ]
        // Turned to the applicant at the counter: no staff menu on the screen.
        return Page("Đánh giá hồ sơ \(dossier.code.text)", body: body, status: status, isKiosk: true).render(
            context: context, request: request)
    }

    private func linkedDossier(_ context: AppRequestContext, token: String?) async throws -> (Dossier, RatingCriteria, String) {
        guard let token, let raw = context.parameters.get("code"), let code = DossierCode(parsing: raw.removingPercentEncoding ?? raw),
            services.ratingLink.opens(token, code), let dossier = try await services.dossiers.find(code: code)
        else { throw AppError.notFound }
        guard let criteria = services.ratingCriteria(for: dossier) else { throw AppError.unavailable("Chưa có bộ tiêu chí đánh giá.") }
        return (dossier, criteria, token)
    }

    private func linkPage(
        _ dossier: Dossier, _ criteria: RatingCriteria, token: String, current: DossierRating?, saved: Bool = false, closed: Bool = false,
        error: String? = nil, status: HTTPResponse.Status = .ok, context: AppRequestContext, request: Request
    ) -> Response {
        var form = RatingForm(
            criteria: criteria, action: SiteRoute.rate(code: dossier.code.text).path, csrfToken: context.csrfToken,
            hidden: [("t", token)], current: current)
        form.error = error
        let ready = DossierRating.canRate(dossier.state.status)
        let body: [Node<HTML.BodyContext>] = [
            .h1(.text("Đánh giá việc giải quyết hồ sơ \(dossier.code.text)")),
            .if(
                saved, .p(.class("notice notice--success"), .attribute(named: "role", value: "status"), .text("Cảm ơn ông/bà đã đánh giá."))
            ),
            .if(!ready, .p(.class("notice"), .text(RatingStore.Problem.notYet.message + " Vui lòng quay lại sau khi nhận kết quả."))),
            .if(closed, .p(.text("Hồ sơ này đã được đánh giá; đánh giá chỉ được sửa trong 7 ngày."))),
            ready && !closed ? form.body : .empty,
        ]
        return Page("Đánh giá hồ sơ \(dossier.code.text)", body: body, status: status).render(context: context, request: request)
    }
}
