import Domain
import Foundation
import SQLKit

/// The rows of the yearly calendar table and the office hours of units. Changes go through
/// ``CalendarEditing`` so that each is audited.
public struct CalendarStore: Sendable {
    let database: any SQLDatabase

    public init(_ database: any SQLDatabase) { self.database = database }

    public func insert(_ row: CalendarDay, at time: Date) async throws {
        try await database.insert(into: "calendar_days")
            .columns("date", "year", "kind", "name", "reference", "is_provisional", "updated_at")
            .values(
                SQLBind(row.date.iso), SQLBind(Int64(row.date.year)), SQLBind(row.kind.rawValue), SQLBind(row.name),
                SQLBind(row.reference), SQLBind(row.isProvisional), SQLBind(time.milliseconds)
            )
            .run()
    }

    /// Every stored row, by date.
    public func all() async throws -> [CalendarDay] {
        try await database.select().column("*").from("calendar_days").orderBy("date").all().map(Self.decode)
    }

    public func rows(in year: Int) async throws -> [CalendarDay] {
        try await database.select().column("*").from("calendar_days").where("year", .equal, Int64(year)).orderBy("date").all().map(
            Self.decode)
    }

    public func row(on date: LocalDate) async throws -> CalendarDay? {
        try await database.select().column("*").from("calendar_days").where("date", .equal, date.iso).first().map(Self.decode)
    }

    public func delete(on date: LocalDate) async throws {
        try await database.delete(from: "calendar_days").where("date", .equal, date.iso).run()
    }

    /// The working calendar built from the table (years without rows pre-filled as provisional).
    public func workingCalendar() async throws -> WorkingCalendar {
        WorkingCalendar(rows: try await all())
    }

    /// A unit's own office hours, if it has set them.
    public func officeHours(of unitID: Int64) async throws -> OfficeHours? {
        guard let row = try await database.select().column("hours").from("unit_office_hours").where("unit_id", .equal, unitID).first()
        else { return nil }
        let text = try row.decode(column: "hours", as: String.self)
        do {
            return try OfficeHours(parsing: text)
        } catch {
            throw PersistenceError.corrupt("office hours of unit \(unitID): \(text)")
        }
    }

    public func setOfficeHours(_ hours: OfficeHours, of unitID: Int64) async throws {
        try await database.delete(from: "unit_office_hours").where("unit_id", .equal, unitID).run()
        try await database.insert(into: "unit_office_hours").columns("unit_id", "hours").values(SQLBind(unitID), SQLBind(hours.text)).run()
    }

    static func decode(_ row: any SQLRow) throws -> CalendarDay {
        let text = try row.decode(column: "date", as: String.self)
        guard let date = LocalDate(iso: text) else { throw PersistenceError.corrupt("calendar date \(text)") }
        return CalendarDay(
            date: date, kind: try decodeEnum(row, "kind", as: CalendarDay.Kind.self),
            name: try row.decode(column: "name", as: String.self), reference: try row.decode(column: "reference", as: String.self),
            isProvisional: try row.decode(column: "is_provisional", as: Bool.self))
    }
}
