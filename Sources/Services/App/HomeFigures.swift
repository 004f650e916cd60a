import Domain
import Foundation
import Persistence

/// What the home page shows beside its forms: the procedures most filed over the last twelve months and the life
/// events with their numbers of procedures. Built once a day and again whenever the catalogue changes, so that the
/// busiest public page reads one cheap number per visit.
package struct HomeFigures: Sendable {
    package var mostFiled: [(procedure: ProcedureSummary, dossiers: Int)]
    package var events: [(event: LifeEvent, procedures: Int)]
    package var procedures: Int
    package var filedOnline: Int

    package static let mostFiledShown = 6
}

extension AppServices {
    package func homeFigures() async throws -> HomeFigures {
        let today = today(), now = clock()
        let procedures = self.procedures
        return try await homeCache.value(version: { "\(try await procedures.catalogueVersion()) \(today.iso)" }) {
            let catalogue = try await procedures.list(limit: 100_000)
            let byCode = Dictionary(catalogue.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
            let filed = try await procedures.mostFiled(since: now.addingTimeInterval(-365 * 86_400), limit: HomeFigures.mostFiledShown)
            return HomeFigures(
                mostFiled: filed.compactMap { entry in byCode[entry.code].map { ($0, entry.dossiers) } },
                events: LifeEvent.all.map { event in (event, catalogue.count { event.includes(name: $0.name, field: $0.field) }) },
                procedures: catalogue.count,
                filedOnline: catalogue.count { $0.onlineLevel != .inPerson })
        }
    }
}

/// An officer's work as the home page greets them with it: the open dossiers of their units, how many are still being
/// handled past their due instant, those assigned to them, the feedback their units have not answered and what their
/// units owe a PAR round — each a link to its page.
package struct StaffWork: Sendable {
    package var open: Int
    package var overdue: Int
    package var mine: Int?
    package var feedbackWaiting: Int?
    /// What the person's units owe a PAR round.
    package var par: [PARWork] = []

    /// A unit's self-assessment in an open round, or the criteria for which the council asked it for more evidence.
    package struct PARWork: Sendable {
        package var roundID: Int64
        package var unitID: Int64
        package var unitName: String
        /// Nil for the self-assessment.
        package var evidenceCriteria: Int?
        package var due: LocalDate
    }
}

extension AppServices {
    /// The work of an officer with roles in units (desk, case officer, unit head); nil for anyone else.
    package func staffWork(_ identity: Identity) async throws -> StaffWork? {
        let roles: Set<Role> = [.deskOfficer, .caseOfficer, .unitHead]
        let units = identity.grants.filter { roles.contains($0.role) }.compactMap(\.unitID)
        guard !units.isEmpty else { return nil }
        let counts = try await dossiers.openCounts(within: identity.scope, assigneeID: identity.user.id, now: clock())
        let feedback = identity.has(.unitHead) ? try await FeedbackStore(database).inbox(units: units).count { !$0.isAnswered } : nil
        let speaking = identity.grants.filter { PARAccess.speaksFor($0.unitID ?? -1, identity) }.compactMap(\.unitID)
        let directory = try await unitDirectory()
        let par = try await self.par.tasks(ofUnits: speaking).map { task in
            var evidence: Int?
            if case .evidence(let criteria) = task.kind { evidence = criteria }
            return StaffWork.PARWork(
                roundID: task.roundID, unitID: task.unitID, unitName: directory.find(id: task.unitID)?.name ?? "",
                evidenceCriteria: evidence, due: task.due)
        }
        return StaffWork(
            open: counts.open, overdue: counts.overdue, mine: identity.has(.caseOfficer) ? counts.assigned : nil, feedbackWaiting: feedback,
            par: par)
    }
}
