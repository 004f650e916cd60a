import Domain
import Foundation
import Testing

/// The statistics table against a fixture counted by hand (March 2026, one unit).
@Suite struct DossierStatisticsTests {
    static let clock = LocalClock()
    static func at(_ text: String) -> Date { clock.instant(parsing: text)! }
    typealias Facts = DossierStatistics.Facts

    static let fixture: [Facts] = [
        Facts(
            id: 1, channel: .inPerson, receivedAt: at("2026-02-20T09:00"), dueAt: at("2026-02-26T12:00"),
            finishedAt: at("2026-02-25T10:00"), outcome: .result),
        Facts(
            id: 2, channel: .inPerson, receivedAt: at("2026-02-26T09:00"), dueAt: at("2026-03-03T12:00"), finishedAt: nil, outcome: .open),
        Facts(
            id: 3, channel: .inPerson, receivedAt: at("2026-02-27T09:00"), dueAt: at("2026-03-04T17:00"),
            finishedAt: at("2026-03-02T10:00"), outcome: .result),
        Facts(
            id: 4, channel: .online, receivedAt: at("2026-03-02T09:00"), dueAt: at("2026-03-05T12:00"), finishedAt: at("2026-03-05T11:00"),
            outcome: .result,
            returnedAt: at("2026-03-06T09:00")),
        Facts(
            id: 5, channel: .inPerson, receivedAt: at("2026-03-03T09:00"), dueAt: at("2026-03-09T17:00"),
            finishedAt: at("2026-03-10T09:00"), outcome: .result,
            apologies: [at("2026-03-09T10:00")]),
        Facts(id: 6, channel: .post, receivedAt: at("2026-03-10T09:00"), dueAt: at("2026-04-02T12:00"), finishedAt: nil, outcome: .open),
        Facts(
            id: 7, channel: .inPerson, receivedAt: at("2026-03-11T09:00"), dueAt: at("2026-03-16T12:00"),
            finishedAt: at("2026-03-12T09:00"), outcome: .withdrawn),
        Facts(
            id: 8, channel: .inPerson, receivedAt: at("2026-03-12T09:00"), dueAt: at("2026-03-12T12:00"),
            finishedAt: at("2026-03-12T09:05"), outcome: .rejected),
        Facts(id: 9, channel: .online, receivedAt: at("2026-03-20T09:00"), dueAt: nil, finishedAt: nil, outcome: .open),
        Facts(
            id: 10, channel: .inPerson, receivedAt: at("2026-03-25T09:00"), dueAt: at("2026-03-30T12:00"),
            finishedAt: at("2026-03-27T15:00"), outcome: .ineligible),
        Facts(
            id: 11, channel: .inPerson, receivedAt: at("2026-04-02T09:00"), dueAt: at("2026-04-07T12:00"), finishedAt: nil, outcome: .open),
        Facts(
            id: 12, channel: .inPerson, receivedAt: at("2026-03-30T09:00"), dueAt: at("2026-04-02T12:00"),
            finishedAt: at("2026-04-03T09:00"), outcome: .result),
        // Ready in February, handed over in March: returned in March and nothing else.
        Facts(
            id: 13, channel: .online, receivedAt: at("2026-02-23T09:00"), dueAt: at("2026-02-27T12:00"), finishedAt: at("2026-02-26T10:00"),
            outcome: .result,
            returnedAt: at("2026-03-02T08:30")),
    ]

    static let table = DossierStatistics.table(
        fixture, from: at("2026-03-01T00:00"), to: at("2026-04-01T00:00"), clock: clock,
        calculator: DeadlineCalculator(calendar: WorkingCalendar(rows: OfficialCalendar.rows)))

