import Foundation

/// A period of local days, both ends included: a month, a quarter, a year or any range (the index and the
/// statistics are asked for these).
public struct ReportingPeriod: Sendable, Equatable, Hashable {
    public var from: LocalDate
    public var through: LocalDate

    public init(from: LocalDate, through: LocalDate) {
        self.from = from
        self.through = through
    }

    /// The day after the last one (periods are summed over [from, end)).
    public var end: LocalDate { through.adding(days: 1) }

    /// The period as instants: from the first day's midnight to the midnight after the last day.
    public func bounds(_ clock: LocalClock) -> (start: Date, end: Date) { (clock.start(of: from), clock.start(of: end)) }

    public static func month(_ year: Int, _ month: Int) -> ReportingPeriod {
        ReportingPeriod(
            from: LocalDate(year: year, month: month, day: 1)!,
            through: LocalDate(year: year, month: month, day: LocalDate.daysIn(month: month, year: year))!)
    }

    public static func month(of day: LocalDate) -> ReportingPeriod { month(day.year, day.month) }

    public static func quarter(of day: LocalDate) -> ReportingPeriod {
        let first = (day.month - 1) / 3 * 3 + 1
        return ReportingPeriod(from: month(day.year, first).from, through: month(day.year, first + 2).through)
    }

    public static func year(of day: LocalDate) -> ReportingPeriod {
        ReportingPeriod(from: month(day.year, 1).from, through: month(day.year, 12).through)
    }

    /// The month before the one of `day`.
    public static func previousMonth(of day: LocalDate) -> ReportingPeriod { month(of: month(of: day).from.adding(days: -1)) }

    /// The `count` months ending with the one of `last`, oldest first (a trend).
    public static func months(count: Int, endingWith last: LocalDate) -> [ReportingPeriod] {
        var months = [month(of: last)]
        while months.count < count { months.insert(previousMonth(of: months[0].from), at: 0) }
        return months
    }

    /// The whole months with a day in [from, through], in order.
    public static func months(covering from: LocalDate, _ through: LocalDate) -> [ReportingPeriod] {
        var months: [ReportingPeriod] = []
        var month = month(of: from)
        while month.from <= through {
            months.append(month)
            month = .month(of: month.end)
        }
        return months
    }

    /// The months the period touches, each whole, oldest first.
    public var months: [ReportingPeriod] {
        var result: [ReportingPeriod] = []
        var current = Self.month(of: from)
        while current.from <= through {
            result.append(current)
            current = Self.month(of: current.end)
        }
        return result
    }

    /// "10/2026" for a whole month, "Quý IV/2026", "Năm 2026", else "01/10/2026 – 15/10/2026".
    public var title: String {
        if self == Self.month(of: from) { return "\(LocalDate.padded(from.month, 2))/\(from.year)" }
        if self == Self.quarter(of: from), from.month % 3 == 1 {
            return "Quý \(["I", "II", "III", "IV"][(from.month - 1) / 3])/\(from.year)"
        }
        if self == Self.year(of: from) { return "Năm \(from.year)" }
        return "\(from.vietnamese) – \(through.vietnamese)"
    }
}
