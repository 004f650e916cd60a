import Domain
import Foundation
import Testing

/// The counters' table equals the table recounted from the dossiers, for random dossiers and periods.
@Suite struct CountersAgreeWithRecountTests {
    static let calculator = DeadlineCalculator(calendar: WorkingCalendar(rows: OfficialCalendar.rows))

    /// Dossiers received over three months, every outcome, paused ones, returns and apologies.
    static func dossiers(seed: UInt64, count: Int) -> [DossierStatistics.Facts] {
        var random = SeededRandom(seed: seed)
        let origin = LocalClock().instant(parsing: "2026-01-05T08:00")!
        func later(_ date: Date, hours: ClosedRange<Int>) -> Date {
            date.addingTimeInterval(Double(Int.random(in: hours, using: &random)) * 3600 + 60)
        }
        return (0..<count).map { index in
            let received = later(origin, hours: 0...(24 * 90))
            let due: Date? = random.chance(0.05) ? nil : later(received, hours: 4...(24 * 15))
            let outcomes: [DossierStatistics.Facts.Outcome] = [.open, .result, .result, .result, .ineligible, .withdrawn, .rejected]
            let outcome = outcomes[Int.random(in: 0..<outcomes.count, using: &random)]
            let finished: Date? = outcome == .open ? nil : later(received, hours: 0...(24 * 20))
            let returned: Date? = outcome == .result && random.chance(0.7) ? later(finished!, hours: 0...(24 * 5)) : nil
            let apologies: [Date] = random.chance(0.1) ? [later(received, hours: 1...48)] : []
            let channels: [Channel] = [.online, .inPerson, .post]
            let electronic = random.chance(0.5)
            let service = ServiceFacts(
                fullyOnlineOffered: random.chance(0.6), feeDue: random.chance(0.4), feePaidOnline: random.chance(0.5),
                digitised: random.chance(0.5), reusedDocuments: random.chance(0.2), populationChecked: random.chance(0.7),
                electronicResult: electronic, resultSynced: electronic && random.chance(0.5))
            return .init(
                id: Int64(index), channel: channels[Int.random(in: 0..<3, using: &random)], receivedAt: received, dueAt: due,
                finishedAt: finished, outcome: outcome, returnedAt: returned, apologies: apologies, service: service,
                ofCitizen: random.chance(0.8))
        }
    }

    @Test(arguments: [
        (1 as UInt64, "2026-02-01", "2026-03-01"), (2, "2026-01-01", "2026-02-01"), (3, "2026-03-10", "2026-03-11"),
        (4, "2026-02-15", "2026-05-01"), (5, "2025-12-01", "2026-01-01"),
    ])
    func sameCountsAsARecount(seed: UInt64, from: String, to: String) throws {
        let facts = Self.dossiers(seed: seed, count: 400)
        let clock = LocalClock()
        let start = LocalDate(iso: from)!, end = LocalDate(iso: to)!
        let recount = DossierStatistics.table(
            facts, from: clock.instant(parsing: from + "T00:00")!, to: clock.instant(parsing: to + "T00:00")!,
            clock: clock, calculator: Self.calculator)
        let counted = DossierStatistics.table(
            .init(facts.flatMap { DossierStatistics.contributions($0, calculator: Self.calculator) }, from: start, to: end))
        for figure in DossierStatistics.Figure.allCases {
            #expect(counted.count(figure) == recount.count(figure), "\(figure)")
        }
        #expect(abs((counted.averageWorkingDays ?? 0) - (recount.averageWorkingDays ?? 0)) < 0.001)
    }

    /// The service index's counts from the counters equal the measures' definitions (docs/SERVICE-INDEX.md)
    /// applied to the dossiers directly.
    @Test(arguments: [(11 as UInt64, "2026-02-01", "2026-03-01"), (12, "2026-01-01", "2026-04-01"), (13, "2026-03-10", "2026-03-11")])
    func serviceIndexCountsFollowTheirDefinitions(seed: UInt64, from: String, to: String) {
        let facts = Self.dossiers(seed: seed, count: 600)
        let clock = LocalClock()
        let start = LocalDate(iso: from)!, end = LocalDate(iso: to)!
        var sums: [DossierStatistics.Counter: Int] = [:]
        for item in facts.flatMap({ DossierStatistics.contributions($0, calculator: Self.calculator) })
        where start <= item.day && item.day < end {
            sums[item.counter, default: 0] += Int(item.value)
        }
        func counted(_ measure: ServiceIndexMeasure) -> [Int] {
            let pair = measure.counters!
            return [pair.numerator.reduce(0) { $0 + (sums[$1] ?? 0) }, pair.denominator.reduce(0) { $0 + (sums[$1] ?? 0) }]
        }
        func within(_ instant: Date?) -> Bool { instant.map { start <= clock.localDate($0) && clock.localDate($0) < end } ?? false }
        let received = facts.filter { $0.outcome != .rejected && within($0.receivedAt) }
        let completed = facts.filter { ($0.outcome == .result || $0.outcome == .ineligible) && within($0.finishedAt) }
        func definition(_ denominator: [DossierStatistics.Facts], _ numerator: (DossierStatistics.Facts) -> Bool) -> [Int] {
            [denominator.filter(numerator).count, denominator.count]
        }
        #expect(counted(.completedOnTime) == definition(completed) { dossier in dossier.dueAt.map { dossier.finishedAt! <= $0 } ?? true })
        #expect(counted(.fullyOnline) == definition(received.filter(\.service.fullyOnlineOffered)) { $0.channel == .online })
        #expect(counted(.paidOnline) == definition(received.filter(\.service.feeDue)) { $0.service.feePaidOnline })
        #expect(counted(.electronicResult) == definition(completed) { $0.service.electronicResult })
        #expect(counted(.digitised) == definition(received.filter { $0.channel == .inPerson }) { $0.service.digitised })
        #expect(counted(.reusedDocuments) == definition(received) { $0.service.reusedDocuments })
        #expect(counted(.resultSynced) == definition(completed.filter(\.service.electronicResult)) { $0.service.resultSynced })
        #expect(counted(.populationChecked) == definition(received.filter(\.ofCitizen)) { $0.service.populationChecked })
        #expect(received.count > 50 && completed.count > 20 || from == "2026-03-10")
    }
}
