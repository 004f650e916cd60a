import Domain
import Foundation
import SQLKit

extension DossierDesk {
    /// A due instant moved because the working calendar was corrected.
    public struct DueCorrection: Sendable, Equatable {
        public var dossierID: Int64
        public var code: String
        public var before: Date
        public var after: Date
    }

    /// The event a correction leaves on the dossier (its page and the public tracking show it).
    public static let recomputeDueAction = "recomputeDue"

    /// Recomputes the due instant of every open dossier whose clock is running, from its receipt, its
    /// procedure's limit and its pauses, with the working calendar now in force (issue 21, point 7). A dossier
    /// whose due instant changes gets it in one transaction with an event saying before and after, its audit row,
    /// a message to the national portal and the difference of its statistics contributions — so each is counted
    /// once, under its new due instant. The appointment moves with it unless an apology set a later one. Returns
    /// the corrections; a second run finds none. With `days`, only the dossiers that count across them are read:
    /// received before the last of them ends and due at or after the first begins — a change of those days cannot
    /// move another dossier's due instant.
    @discardableResult
    public func recomputeDueInstants(reason: String, actorID: Int64?, at time: Date, days: ClosedRange<LocalDate>? = nil) async throws
        -> [DueCorrection]
    {
        let store = DossierStore(database.sql)
        let select = database.sql.select().column("id").from("dossiers")
            .where("finished_at", .is, SQLLiteral.null).where("due_at", .isNot, SQLLiteral.null)
        if let days {
            // A day's margin on either side covers any office hours' offset from UTC.
            let clock = LocalClock()
            select.where("received_at", .lessThan, clock.start(of: days.upperBound.adding(days: 2)).milliseconds)
                .where("due_at", .greaterThanOrEqual, clock.start(of: days.lowerBound.adding(days: -1)).milliseconds)
        }
        let ids = try await select.orderBy("id").all().map { try $0.decode(column: "id", as: Int64.self) }
        var corrections: [DueCorrection] = []
        for id in ids {
            guard let original = try await store.find(id: id), let before = original.dueAt,
                let version = try await ProcedureStore(database.sql).version(id: original.procedureVersionID)
            else { continue }
            let events = try await store.events(of: original)
            let deadlines = try await calculator(original.processingUnitID, database.sql)
            let schedule = try deadlines.schedule(
                receivedAt: original.receivedAt, limit: version.procedure.timeLimit, pauses: Self.pauses(in: events),
                sameDay: version.procedure.sameDayRule)
            guard let due = schedule.due, due != before || schedule.firstDue != original.firstDueAt else { continue }
            var dossier = original
            dossier.firstDueAt = schedule.firstDue
            dossier.dueAt = due
            let apologised = events.contains { $0.action == "issueApology" } && (original.appointmentAt.map { $0 > before } ?? false)
            dossier.appointmentAt = apologised ? max(due, original.appointmentAt ?? due) : due
            dossier.lockVersion += 1
            let updated = dossier
            let event = DossierEvent(
                sequence: events.count + 1, action: Self.recomputeDueAction, actorID: actorID, unitID: original.processingUnitID,
                occurredAt: time, reason: Self.correctionReason(reason, before: before, after: due, deadlines),
                detail: Self.detail(["dueBefore": String(before.milliseconds), "due": String(due.milliseconds)]),
                statusAfter: original.state.status, stepAfter: original.state.step)
            try await database.transaction { session in
                let store = DossierStore(session)
                guard try await store.update(updated, expectedLockVersion: original.lockVersion) else { throw Problem.staleCopy }
                try await store.append([(event, updated.id)])
                try await StatisticsCounters(session).add(
                    Self.statisticsChange(from: (original, events), to: (updated, events + [event]), calculator: deadlines))
                try await Self.enqueue(updated, event, procedureCode: version.procedure.code, on: session)
                try await AuditTrail.append(
                    AuditRecord(
                        actorID: actorID, unitID: original.processingUnitID, action: "dossier.\(Self.recomputeDueAction)",
                        objectType: "dossier",
                        objectID: updated.code.text, reason: reason),
                    at: time, on: session)
            }
            corrections.append(DueCorrection(dossierID: id, code: original.code.text, before: before, after: due))
        }
        return corrections
    }

    /// "Lịch làm việc được điều chỉnh …: hạn cũ 02/01/2026 12:00, hạn mới 05/01/2026 12:00."
    static func correctionReason(_ reason: String, before: Date, after: Date, _ deadlines: DeadlineCalculator) -> String {
        let clock = LocalClock(utcOffsetMinutes: deadlines.officeHours.utcOffsetMinutes)
        return "\(reason): hạn cũ \(clock.text(before)), hạn mới \(clock.text(after))."
    }

    /// The pauses of a dossier in order, from its supplement requests and receipts.
    static func pauses(in events: [DossierEvent]) -> [DeadlineSchedule.Pause] {
        var pauses: [DeadlineSchedule.Pause] = []
        for event in events {
            switch event.action {
            case "requestSupplement":
                let paused = values(event.detail)?["pausedAt"].flatMap(Int64.init).map(Date.init(milliseconds:)) ?? event.occurredAt
                pauses.append(.init(pausedAt: paused, resumedAt: nil))
            case "supplementReceived":
                if let last = pauses.indices.last, pauses[last].resumedAt == nil { pauses[last].resumedAt = event.occurredAt }
            default:
                break
            }
        }
        return pauses
    }
}
