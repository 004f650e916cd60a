/// Day arithmetic on dates through the Julian Day Number (JDN) of the proleptic Gregorian calendar: the
/// count of days since 1 January 4713 BC (Julian), in which the astronomical formulas of the lunar calendar
/// are also written. 2000-01-01 has JDN 2 451 545.
extension LocalDate {
    /// The Julian Day Number of this date (noon-based, integral).
    public var dayNumber: Int {
        // Fliegel & Van Flandern's integer form: months counted from March so February is last.
        let a = (14 - month) / 12
        let y = year + 4800 - a
        let m = month + 12 * a - 3
        return day + (153 * m + 2) / 5 + 365 * y + y / 4 - y / 100 + y / 400 - 32045
    }

    /// The date with the given Julian Day Number (valid for years 1...9999).
    public init(dayNumber: Int) {
        let a = dayNumber + 32044
        let b = (4 * a + 3) / 146097
        let c = a - 146097 * b / 4
        let d = (4 * c + 3) / 1461
        let e = c - 1461 * d / 4
        let m = (5 * e + 2) / 153
        let day = e - (153 * m + 2) / 5 + 1
        let month = m + 3 - 12 * (m / 10)
        let year = 100 * b + d - 4800 + m / 10
        self.init(unchecked: year, month, day)
    }

    /// ISO weekday: 1 = Monday … 7 = Sunday.
    public var weekday: Int { dayNumber % 7 + 1 }

    public var isWeekend: Bool { weekday >= 6 }

    public func adding(days: Int) -> LocalDate { LocalDate(dayNumber: dayNumber + days) }

    /// Days from this date to `other` (positive when `other` is later).
    public func days(to other: LocalDate) -> Int { other.dayNumber - dayNumber }
}
