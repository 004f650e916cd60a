import Domain
import Foundation
import Hummingbird
import HummingbirdAuth
import Persistence
import Services

/// What a signed-in session remembers: the account, and when the person signed in.
public struct WebSession: Codable, Sendable, Equatable {
    public var userID: Int64
    public var signedInAt: Date
}

/// The request context of every route: the session, the identity loaded from it, and the CSRF token that
/// forms on the page must carry.
public struct AppRequestContext: SessionRequestContext, RequestContext {
    public var coreContext: CoreRequestContextStorage
    public let sessions: SessionContext<WebSession>
    public var identity: Identity?
    public var csrfToken: String = ""
    public var clientAddress: String
    /// Large enough for one attached file (10 MiB) and its form.
    public var maxUploadSize: Int { FileType.maximumSize + 1024 * 1024 }

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.sessions = .init()
        self.clientAddress = source.channel.remoteAddress?.ipAddress ?? "unknown"
    }

    /// Pages of officers' data: a signed-in staff member, or 401/403.
    public func requireStaff() throws -> Identity {
        guard let identity else { throw HTTPError(.unauthorized) }
        guard identity.isStaff else { throw HTTPError(.forbidden) }
        return identity
    }

    /// Pages for holders of one of some roles (the administrators' pages), or 401/403.
    public func require(_ roles: Role...) throws -> Identity {
        guard let identity else { throw HTTPError(.unauthorized) }
        guard roles.contains(where: identity.has) else { throw HTTPError(.forbidden) }
        return identity
    }
}
