import Domain
import Foundation
import Persistence

extension AppServices {
    /// Reform plans and tasks over this server's files (evidence goes where attachments go).
    public var reform: ReformStore { ReformStore(database, files: files) }
    public var directives: ReformDirectives { ReformDirectives(database, files: files) }

    /// Names of units by id (units of any period: a 2023 plan names districts dissolved since).
    package func unitNames(_ ids: some Sequence<Int64>) async throws -> [Int64: String] {
        try await unitDirectory().find(ids: Set(ids)).mapValues(\.name)
    }

    /// The board address of a unit in a plan, as a link in an e-mail.
    package func reformBoardURL(plan: Int64, unit: Int64) -> String {
        configuration.publicURL.trimmingCharacters(in: CharacterSet(charactersIn: "/")) + SiteRoute.reformBoard(id: plan, unitID: unit).path
    }

    /// An urging run over a plan on a day: one digest per unit with tasks due within the window, overdue, or not
    /// reported on within the reporting interval, e-mailed to the unit's case officers (its heads when it has none) and, when escalated, to its heads and
    /// the city's leaders too; recorded for the unit's board. A unit already urged that day is skipped.
    @discardableResult
    public func urge(plan: ReformPlan, asOf: LocalDate, rules: ReformUrging, by userID: Int64?) async throws -> [ReformDigest] {
        let calendar = try await workingCalendar()
        let digests = rules.digests(try await reform.standings(of: plan.id, asOf: asOf, calendar: calendar), asOf: asOf, calendar: calendar)
        let users = UserStore(database.sql)
        let leaders = try await users.emails(holding: [.cityLeader])
        var run: [(digest: ReformDigest, recipients: [String], messages: [NotificationOutbox.Message])] = []
        for digest in digests {
            let officers = try await users.emails(holding: [.caseOfficer], on: digest.unitID)
            let heads = try await users.emails(holding: [.unitHead], on: digest.unitID)
            var recipients = officers.isEmpty ? heads : officers
            if digest.escalated { recipients = Array(Set(recipients + heads + leaders)).sorted() }
            let name = try await unitDirectory().find(id: digest.unitID)?.name ?? "đơn vị"
            let values = [
                "unit": name, "plan": plan.title, "asOf": asOf.vietnamese, "tasks": digest.text,
                "boardURL": reformBoardURL(plan: plan.id, unit: digest.unitID), "escalation": digest.escalated ? "[Báo cáo lãnh đạo] " : "",
            ]
            let messages: [NotificationOutbox.Message] =
                notificationTemplates.map { templates in
                    recipients.map { recipient in
                        let text = templates.render(.reformDigest, .email, values: values)
                        return NotificationOutbox.Message(
                            dossierID: nil, eventSequence: nil, purpose: .reformDigest, channel: .email, recipient: recipient,
                            subject: text.subject, body: text.body)
                    }
                } ?? []
            run.append((digest, recipients, messages))
        }
        return try await reform.recordUrges(run, plan: plan.id, by: userID, at: clock())
    }

    /// What the reform tasks say of a unit's year, for PAR criteria (issue 8): the share of its tasks due so far
    /// that were done on time, and how many are late (overdue or done late). None when it had no task due.
    package func reformFigures(unit unitID: Int64, year: Int) async throws -> [PARSource: Double] {
        guard let plan = try await reform.plan(year: year) else { return [:] }
        let asOf = min(today(), LocalDate(year: year, month: 12, day: 31)!)
        let mine = try await reform.standings(of: plan.id, asOf: asOf, calendar: try await workingCalendar())
            .filter { $0.task.leadUnitID == unitID && $0.task.due <= asOf }
        guard !mine.isEmpty else { return [:] }
        return [
            .taskCompletion: Double(mine.filter { $0.status == .doneOnTime }.count) / Double(mine.count) * 100,
            .lateTasks: Double(mine.filter { $0.status == .overdue || $0.status == .doneLate }.count),
        ]
    }
}

/// Who may do what with reform plans: the secretariat (and administrators) manage plans, tasks, directives,
/// decisions and urging; city leaders and the appraisal council read everything; a unit's head and case
/// officers read their unit's board and the tasks it leads or supports, and report progress only on the tasks
/// their unit leads.
package enum ReformAccess {
    package static func manages(_ identity: Identity) -> Bool { identity.has(.secretariat) || identity.has(.admin) }
    package static func oversees(_ identity: Identity) -> Bool {
        manages(identity) || identity.has(.cityLeader) || identity.has(.appraisalCouncil)
    }

    /// The units the person speaks for (granted on them as head or case officer).
    package static func ownUnits(_ identity: Identity) -> Set<Int64> {
        Set(identity.grants.filter { $0.role == .unitHead || $0.role == .caseOfficer }.compactMap(\.unitID))
    }

    package static func takesPart(_ identity: Identity) -> Bool { oversees(identity) || !ownUnits(identity).isEmpty }
    package static func reports(on task: ReformTask, _ identity: Identity) -> Bool { ownUnits(identity).contains(task.leadUnitID) }

    package static func reads(_ task: ReformTask, _ identity: Identity) -> Bool {
        oversees(identity) || !ownUnits(identity).isDisjoint(with: [task.leadUnitID] + task.supportingUnitIDs)
    }

    package static func readsBoard(of unitID: Int64, _ identity: Identity) -> Bool {
        oversees(identity) || ownUnits(identity).contains(unitID)
    }
}
