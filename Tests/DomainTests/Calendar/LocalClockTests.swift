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

    /// A moment typed in a form: day first as pages show it, or the stored form of links; anything else is refused.
    @Test(
        arguments: [
            ("07/12/2026 09:30", "2026-12-07T09:30"), ("7/12/2026 9:30", "2026-12-07T09:30"), (" 07.12.2026  16h05 ", "2026-12-07T16:05"),
            ("2026-12-07T09:30", "2026-12-07T09:30"), ("2026-12-07 09:30", "2026-12-07T09:30"), ("07/12/2026", nil),
            ("07/12/2026 24:00", nil),
            ("31/02/2026 09:00", nil), ("07/12/26 09:30", nil), ("07/12/2026 9:3", nil), ("hôm nay 09:30", nil),
        ] as [(String, String?)])
    func aTypedMomentIsReadDayFirst(typed: String, expected: String?) {
        let clock = LocalClock(utcOffsetMinutes: 420)
        #expect(clock.instant(typed: typed) == expected.flatMap { clock.instant(parsing: $0) })
        if let moment = clock.instant(typed: typed) { #expect(clock.instant(typed: clock.text(moment)) == moment) }
    }
}
