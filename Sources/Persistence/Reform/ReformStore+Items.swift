import Domain
import Foundation
import SQLKit

extension ReformStore {
    /// Adds a session, site or milestone to a training or a pilot (with the task it continues, the items stay
    /// with the task they were added to).
    @discardableResult
    public func addItem(_ item: ReformTaskItem, by userID: Int64?, at time: Date) async throws -> Int64 {
        guard let task = try await task(id: item.taskID) else { throw Problem.notFound }
        let item = try item.validated(for: task.kind)
        return try await database.transaction { session in
            let row = try await session.insert(into: "reform_task_items")
                .columns("task_id", "kind", "title", "planned_on", "done_on", "registered", "attended", "created_by", "created_at")
                .values(
                    SQLBind(item.taskID), SQLBind(item.kind.rawValue), SQLBind(item.title), SQLBind(item.plannedOn?.iso),
                    SQLBind(item.doneOn?.iso),
                    SQLBind(item.registered), SQLBind(item.attended), SQLBind(userID), SQLBind(time.milliseconds)
                )
                .returning("id").first()
            guard let id = try row?.decode(column: "id", as: Int64.self) else {
                throw PersistenceError.corrupt("task item insert returned no id")
            }
            try await AuditTrail.append(
                AuditRecord(
                    actorID: userID, action: "reform.item", objectType: "reformTask", objectID: String(item.taskID),
                    reason: "\(item.kind.title) \(id)"), at: time, on: session)
            return id
        }
    }

    /// Records that a session was held (with its attendance) or a site or milestone reached, on a day.
    public func complete(item itemID: Int64, of taskID: Int64, on day: LocalDate, attended: Int?, by userID: Int64?, at time: Date)
        async throws
    {
        guard let item = try await items(of: taskID).first(where: { $0.id == itemID }), let task = try await task(id: taskID) else {
            throw Problem.notFound
        }
        var done = item
        done.doneOn = day
        if let attended { done.attended = attended }
        let attendance = try done.validated(for: task.kind).attended
        try await database.transaction { session in
            try await session.update("reform_task_items").set("done_on", to: day.iso).set("attended", to: SQLBind(attendance))
                .where("id", .equal, itemID).where("task_id", .equal, taskID).run()
            try await AuditTrail.append(
                AuditRecord(
                    actorID: userID, action: "reform.itemDone", objectType: "reformTask", objectID: String(taskID),
                    reason: "\(item.kind.title) \(itemID)"), at: time, on: session)
        }
    }

    public func items(of taskID: Int64) async throws -> [ReformTaskItem] {
        try await database.sql.select().column("*").from("reform_task_items").where("task_id", .equal, taskID).orderBy("id").all().map {
            row in
            func day(_ column: String) throws -> LocalDate? {
                try row.decode(column: column, as: String?.self).flatMap { LocalDate(iso: $0) }
            }
            return ReformTaskItem(
                id: try row.decode(column: "id", as: Int64.self), taskID: taskID,
                kind: try decodeEnum(row, "kind", as: ReformTaskItem.Kind.self),
                title: try row.decode(column: "title", as: String.self), plannedOn: try day("planned_on"), doneOn: try day("done_on"),
                registered: try row.decode(column: "registered", as: Int?.self), attended: try row.decode(column: "attended", as: Int?.self)
            )
        }
    }
}
