import Domain
import Foundation
import Persistence

/// The demo's PAR INDEX: last year's round finished and published, and this year's framework ready for a round.
/// Both use the shipped sample framework (marked a sample on every page, since the official annexes are not
/// entered yet — docs/PAR.md); last year's copy is taken through every step in the spring — opened by the
/// secretariat, self-assessed and submitted by each department with the platform's figures, appraised by the
/// council (a few scores adjusted, with their reasons), approved and published by the city's leader.
package enum DemoPARRound {
    package struct Actors {
        package var secretariat: Int64?
        package var council: Int64?
        package var leader: Int64?
        /// The demo sign-in that speaks for a unit, by unit id.
        package var heads: [Int64: Int64]
    }

    package static func seed(services: AppServices, actors: Actors, now: Date) async throws {
        let par = services.par
        guard try await par.rounds().isEmpty else { return }
        var lastYear = try PARFrameworks.shippedSample()
        lastYear.year -= 1
        let frameworkID = try await par.load(lastYear, by: actors.secretariat, at: now)
        try await par.load(try PARFrameworks.shippedSample(), by: actors.secretariat, at: now)
        guard let stored = try await par.framework(id: frameworkID) else { return }
        let framework = stored.framework
        let calendar = try await services.workingCalendar()
        let clock = LocalClock()
        var random = SeededRandom(seed: 2025)
        // Opened on the first working day of April after the assessed year, as the city's plans time it.
        let opened = calendar.date(workingDays: 1, after: LocalDate(year: framework.year + 1, month: 3, day: 31)!)
        guard let openedAt = clock.instant(parsing: opened.iso + "T09:00"), openedAt.addingTimeInterval(90 * 86_400) < now else { return }
        func day(_ workingDays: Int, hour: Int = 10) -> Date {
            clock.instant(parsing: calendar.date(workingDays: workingDays, after: opened).iso + String(format: "T%02d:00", hour))
                ?? openedAt
        }
        let units = try await services.unitDirectory().list(.init(validOn: opened)).filter { framework.unitKind.covers($0.kind) }
        let roundID = try await par.openRound(
            frameworkID: frameworkID, units: units.map(\.id), selfDue: calendar.date(workingDays: 15, after: opened),
            responseDue: calendar.date(workingDays: 30, after: opened), today: opened, by: actors.secretariat,
            at: openedAt)
        for (index, unit) in units.enumerated() {
            guard let assessment = try await par.assessment(round: roundID, unit: unit.id) else { continue }
            let figures = framework.platformPoints(try await services.parFigures(unit: unit, year: framework.year))
            let head = actors.heads[unit.id]
            for entry in assessment.entries {
                guard let leaf = framework.leaves.first(where: { $0.code == entry.criterion }), figures[leaf.code] == nil else { continue }
                // Each unit scores itself a little generously; the council brings some scores down.
                let share = [1.0, 1.0, 0.9, 0.75, 0.5][Int.random(in: 0...4, using: &random)]
                let score = (leaf.max * share * 4).rounded() / 4
                try await par.selfAssess(
                    entryID: entry.id, score: score, explanation: explanation(share), seenVersion: entry.version, by: head,
                    at: day(3 + index % 8))
            }
            try await par.submit(assessment.id, computed: figures, by: head, at: day(12 + index % 3, hour: 15))
        }
        try await par.advance(roundID, to: .appraisal, by: actors.secretariat, at: day(16))
        for assessment in try await par.assessments(of: roundID) where assessment.submittedAt != nil {
            for entry in assessment.entries {
                if let proposed = entry.selfScore, proposed > 0, random.chance(0.08) {
                    let adjusted = max(0, proposed - ([0.25, 0.5, 1.0][Int.random(in: 0...2, using: &random)]))
                    try await par.review(
                        entryID: entry.id, .adjusted, score: min(adjusted, proposed),
                        reason: "Tài liệu kiểm chứng chưa chứng minh đủ kết quả tự chấm.",
                        seenVersion: entry.version, by: actors.council, at: day(22))
                } else {
                    try await par.review(
                        entryID: entry.id, .accepted, score: nil, reason: "", seenVersion: entry.version, by: actors.council, at: day(22))
                }
            }
        }
        try await par.advance(roundID, to: .approved, by: actors.leader, at: day(35))
        guard let round = try await par.round(id: roundID) else { return }
        try await par.publish(
            roundID, document: try await services.parPublication(round, framework).json(), reason: nil, by: actors.leader, at: day(36))
    }

    package static func explanation(_ share: Double) -> String {
        share >= 1
            ? "Đã thực hiện đầy đủ, đúng thời hạn; tài liệu kiểm chứng kèm theo."
            : share >= 0.75
                ? "Đã thực hiện, một số nội dung hoàn thành chậm so với kế hoạch."
                : "Thực hiện chưa đầy đủ; đơn vị đã có kế hoạch khắc phục."
    }
}
