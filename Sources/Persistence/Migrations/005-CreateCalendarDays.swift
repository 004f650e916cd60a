import Domain
import Foundation
import SQLKit

/// The yearly calendar table (the truth for working days), filled with the official 2024–2026 rows shipped
/// in Domain/Calendar/Data (their sources are in SOURCES.md there), and office hours per unit. Later edits
/// by the secretariat are audited; the shipped rows are data of the release, like the schema.
struct CreateCalendarDays: Migration {
    let name = "005-create-calendar-days"

    func prepare(on database: any SQLDatabase) async throws {
        try await database.create(table: "calendar_days")
            .column("date", type: .text, .primaryKey(autoIncrement: false))
            .column("year", type: .bigint, .notNull)
            .column("kind", type: .text, .notNull)
            .column("name", type: .text, .notNull)
            .column("reference", type: .text, .notNull)
            .column("is_provisional", type: .boolean, .notNull)
            .column("updated_at", type: .bigint, .notNull)
            .run()
        try await database.create(index: "calendar_days_year").on("calendar_days").column("year").run()
        try await database.create(table: "unit_office_hours")
            .column("unit_id", type: .bigint, .primaryKey(autoIncrement: false), .references("units", "id", onDelete: .cascade))
            .column("hours", type: .text, .notNull)
            .run()
        let now = Date()
        for row in OfficialCalendar.rows {
            try await CalendarStore(database).insert(row, at: now)
        }
    }

    func revert(on database: any SQLDatabase) async throws {
        try await database.drop(table: "unit_office_hours").run()
        try await database.drop(table: "calendar_days").run()
    }
}
