import SQLKit

/// What follows a reform plan's tasks: evidence files of progress reports, the urging runs' digests (one per
/// unit and day, in the app and by e-mail), the working group's directives and announcements (the tasks they
/// create link back to them), and the public's star ratings of published announcements (one per reader).
struct AddReformFollowUp: Migration {
    let name = "025-add-reform-follow-up"

    func prepare(on database: any SQLDatabase) async throws {
        try await database.create(table: "reform_task_files")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("task_id", type: .bigint, .notNull, .references("reform_tasks", "id"))
            .column("event_id", type: .bigint, .references("reform_task_events", "id"))
            .column("sha256", type: .text, .notNull)
            .column("size", type: .bigint, .notNull)
            .column("file_type", type: .text, .notNull)
            .column("original_name", type: .text, .notNull)
            .column("uploaded_by", type: .bigint)
            .column("uploaded_at", type: .bigint, .notNull)
            .run()
        try await database.create(index: "reform_task_files_task").on("reform_task_files").column("task_id").run()
        try await database.create(table: "reform_urges")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("plan_id", type: .bigint, .notNull, .references("reform_plans", "id"))
            .column("unit_id", type: .bigint, .notNull, .references("units", "id"))
            .column("as_of", type: .text, .notNull)
            .column("due_soon", type: .int, .notNull)
            .column("overdue", type: .int, .notNull)
            .column("escalated", type: .boolean, .notNull)
            .column("body", type: .text, .notNull)
            .column("recipients", type: .text, .notNull)
            .column("actor_id", type: .bigint)
            .column("at", type: .bigint, .notNull)
            .unique("plan_id", "unit_id", "as_of")
            .run()
        try await database.create(table: "reform_directives")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("kind", type: .text, .notNull)
            .column("number", type: .text, .notNull)
            .column("issued_on", type: .text, .notNull)
            .column("issuer", type: .text, .notNull)
            .column("signer", type: .text, .notNull)
            .column("title", type: .text, .notNull)
            .column("summary", type: .text, .notNull)
            .column("search_text", type: .text, .notNull)
            .column("sha256", type: .text)
            .column("file_type", type: .text)
            .column("original_name", type: .text)
            .column("published_at", type: .bigint)
            .column("is_demo", type: .boolean, .notNull, .default(false))
            .column("created_by", type: .bigint)
            .column("created_at", type: .bigint, .notNull)
            .run()
        try await database.create(table: "reform_directive_ratings")
            .column("directive_id", type: .bigint, .notNull, .references("reform_directives", "id"))
            .column("reader", type: .text, .notNull)
            .column("stars", type: .int, .notNull)
            .column("at", type: .bigint, .notNull)
            .primaryKey("directive_id", "reader")
            .run()
        try await database.alter(table: "reform_tasks").column("directive_id", type: .bigint).run()
    }

    func revert(on database: any SQLDatabase) async throws {
        try await database.alter(table: "reform_tasks").dropColumn("directive_id").run()
        for table in ["reform_directive_ratings", "reform_directives", "reform_urges", "reform_task_files"] {
            try await database.drop(table: table).run()
        }
    }
}
