import SQLKit

/// A running job's lease: the instance running it renews it; a job whose lease ran out died with its
/// instance and is ended by any other (several instances on one database).
struct AddJobLeases: Migration {
    let name = "028-add-job-leases"

    func prepare(on database: any SQLDatabase) async throws {
        try await database.alter(table: "jobs").column("lease_until", type: .bigint).run()
    }

    func revert(on database: any SQLDatabase) async throws {
        try await database.alter(table: "jobs").dropColumn("lease_until").run()
    }
}
