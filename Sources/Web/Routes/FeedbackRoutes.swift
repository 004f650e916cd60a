import Domain
import Foundation
import Hummingbird
import Persistence
import Services

/// The feedback pages over ``FeedbackService``: parse the form, call the service, render its answer.
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

    private var feedback: FeedbackService { services.feedback }

    func register(on router: some RouterMethods<AppRequestContext>) {
        router.get(SiteRoute.feedback.pattern) { request, context in
            let items = try await feedback.published().map { ($0.item, $0.unitName) }
            return Page("Phản ánh, kiến nghị", body: FeedbackPublicPage(items: items, clock: clock).body).render(
                context: context, request: request)
        }
        router.get(SiteRoute.feedbackNew.pattern) { request, context in
            let entry = try await feedback.newSubmission(by: context.identity, about: request.query("dossier"))
            return try await formPage(entry, context: context, request: request)
        }
        router.post(SiteRoute.feedback.pattern) { request, context in
            let entry = try await request.form(FeedbackService.Submission.self, empty: .init())
            do {
                let (item, token) = try await feedback.submit(entry, by: context.identity, from: context.clientAddress)
                return try await itemPage(
                    item, token: token, notice: "Đã gửi phản ánh \(item.code).", showLink: true, context: context, request: request)
            } catch ServiceError.invalid(let errors) {
                return try await formPage(entry, errors: errors, status: .badRequest, context: context, request: request)
            }
        }
        router.get(SiteRoute.feedbackItem().pattern) { request, context in
            let (item, token) = try await feedback.open(
                code: context.parameters.get("code"), token: request.query("t"), by: context.identity)
            return try await itemPage(item, token: token, context: context, request: request)
        }
        router.post(SiteRoute.feedbackRating().pattern) { request, context in
            let form = try await request.form(RatingForm.self, empty: RatingForm())
            let (item, token) = try await feedback.rate(
                code: context.parameters.get("code"), token: form.t, satisfied: form.satisfied, by: context.identity)
            return try await itemPage(item, token: token, notice: "Cảm ơn ông/bà đã đánh giá.", context: context, request: request)
        }
        router.get(SiteRoute.feedbackInbox.pattern) { request, context in
            let items = try await feedback.inbox(for: context.identity).map { ($0.item, $0.unitName) }
            let page = FeedbackInboxPage(items: items, now: services.clock(), clock: clock, csrfToken: context.csrfToken)
            return Page("Phản ánh, kiến nghị", body: page.body).render(context: context, request: request)
        }
        router.post(SiteRoute.feedbackAnswer().pattern) { request, context in
            // The unit is checked before the form is read, as before: a stranger learns nothing from its fields.
            _ = try context.requireStaff()
            let form = try await request.form(AnswerForm.self, empty: AnswerForm())
            try await feedback.answer(
                code: context.parameters.get("code"), text: form.answer, publishable: form.publishable != nil, by: context.identity)
            return Response.redirect(to: SiteRoute.feedbackInbox.path, type: .found)
        }
    }

    private var clock: LocalClock { services.localClock }

    private func formPage(
        _ entry: FeedbackService.Submission, errors: [String: String] = [:], status: HTTPResponse.Status = .ok,
        context: AppRequestContext, request: Request
    ) async throws -> Response {
        let page = FeedbackFormPage(entry: entry, units: try await feedback.units(), errors: errors, csrfToken: context.csrfToken)
        return Page("Gửi phản ánh, kiến nghị", body: page.body, status: status).render(context: context, request: request)
    }

    private func itemPage(
        _ item: FeedbackItem, token: String, notice: String? = nil, showLink: Bool = false, context: AppRequestContext,
        request: Request
    ) async throws -> Response {
        let page = FeedbackItemPage(
            item: item, unitName: try await feedback.unitName(of: item), link: showLink ? feedback.privateLink(item, token: token) : nil,
            token: token, csrfToken: context.csrfToken, clock: clock, notice: notice)
        return Page("Phản ánh \(item.code)", body: page.body).render(context: context, request: request)
    }
}
