import Domain
import Foundation
import SQLKit

/// Citizens' registrations and consents. A registration waits, with the password already hashed and a
/// one-time code's hash, until the code sent to the phone or e-mail address comes back; then the account
/// (username = the personal ID number, role citizen), its profile and its consents are written at once.
public struct CitizenAccounts: Sendable {
    let database: Database

    public init(_ database: Database) { self.database = database }

    /// What the registration form collected (checked by the caller), with the secrets already hashed.
    public struct Registration: Sendable, Equatable {
        public var displayName: String
        public var personalID: String
        public var phone: String?
        public var email: String?
        public var passwordHash: String
        public var consents: Set<ConsentPurpose>
        /// Where the code goes.
        public var channel: NotificationChannel

        public init(
            displayName: String, personalID: String, phone: String?, email: String?, passwordHash: String,
            consents: Set<ConsentPurpose>, channel: NotificationChannel
        ) {
            self.displayName = displayName
            self.personalID = personalID
            self.phone = phone
            self.email = email
            self.passwordHash = passwordHash
            self.consents = consents
            self.channel = channel
        }

        public var recipient: String? { channel == .sms ? phone : email }
    }

    public enum Problem: Error, Equatable {
        case alreadyRegistered
        case unknownOrExpired
        case wrongCode(attemptsLeft: Int)
        case tooSoon

        public var message: String {
            switch self {
            case .alreadyRegistered: "Số định danh cá nhân này đã có tài khoản. Vui lòng đăng nhập."
            case .unknownOrExpired: "Mã xác thực đã hết hạn hoặc phiên đăng ký không còn. Vui lòng đăng ký lại."
            case .wrongCode(let left): "Mã xác thực không đúng. Còn \(left) lần thử."
            case .tooSoon: "Vui lòng đợi một phút trước khi yêu cầu gửi lại mã."
            }
        }
    }

    /// Keeps a registration and queues its code (the message already rendered), in one transaction.
    public func start(
        _ registration: Registration, tokenHash: String, codeHash: String, message: NotificationOutbox.Message,
        policy: OneTimeCodePolicy, at time: Date
    ) async throws {
        try await database.transaction { session in
            if try await session.select().column("user_id").from("citizen_profiles").where("personal_id", .equal, registration.personalID)
                .first() != nil
            {
                throw Problem.alreadyRegistered
            }
            let consents = String(decoding: try JSONEncoder.sorted.encode(registration.consents.map(\.rawValue).sorted()), as: UTF8.self)
            try await session.insert(into: "registrations")
                .columns(
                    "token_hash", "display_name", "personal_id", "phone", "email", "password_hash", "consents", "channel", "code_hash",
                    "attempts", "expires_at", "sent_at", "created_at"
                )
                .values(
                    SQLBind(tokenHash), SQLBind(registration.displayName), SQLBind(registration.personalID), SQLBind(registration.phone),
                    SQLBind(registration.email), SQLBind(registration.passwordHash), SQLBind(consents),
                    SQLBind(registration.channel.rawValue),
                    SQLBind(codeHash), SQLBind(Int64(0)), SQLBind(time.addingTimeInterval(policy.lifetime).milliseconds),
                    SQLBind(time.milliseconds), SQLBind(time.milliseconds)
                )
                .run()
            try await NotificationOutbox(session).enqueue([message], at: time)
        }
    }

    /// Replaces a registration's code with a new one, at most once a minute.
    public func resend(
        tokenHash: String, codeHash: String, message: @escaping @Sendable (Registration) -> NotificationOutbox.Message,
        policy: OneTimeCodePolicy,
        at time: Date
    ) async throws {
        try await database.transaction { session in
            guard let row = try await Self.registration(tokenHash: tokenHash, on: session, at: time) else { throw Problem.unknownOrExpired }
            guard time.timeIntervalSince(row.sentAt) >= policy.resendAfter else { throw Problem.tooSoon }
            try await session.update("registrations").set("code_hash", to: codeHash).set("attempts", to: Int64(0))
                .set("sent_at", to: time.milliseconds).set("expires_at", to: time.addingTimeInterval(policy.lifetime).milliseconds)
                .where("token_hash", .equal, tokenHash).run()
            try await NotificationOutbox(session).enqueue([message(row.registration)], at: time)
        }
    }

