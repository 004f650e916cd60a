import Domain
import Foundation
import SQLKit

/// The 2026 New Year swap, missing from the shipped rows until issue 21: Friday 2 Jan 2026 off, Saturday 10 Jan
/// worked (Official Letter 12729/VPCP-KGVX of 25 Dec 2025; Calendar/Data/SOURCES.md). A database created since
/// has the rows from migration 005; an older one receives them here, unless a row already stands on that day
/// (the secretariat entered the swap, or decided otherwise): the table stays the truth.
struct AddNewYearSwap2026: Migration {
    let name = "031-add-2026-new-year-swap"
    static let dates = [LocalDate(year: 2026, month: 1, day: 2)!, LocalDate(year: 2026, month: 1, day: 10)!]

    func prepare(on database: any SQLDatabase) async throws {
        let store = CalendarStore(database)
        for row in OfficialCalendar.rows where Self.dates.contains(row.date) {
            if try await store.row(on: row.date) == nil { try await store.insert(row, at: Date()) }
        }
    }

    /// Leaves the rows: they are the official calendar, and a day may have been relied on since.
    func revert(on database: any SQLDatabase) async throws {}
}
