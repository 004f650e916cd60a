import Domain
import Foundation
import HummingbirdBcrypt
import NIOPosix
import Persistence

/// Creating accounts and signing in: the password policy, Bcrypt hashing off the event loop, throttling of
/// failures per account and per address, and the audit trail.
public struct AccountService: Sendable {
    package let database: Database
    package let bcryptCost: UInt8
    package let clock: @Sendable () -> Date
    public var policy = PasswordPolicy()

    /// Why a new account is refused.
    public enum CreationError: Error, Equatable {
        case password(PasswordPolicy.Violation)
        case usernameTaken
        case invalidUsername
        case unitNeeded(Role)
    }

    public func create(
        username: String, displayName: String, email: String? = nil, password: String, grants: [Grant],
        isDemo: Bool = false, actorID: Int64?
    ) async throws -> Int64 {
        let canonical = UserStore.canonicalUsername(username)
        guard (3...64).contains(canonical.count), canonical.allSatisfy({ $0.isLetter || $0.isNumber || "._-@".contains($0) }) else {
            throw CreationError.invalidUsername
        }
        if let violation = policy.violation(of: password, accountName: canonical) { throw CreationError.password(violation) }
        if let grant = grants.first(where: { $0.role.needsUnit && $0.unitID == nil }) { throw CreationError.unitNeeded(grant.role) }
        let hash = try await hashPassword(password)
        let time = clock()
        do {
            return try await database.transaction { session in
                let id = try await UserStore(session).create(
                    username: canonical, displayName: displayName, email: email, passwordHash: hash, grants: grants,
                    isDemo: isDemo, at: time)
                let roles = grants.map(Self.describe).joined(separator: "; ")
                try await AuditTrail.append(
                    AuditRecord(
                        actorID: actorID, action: "user.create", objectType: "user", objectID: String(id), reason: "vai trò: \(roles)"),
                    at: time, on: session)
                return id
            }
        } catch PersistenceError.duplicate {
            throw CreationError.usernameTaken
        }
    }

    /// Why a change to an existing account is refused.
    public enum ChangeError: Error, Equatable {
        case unitNeeded(Role)
        case unknownUnit
        case lastAdministrator
        case ownAccount
    }

    /// Grants a role on a unit (none for citizens and administrators); granting what is already held is a
    /// no-op. Recorded in the audit trail.
    public func grant(_ grant: Grant, to userID: Int64, actorID: Int64) async throws {
        if grant.role.needsUnit, grant.unitID == nil { throw ChangeError.unitNeeded(grant.role) }
        let grant = grant.role.needsUnit ? grant : Grant(role: grant.role, unitID: nil)
        let time = clock()
        try await database.transaction { session in
            guard try await UserStore(session).find(id: userID) != nil else { throw PersistenceError.notFound }
            if let unitID = grant.unitID, try await UnitStore(session).find(id: unitID) == nil { throw ChangeError.unknownUnit }
            guard try await UserStore(session).add(grant, to: userID) else { return }
            try await AuditTrail.append(
                AuditRecord(
                    actorID: actorID, unitID: grant.unitID, action: "user.grant", objectType: "user", objectID: String(userID),
                    reason: Self.describe(grant)),
                at: time, on: session)
        }
    }

    /// Revokes one grant. The last administrator's administrator grant stays, so the system keeps one.
    public func revoke(grantID: Int64, of userID: Int64, actorID: Int64) async throws {
        let time = clock()
        try await database.transaction { session in
            let users = UserStore(session)
            guard let grant = try await users.removeGrant(id: grantID, of: userID) else { throw PersistenceError.notFound }
            if grant.role == .admin, try await users.countActive(holding: .admin) == 0 { throw ChangeError.lastAdministrator }
            try await AuditTrail.append(
                AuditRecord(
                    actorID: actorID, unitID: grant.unitID, action: "user.revoke", objectType: "user", objectID: String(userID),
                    reason: Self.describe(grant)),
                at: time, on: session)
        }
    }