    @Test(arguments: [
        (DossierStatistics.Figure.carriedOver, [2, 3] as [Int64]), (.newOnline, [4, 9]), (.newInPerson, [5, 7, 10, 12]), (.newPost, [6]),
        (.received, [2, 3, 4, 5, 6, 7, 9, 10, 12]), (.completed, [3, 4, 5, 10]), (.early, [3, 10]), (.onTime, [4]), (.late, [5]),
        (.pending, [2, 6, 9, 12]), (.pendingWithinDeadline, [6, 9, 12]), (.pendingOverdue, [2]),
        (.returned, [4, 13]), (.withdrawn, [7]), (.apologies, [5]),
    ])
    func eachFigureListsTheDossiersCountedByHand(figure: DossierStatistics.Figure, ids: [Int64]) {
        #expect((Self.table.dossiers[figure] ?? []).sorted() == ids)
    }

    /// The same table from the per-day counters the dossiers contribute to, as the store keeps them.
    static let counted: DossierStatistics.Table = {
        let calculator = DeadlineCalculator(calendar: WorkingCalendar(rows: OfficialCalendar.rows))
        let contributions = fixture.flatMap { DossierStatistics.contributions($0, calculator: calculator) }
        return DossierStatistics.table(.init(contributions, from: LocalDate(iso: "2026-03-01")!, to: LocalDate(iso: "2026-04-01")!))
    }()

    @Test(arguments: DossierStatistics.Figure.allCases)
    func theCountersGiveTheSameCounts(figure: DossierStatistics.Figure) {
        #expect(Self.counted.count(figure) == Self.table.count(figure))
    }

    @Test func theCountersGiveTheSameAverage() throws {
        #expect(abs(try #require(Self.counted.averageWorkingDays) - 3) < 0.001)
    }

    @Test func aChangeAddsTheNewContributionsAndTakesAwayTheOld() {
        let calculator = DeadlineCalculator(calendar: WorkingCalendar(rows: OfficialCalendar.rows))
        var open = Self.fixture[1]
        let before = DossierStatistics.contributions(open, calculator: calculator)
        open.finishedAt = Self.at("2026-03-03T15:00")
        open.outcome = .result
        let change = DossierStatistics.change(from: before, to: DossierStatistics.contributions(open, calculator: calculator))
        let day = LocalDate(iso: "2026-03-03")!
        // Finished late on its due day (due 12:00, finished 15:00): finished, late, due-and-finished, timed.
        #expect(
            Set(change.filter { $0.counter != .workingMilliDays }) == [
                .init(day: day, counter: .finished), .init(day: day, counter: .late), .init(day: day, counter: .dueAndFinished),
                .init(day: day, counter: .timed),
            ])
        #expect(DossierStatistics.change(from: before, to: before).isEmpty)
        // Refused at receipt: everything it had added is taken away.
        open.outcome = .rejected
        #expect(
            DossierStatistics.change(from: before, to: DossierStatistics.contributions(open, calculator: calculator)).allSatisfy {
                $0.value == -1
            })
    }

    @Test func sharesAndAverage() throws {
        #expect(Self.table.percent(.early) == 50)
        #expect(Self.table.percent(.pendingOverdue) == 25)
        #expect(Self.table.percent(.received) == nil)
        // Working days from receipt to completion: #3 9 h = 1.125, #4 26 h = 3.25, #5 40 h = 5, #10 21 h = 2.625 → 3.
        #expect(abs(try #require(Self.table.averageWorkingDays) - 3) < 0.0001)
    }

    @Test(arguments: [
        ("2026-03-04T09:00", "2026-03-05T12:00", DossierStatistics.Figure.early),
        ("2026-03-05T11:59", "2026-03-05T12:00", .onTime),
        ("2026-03-05T12:00", "2026-03-05T12:00", .onTime),
        ("2026-03-05T12:01", "2026-03-05T12:00", .late),
        ("2026-03-06T08:00", "2026-03-05T17:00", .late),
    ])
    func timeliness(finished: String, due: String, figure: DossierStatistics.Figure) {
        #expect(DossierStatistics.timeliness(finished: Self.at(finished), due: Self.at(due), clock: Self.clock) == figure)
    }
}
