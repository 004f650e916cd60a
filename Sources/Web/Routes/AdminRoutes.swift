import Domain
import Foundation
import Hummingbird
import Persistence
import Services

/// The system administrator's pages: creating accounts, granting and revoking roles, locking and reopening
/// accounts, and reading the audit trail. Every change goes through ``AccountService`` and is audited.
struct AdminRoutes {
    let services: AppServices

    struct NewUserForm: Decodable {
        var username: String?
        var displayName: String?
        var email: String?
        var password: String?
        var role: String?
        var unitID: String?
    }

    struct GrantForm: Decodable {
        var role: String?
        var unitID: String?
    }

    struct StatusForm: Decodable {
        var active: String?
        var reason: String?
    }

    func register(on router: some RouterMethods<AppRequestContext>) {
        router.get(SiteRoute.newUser.pattern) { request, context in
            _ = try context.require(.admin)
            return try await newUserPage(NewUserPage.Entry(), error: nil, context: context, request: request)
        }
        router.post(SiteRoute.users.pattern) { request, context in
            let admin = try context.require(.admin)
            let form = try await request.form(NewUserForm.self, empty: NewUserForm())
            let entry = NewUserPage.Entry(
                username: form.username ?? "", displayName: form.displayName ?? "", email: form.email ?? "",
                role: form.role.flatMap(Role.init(rawValue:)), unitID: form.unitID.flatMap { Int64($0) })
            guard !entry.username.isEmpty, !entry.displayName.trimmingCharacters(in: .whitespaces).isEmpty,
                let password = form.password, !password.isEmpty, let role = entry.role
            else {
                return try await newUserPage(
                    entry, error: "Vui lòng nhập đủ tên đăng nhập, họ và tên, mật khẩu và vai trò.", context: context, request: request)
            }
            let email = entry.email.trimmingCharacters(in: .whitespaces)
            do {
                let id = try await services.accounts.create(
                    username: entry.username, displayName: entry.displayName, email: email.isEmpty ? nil : email, password: password,
                    grants: [Grant(role: role, unitID: role.needsUnit ? entry.unitID : nil)], actorID: admin.user.id)
                return Response.redirect(to: SiteRoute.user(id: id).path + "?saved=1", type: .normal)
            } catch let error as AccountService.CreationError {
                return try await newUserPage(entry, error: error.explanation, context: context, request: request)
            }
        }
        router.post(SiteRoute.userGrants().pattern) { request, context in
            let admin = try context.require(.admin)
            let userID = try context.parameters.id()
            let form = try await request.form(GrantForm.self, empty: GrantForm())
            guard let role = form.role.flatMap(Role.init(rawValue:)) else {
                return try await userPage(userID, error: "Vui lòng chọn vai trò.", context: context, request: request)
            }
            return try await change(userID, context: context, request: request) {
                try await services.accounts.grant(
                    Grant(role: role, unitID: form.unitID.flatMap { Int64($0) }), to: userID, actorID: admin.user.id)
            }
        }
        router.post(SiteRoute.userGrantRevocation().pattern) { request, context in
            let admin = try context.require(.admin)
            let userID = try context.parameters.id()
            let grantID = try context.parameters.id("grant")
            return try await change(userID, context: context, request: request) {
                try await services.accounts.revoke(grantID: grantID, of: userID, actorID: admin.user.id)
            }
        }
        router.post(SiteRoute.userStatus().pattern) { request, context in
            let admin = try context.require(.admin)
            let userID = try context.parameters.id()
            let form = try await request.form(StatusForm.self, empty: StatusForm())
            let reason = VietnameseText.normalized(form.reason ?? "")
            guard let active = form.active.flatMap(Bool.init), !reason.isEmpty else {
                return try await userPage(
                    userID, error: "Vui lòng ghi lý do khóa hoặc mở khóa tài khoản.", context: context, request: request)
            }
            return try await change(userID, context: context, request: request) {
                try await services.accounts.setActive(active, userID: userID, actorID: admin.user.id, reason: String(reason.prefix(500)))
            }
        }
        router.get(SiteRoute.audit.pattern) { request, context in
            _ = try context.require(.admin)
            let query = AuditTrail.Query(
                before: request.query("before").flatMap { Int64($0) },
                actionPrefix: request.query("action").map { VietnameseText.normalized($0) },
                objectType: request.query("object").map { VietnameseText.normalized($0) },
                limit: 100)
            let entries = try await AuditTrail.entries(query, on: services.database.sql)
            let actors = try await UserPageLoader(services: services).actors(of: entries)
            let verification = request.query("verify") == "1" ? try await AuditTrail.verify(on: services.database.sql) : nil
            let page = AuditPage(
                entries: entries, actors: actors, query: query, verification: verification, timeZone: services.configuration.timeZone)
            return Page("Nhật ký hệ thống", body: page.body).render(context: context, request: request)
        }
    }

