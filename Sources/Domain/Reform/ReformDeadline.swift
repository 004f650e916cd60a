import Foundation

/// A reform task's deadline as the working group writes it: a date ("30/6/2026"), a month ("tháng 6/2026"),
/// a quarter ("quý I/2026" — the quarter's last working day), or a year ("năm 2026"). A period's deadline is its
/// last working day in the working calendar (issue 9).
public enum ReformDeadline: Sendable, Equatable, Hashable, Codable {
    case date(LocalDate)
    case month(year: Int, month: Int)
    case quarter(year: Int, quarter: Int)
    case year(Int)

    /// Reads the usual Vietnamese forms (with or without diacritics, any case): "quý I/2026", "Quý 3/2023",
    /// "quy IV nam 2025", "tháng 6/2026", "năm 2026", "30/6/2026", "2026-06-30". Nil for anything else.
    public init?(parsing text: String) {
        let folded = VietnameseText.folded(text).trimmingCharacters(in: .whitespaces).lowercased()
            .replacingOccurrences(of: " nam ", with: "/").replacingOccurrences(of: " ", with: "")
        if let date = LocalDate(iso: folded) {
            self = .date(date)
            return
        }
        func year(_ text: Substring) -> Int? { Int(text).flatMap { (2000...2100).contains($0) ? $0 : nil } }
        if folded.hasPrefix("quy") {
            let parts = folded.dropFirst(3).split(separator: "/")
            let romans = ["i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4]
            guard parts.count == 2, let quarter = romans[String(parts[0])], let year = year(parts[1]) else { return nil }
            self = .quarter(year: year, quarter: quarter)
        } else if folded.hasPrefix("thang") {
            let parts = folded.dropFirst(5).split(separator: "/")
            guard parts.count == 2, let month = Int(parts[0]), (1...12).contains(month), let year = year(parts[1]) else { return nil }
            self = .month(year: year, month: month)
        } else if folded.hasPrefix("nam") || folded.hasPrefix("/") {
            guard let year = year(folded.drop { !$0.isNumber }) else { return nil }
            self = .year(year)
        } else {
            let parts = folded.split(separator: "/")
            guard parts.count == 3, let day = Int(parts[0]), let month = Int(parts[1]), let year = year(parts[2]),
                let date = LocalDate(year: year, month: month, day: day)
            else { return nil }
            self = .date(date)
        }
    }

    /// The period's first and last days (a date is its own period).
    public var period: (first: LocalDate, last: LocalDate) {
        switch self {
        case .date(let date): (date, date)
        case .month(let year, let month):
            (
                LocalDate(year: year, month: month, day: 1)!,
                LocalDate(year: month == 12 ? year + 1 : year, month: month % 12 + 1, day: 1)!.adding(days: -1)
            )
        case .quarter(let year, let quarter):
            (
                LocalDate(year: year, month: quarter * 3 - 2, day: 1)!,
                LocalDate(year: quarter == 4 ? year + 1 : year, month: quarter == 4 ? 1 : quarter * 3 + 1, day: 1)!.adding(days: -1)
            )
        case .year(let year): (LocalDate(year: year, month: 1, day: 1)!, LocalDate(year: year, month: 12, day: 31)!)
        }
    }

    /// The day the task is due: the date itself, or the period's last working day.
    public func dueDate(in calendar: WorkingCalendar) -> LocalDate {
        if case .date(let date) = self { return date }
        var day = period.last
        while !calendar.isWorkingDay(day), day > period.first { day = day.adding(days: -1) }
        return day
    }

    /// As the working group writes it.
    public var text: String {
        switch self {
        case .date(let date): date.vietnamese
        case .month(let year, let month): "Tháng \(month)/\(year)"
        case .quarter(let year, let quarter): "Quý \(["I", "II", "III", "IV"][quarter - 1])/\(year)"
        case .year(let year): "Năm \(year)"
        }
    }
}
