import Domain
import Foundation
import Testing

/// A year of history is a calendar year in Hanoi (UTC+7): it starts at 17:00 UTC on 31 December.
@Suite struct HistoryYearsTests {
    struct Instant: Sendable, CustomTestStringConvertible {
        var utc: String
        var year: Int
        var testDescription: String { "\(utc) → \(year)" }
    }

    static let instants: [Instant] = [
        Instant(utc: "2025-12-31T16:59:59Z", year: 2025),
        Instant(utc: "2025-12-31T17:00:00Z", year: 2026),
        Instant(utc: "2026-06-15T00:00:00Z", year: 2026),
        Instant(utc: "2026-12-31T16:59:59Z", year: 2026),
        Instant(utc: "2026-12-31T17:00:00Z", year: 2027),
        Instant(utc: "2008-02-29T12:00:00Z", year: 2008),
    ]

    @Test(arguments: instants) func theYearOfAnInstantIsHanois(_ instant: Instant) throws {
        let date = try #require(ISO8601DateFormatter().date(from: instant.utc))
        #expect(HistoryYears.year(of: date) == instant.year)
        let bounds = HistoryYears.bounds(of: instant.year)
        #expect(bounds.start <= date && date < bounds.end)
    }

    @Test func aYearEndsWhereTheNextBegins() throws {
        let formatter = ISO8601DateFormatter()
        #expect(HistoryYears.bounds(of: 2026).start == formatter.date(from: "2025-12-31T17:00:00Z"))
        #expect(HistoryYears.bounds(of: 2026).end == HistoryYears.bounds(of: 2027).start)
        #expect(HistoryYears.bounds(of: 2028).end.timeIntervalSince(HistoryYears.bounds(of: 2028).start) == 366 * 86_400)  // a leap year
    }

    struct Plan: Sendable, CustomTestStringConvertible {
        var existing: Set<Int>
        var rows: ClosedRange<Int>?
        var currentYear: Int
        var missing: [Int]
        var testDescription: String {
            "existing \(existing.sorted()), rows \(rows.map { "\($0)" } ?? "none") in \(currentYear) → \(missing)"
        }
    }

    static let plans: [Plan] = [
        Plan(existing: [], rows: nil, currentYear: 2026, missing: [2026, 2027]),  // a new database
        Plan(existing: [2026, 2027], rows: nil, currentYear: 2026, missing: []),  // nothing to do
        Plan(existing: [2026, 2027], rows: nil, currentYear: 2027, missing: [2028]),  // a new year: the next one ahead
        Plan(existing: [2026, 2027], rows: 2009...2011, currentYear: 2026, missing: [2009, 2010, 2011]),  // old records restored
        Plan(existing: [2010], rows: 2009...2011, currentYear: 2026, missing: [2009, 2011, 2026, 2027]),
        Plan(existing: [2026, 2027], rows: 2027...2027, currentYear: 2026, missing: []),  // its year was made meanwhile
    ]

    @Test(arguments: plans) func theMissingYears(_ plan: Plan) {
        #expect(HistoryYears.missing(existing: plan.existing, rows: plan.rows, currentYear: plan.currentYear) == plan.missing)
    }

    @Test(
        arguments: [
            ([], []),
            ([2026], [2026...2026]),
            ([2027, 2026, 2026], [2026...2027]),
            ([2009, 2024, 2025, 2026, 2028], [2009...2009, 2024...2026, 2028...2028]),
        ] as [([Int], [ClosedRange<Int>])])
    func yearsAsRuns(_ years: [Int], _ runs: [ClosedRange<Int>]) {
        #expect(HistoryYears.runs(years) == runs)
    }
}
