import Domain
import Foundation
import Testing

@Suite struct LocalDateTests {
    @Test(arguments: [
        ("2025-07-01", "01/07/2025"),
        ("2024-02-29", "29/02/2024"),
        ("2000-02-29", "29/02/2000"),
    ])
    func parsesAndFormats(iso: String, vietnamese: String) throws {
        let date = try #require(LocalDate(iso: iso))
        #expect(date.iso == iso)
        #expect(date.vietnamese == vietnamese)
    }

    @Test(arguments: ["2025-02-29", "1900-02-29", "2025-13-01", "2025-04-31", "25-07-01", "2025-7-1", "", "2025-07-01T00:00"])
    func rejectsDatesThatDoNotExist(text: String) {
        #expect(LocalDate(iso: text) == nil)
    }

    @Test func ordersChronologically() throws {
        let a = try #require(LocalDate(iso: "2025-06-30"))
        let b = try #require(LocalDate(iso: "2025-07-01"))
        #expect(a < b)
        let unit = OrgUnit(id: 1, code: "00070", name: "Phường Hàng Trống", kind: .ward, parentID: nil, validFrom: nil, validTo: a)
        #expect(unit.isValid(on: a))
        #expect(!unit.isValid(on: b))
    }

    @Test func decodesFromJSONAndRejectsBadText() throws {
        let good = try JSONDecoder().decode([LocalDate].self, from: Data(#"["2026-02-17"]"#.utf8))
        #expect(good.first?.iso == "2026-02-17")
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([LocalDate].self, from: Data(#"["17/02/2026"]"#.utf8)) }
    }
}

@Suite struct DayNumberTests {
    @Test(arguments: [
        ("2000-01-01", 2_451_545, 6), ("1900-01-01", 2_415_021, 1), ("2026-11-27", 2_461_372, 5), ("2100-12-31", 2_488_434, 5),
    ])
    func julianDayNumbersAndWeekdays(iso: String, dayNumber: Int, weekday: Int) throws {
        let date = try #require(LocalDate(iso: iso))
        #expect(date.dayNumber == dayNumber)
        #expect(LocalDate(dayNumber: dayNumber) == date)
        #expect(date.weekday == weekday)
    }

    @Test func addingDaysCrossesMonthsAndLeapYears() {
        #expect(LocalDate(iso: "2024-02-28")!.adding(days: 1).iso == "2024-02-29")
        #expect(LocalDate(iso: "2024-02-28")!.adding(days: 2).iso == "2024-03-01")
        #expect(LocalDate(iso: "2025-12-31")!.adding(days: 1).iso == "2026-01-01")
        #expect(LocalDate(iso: "2026-03-01")!.days(to: LocalDate(iso: "2026-02-01")!) == -28)
    }

    /// Date fields read day first, whatever the browser's language; the stored form still reads (issue 22).
    @Test(
        arguments: [
            ("07/12/2026", "2026-12-07"), ("7/12/2026", "2026-12-07"), (" 07.12.2026 ", "2026-12-07"), ("07-12-2026", "2026-12-07"),
            ("2026-12-07", "2026-12-07"), ("29/02/2024", "2024-02-29"),
            ("29/02/2026", nil), ("12/31/2026", nil), ("7/12/26", nil), ("07/12", nil), ("", nil), ("hôm nay", nil), ("٠٧/١٢/٢٠٢٦", nil),
        ] as [(String, String?)])
    func aTypedDateIsReadDayFirst(typed: String, iso: String?) {
        #expect(LocalDate(typed: typed)?.iso == iso)
    }
}
