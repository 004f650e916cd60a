import Foundation

/// The official rows shipped with the product (2024–2026, with the legal reference of each; see
/// Calendar/Data/SOURCES.md). They seed the calendar table on first start; afterwards the table is the truth.
public enum OfficialCalendar {
    struct File: Decodable {
        var days: [CalendarDay]
    }

    /// The shipped rows, by date. A damaged resource is a build defect, so it stops the program loudly.
    public static let rows: [CalendarDay] = {
        guard let url = Bundle.module.url(forResource: "official-days", withExtension: "json", subdirectory: "Data"),
              let data = try? Data(contentsOf: url),
              let file = try? JSONDecoder().decode(File.self, from: data)
        else { fatalError("Calendar/Data/official-days.json is missing or unreadable") }
        return file.days.sorted { $0.date < $1.date }
    }()

    /// The years the shipped rows cover.
    public static var years: Set<Int> { Set(rows.map(\.date.year)) }
}
