import Domain
import Hummingbird
import Persistence
import Services

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
        guard context.identity != nil else { return try await next(request, context) }
        do {
            return try await next(request, context)
        } catch {
            // The error page is drawn by ErrorMiddleware, outside this one: it gets who is signed in and the form
            // token, so that a 403 or 404 still shows the account and its sign-out form.
            throw SignedInFailure(error: error, identity: context.identity, csrfToken: context.csrfToken)
        }
    }
}

/// An error thrown while someone was signed in, with what the error page needs to draw the signed-in header.
struct SignedInFailure: Error {
    var error: any Error
    var identity: Identity?
    var csrfToken: String
}
