import SQLKit

/// Per processing unit and local day, the counters the statistics table is summed from
/// (`DossierStatistics.Counter`; docs/STATISTICS.md). Kept up to date in the transaction of every intake and
/// action; `motcua statistics rebuild` recounts them from the dossiers.
struct CreateStatisticsCounters: Migration {
    let name = "012-create-statistics-counters"

    func prepare(on database: any SQLDatabase) async throws {
        try await database.create(table: "statistics_counters")
            .column("unit_id", type: .bigint, .notNull, .references("units", "id"))
            .column("counter", type: .text, .notNull)
            .column("day", type: .text, .notNull)
            .column("value", type: .bigint, .notNull)
            .unique("unit_id", "counter", "day")
            .run()
    }

    func revert(on database: any SQLDatabase) async throws {
        try await database.drop(table: "statistics_counters").run()
    }
}
