import SQLKit

/// Reform plans and the working group's tasks: a plan per year, tasks with their source document, lead and
/// supporting units, deadline (as written and as a due day), kind, weight in their parent, PAR criteria served
/// and the task they continue when carried over; every progress report and every decision on a completion.
struct CreateReformPlans: Migration {
    let name = "024-create-reform-plans"

    func prepare(on database: any SQLDatabase) async throws {
        try await database.create(table: "reform_plans")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("year", type: .int, .notNull)
            .column("title", type: .text, .notNull)
            .column("is_demo", type: .boolean, .notNull, .default(false))
            .column("created_at", type: .bigint, .notNull)
            .unique("year")
            .run()
        try await database.create(table: "reform_tasks")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("plan_id", type: .bigint, .notNull, .references("reform_plans", "id"))
            .column("parent_id", type: .bigint, .references("reform_tasks", "id"))
            .column("content", type: .text, .notNull)
            .column("source", type: .text, .notNull)
            .column("lead_unit_id", type: .bigint, .notNull, .references("units", "id"))
            .column("supporting_unit_ids", type: .text, .notNull)
            .column("kind", type: .text, .notNull)
            .column("deadline", type: .text, .notNull)
            .column("due", type: .text, .notNull)
            .column("weight", type: .custom(SQLRaw("DOUBLE PRECISION")), .notNull)
            .column("par_criteria", type: .text, .notNull)
            .column("carried_from_id", type: .bigint, .references("reform_tasks", "id"))
            .column("created_at", type: .bigint, .notNull)
            .run()
        try await database.create(index: "reform_tasks_plan").on("reform_tasks").column("plan_id").run()
        try await database.create(index: "reform_tasks_lead").on("reform_tasks").column("lead_unit_id").run()
        try await database.create(table: "reform_task_events")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("task_id", type: .bigint, .notNull, .references("reform_tasks", "id"))
            .column("kind", type: .text, .notNull)
            .column("day", type: .text, .notNull)
            .column("percent", type: .int)
            .column("note", type: .text, .notNull)
            .column("actor_id", type: .bigint)
            .column("at", type: .bigint, .notNull)
            .run()
        try await database.create(index: "reform_task_events_task").on("reform_task_events").column("task_id").run()
    }

    func revert(on database: any SQLDatabase) async throws {
        for table in ["reform_task_events", "reform_tasks", "reform_plans"] { try await database.drop(table: table).run() }
    }
}
