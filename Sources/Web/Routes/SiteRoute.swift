import Foundation
import Hummingbird

/// Every route of the site and the API, so that the router's registrations and the links on pages come from
/// one place. A case without its id is the router pattern (`/units/:id`); with it, the link (`/units/42`).
enum SiteRoute: Sendable {
    case home
    case health
    case glossary
    case signIn
    case signOut
    case units
    case unit(id: Int64? = nil)
    case users
    case user(id: Int64? = nil)
    case stylesheet
    case script
    case apiUnits
    case apiUnit(id: Int64? = nil)
    case apiMe
    case apiUsers
    case apiUser(id: Int64? = nil)

    static let apiPrefix = "/api/"

    var path: String {
        switch self {
        case .home: "/"
        case .health: "/healthz"
        case .glossary: "/glossary"
        case .signIn: "/sign-in"
        case .signOut: "/sign-out"
        case .units: "/units"
        case .unit(let id): "/units/\(Self.segment(id))"
        case .users: "/users"
        case .user(let id): "/users/\(Self.segment(id))"
        case .stylesheet: "/assets/site.css"
        case .script: "/assets/site.js"
        case .apiUnits: "/api/v1/units"
        case .apiUnit(let id): "/api/v1/units/\(Self.segment(id))"
        case .apiMe: "/api/v1/me"
        case .apiUsers: "/api/v1/users"
        case .apiUser(let id): "/api/v1/users/\(Self.segment(id))"
        }
    }

    var pattern: RouterPath { RouterPath(path) }

    private static func segment(_ id: Int64?) -> String { id.map(String.init) ?? ":id" }
}

extension Parameters {
    /// The `:id` of the route as a positive number, or 404.
    func id() throws -> Int64 {
        guard let text = self.get("id"), let id = Int64(text), id > 0 else { throw AppError.notFound }
        return id
    }
}

extension Request {
    /// A query parameter as an HTML form sends it: "+" stands for a space (application/x-www-form-urlencoded).
    func query(_ name: String) -> String? {
        guard let raw = uri.query else { return nil }
        for pair in raw.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.first.flatMap({ String($0).removingPercentEncoding }) == name else { continue }
            let value = parts.count > 1 ? String(parts[1]) : ""
            return value.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
        }
        return nil
    }
}
