/// Conversion between solar (dương lịch) and Vietnamese lunar (âm lịch) dates, computed astronomically for a
/// time zone — UTC+7 for Vietnam, which is why Vietnam's Tết differs from China's (UTC+8) in some years
/// (1985, 2007). Rules of the lunisolar calendar:
/// - a month starts on the local day of a new moon;
/// - month 11 is the month that contains the winter solstice;
/// - a year between two months 11 that holds 13 months gets one leap month: the first month after month 11
///   in which the sun enters no new zodiac sign (no major solar term), and it repeats the previous number.
/// The method and formulas are Hồ Ngọc Đức's (see ``LunarAstronomy`` and docs/CALENDAR.md). Valid for the
/// Gregorian years 1900–2100 at least (tested for round trips over that span).
public struct LunarCalendar: Sendable {
    /// The offset of local time from UTC in hours.
    public var utcOffsetHours: Double

    public init(utcOffsetHours: Double = 7) { self.utcOffsetHours = utcOffsetHours }

    /// Vietnam's calendar (UTC+7).
    public static let vietnam = LunarCalendar()

    /// Why a lunar date cannot be converted.
    public enum Problem: Error, Equatable, Sendable {
        /// The month has fewer days, or the month or day number is out of range.
        case noSuchDate(LunarDate)
        /// The leap flag was given for a month that is not the leap month of that year.
        case notALeapMonth(LunarDate)

        /// The reason in Vietnamese, for pages and the command line.
        public var message: String {
            switch self {
            case .noSuchDate(let date):
                "Không có ngày âm lịch \(date.day)/\(date.month)/\(date.year)\(date.isLeapMonth ? " (tháng nhuận)" : "")."
            case .notALeapMonth(let date): "Năm âm lịch \(date.year) không có tháng \(date.month) nhuận."
            }
        }
    }

    // MARK: Solar → lunar

    public func lunar(from date: LocalDate) -> LunarDate {
        let dayNumber = date.dayNumber
        // The estimate of k can be one lunation late when a new moon falls just after local midnight (e.g.
        // 2054-05-07, 2062-04-09): step back until the month starts on or before the day.
        var k = Int(((Double(dayNumber) - LunarAstronomy.epochNewMoon) / LunarAstronomy.synodicMonth).rounded(.down)) + 1
        var monthStart = newMoonDay(k)
        while monthStart > dayNumber {
            k -= 1
            monthStart = newMoonDay(k)
        }
        var month11 = self.month11(of: date.year)
        let nextMonth11: Int
        var lunarYear: Int
        if month11 >= monthStart {
            lunarYear = date.year
            nextMonth11 = month11
            month11 = self.month11(of: date.year - 1)
        } else {
            lunarYear = date.year + 1
            nextMonth11 = self.month11(of: date.year + 1)
        }
        let monthsAfter11 = (monthStart - month11) / 29
        var month = monthsAfter11 + 11
        var isLeap = false
        if nextMonth11 - month11 > 365 {
            let leapOffset = leapMonthOffset(afterMonth11: month11)
            if monthsAfter11 >= leapOffset {
                month = monthsAfter11 + 10
                isLeap = monthsAfter11 == leapOffset
            }
        }
        if month > 12 { month -= 12 }
        if month >= 11, monthsAfter11 < 4 { lunarYear -= 1 }
        return LunarDate(day: dayNumber - monthStart + 1, month: month, year: lunarYear, isLeapMonth: isLeap)
    }

    // MARK: Lunar → solar

    public func solar(from lunar: LunarDate) throws(Problem) -> LocalDate {
        guard (1...12).contains(lunar.month), (1...30).contains(lunar.day), (1...9998).contains(lunar.year) else {
            throw .noSuchDate(lunar)
        }
        let (month11, nextMonth11) =
            lunar.month < 11
            ? (self.month11(of: lunar.year - 1), self.month11(of: lunar.year))
            : (self.month11(of: lunar.year), self.month11(of: lunar.year + 1))
        let k = Int((0.5 + (Double(month11) - LunarAstronomy.epochNewMoon) / LunarAstronomy.synodicMonth).rounded(.down))
        var offset = (lunar.month - 11 + 12) % 12
        if nextMonth11 - month11 > 365 {
            let leapOffset = leapMonthOffset(afterMonth11: month11)
            let leapMonth = (leapOffset - 2 + 12) % 12
            if lunar.isLeapMonth, lunar.month != leapMonth { throw .notALeapMonth(lunar) }
            if lunar.isLeapMonth || offset >= leapOffset { offset += 1 }
        } else if lunar.isLeapMonth {
            throw .notALeapMonth(lunar)
        }
        let monthStart = newMoonDay(k + offset)
        let length = newMoonDay(k + offset + 1) - monthStart
        guard lunar.day <= length else { throw .noSuchDate(lunar) }
        return LocalDate(dayNumber: monthStart + lunar.day - 1)
    }

    /// The leap month of a lunar year (the number it repeats), or nil in a common year.
    public func leapMonth(ofLunarYear year: Int) -> Int? {
        for month in 1...12 where (try? solar(from: LunarDate(day: 1, month: month, year: year, isLeapMonth: true))) != nil {
            return month
        }
        return nil
    }

    // MARK: Building blocks

    /// The local day (JDN) on which the k-th new moon falls.
    func newMoonDay(_ k: Int) -> Int {
        Int((LunarAstronomy.newMoon(k) + 0.5 + utcOffsetHours / 24).rounded(.down))
    }

    /// The sun's longitude at the start of a local day, as one of 12 sectors of 30° (0 = 0°–30°).
    func sunSector(onDay dayNumber: Int) -> Int {
        Int((LunarAstronomy.sunLongitude(Double(dayNumber) - 0.5 - utcOffsetHours / 24) / Double.pi * 6).rounded(.down))
    }

    /// The first day (JDN) of lunar month 11 that begins in or before December of `year`: the month that
    /// holds the winter solstice (the sun at 270°, sector 9).
    func month11(of year: Int) -> Int {
        let offset = LocalDate(unchecked: year, 12, 31).dayNumber - 2_415_021
        let k = Int((Double(offset) / LunarAstronomy.synodicMonth).rounded(.down))
        let newMoon = newMoonDay(k)
        return sunSector(onDay: newMoon) >= 9 ? newMoonDay(k - 1) : newMoon
    }

    /// In a 13-month year, the position (1…12) after month 11 of the first month without a major solar term.
    func leapMonthOffset(afterMonth11 start: Int) -> Int {
        let k = Int(((Double(start) - LunarAstronomy.epochNewMoon) / LunarAstronomy.synodicMonth + 0.5).rounded(.down))
        var index = 1
        var sector = sunSector(onDay: newMoonDay(k + index))
        var previous: Int
        repeat {
            previous = sector
            index += 1
            sector = sunSector(onDay: newMoonDay(k + index))
        } while sector != previous && index < 14
        return index - 1
    }
}
