import SQLKit

/// The parts a training course or a pilot is followed by: sessions (day, participants registered and
/// attending), sites and milestones (planned, reached).
struct AddReformTaskItems: Migration {
    let name = "026-add-reform-task-items"

    func prepare(on database: any SQLDatabase) async throws {
        try await database.create(table: "reform_task_items")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("task_id", type: .bigint, .notNull, .references("reform_tasks", "id"))
            .column("kind", type: .text, .notNull)
            .column("title", type: .text, .notNull)
            .column("planned_on", type: .text)
            .column("done_on", type: .text)
            .column("registered", type: .int)
            .column("attended", type: .int)
            .column("created_by", type: .bigint)
            .column("created_at", type: .bigint, .notNull)
            .run()
        try await database.create(index: "reform_task_items_task").on("reform_task_items").column("task_id").run()
    }

    func revert(on database: any SQLDatabase) async throws {
        try await database.drop(table: "reform_task_items").run()
    }
}
