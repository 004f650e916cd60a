import Foundation

/// What is about to be recorded in the audit trail: the actor, the act, its object and its reason.
public struct AuditRecord: Sendable, Equatable {
    public var actorID: Int64?
    public var unitID: Int64?
    public var action: String
    public var objectType: String
    public var objectID: String
    public var reason: String

    public init(actorID: Int64?, unitID: Int64? = nil, action: String, objectType: String, objectID: String, reason: String = "") {
        self.actorID = actorID
        self.unitID = unitID
        self.action = action
        self.objectType = objectType
        self.objectID = objectID
        self.reason = reason
    }
}

/// One row of the audit trail (nhật ký): who did what to which object, when, from which unit and why.
/// The trail is append-only; each row carries the hash of the previous row so that an edited or deleted row
/// breaks the chain (see `AuditTrail` in Persistence).
public struct AuditEntry: Sendable, Equatable {
    public var sequence: Int64
    public var occurredAt: Date
    /// The account that acted; nil for the system itself (seeding, scheduled jobs).
    public var actorID: Int64?
    /// The unit the actor acted for, when the action belongs to a unit.
    public var unitID: Int64?
    /// A dotted verb such as `user.signIn`, `unit.import`, `user.read`.
    public var action: String
    /// The kind and id of the object acted on (`user`, `42`).
    public var objectType: String
    public var objectID: String
    /// Why, in the actor's words or the system's; never personal data.
    public var reason: String
    public var previousHash: String
    public var hash: String

    public init(
        sequence: Int64, occurredAt: Date, actorID: Int64?, unitID: Int64?, action: String, objectType: String,
        objectID: String, reason: String, previousHash: String, hash: String
    ) {
        self.sequence = sequence
        self.occurredAt = occurredAt
        self.actorID = actorID
        self.unitID = unitID
        self.action = action
        self.objectType = objectType
        self.objectID = objectID
        self.reason = reason
        self.previousHash = previousHash
        self.hash = hash
    }

    /// The exact bytes that are hashed: every field but the hash, in a fixed order, each length-prefixed so
    /// that no two different rows serialise alike. Times are whole milliseconds since 1970 (UTC).
    public var canonicalText: String {
        let millis = Int64((occurredAt.timeIntervalSince1970 * 1000).rounded())
        let fields = [
            String(sequence), String(millis), actorID.map(String.init) ?? "-", unitID.map(String.init) ?? "-",
            action, objectType, objectID, reason, previousHash,
        ]
        return fields.map { "\($0.utf8.count):\($0)" }.joined(separator: "|")
    }

    /// The hash of the row before the first one.
    public static let genesisHash = String(repeating: "0", count: 64)
}
