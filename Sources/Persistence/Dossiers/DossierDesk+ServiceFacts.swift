import Domain
import Foundation
import SQLKit

/// The facts of a dossier the service index measures (`ServiceFacts`): an officer of its units records the
/// ones MotCua cannot know itself; attaching a result file marks the electronic result. Either way the
/// dossier, its counters and the audit trail change in one transaction.
extension DossierDesk {
    /// Records the officer's answers about the service given (only the facts named change). A dossier refused
    /// at receipt was not served: nothing to record.
    public func record(
        _ values: [ServiceFacts.Recorded: Bool], on dossierID: Int64, seenLockVersion seen: Int, by actor: DossierWorkflow.Actor,
        at time: Date
    ) async throws -> Dossier {
        guard !actor.roles.isDisjoint(with: [.deskOfficer, .caseOfficer, .unitHead]) else { throw Problem.notAnOfficerOfTheDossier }
        return try await database.transaction { session in
            try await Self.changeService(of: dossierID, seenLockVersion: seen, calculator: calculator, at: time, on: session) { facts in
                for (fact, value) in values { facts[keyPath: fact.keyPath] = value }
            } audit: { dossier in
                AuditRecord(
                    actorID: actor.userID, unitID: dossier.processingUnitID, action: "dossier.recordServiceFacts", objectType: "dossier",
                    objectID: dossier.code.text,
                    reason: values.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.key.title): \($0.value)" }.joined(
                        separator: "; "))
            }
        }
    }

    /// The counters' calculator, for stores that change a dossier's facts inside their own transaction.
    public var attachmentsCalculator: Calculator { calculator }

    /// Changes a dossier's service facts inside the caller's transaction: the projection (lock version moved
    /// on), the counters by the difference of its contributions, an audit row. `seen` nil: whatever copy is
    /// current.
    static func changeService(
        of dossierID: Int64, seenLockVersion seen: Int?, calculator: Calculator, at time: Date, on session: any SQLDatabase,
        _ change: (inout ServiceFacts) -> Void, audit: (Dossier) -> AuditRecord
    ) async throws -> Dossier {
        let store = DossierStore(session)
        guard let original = try await store.find(id: dossierID) else { throw Problem.notFound }
        if let seen, seen != original.lockVersion { throw Problem.staleCopy }
        guard original.state.status != .rejectedAtReceipt else { throw Problem.workflow(.finalStatus(.rejectedAtReceipt)) }
        var updated = original
        change(&updated.service)
        guard updated.service != original.service else { return original }
        updated.lockVersion += 1
        guard try await store.update(updated, expectedLockVersion: original.lockVersion) else { throw Problem.staleCopy }
        let events = try await store.events(of: original)
        let deadlines = try await calculator(updated.processingUnitID, session)
        try await StatisticsCounters(session).add(statisticsChange(from: (original, events), to: (updated, events), calculator: deadlines))
        try await AuditTrail.append(audit(updated), at: time, on: session)
        return updated
    }
}
