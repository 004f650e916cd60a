import Domain
import Foundation
import SQLKit

extension CalendarStore {
    /// Applies a checked change in one transaction, with its row in the audit trail. A year that had no
    /// stored rows first receives its pre-filled provisional rows, so that editing one day does not drop the
    /// others.
    public static func apply(
        _ edit: CalendarEdit, actorID: Int64, at time: Date, on database: Database,
        statutory: StatutoryHolidays = .init()
    ) async throws {
        try edit.validate()
        try await database.transaction { session in
            let store = CalendarStore(session)
            if try await store.rows(in: edit.year).isEmpty {
                for row in statutory.provisionalYear(edit.year) { try await store.insert(row, at: time) }
            }
            let record: AuditRecord
            switch edit {
            case .set(let row):
                let previous = try await store.row(on: row.date)
                try await store.delete(on: row.date)
                try await store.insert(row, at: time)
                record = AuditRecord(
                    actorID: actorID, action: "calendar.set", objectType: "calendarDay", objectID: row.date.iso,
                    reason: "\(row.kind.title): \(row.name) — \(row.reference)"
                        + (previous.map { " (thay \($0.kind.title): \($0.name))" } ?? ""))
            case .swap(let dayOff, let workday, let name, let reference):
                for row in [
                    CalendarDay(date: dayOff, kind: .swappedOff, name: name, reference: reference),
                    CalendarDay(date: workday, kind: .swappedWorkday, name: "Làm bù cho ngày \(dayOff.vietnamese)", reference: reference),
                ] {
                    try await store.delete(on: row.date)
                    try await store.insert(row, at: time)
                }
                record = AuditRecord(
                    actorID: actorID, action: "calendar.swap", objectType: "calendarDay", objectID: dayOff.iso,
                    reason: "nghỉ \(dayOff.iso), làm bù \(workday.iso) — \(reference)")
            case .remove(let date, let reason):
                guard let previous = try await store.row(on: date) else { throw CalendarEdit.Problem.nothingToRemove }
                try await store.delete(on: date)
                record = AuditRecord(
                    actorID: actorID, action: "calendar.remove", objectType: "calendarDay", objectID: date.iso,
                    reason: "\(previous.kind.title): \(previous.name) — \(reason)")
            case .confirm(let year, let reference):
                let provisional = try await store.rows(in: year).filter(\.isProvisional)
                guard !provisional.isEmpty else { throw CalendarEdit.Problem.nothingToConfirm }
                try await session.update("calendar_days").set("is_provisional", to: false).set("reference", to: reference)
                    .set("updated_at", to: time.milliseconds)
                    .where("year", .equal, Int64(year)).where("is_provisional", .equal, true).run()
                record = AuditRecord(
                    actorID: actorID, action: "calendar.confirm", objectType: "calendarYear", objectID: String(year),
                    reason: "\(provisional.count) ngày — \(reference)")
            }
            try await AuditTrail.append(record, at: time, on: session)
        }
    }

    /// Replaces every year a calendar file covers with the file's rows, in one transaction, with one audit row
    /// per year (how many rows, and the file's source). Returns how many rows each year had before.
    @discardableResult
    public static func load(_ file: CalendarFile, actorID: Int64?, at time: Date, on database: Database) async throws -> [Int: Int] {
        try await database.transaction { session in
            let store = CalendarStore(session)
            var before: [Int: Int] = [:]
            for year in file.years {
                before[year] = try await store.rows(in: year).count
                try await session.delete(from: "calendar_days").where("year", .equal, Int64(year)).run()
                let rows = file.days.filter { $0.date.year == year }
                for row in rows { try await store.insert(row, at: time) }
                try await AuditTrail.append(
                    AuditRecord(
                        actorID: actorID, action: "calendar.load", objectType: "calendarYear", objectID: String(year),
                        reason: "\(rows.count) ngày thay \(before[year] ?? 0) ngày — \(file.source)"),
                    at: time, on: session)
            }
            return before
        }
    }

    /// Sets a unit's own office hours (nil: back to the default), with its audit row, in one transaction.
    public static func setOfficeHours(_ hours: OfficeHours?, of unitID: Int64, actorID: Int64, at time: Date, on database: Database)
        async throws
    {
        try await database.transaction { session in
            let store = CalendarStore(session)
            if let hours {
                try await store.setOfficeHours(hours, of: unitID)
            } else {
                try await session.delete(from: "unit_office_hours").where("unit_id", .equal, unitID).run()
            }
            try await AuditTrail.append(
                AuditRecord(
                    actorID: actorID, unitID: unitID, action: "unit.officeHours", objectType: "unit", objectID: String(unitID),
                    reason: hours?.text ?? "mặc định"),
                at: time, on: session)
        }
    }

    /// A number that changes whenever the table changes, so that several instances can tell when to reload.
    public func version() async throws -> String {
        let row = try await database.select()
            .column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
            .column(SQLFunction("MAX", args: SQLColumn("updated_at")), as: "latest")
            .from("calendar_days").first()
        let count = try row?.decode(column: "n", as: Int64.self) ?? 0
        let latest: Int64? = try row.flatMap { try $0.decode(column: "latest", as: Int64?.self) }
        return "\(count)-\(latest ?? 0)"
    }
}
