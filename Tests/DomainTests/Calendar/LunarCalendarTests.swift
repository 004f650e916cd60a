import Domain
import Testing

@Suite struct LunarCalendarTests {
    let calendar = LunarCalendar.vietnam

    @Test(arguments: [
        // Tết (1/1) of the domain note, and the two years where Vietnam (UTC+7) and China (UTC+8) differ.
        ("2024-02-10", LunarDate(day: 1, month: 1, year: 2024)),
        ("2025-01-29", LunarDate(day: 1, month: 1, year: 2025)),
        ("2026-02-17", LunarDate(day: 1, month: 1, year: 2026)),
        ("2027-02-06", LunarDate(day: 1, month: 1, year: 2027)),
        ("1985-01-21", LunarDate(day: 1, month: 1, year: 1985)),
        ("2007-02-17", LunarDate(day: 1, month: 1, year: 2007)),
        // Giỗ Tổ Hùng Vương (10/3).
        ("2024-04-18", LunarDate(day: 10, month: 3, year: 2024)),
        ("2025-04-07", LunarDate(day: 10, month: 3, year: 2025)),
        ("2026-04-26", LunarDate(day: 10, month: 3, year: 2026)),
        // The 2026 Tết break of Thông báo 9441/TB-BNV: 27 Chạp Ất Tỵ to mùng 6 Bính Ngọ.
        ("2026-02-14", LunarDate(day: 27, month: 12, year: 2025)),
        ("2026-02-22", LunarDate(day: 6, month: 1, year: 2026)),
        // The eves of new moons where a first estimate of the lunation is one too late (it gave "day 0").
        ("2054-05-07", LunarDate(day: 30, month: 3, year: 2054)),
        ("2062-04-09", LunarDate(day: 30, month: 2, year: 2062)),
        // Days of leap months: 2/2023 nhuận, 6/2025 nhuận.
        ("2023-03-22", LunarDate(day: 1, month: 2, year: 2023, isLeapMonth: true)),
        ("2025-07-25", LunarDate(day: 1, month: 6, year: 2025, isLeapMonth: true)),
    ])
    func knownDates(solar: String, lunar: LunarDate) throws {
        let date = try #require(LocalDate(iso: solar))
        #expect(calendar.lunar(from: date) == lunar)
        #expect(try calendar.solar(from: lunar) == date)
    }

    @Test(
        arguments: [
            (2020, 4), (2021, nil), (2022, nil), (2023, 2), (2024, nil), (2025, 6), (2026, nil), (2027, nil), (2028, 5),
            (2029, nil), (2030, nil), (2031, 3), (2032, nil), (2033, 11), (2034, nil), (2035, nil), (2036, 6), (2037, nil),
            (2038, nil), (2039, 5),
        ] as [(Int, Int?)])
    func leapMonthsOfThe2020sAnd2030s(year: Int, leapMonth: Int?) {
        #expect(calendar.leapMonth(ofLunarYear: year) == leapMonth)
    }

    @Test(arguments: [
        LunarDate(day: 30, month: 2, year: 2026),  // tháng 2 Bính Ngọ has 29 days (19/3–16/4/2026)
        LunarDate(day: 31, month: 5, year: 2026),
        LunarDate(day: 0, month: 5, year: 2026),
        LunarDate(day: 1, month: 13, year: 2026),
    ])
    func nonExistentDatesAreRefused(date: LunarDate) {
        #expect(throws: LunarCalendar.Problem.noSuchDate(date)) { try calendar.solar(from: date) }
    }

    @Test func aLeapFlagOnACommonMonthIsRefused() {
        let date = LunarDate(day: 1, month: 2, year: 2026, isLeapMonth: true)
        #expect(throws: LunarCalendar.Problem.notALeapMonth(date)) { try calendar.solar(from: date) }
        #expect(LunarCalendar.Problem.notALeapMonth(date).message == "Năm âm lịch 2026 không có tháng 2 nhuận.")
    }

    /// Every day from 1900 to 2100 converts to a lunar date and back to itself, and consecutive days are
    /// consecutive lunar days (a new month starts only on day 1).
    @Test func everyDayFrom1900To2100RoundTrips() throws {
        let first = LocalDate(year: 1900, month: 1, day: 1)!.dayNumber
        let last = LocalDate(year: 2100, month: 12, day: 31)!.dayNumber
        var previous = calendar.lunar(from: LocalDate(dayNumber: first - 1))
        var failures = 0
        for dayNumber in first...last {
            let date = LocalDate(dayNumber: dayNumber)
            let lunar = calendar.lunar(from: date)
            if (try? calendar.solar(from: lunar)) != date { failures += 1 }
            let continues = lunar.day == previous.day + 1 && lunar.month == previous.month && lunar.isLeapMonth == previous.isLeapMonth
            if !continues, lunar.day != 1 || !(28...30).contains(previous.day) { failures += 1 }
            previous = lunar
        }
        #expect(failures == 0)
    }

    @Test func yearNamesFollowTheSexagenaryCycle() {
        #expect(LunarDate(day: 1, month: 1, year: 2026).yearName == "Bính Ngọ")
        #expect(LunarDate(day: 1, month: 1, year: 2025).yearName == "Ất Tỵ")
        #expect(LunarDate(day: 1, month: 1, year: 1985).yearName == "Ất Sửu")
    }
}
