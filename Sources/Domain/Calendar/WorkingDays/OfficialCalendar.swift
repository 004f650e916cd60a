import Foundation

/// The official rows shipped with the product (2024–2026, with the legal reference of each; see
/// Calendar/Data/SOURCES.md). They seed the calendar table on first start; afterwards the table is the truth.
public enum OfficialCalendar {
    /// The shipped rows, by date, read as any calendar file is (``CalendarFile``). A damaged resource is a build
    /// defect, so it stops the program loudly.
    public static let rows: [CalendarDay] = {
        guard let url = Bundle.module.url(forResource: "official-days", withExtension: "json", subdirectory: "Data"),
            let data = try? Data(contentsOf: url)
        else { fatalError("Calendar/Data/official-days.json is missing or unreadable") }
        do { return try CalendarFile(json: data).days } catch { fatalError("Calendar/Data/official-days.json: \(error)") }
    }()

    /// The years the shipped rows cover.
    public static var years: Set<Int> { Set(rows.map(\.date.year)) }
}
