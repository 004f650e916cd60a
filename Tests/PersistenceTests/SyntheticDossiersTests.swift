import Domain
import Foundation
import Persistence
import TestSupport
import Testing

@Suite struct SyntheticDossiersTests {
    /// Makes 40 dossiers with a seed and returns each one's code, status and event actions.
    func make(seed: UInt64) async throws -> [String] {
        try await TestDatabase.with { database in
            try await DemoCatalogue.load(on: database, at: Date())
            let calendar = WorkingCalendar(rows: OfficialCalendar.rows)
            let desk = DossierDesk(database: database) { _, _ in DeadlineCalculator(calendar: calendar) }
            let now = LocalClock().instant(parsing: "2026-06-30T17:00")!
            let summary = try await SyntheticDossiers(database: database, desk: desk, calendar: calendar)
                .make(
                    count: 40, seed: seed, unitCodes: ["00070", "00073"], from: LocalDate(iso: "2026-05-01")!,
                    to: LocalDate(iso: "2026-06-30")!, now: now)
            #expect(summary.dossiers == 40)
            let store = DossierStore(database.sql)
            var lines: [String] = []
            for unit in ["00070", "00073"] {
                let unitID = try #require(try await UnitStore(database.sql).find(code: unit, validOn: LocalDate(iso: "2026-06-30")!)).id
                for code in try await store.codes(receivedBy: unitID) {
                    let dossier = try #require(try await store.find(code: DossierCode(parsing: code)!))
                    let events = try await store.events(of: dossier)
                    // The projection always matches the last event.
                    #expect(events.last?.statusAfter == dossier.state.status)
                    #expect(events.allSatisfy { $0.occurredAt <= now })
                    lines.append("\(code) \(dossier.state.status.rawValue) \(events.map(\.action).joined(separator: ","))")
                }
            }
            #expect(try await AuditTrail.verify(on: database.sql).isIntact)
            return lines
        }
    }

    @Test func theSameSeedMakesTheSameDossiers() async throws {
        let first = try await make(seed: 42)
        let second = try await make(seed: 42)
        #expect(first == second)
        #expect(try await make(seed: 43) != first)
        // A realistic mix: most returned, some still open, some late with an apology.
        #expect(first.contains { $0.contains(" returned ") })
        #expect(first.contains { $0.contains("issueApology") } || first.contains { $0.contains("requestSupplement") })
    }
}
