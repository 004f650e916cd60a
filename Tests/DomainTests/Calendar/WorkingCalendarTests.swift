import Domain
import Testing

@Suite struct WorkingCalendarTests {
    let calendar = WorkingCalendar(rows: OfficialCalendar.rows)

    @Test(arguments: [
        ("2026-02-13", true), ("2026-02-14", false), ("2026-02-16", false), ("2026-02-20", false), ("2026-02-23", true),
        ("2026-04-27", false), ("2026-08-22", true), ("2026-08-31", false), ("2026-09-01", false), ("2026-09-03", true),
        ("2025-04-26", true), ("2025-05-02", false), ("2024-05-04", true), ("2024-04-29", false), ("2024-02-14", false),
        ("2024-02-15", true), ("2026-11-27", true), ("2026-11-28", false),
    ])
    func officialDays(iso: String, isWorking: Bool) {
        #expect(calendar.isWorkingDay(LocalDate(iso: iso)!) == isWorking)
    }

    /// Deadlines in working days: over a weekend, over Tết 2026 (16–20 Feb off), none at all.
    @Test(arguments: [
        ("2026-11-27", 1, "2026-11-30"), ("2026-02-13", 1, "2026-02-23"), ("2026-02-12", 5, "2026-02-26"), ("2026-11-27", 0, "2026-11-27"),
    ])
    func aDateSomeWorkingDaysLater(from: String, count: Int, expected: String) {
        #expect(calendar.date(workingDays: count, after: LocalDate(iso: from)!).iso == expected)
    }

    @Test func theShippedYearsAreOfficialAndOthersProvisional() {
        #expect(OfficialCalendar.years == [2024, 2025, 2026])
        #expect(!calendar.isProvisional(2026))
        #expect(calendar.isProvisional(2027))
        #expect(calendar.rows(in: 2026).allSatisfy { !$0.reference.isEmpty })
    }

    /// The shipped Tết rows fall on the days the lunar calendar gives (29/30 Chạp to mùng 4 or 5).
    @Test func shippedTetRowsAgreeWithTheLunarCalendar() {
        for row in OfficialCalendar.rows where row.name == "Tết Âm lịch" {
            let lunar = LunarCalendar.vietnam.lunar(from: row.date)
            #expect((lunar.month == 12 && lunar.day >= 28) || (lunar.month == 1 && lunar.day <= 5), "\(row.date) is \(lunar)")
        }
    }

    @Test(arguments: [
        // year, expected provisional days off on weekdays (holidays and compensatory)
        (
            2027,
            [
                "2027-01-01", "2027-02-05", "2027-02-08", "2027-02-09", "2027-02-10", "2027-02-11", "2027-04-16", "2027-04-30",
                "2027-05-03", "2027-09-02", "2027-09-03",
            ]
        ),
        (
            2028,
            [
                "2028-01-03", "2028-01-25", "2028-01-26", "2028-01-27", "2028-01-28", "2028-01-31", "2028-04-04", "2028-05-01",
                "2028-05-02", "2028-09-01", "2028-09-04",
            ]
        ),
    ])
    func aYearWithoutDecisionIsPrefilledFromTheStatutes(year: Int, weekdaysOff: [String]) {
        let rows = StatutoryHolidays().provisionalYear(year)
        #expect(rows.allSatisfy { $0.isProvisional })
        let off = rows.filter { !$0.date.isWeekend && !$0.kind.isWorked }.map(\.date.iso).sorted()
        #expect(off == weekdaysOff)
    }
}

extension WorkingCalendarTests {
    /// The days a change may alter, which bound the open dossiers whose due instants are recomputed after it.
    @Test func theDaysAChangeMayAlter() {
        let day = { (text: String) in LocalDate(iso: text)! }
        let cases: [(CalendarEdit, ClosedRange<LocalDate>)] = [
            (.set(CalendarDay(date: day("2026-11-24"), kind: .holiday, name: "x", reference: "y")), day("2026-11-24")...day("2026-11-24")),
            (
                .swap(dayOff: day("2026-01-02"), workday: day("2026-01-10"), name: "x", reference: "y"),
                day("2026-01-02")...day("2026-01-10")
            ),
            (
                .swap(dayOff: day("2026-08-31"), workday: day("2026-08-22"), name: "x", reference: "y"),
                day("2026-08-22")...day("2026-08-31")
            ),
            (.remove(day("2026-04-27"), reason: "x"), day("2026-04-27")...day("2026-04-27")),
            (.confirm(year: 2027, reference: "y"), day("2027-01-01")...day("2027-12-31")),
        ]
        for (edit, days) in cases { #expect(edit.days == days) }
    }
}
