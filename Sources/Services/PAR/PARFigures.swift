import Domain
import Foundation
import Persistence

extension AppServices {
    /// The PAR process over this server's files (evidence goes where attachments go).
    public var par: PARStore { PARStore(database: database, files: files) }

    /// The results of an approved round as they would be published (units by code, names, last year's change).
    package func parPublication(_ round: PARRound, _ framework: PARFramework) async throws -> PARPublication {
        let finals = try await par.finalScores(of: round.id)
        var codes: [Int64: String] = [:], names: [String: String] = [:]
        for unitID in finals.keys {
            guard let unit = try await unitDirectory().find(id: unitID) else { continue }
            codes[unitID] = unit.code
            names[unit.code] = unit.name
        }
        let scores = Dictionary(uniqueKeysWithValues: finals.compactMap { id, leaves in codes[id].map { ($0, leaves) } })
        return PARPublication(
            framework: framework, scores: scores, names: names, previous: try await par.previousIndices(before: framework))
    }

    /// What the platform measured of a unit over a year, for the computed criteria: the on-time and online
    /// figures and the score of the service index, the latest SIPAS figures about the year, and the reform
    /// tasks the unit led (done on time, late).
    package func parFigures(unit: OrgUnit, year: Int) async throws -> [PARSource: Double] {
        let from = LocalDate(year: year, month: 1, day: 1)!, through = LocalDate(year: year, month: 12, day: 31)!
        var figures: [PARSource: Double] = [:]
        do {
            let score = try await serviceIndex(from: from, through: through).score(of: unit)
            func percent(_ measure: ServiceIndexMeasure) -> Double? {
                score.indicators.first { $0.measure == measure }?.ratio.map { $0 * 100 }
            }
            figures[.onTimeRate] = percent(.completedOnTime)
            figures[.onlineShare] = percent(.fullyOnline)
            figures[.serviceIndex] = score.index?.double
        } catch is ServiceIndexProblem {
            // No service index framework for that year: those criteria have no figure.
        }
        if let sipas = try await SIPASCampaigns(database).satisfaction(of: unit.code, from: from, through: through) {
            figures[.sipasOverall] = sipas.figures.overall
            figures[.sipasService] = sipas.service
        }
        figures.merge(try await reformFigures(unit: unit.id, year: year)) { _, reform in reform }
        return figures
    }
}

/// Who may do what in the PAR process: the secretariat (and administrators) manage frameworks and rounds;
/// a unit's head and case officers self-assess their own unit only; council members appraise and never
/// edit a self-score; the chair (a city leader) approves and publishes.
package enum PARAccess {
    package static func manages(_ identity: Identity) -> Bool { identity.has(.secretariat) || identity.has(.admin) }
    package static func appraises(_ identity: Identity) -> Bool { identity.has(.appraisalCouncil) }
    package static func chairs(_ identity: Identity) -> Bool { identity.has(.cityLeader) }

    /// Whether the person speaks for this unit (granted on it as its head or a case officer).
    package static func speaksFor(_ unitID: Int64, _ identity: Identity) -> Bool {
        identity.grants.contains { ($0.role == .unitHead || $0.role == .caseOfficer) && $0.unitID == unitID }
    }

    /// Whether the person may read a unit's assessment (before publication only its unit and the process's people).
    package static func reads(_ unitID: Int64, _ identity: Identity) -> Bool {
        manages(identity) || appraises(identity) || chairs(identity) || speaksFor(unitID, identity)
    }

    /// Whether the person sees the PAR pages at all.
    package static func takesPart(_ identity: Identity) -> Bool {
        manages(identity) || appraises(identity) || chairs(identity)
            || identity.grants.contains { $0.role == .unitHead || $0.role == .caseOfficer }
    }
}
