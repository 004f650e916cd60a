import Domain
import Foundation
import Hummingbird
import Persistence
import Services

/// Signing in and out. The session id is renewed at sign-in; failures and throttling give answers that do
/// not tell whether the account exists.
struct SignInRoutes {
    let services: AppServices

    struct SignInForm: Decodable {
        var username: String?
        var password: String?
        var next: String?
    }

    func register(on router: some RouterMethods<AppRequestContext>) {
        router.get(SiteRoute.signIn.pattern) { request, context in
            let next = Self.safeNext(request.query("next"))
            return Page("Đăng nhập", body: SignInPage(csrfToken: context.csrfToken, next: next).body).render(
                context: context, request: request)
        }
        router.post(SiteRoute.signIn.pattern) { request, context in
            let form = try await request.form(SignInForm.self, empty: SignInForm())
            let username = form.username ?? ""
            let next = Self.safeNext(form.next)
            func again(_ message: String, status: HTTPResponse.Status) -> Response {
                let page = SignInPage(csrfToken: context.csrfToken, username: username, next: next, error: message)
                return Page("Đăng nhập", body: page.body, status: status).render(context: context, request: request)
            }
            guard !username.isEmpty, let password = form.password, !password.isEmpty else {
                return again("Vui lòng nhập tên đăng nhập và mật khẩu.", status: .badRequest)
            }
            switch try await services.accounts.signIn(username: username, password: password, address: context.clientAddress) {
            case .signedIn(let userID):
                context.sessions.createSession(WebSession(userID: userID, signedInAt: services.clock()))
                return Response.redirect(to: next.isEmpty ? SiteRoute.home.path : next, type: .found)
            case .rejected:
                return again("Tên đăng nhập hoặc mật khẩu không đúng.", status: .unauthorized)
            case .throttled(let until):
                var response = again(
                    "Đã có quá nhiều lần đăng nhập không thành công. Vui lòng thử lại sau \(DisplayFormat.dateTime(until, in: services.configuration.timeZone)).",
                    status: .tooManyRequests)
                response.headers[.retryAfter] = String(max(1, Int(until.timeIntervalSince(services.clock()).rounded(.up))))
                return response
            }
        }
        router.post(SiteRoute.signOut.pattern) { _, context in
            if let identity = context.identity {
                try await services.audit(
                    AuditRecord(actorID: identity.user.id, action: "user.signOut", objectType: "user", objectID: String(identity.user.id)))
            }
            context.sessions.clearSession()
            return Response.redirect(to: SiteRoute.home.path, type: .found)
        }
    }

    /// Only a path on this site may follow sign-in ("/users", not "//evil.example" or "https://…").
    static func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.contains("\\"), next.count < 512 else { return "" }
        return next
    }
}