    /// The registration a token stands for, while its code is valid.
    public func registration(tokenHash: String, at time: Date) async throws -> Registration? {
        try await Self.registration(tokenHash: tokenHash, on: database.sql, at: time)?.registration
    }

    /// Checks the code; when it matches, creates the account with its profile, grant and consents, removes
    /// the registration and returns the new user's id.
    public func complete(
        tokenHash: String, codeMatches: @escaping @Sendable (_ codeHash: String) -> Bool, policy: OneTimeCodePolicy, at time: Date
    ) async throws -> Int64 {
        // A wrong code is counted in its own transaction, so that the count survives the refusal.
        let outcome: Result<Int64, Problem> = try await database.transaction { session in
            guard let row = try await Self.registration(tokenHash: tokenHash, on: session, at: time), row.attempts < policy.attempts else {
                return .failure(.unknownOrExpired)
            }
            guard codeMatches(row.codeHash) else {
                try await session.update("registrations").set("attempts", to: Int64(row.attempts + 1)).where(
                    "token_hash", .equal, tokenHash
                ).run()
                return .failure(
                    row.attempts + 1 >= policy.attempts ? .unknownOrExpired : .wrongCode(attemptsLeft: policy.attempts - row.attempts - 1))
            }
            let registration = row.registration
            if try await session.select().column("user_id").from("citizen_profiles").where("personal_id", .equal, registration.personalID)
                .first() != nil
            {
                return .failure(.alreadyRegistered)
            }
            let id: Int64
            do {
                id = try await UserStore(session).create(
                    username: registration.personalID, displayName: registration.displayName, email: registration.email,
                    passwordHash: registration.passwordHash, grants: [Grant(role: .citizen, unitID: nil)], at: time)
            } catch PersistenceError.duplicate {
                return .failure(.alreadyRegistered)
            }
            try await session.insert(into: "citizen_profiles").columns("user_id", "personal_id", "phone", "verified_channel", "created_at")
                .values(
                    SQLBind(id), SQLBind(registration.personalID), SQLBind(registration.phone), SQLBind(registration.channel.rawValue),
                    SQLBind(time.milliseconds)
                ).run()
            for purpose in registration.consents.sorted(by: { $0.rawValue < $1.rawValue }) {
                try await Self.grant(purpose, to: id, at: time, on: session)
            }
            try await session.delete(from: "registrations").where("token_hash", .equal, tokenHash).run()
            try await AuditTrail.append(
                AuditRecord(
                    actorID: id, action: "citizen.register", objectType: "user", objectID: String(id),
                    reason:
                        "xác minh qua \(registration.channel.title); đồng ý: \(registration.consents.sorted { $0.rawValue < $1.rawValue }.map(\.title).joined(separator: ", "))"
                ),
                at: time, on: session)
            return .success(id)
        }
        return try outcome.get()
    }

    /// Records the identity facts and consents of an account whose identity was established otherwise than by
    /// the registration form — the demo citizen, or an identity a national e-ID sign-in asserts. Nothing
    /// changes for an account that already has a profile.
    public func recordProfile(
        of userID: Int64, personalID: String, phone: String?, verifiedBy: String, consents: Set<ConsentPurpose>,
        at time: Date
    ) async throws {
        try await database.transaction { session in
            guard try await session.select().column("user_id").from("citizen_profiles").where("user_id", .equal, userID).first() == nil
            else { return }
            try await session.insert(into: "citizen_profiles").columns("user_id", "personal_id", "phone", "verified_channel", "created_at")
                .values(SQLBind(userID), SQLBind(personalID), SQLBind(phone), SQLBind(verifiedBy), SQLBind(time.milliseconds)).run()
            for purpose in consents.sorted(by: { $0.rawValue < $1.rawValue }) {
                try await Self.grant(purpose, to: userID, at: time, on: session)
            }
        }
    }

    /// What a citizen's account verified: the personal ID number and the phone number, if any.
    public func profile(of userID: Int64) async throws -> (personalID: String, phone: String?)? {
        guard
            let row = try await database.sql.select().columns("personal_id", "phone").from("citizen_profiles").where(
                "user_id", .equal, userID
            ).first()
        else { return nil }
        return (try row.decode(column: "personal_id", as: String.self), try row.decode(column: "phone", as: String?.self))
    }

