import Foundation

/// The years of history a table that grows with every dossier is kept in, one partition per year on
/// PostgreSQL (issue 10: 20 years of history). A year is a calendar year in Hanoi time; a partition holds the
/// rows whose instant falls in [start of 1 January, start of the next 1 January).
public enum HistoryYears {
    /// The year of Hanoi's calendar an instant falls in.
    public static func year(of instant: Date, clock: LocalClock = LocalClock()) -> Int {
        clock.localDate(instant).year
    }

    /// The instants a year spans: [its first moment, the next year's first moment).
    public static func bounds(of year: Int, clock: LocalClock = LocalClock()) -> (start: Date, end: Date) {
        ReportingPeriod.year(of: LocalDate(unchecked: year, 1, 1)).bounds(clock)
    }

    /// The years to add a partition for, oldest first: every year that has rows (`rows`, the span of the
    /// instants found outside any year's partition), this year and the next — so that a new year's rows
    /// always find their partition — less the years that have one.
    public static func missing(existing: Set<Int>, rows: ClosedRange<Int>?, currentYear: Int) -> [Int] {
        var wanted: Set<Int> = [currentYear, currentYear + 1]
        if let rows { wanted.formUnion(rows) }
        return wanted.subtracting(existing).sorted()
    }
}
