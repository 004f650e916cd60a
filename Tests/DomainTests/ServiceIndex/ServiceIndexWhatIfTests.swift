import Domain
import Foundation
import Testing

/// What-if: completing open dossiers by the end of the period moves the counts exactly as the counters
/// would move — an overdue dossier adds a late completion, one not yet due an on-time one.
@Suite struct ServiceIndexWhatIfTests {
    static let clock = LocalClock()
    static func at(_ text: String) -> Date { clock.instant(parsing: text)! }
    static let calculator = DeadlineCalculator(calendar: WorkingCalendar(rows: OfficialCalendar.rows))
    static let october = (LocalDate(iso: "2026-10-01")!, LocalDate(iso: "2026-11-01")!)

    static func open(_ id: Int64, received: String, due: String, electronic: Bool = false) -> DossierStatistics.Facts {
        DossierStatistics.Facts(
            id: id, channel: .inPerson, receivedAt: at(received), dueAt: at(due), finishedAt: nil, outcome: .open,
            service: ServiceFacts(electronicResult: electronic), ofCitizen: true)
    }

    @Test(arguments: [
        // (due, completed at, on time?)
        ("2026-10-09T17:00", "2026-10-30T17:00", false),
        ("2026-11-20T17:00", "2026-10-30T17:00", true),
        ("2026-10-30T17:00", "2026-10-30T17:00", true),
    ])
    func completingByTheEndOfThePeriod(due: String, completed: String, onTime: Bool) {
        let before = Self.open(1, received: "2026-10-05T09:00", due: due, electronic: true)
        let after = ServiceIndexWhatIf.completing(before, at: Self.at(completed))
        let changes = ServiceIndexWhatIf.changes(
            from: [before], to: [after], period: Self.october.0, Self.october.1, calculator: Self.calculator)
        #expect(changes[.finished] == 1 && changes[.electronicResult] == 1)
        #expect((changes[.early] ?? 0) + (changes[.onTime] ?? 0) == (onTime ? 1 : 0))
        #expect(changes[.late] == (onTime ? nil : 1))
        // Applied to the counts: 2.1 goes from 2 of 3 to 3 of 4 or 2 of 4.
        let counts: [ServiceIndexMeasure: ServiceIndexScore.Count] = [
            .completedOnTime: .init(numerator: 2, denominator: 3),
            .electronicResult: .init(numerator: 1, denominator: 3),
        ]
        let adjusted = ServiceIndexWhatIf.adjusted(counts, by: changes)
        #expect(adjusted[.completedOnTime] == .init(numerator: onTime ? 3 : 2, denominator: 4))
        #expect(adjusted[.electronicResult] == .init(numerator: 2, denominator: 4))
        #expect(adjusted[.syncedToNationalPortal] == .zero)
    }

    @Test func aCompletionAfterThePeriodChangesNothingInIt() {
        let before = Self.open(1, received: "2026-10-05T09:00", due: "2026-10-09T17:00")
        let after = ServiceIndexWhatIf.completing(before, at: Self.at("2026-11-03T09:00"))
        let changes = ServiceIndexWhatIf.changes(
            from: [before], to: [after], period: Self.october.0, Self.october.1, calculator: Self.calculator)
        #expect(changes.isEmpty)
    }
}