    /// Every consent a citizen gave, newest first per purpose.
    public func consents(of userID: Int64) async throws -> [ConsentRecord] {
        try await database.sql.select().column("*").from("consents").where("user_id", .equal, userID).orderBy("id", .descending).all().map {
            row in
            ConsentRecord(
                purpose: try decodeEnum(row, "purpose", as: ConsentPurpose.self),
                grantedAt: Date(milliseconds: try row.decode(column: "granted_at", as: Int64.self)),
                withdrawnAt: try row.decode(column: "withdrawn_at", as: Int64?.self).map(Date.init(milliseconds:)))
        }
    }

    /// The purposes a citizen consents to now.
    public func activePurposes(of userID: Int64) async throws -> Set<ConsentPurpose> {
        Set(try await consents(of: userID).filter(\.isActive).map(\.purpose))
    }

    /// Gives consent to a purpose again (a new record; the history is kept) — nothing if already given.
    public func grant(_ purpose: ConsentPurpose, to userID: Int64, at time: Date) async throws {
        try await database.transaction { session in
            let active = try await session.select().column("id").from("consents").where("user_id", .equal, userID)
                .where("purpose", .equal, purpose.rawValue).where("withdrawn_at", .is, SQLLiteral.null).first()
            guard active == nil else { return }
            try await Self.grant(purpose, to: userID, at: time, on: session)
            try await AuditTrail.append(
                AuditRecord(
                    actorID: userID, action: "consent.grant", objectType: "user", objectID: String(userID),
                    reason: purpose.title), at: time, on: session)
        }
    }

    /// Withdraws consent to a purpose from now on.
    public func withdraw(_ purpose: ConsentPurpose, from userID: Int64, at time: Date) async throws {
        try await database.transaction { session in
            try await session.update("consents").set("withdrawn_at", to: time.milliseconds).where("user_id", .equal, userID)
                .where("purpose", .equal, purpose.rawValue).where("withdrawn_at", .is, SQLLiteral.null).run()
            try await AuditTrail.append(
                AuditRecord(
                    actorID: userID, action: "consent.withdraw", objectType: "user", objectID: String(userID),
                    reason: purpose.title), at: time, on: session)
        }
    }

    /// Removes registrations whose code expired (housekeeping).
    public func purgeExpired(at time: Date) async throws {
        try await database.sql.delete(from: "registrations").where("expires_at", .lessThan, time.milliseconds).run()
    }

    private static func grant(_ purpose: ConsentPurpose, to userID: Int64, at time: Date, on session: any SQLDatabase) async throws {
        try await session.insert(into: "consents").columns("user_id", "purpose", "granted_at")
            .values(SQLBind(userID), SQLBind(purpose.rawValue), SQLBind(time.milliseconds)).run()
    }

    private struct Row {
        var registration: Registration
        var codeHash: String
        var attempts: Int
        var sentAt: Date
    }

    private static func registration(tokenHash: String, on database: any SQLDatabase, at time: Date) async throws -> Row? {
        guard
            let row = try await database.select().column("*").from("registrations").where("token_hash", .equal, tokenHash)
                .where("expires_at", .greaterThan, time.milliseconds).first()
        else { return nil }
        let consents = try JSONDecoder().decode([String].self, from: Data(try row.decode(column: "consents", as: String.self).utf8))
        return Row(
            registration: Registration(
                displayName: try row.decode(column: "display_name", as: String.self),
                personalID: try row.decode(column: "personal_id", as: String.self),
                phone: try row.decode(column: "phone", as: String?.self), email: try row.decode(column: "email", as: String?.self),
                passwordHash: try row.decode(column: "password_hash", as: String.self),
                consents: Set(consents.compactMap(ConsentPurpose.init(rawValue:))),
                channel: try decodeEnum(row, "channel", as: NotificationChannel.self)),
            codeHash: try row.decode(column: "code_hash", as: String.self), attempts: try row.decode(column: "attempts", as: Int.self),
            sentAt: Date(milliseconds: try row.decode(column: "sent_at", as: Int64.self)))
    }
}
