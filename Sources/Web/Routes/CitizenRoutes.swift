import Domain
import Foundation
import Hummingbird
import Persistence
import Services

/// Citizens' accounts: registration with a one-time code to the phone or e-mail, and the consents page.
/// Sign-ups are throttled per address.
struct CitizenRoutes {
    let services: AppServices

    struct TokenForm: Decodable {
        var token: String?
        var code: String?
    }
    struct ConsentForm: Decodable {
        var purpose: String?
        var decision: String?
    }

    var registration: CitizenRegistration { CitizenRegistration(services: services) }

    func register(on router: some RouterMethods<AppRequestContext>) {
        router.get(SiteRoute.register.pattern) { request, context in
            if context.identity != nil { return Response.redirect(to: SiteRoute.home.path, type: .normal) }
            return Page("Đăng ký tài khoản", body: RegisterPage(form: .init(), csrfToken: context.csrfToken).body).render(
                context: context, request: request)
        }
        router.post(SiteRoute.register.pattern) { request, context in
            let form = try await request.form(CitizenRegistration.Form.self, empty: .init())
            let counters = FailureCounters(services.database)
            let key = "register-address:" + context.clientAddress
            let now = services.clock()
            if let until = try await counters.lockedUntil(key, at: now) {
                throw AppError.tooManyRequests(retryAfterSeconds: Int(until.timeIntervalSince(now)) + 1)
            }
            try await counters.recordFailure(key, at: now, policy: .submissionsPerAddress)
            do {
                let token = try await registration.start(form)
                return Response.redirect(to: SiteRoute.registerVerify.path + "?t=" + token, type: .found)
            } catch let problems as CitizenRegistration.Problems {
                let page = RegisterPage(form: form, errors: problems.fields, csrfToken: context.csrfToken)
                return Page("Đăng ký tài khoản", body: page.body, status: .badRequest).render(context: context, request: request)
            }
        }
        router.get(SiteRoute.registerVerify.pattern) { request, context in
            try await verifyPage(token: request.query("t") ?? "", context: context, request: request)
        }
        router.post(SiteRoute.registerVerify.pattern) { request, context in
            let form = try await request.form(TokenForm.self, empty: TokenForm())
            let token = form.token ?? ""
            do {
                let userID = try await registration.verify(token: token, code: form.code ?? "")
                context.sessions.createSession(WebSession(userID: userID, signedInAt: services.clock()))
                return Response.redirect(to: SiteRoute.accountConsents.path + "?welcome=1", type: .found)
            } catch let problem as CitizenAccounts.Problem {
                return try await verifyPage(token: token, error: problem.message, status: .badRequest, context: context, request: request)
            }
        }
        router.post(SiteRoute.registerResend.pattern) { request, context in
            let token = try await request.form(TokenForm.self, empty: TokenForm()).token ?? ""
            do {
                try await registration.resend(token: token)
                return try await verifyPage(token: token, notice: "Đã gửi lại mã xác thực.", context: context, request: request)
            } catch let problem as CitizenAccounts.Problem {
                return try await verifyPage(token: token, error: problem.message, status: .badRequest, context: context, request: request)
            }
        }
        router.get(SiteRoute.accountConsents.pattern) { request, context in
            let identity = try context.require(.citizen)
            let page = ConsentsPage(
                records: try await CitizenAccounts(services.database).consents(of: identity.user.id), clock: clock,
                csrfToken: context.csrfToken, saved: request.query("saved") == "1" || request.query("welcome") == "1")
            return Page("Đồng ý xử lý dữ liệu cá nhân", body: page.body).render(context: context, request: request)
        }
        router.post(SiteRoute.accountConsents.pattern) { request, context in
            let identity = try context.require(.citizen)
            let form = try await request.form(ConsentForm.self, empty: ConsentForm())
            guard let purpose = form.purpose.flatMap(ConsentPurpose.init(rawValue:)) else {
                throw AppError.badRequest("Mục đích không hợp lệ.")
            }
            let accounts = CitizenAccounts(services.database)
            switch form.decision {
            case "grant": try await accounts.grant(purpose, to: identity.user.id, at: services.clock())
            case "withdraw": try await accounts.withdraw(purpose, from: identity.user.id, at: services.clock())
            default: throw AppError.badRequest("Thao tác không hợp lệ.")
            }
            return Response.redirect(to: SiteRoute.accountConsents.path + "?saved=1", type: .found)
        }
    }

    private var clock: LocalClock { services.localClock }

    private func verifyPage(
        token: String, error: String? = nil, notice: String? = nil, status: HTTPResponse.Status = .ok,
        context: AppRequestContext, request: Request
    ) async throws -> Response {
        guard
            let pending = try await CitizenAccounts(services.database).registration(
                tokenHash: CitizenRegistration.hash(token), at: services.clock())
        else {
            let body = RegisterPage(
                form: .init(), errors: ["personalID": CitizenAccounts.Problem.unknownOrExpired.message], csrfToken: context.csrfToken
            ).body
            return Page("Đăng ký tài khoản", body: body, status: .badRequest).render(context: context, request: request)
        }
        let page = VerifyPage(
            token: token, recipient: Self.masked(pending.recipient ?? "", channel: pending.channel), csrfToken: context.csrfToken,
            error: error, notice: notice, demoOutbox: services.configuration.demoOutbox)
        return Page("Nhập mã xác thực", body: page.body, status: status).render(context: context, request: request)
    }

    /// "số điện thoại ******5678", "thư điện tử d***@example.vn"
    static func masked(_ recipient: String, channel: NotificationChannel) -> String {
        switch channel {
        case .sms: return "số điện thoại " + String(repeating: "*", count: max(0, recipient.count - 4)) + recipient.suffix(4)
        case .email:
            let parts = recipient.split(separator: "@", maxSplits: 1)
            guard parts.count == 2 else { return "thư điện tử đã khai" }
            return "thư điện tử \(parts[0].prefix(1))\(String(repeating: "*", count: max(1, parts[0].count - 1)))@\(parts[1])"
        }
    }
}
