import Domain
import Foundation
import Hummingbird
import Persistence
import Services

/// The working group's register of directives (plans, notices of conclusions, urging letters, news): recorded
/// with their file by the secretariat, listed with the tasks created from them, published to the public news
/// page or withdrawn.
extension ReformRoutes {
    func registerDirectives(on router: some RouterMethods<AppRequestContext>) {
        router.get(SiteRoute.reformDirectives.pattern) { request, context in
            try await directivesPage(try participant(context), error: nil, context: context, request: request)
        }
        router.post(SiteRoute.reformDirectives.pattern) { request, context in
            let identity = try context.require(.secretariat, .admin)
            guard let form = try await AttachmentRoutes.multipart(request, context) else {
                throw AppError.badRequest("Biểu mẫu không đọc được.")
            }
            let fields = form.fields
            guard let kind = fields["kind"].flatMap(ReformDirective.Kind.init(rawValue:)),
                let issued = fields["issuedOn"].flatMap({
                    LocalDate(typed: $0) ?? ReformDeadline(parsing: $0).flatMap { if case .date(let day) = $0 { day } else { nil } }
                })
            else {
                return try await directivesPage(
                    identity, error: "Vui lòng chọn loại văn bản và nhập ngày ban hành (dd/mm/yyyy).", context: context, request: request)
            }
            let draft = ReformDirective(
                kind: kind, number: fields["number"] ?? "", issuedOn: issued, issuer: fields["issuer"] ?? "",
                signer: fields["signer"] ?? "",
                title: fields["title"] ?? "", summary: fields["summary"] ?? "",
                publishedAt: fields["publish"] == "1" ? services.clock() : nil)
            do {
                let id = try await services.directives.create(
                    draft, file: form.file.map { ($0.data, $0.name) }, by: identity.user.id, at: services.clock())
                return Response.redirect(to: SiteRoute.reformDirective(id: id).path + "?saved=1", type: .normal)
            } catch let problem as ReformDirective.Problem {
                return try await directivesPage(identity, error: problem.description, context: context, request: request)
            } catch let problem as FileType.Problem {
                return try await directivesPage(identity, error: problem.message, context: context, request: request)
            }
        }
        router.get(SiteRoute.reformDirective().pattern) { request, context in
            let identity = try participant(context)
            guard let directive = try await services.directives.find(id: try context.parameters.id()) else { throw AppError.notFound }
            let plans = try await reform.plans()
            let tasks = try await reform.tasks(fromDirective: directive.id).filter { ReformAccess.reads($0, identity) }
                .compactMap { task in plans.first { $0.id == task.planID }.map { (task: task, plan: $0) } }
            let page = ReformDirectivePage(
                directive: directive, tasks: tasks, plans: plans, canManage: ReformAccess.manages(identity),
                csrfToken: context.csrfToken, saved: request.query("saved") == "1")
            return Page(directive.title, body: page.body).render(context: context, request: request)
        }
        router.post(SiteRoute.reformDirectivePublication().pattern) { request, context in
            let identity = try context.require(.secretariat, .admin)
            let id = try context.parameters.id()
            let fields = try await request.form([String: String].self, empty: [:])
            do {
                try await services.directives.setPublished(id, fields["publish"] == "1", by: identity.user.id, at: services.clock())
            } catch ReformDirectives.Problem.notFound {
                throw AppError.notFound
            }
            return Response.redirect(to: SiteRoute.reformDirective(id: id).path + "?saved=1", type: .normal)
        }
        router.get(SiteRoute.reformDirectiveFile().pattern) { _, context in
            _ = try participant(context)
            guard let directive = try await services.directives.find(id: try context.parameters.id()), let file = directive.file else {
                throw AppError.notFound
            }
            return AttachmentRoutes.fileResponse(try services.directives.file(of: directive), type: file.fileType, name: file.originalName)
        }
    }

    // MARK: Pages

    private func directivesPage(_ identity: Identity, error: String?, context: AppRequestContext, request: Request) async throws -> Response
    {
        let page = ReformDirectivesPage(
            directives: try await services.directives.all(), canManage: ReformAccess.manages(identity), csrfToken: context.csrfToken,
            error: error)
        return Page("Văn bản chỉ đạo", body: page.body, status: error == nil ? .ok : .badRequest).render(context: context, request: request)
    }
}
