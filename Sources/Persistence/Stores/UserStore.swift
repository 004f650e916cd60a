import Domain
import Foundation
import SQLKit

/// An account (tài khoản) as the rest of the product sees it: never with its password hash.
public struct User: Sendable, Equatable, Identifiable {
    public var id: Int64
    public var username: String
    public var displayName: String
    public var email: String?
    public var isActive: Bool
    public var isDemo: Bool
    public var createdAt: Date
}

/// Reads and writes accounts and their grants. Reads of other people's accounts take the caller's
/// ``UnitScope``: an account is visible when one of its grants lies in the scope.
public struct UserStore: Sendable {
    let database: any SQLDatabase

    public init(_ database: any SQLDatabase) { self.database = database }

    /// Stores a new account with its grants; the username is kept in lowercase.
    public func create(
        username: String, displayName: String, email: String?, passwordHash: String, grants: [Grant],
        isDemo: Bool = false, at time: Date
    ) async throws -> Int64 {
        let username = Self.canonicalUsername(username)
        if try await database.select().column("id").from("users").where("username", .equal, username).first() != nil {
            throw PersistenceError.duplicate("username")
        }
        let displayName = VietnameseText.normalized(displayName)
        let row = try await database.insert(into: "users")
            .columns("username", "display_name", "search_text", "email", "password_hash", "is_active", "is_demo", "created_at")
            .values(
                SQLBind(username), SQLBind(displayName), SQLBind(VietnameseText.folded("\(displayName) \(username)")),
                SQLBind(email), SQLBind(passwordHash), SQLBind(true), SQLBind(isDemo), SQLBind(time.milliseconds)
            )
            .returning("id").first()
        guard let id = try row?.decode(column: "id", as: Int64.self) else {
            throw PersistenceError.corrupt("insert into users returned no id")
        }
        for grant in grants {
            try await database.insert(into: "grants").columns("user_id", "role", "unit_id")
                .values(SQLBind(id), SQLBind(grant.role.rawValue), SQLBind(grant.unitID)).run()
        }
        return id
    }

    /// Usernames compare without case and surrounding spaces.
    public static func canonicalUsername(_ username: String) -> String {
        VietnameseText.normalized(username).lowercased()
    }

    /// The account and its password hash, for signing in; nil when unknown or disabled.
    public func credentials(username: String) async throws -> (user: User, passwordHash: String)? {
        guard
            let row = try await database.select().column("*").from("users")
                .where("username", .equal, Self.canonicalUsername(username)).where("is_active", .equal, true).first()
        else { return nil }
        return (try Self.decode(row), try row.decode(column: "password_hash", as: String.self))
    }

    /// The account itself, without scope: for the signed-in person's own session.
    public func find(id: Int64) async throws -> User? {
        try await database.select().column("*").from("users").where("id", .equal, id).first().map(Self.decode)
    }

    /// Another person's account, if the caller's scope reaches it.
    public func find(id: Int64, within scope: UnitScope) async throws -> User? {
        try await scoped(database.select().column("*").from("users").where("id", .equal, id), scope)
            .first().map(Self.decode)
    }

    /// Accounts within the caller's scope, optionally matching a search text, by name.
    public func list(within scope: UnitScope, query: String? = nil, limit: Int = 500) async throws -> [User] {
        var select = scoped(database.select().column("*").from("users"), scope)
        if let query = query.map(VietnameseText.folded), !query.isEmpty {
            for word in query.split(separator: " ") {
                select = select.where("search_text", .like, "%\(escapeLike(String(word)))%")
            }
        }
        return VietnameseText.sorted(try await select.limit(limit).all().map(Self.decode), by: \.displayName)
    }

    public func grants(of userID: Int64) async throws -> [Grant] {
        try await database.select().columns("role", "unit_id").from("grants").where("user_id", .equal, userID)
            .orderBy("id").all().map {
                Grant(role: try decodeEnum($0, "role", as: Role.self), unitID: try $0.decode(column: "unit_id", as: Int64?.self))
            }
    }

    /// The grants of an account with their row ids, for revoking one.
    public func numberedGrants(of userID: Int64) async throws -> [(id: Int64, grant: Grant)] {
        try await database.select().columns("id", "role", "unit_id").from("grants").where("user_id", .equal, userID)
            .orderBy("id").all().map {
                (
                    try $0.decode(column: "id", as: Int64.self),
                    Grant(role: try decodeEnum($0, "role", as: Role.self), unitID: try $0.decode(column: "unit_id", as: Int64?.self))
                )
            }
    }

