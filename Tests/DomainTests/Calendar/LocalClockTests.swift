import Domain
import Foundation
import Testing

/// A local day's start is midnight at the clock's offset, the same instant the parser reads.
@Suite struct LocalClockTests {
    @Test(arguments: [("2026-10-01", 420), ("2024-02-29", 420), ("1970-01-01", 0), ("2026-03-08", -300), ("2025-12-31", 330)])
    func theStartOfADayIsItsMidnight(day: String, offset: Int) {
        let clock = LocalClock(utcOffsetMinutes: offset)
        let date = LocalDate(iso: day)!
        #expect(clock.start(of: date) == clock.instant(parsing: day + "T00:00"))
        #expect(clock.localDate(clock.start(of: date)) == date)
        #expect(ReportingPeriod.month(of: date).bounds(clock).end == clock.start(of: ReportingPeriod.month(of: date).end))
    }
}
