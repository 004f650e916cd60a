import SQLKit

/// Every backup taken (`motcua backup`): when, where, how much, how long — the operations page shows the last.
struct AddBackupRuns: Migration {
    let name = "027-add-backup-runs"

    func prepare(on database: any SQLDatabase) async throws {
        try await database.create(table: "backup_runs")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("at", type: .bigint, .notNull)
            .column("folder", type: .text, .notNull)
            .column("engine", type: .text, .notNull)
            .column("tables", type: .int, .notNull)
            .column("rows", type: .bigint, .notNull)
            .column("files", type: .bigint, .notNull)
            .column("file_bytes", type: .bigint, .notNull)
            .column("milliseconds", type: .bigint, .notNull)
            .run()
    }

    func revert(on database: any SQLDatabase) async throws {
        try await database.drop(table: "backup_runs").run()
    }
}