    /// Locks or reopens an account. Nobody locks their own account, and the last open administrator stays open.
    public func setActive(_ isActive: Bool, userID: Int64, actorID: Int64, reason: String) async throws {
        if userID == actorID, !isActive { throw ChangeError.ownAccount }
        let time = clock()
        try await database.transaction { session in
            let users = UserStore(session)
            guard let user = try await users.find(id: userID) else { throw PersistenceError.notFound }
            guard user.isActive != isActive else { return }
            try await users.setActive(isActive, for: userID)
            if !isActive, try await users.countActive(holding: .admin) == 0 { throw ChangeError.lastAdministrator }
            try await AuditTrail.append(
                AuditRecord(
                    actorID: actorID, action: isActive ? "user.unlock" : "user.lock", objectType: "user", objectID: String(userID),
                    reason: reason),
                at: time, on: session)
        }
    }

    package static func describe(_ grant: Grant) -> String {
        grant.role.title + (grant.unitID.map { " (đơn vị số \($0))" } ?? "")
    }

    package func hashPassword(_ password: String) async throws -> String {
        let cost = bcryptCost
        return try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    /// The outcome of a sign-in attempt. Unknown accounts and wrong passwords give the same answer.
    public enum SignInResult: Equatable {
        case signedIn(userID: Int64)
        case rejected
        case throttled(until: Date)
    }

    /// A hash to verify against when the account does not exist, so both cases take the same time.
    private static let decoyHash = Bcrypt.hash("decoy password that matches nothing", cost: 10)

    public func signIn(username: String, password: String, address: String) async throws -> SignInResult {
        let now = clock()
        let failures = FailureCounters(database)
        let accountKey = "account:" + UserStore.canonicalUsername(username)
        let addressKey = "address:" + address
        for key in [accountKey, addressKey] {
            if let until = try await failures.lockedUntil(key, at: now) { return .throttled(until: until) }
        }
        let credentials = try await UserStore(database.sql).credentials(username: username)
        let hash = credentials?.passwordHash ?? Self.decoyHash
        let matches = try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash) }
        guard let user = credentials?.user, matches else {
            try await failures.recordFailure(accountKey, at: now, policy: .perAccount)
            try await failures.recordFailure(addressKey, at: now, policy: .perAddress)
            if let user = credentials?.user {
                try await audit(
                    AuditRecord(actorID: nil, action: "user.signInFailed", objectType: "user", objectID: String(user.id)), at: now)
            }
            return .rejected
        }
        try await failures.clear(accountKey)
        try await audit(AuditRecord(actorID: user.id, action: "user.signIn", objectType: "user", objectID: String(user.id)), at: now)
        return .signedIn(userID: user.id)
    }

    package func audit(_ record: AuditRecord, at time: Date) async throws {
        try await database.transaction { session in try await AuditTrail.append(record, at: time, on: session) }
    }
}

extension AccountService.CreationError {
    /// The reason in words, for the command line and forms.
    public var explanation: String {
        switch self {
        case .password(let violation): violation.message
        case .usernameTaken: "Tên đăng nhập này đã được dùng."
        case .invalidUsername: "Tên đăng nhập phải có 3–64 ký tự: chữ, số và . _ - @."
        case .unitNeeded(let role): "Vai trò \(role.title) phải gắn với một đơn vị (--unit)."
        }
    }
}

extension AccountService.ChangeError {
    public var explanation: String {
        switch self {
        case .unitNeeded(let role): "Vai trò \(role.title) phải gắn với một đơn vị."
        case .unknownUnit: "Không tìm thấy đơn vị đã chọn."
        case .lastAdministrator: "Không thể thực hiện: hệ thống phải còn ít nhất một tài khoản quản trị đang hoạt động."
        case .ownAccount: "Bạn không thể tự khóa tài khoản của mình."
        }
    }
}
