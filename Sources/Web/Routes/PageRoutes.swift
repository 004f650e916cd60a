import Domain
import Foundation
import Hummingbird
import Logging
import Persistence
import Services

/// The server-rendered pages: home, glossary, users, and the assets they load.
struct PageRoutes {
    let services: AppServices

    func register(on router: some RouterMethods<AppRequestContext>) {
        router.get(SiteRoute.home.pattern) { request, context in
            // A city leader's first page is the dashboard of the service index.
            if context.identity?.has(.cityLeader) == true { return Response.redirect(to: SiteRoute.serviceIndex.path, type: .normal) }
            let work = try await context.identity.asyncMap { try await services.staffWork($0) } ?? nil
            return Page("Trang chủ", body: HomePage(identity: context.identity, figures: try await services.homeFigures(), work: work).body)
                .render(context: context, request: request)
        }
        router.get(SiteRoute.glossary.pattern) { request, context in
            Page("Thuật ngữ, chữ viết tắt", body: GlossaryPage().body).render(context: context, request: request)
        }
        router.get(SiteRoute.users.pattern) { request, context in
            let identity = try context.requireStaff()
            let query = request.query("q") ?? ""
            let users = try await services.users.list(within: identity.scope, query: query)
            return Page("Người dùng", body: UsersPage(users: users, query: query, canCreate: identity.has(.admin)).body).render(
                context: context, request: request)
        }
        router.get(SiteRoute.user().pattern) { request, context in
            let identity = try context.requireStaff()
            let page = try await UserPageLoader(services: services)
                .load(try context.parameters.id(), for: identity, context: context, saved: request.query("saved") == "1")
            return Page(page.user.displayName, body: page.body).render(context: context, request: request)
        }
        router.get(SiteRoute.stylesheet.pattern) { _, _ in try Asset.stylesheet.response() }
        router.get(SiteRoute.script.pattern) { _, _ in try Asset.script.response() }
    }
}

/// Reading another person's account: only within the reader's scope, recorded in the audit trail; an
/// attempt outside the scope answers 404 (revealing nothing) and is logged and audited.
struct UserAccess {
    let services: AppServices

    func read(_ id: Int64, by identity: Identity, logger: Logger) async throws -> User {
        guard let user = try await services.users.find(id: id, within: identity.scope) else {
            if try await services.users.find(id: id) != nil {
                logger.info("access outside scope refused", metadata: ["object.type": "user", "object.id": "\(id)"])
                try await services.audit(
                    AuditRecord(
                        actorID: identity.user.id, action: "access.denied", objectType: "user", objectID: String(id),
                        reason: "ngoài các đơn vị của người xem"))
            }
            throw AppError.notFound
        }
        try await services.audit(AuditRecord(actorID: identity.user.id, action: "user.read", objectType: "user", objectID: String(id)))
        return user
    }
}