    /// Runs a change to an account and answers with the account page: after success a redirect (so that a
    /// reload does not repeat it), after a refused change the page with the reason.
    private func change(
        _ userID: Int64, context: AppRequestContext, request: Request, _ body: () async throws -> Void
    ) async throws -> Response {
        do {
            try await body()
            return Response.redirect(to: SiteRoute.user(id: userID).path + "?saved=1", type: .normal)
        } catch let error as AccountService.ChangeError {
            let status: HTTPResponse.Status = error == .lastAdministrator || error == .ownAccount ? .conflict : .badRequest
            return try await userPage(userID, error: error.explanation, status: status, context: context, request: request)
        }
    }

    private func userPage(
        _ userID: Int64, error: String, status: HTTPResponse.Status = .badRequest, context: AppRequestContext, request: Request
    ) async throws -> Response {
        let identity = try context.requireStaff()
        let page = try await UserPageLoader(services: services).load(userID, for: identity, context: context, error: error)
        return Page(page.user.displayName, body: page.body, status: status).render(context: context, request: request)
    }

    private func newUserPage(_ entry: NewUserPage.Entry, error: String?, context: AppRequestContext, request: Request) async throws
        -> Response
    {
        let page = NewUserPage(entry: entry, units: try await currentUnits(), csrfToken: context.csrfToken, error: error)
        return Page("Tạo tài khoản", body: page.body, status: error == nil ? .ok : .badRequest).render(context: context, request: request)
    }

    private func currentUnits() async throws -> [OrgUnit] {
        try await services.unitDirectory().list(.init(validOn: services.today()))
    }
}

/// The account page with its grants, and the administrator's controls when the reader is one.
struct UserPageLoader {
    let services: AppServices

    func load(_ userID: Int64, for identity: Identity, context: AppRequestContext, error: String? = nil, saved: Bool = false) async throws
        -> UserPage
    {
        let user = try await UserAccess(services: services).read(userID, by: identity, logger: context.logger)
        var grants: [UserPage.NumberedGrant] = []
        for (id, grant) in try await services.users.numberedGrants(of: user.id) {
            grants.append(
                .init(
                    id: id, grant: grant, unit: try await grant.unitID.asyncMap { try await services.unitDirectory().find(id: $0) } ?? nil))
        }
        var administration: UserPage.Administration?
        if identity.has(.admin) {
            let units = try await services.unitDirectory().list(.init(validOn: services.today()))
            let history = try await AuditTrail.entries(objectType: "user", objectID: String(user.id), limit: 20, on: services.database.sql)
            administration = .init(
                csrfToken: context.csrfToken, units: units, history: history, actors: try await actors(of: history),
                timeZone: services.configuration.timeZone)
        }
        return UserPage(user: user, grants: grants, administration: administration, error: error, saved: saved)
    }

    /// The accounts that acted in these rows, to show their names.
    func actors(of entries: [AuditEntry]) async throws -> [Int64: User] {
        var actors: [Int64: User] = [:]
        for id in Set(entries.compactMap(\.actorID)) { actors[id] = try await services.users.find(id: id) }
        return actors
    }
}