    /// The e-mail addresses of the open accounts holding one of the roles (on the unit, when given), sorted and
    /// without repeats: who a unit's urging digest goes to.
    public func emails(holding roles: [Role], on unitID: Int64? = nil) async throws -> [String] {
        let grants = database.select().column(SQLLiteral.numeric("1")).from("grants")
            .where(SQLColumn("user_id", table: "grants"), .equal, SQLColumn("id", table: "users"))
            .where("role", .in, roles.map(\.rawValue))
        if let unitID { grants.where("unit_id", .equal, unitID) }
        let rows = try await database.select().column("email").from("users").where("is_active", .equal, true).where(
            "email", .isNot, SQLLiteral.null
        )
        .where(SQLFunction("EXISTS", args: grants.select)).all()
        return Set(try rows.compactMap { try $0.decode(column: "email", as: String?.self) }.filter { !$0.isEmpty }).sorted()
    }

    /// Adds a grant unless the account already holds the same one; returns whether a row was added.
    @discardableResult
    public func add(_ grant: Grant, to userID: Int64) async throws -> Bool {
        if try await grants(of: userID).contains(grant) { return false }
        try await database.insert(into: "grants").columns("user_id", "role", "unit_id")
            .values(SQLBind(userID), SQLBind(grant.role.rawValue), SQLBind(grant.unitID)).run()
        return true
    }

    /// Removes one grant of an account; returns the grant removed, or nil when there was no such row.
    public func removeGrant(id grantID: Int64, of userID: Int64) async throws -> Grant? {
        guard let grant = try await numberedGrants(of: userID).first(where: { $0.id == grantID })?.grant else { return nil }
        try await database.delete(from: "grants").where("id", .equal, grantID).where("user_id", .equal, userID).run()
        return grant
    }

    /// Opens or locks an account; a locked account cannot sign in and its sessions stop working.
    public func setActive(_ isActive: Bool, for userID: Int64) async throws {
        try await database.update("users").set("is_active", to: isActive).where("id", .equal, userID).run()
    }

    /// How many open accounts hold a role, for refusing to remove the last administrator.
    public func countActive(holding role: Role) async throws -> Int {
        let row = try await database.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("users")
            .where("is_active", .equal, true)
            .where(
                SQLFunction(
                    "EXISTS",
                    args: database.select().column(SQLLiteral.numeric("1")).from("grants")
                        .where(SQLColumn("user_id", table: "grants"), .equal, SQLColumn("id", table: "users"))
                        .where("role", .equal, role.rawValue).select)
            )
            .first()
        return try row?.decode(column: "n", as: Int.self) ?? 0
    }

    public func setPasswordHash(_ hash: String, for userID: Int64) async throws {
        try await database.update("users").set("password_hash", to: hash).where("id", .equal, userID).run()
    }

    public func count() async throws -> Int {
        let row = try await database.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("users").first()
        return try row?.decode(column: "n", as: Int.self) ?? 0
    }

    /// Restricts a query of `users` to accounts granted on a unit in scope.
    private func scoped(_ select: SQLSelectBuilder, _ scope: UnitScope) -> SQLSelectBuilder {
        switch scope {
        case .everyUnit:
            return select
        case .units(let ids) where ids.isEmpty:
            return select.where(SQLLiteral.boolean(false))
        case .units(let ids):
            let grantInScope = database.select().column(SQLLiteral.numeric("1")).from("grants")
                .where(SQLColumn("user_id", table: "grants"), .equal, SQLColumn("id", table: "users"))
                .where("unit_id", .in, Array(ids))
            return select.where(SQLFunction("EXISTS", args: grantInScope.select))
        }
    }

    static func decode(_ row: any SQLRow) throws -> User {
        User(
            id: try row.decode(column: "id", as: Int64.self),
            username: try row.decode(column: "username", as: String.self),
            displayName: try row.decode(column: "display_name", as: String.self),
            email: try row.decode(column: "email", as: String?.self),
            isActive: try row.decode(column: "is_active", as: Bool.self),
            isDemo: try row.decode(column: "is_demo", as: Bool.self),
            createdAt: Date(milliseconds: try row.decode(column: "created_at", as: Int64.self))
        )
    }
}
