import Domain
import Hummingbird
import Persistence

/// Loads the signed-in person (account, grants, unit scope) from the session into the context. A session
/// whose account is gone or disabled is ended.
struct IdentityMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let services: AppServices

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if let failure = SessionReadFailure.current?.error { throw failure }
        if let session = context.sessions.session {
            if let identity = try await services.identity(userID: session.userID) {
                context.identity = identity
                context.logger[metadataKey: "user.id"] = "\(identity.user.id)"
            } else {
                context.sessions.clearSession()
            }
        }
        return try await next(request, context)
    }
}
