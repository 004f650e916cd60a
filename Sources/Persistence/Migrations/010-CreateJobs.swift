import SQLKit

/// Long tasks started from the web (catalogue imports and exports): their state, their result file and who
/// started them.
struct CreateJobs: Migration {
    let name = "010-create-jobs"

    func prepare(on database: any SQLDatabase) async throws {
        try await database.create(table: "jobs")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("kind", type: .text, .notNull)
            .column("status", type: .text, .notNull)
            .column("message", type: .text, .notNull)
            .column("result_sha256", type: .text)
            .column("result_name", type: .text)
            .column("created_by", type: .bigint, .references("users", "id"))
            .column("created_at", type: .bigint, .notNull)
            .column("finished_at", type: .bigint)
            .run()
    }

    func revert(on database: any SQLDatabase) async throws {
        try await database.drop(table: "jobs").run()
    }
}
