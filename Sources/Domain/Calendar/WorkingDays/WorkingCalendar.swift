/// Which days are worked (ngày làm việc), over a span of years: Monday–Friday, less the rows of the yearly
/// calendar that are days off, plus the swapped Saturdays that are worked. Years with no rows at all are
/// pre-filled from ``StatutoryHolidays`` and marked provisional.
///
/// Lookups are table look-ups: the n-th working day after a date is one array index, which is what makes
/// a due date cost a handful of reads (see `motcua bench calendar`).
public struct WorkingCalendar: Sendable {
    public let years: ClosedRange<Int>
    /// Every row in force, official and provisional, by date.
    public let days: [LocalDate: CalendarDay]
    /// The Julian Day Number of 1 January of the first year.
    let firstDayNumber: Int
    /// The working days of the span, as day numbers in increasing order.
    let workingDays: [Int32]
    /// For each day of the span: the index in `workingDays` of the first working day on or after it.
    let firstWorkingIndex: [Int32]

    /// Builds the calendar from the stored rows, pre-filling the years of `years` that have none.
    public init(rows: [CalendarDay], years: ClosedRange<Int> = 2000...2100, statutory: StatutoryHolidays = .init()) {
        self.years = years
        let coveredYears = Set(rows.map(\.date.year))
        var byDate: [LocalDate: CalendarDay] = [:]
        for row in rows where years.contains(row.date.year) { byDate[row.date] = row }
        for year in years where !coveredYears.contains(year) {
            for row in statutory.provisionalYear(year) where byDate[row.date] == nil { byDate[row.date] = row }
        }
        self.days = byDate
        let first = LocalDate(unchecked: years.lowerBound, 1, 1).dayNumber
        let last = LocalDate(unchecked: years.upperBound, 12, 31).dayNumber
        firstDayNumber = first
        var working: [Int32] = []
        working.reserveCapacity((last - first + 1) * 5 / 7 + 8)
        var firstIndex = [Int32](repeating: 0, count: last - first + 2)
        for dayNumber in first...last {
            firstIndex[dayNumber - first] = Int32(working.count)
            let date = LocalDate(dayNumber: dayNumber)
            let isWorked = byDate[date].map(\.kind.isWorked) ?? !date.isWeekend
            if isWorked { working.append(Int32(dayNumber)) }
        }
        firstIndex[last - first + 1] = Int32(working.count)
        workingDays = working
        firstWorkingIndex = firstIndex
    }

    public func covers(_ date: LocalDate) -> Bool { years.contains(date.year) }

    /// Whether the date is worked; dates outside the span follow the plain Monday–Friday week.
    public func isWorkingDay(_ date: LocalDate) -> Bool {
        guard covers(date) else { return !date.isWeekend }
        let index = Int(firstWorkingIndex[date.dayNumber - firstDayNumber])
        return index < workingDays.count && Int(workingDays[index]) == date.dayNumber
    }

    /// The row that explains why a date is special, if any.
    public func row(on date: LocalDate) -> CalendarDay? { days[date] }

    /// The rows of one year, by date.
    public func rows(in year: Int) -> [CalendarDay] {
        days.values.filter { $0.date.year == year }.sorted { $0.date < $1.date }
    }

    /// Whether the year's rows are all provisional (no official decision entered).
    public func isProvisional(_ year: Int) -> Bool {
        let rows = rows(in: year)
        return !rows.isEmpty && rows.allSatisfy(\.isProvisional)
    }

    // MARK: Indexed access for the deadline arithmetic

    /// The position of the first working day on or after `dayNumber`, or nil outside the span.
    func workingIndex(onOrAfter dayNumber: Int) -> Int? {
        let offset = dayNumber - firstDayNumber
        guard offset >= 0, offset < firstWorkingIndex.count - 1 else { return nil }
        return Int(firstWorkingIndex[offset])
    }

    /// The day number of the working day at a position, or nil past the span.
    func workingDay(at index: Int) -> Int? {
        index >= 0 && index < workingDays.count ? Int(workingDays[index]) : nil
    }
}

extension WorkingCalendar {
    /// The `count`-th working day after `date` (a deadline given in working days from an act on `date`).
    public func date(workingDays count: Int, after date: LocalDate) -> LocalDate {
        var day = date
        var left = max(0, count)
        while left > 0 {
            day = day.adding(days: 1)
            if isWorkingDay(day) { left -= 1 }
        }
        return day
    }
}
