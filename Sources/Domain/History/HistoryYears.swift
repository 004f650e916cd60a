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

    /// Years as runs of consecutive years, oldest first: [2009, 2024, 2025, 2026] → [2009...2009, 2024...2026].
    public static func runs(_ years: some Sequence<Int>) -> [ClosedRange<Int>] {
        var runs: [ClosedRange<Int>] = []
        for year in Set(years).sorted() {
            if let last = runs.last, last.upperBound + 1 == year {
                runs[runs.count - 1] = last.lowerBound...year
            } else {
                runs.append(year...year)
            }
        }
        return runs
    }
}
