import Domain
import Foundation
import Hummingbird
import Logging
import Persistence

/// The server-rendered pages: home, glossary, units, users, and the assets they load.
struct PageRoutes {
    let services: AppServices

    func register(on router: some RouterMethods<AppRequestContext>) {
        router.get(SiteRoute.home.pattern) { request, context in
            let count = try await services.units.count()
            return Page("Trang chủ", body: HomePage(identity: context.identity, unitCount: count).body).render(context: context, request: request)
        }
        router.get(SiteRoute.glossary.pattern) { request, context in
            Page("Thuật ngữ, chữ viết tắt", body: GlossaryPage().body).render(context: context, request: request)
        }
        router.get(SiteRoute.units.pattern) { request, context in
            let query = request.query("q") ?? ""
            let kind = request.query("kind").flatMap(UnitKind.init(rawValue:))
            let period = request.query("period").flatMap(UnitsPage.Period.init(rawValue:)) ?? .current
            var filter = UnitStore.Filter(kind: kind, query: query)
            switch period {
            case .current: filter.validOn = services.today()
            case .before2025: filter.validOn = LocalDate(year: 2025, month: 6, day: 30)
            case .all: break
            }
            let units = try await services.units.list(filter)
            let page = UnitsPage(units: units, query: query, kind: kind, period: period)
            return Page("Đơn vị hành chính", body: page.body).render(context: context, request: request)
        }
        router.get(SiteRoute.unit().pattern) { request, context in
            let id = try context.parameters.id()
            guard let unit = try await services.units.find(id: id) else { throw AppError.notFound }
            let parent = try await unit.parentID.asyncMap { try await services.units.find(id: $0) } ?? nil
            let children = try await services.units.list(.init(parentID: id))
            let links = try await services.units.links(of: id)
            var predecessors: [UnitPage.LinkedUnit] = []
            for link in links.predecessors {
                if let other = try await services.units.find(id: link.predecessorID) { predecessors.append(.init(unit: other, link: link)) }
            }
            var successors: [UnitPage.LinkedUnit] = []
            for link in links.successors {
                if let other = try await services.units.find(id: link.successorID) { successors.append(.init(unit: other, link: link)) }
            }
            let page = UnitPage(unit: unit, parent: parent, children: children, predecessors: predecessors, successors: successors)
            return Page(unit.name, body: page.body).render(context: context, request: request)
        }
        router.get(SiteRoute.users.pattern) { request, context in
            let identity = try context.requireStaff()
            let query = request.query("q") ?? ""
            let users = try await services.users.list(within: identity.scope, query: query)
            return Page("Người dùng", body: UsersPage(users: users, query: query, canCreate: identity.has(.admin)).body).render(context: context, request: request)
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
                try await services.audit(AuditRecord(actorID: identity.user.id, action: "access.denied", objectType: "user", objectID: String(id), reason: "outside the reader's units"))
            }
            throw AppError.notFound
        }
        try await services.audit(AuditRecord(actorID: identity.user.id, action: "user.read", objectType: "user", objectID: String(id)))
        return user
    }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        switch self {
        case .some(let value): try await transform(value)
        case .none: nil
        }
    }
}
