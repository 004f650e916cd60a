import ArgumentParser
import Domain
import Foundation
import Logging
import Persistence
import SQLKit
import Services

extension BenchCommand {
    /// Dossiers' events over N years on PostgreSQL, in the product's year-partitioned table against the same
    /// rows in a single table as before partitioning (its keys and references) — in the same run, on a
    /// temporary database of the given server, dropped afterwards.
    struct History: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Year-partitioned history against a single table: a year's report, a dossier's events, appends, retiring a year (PostgreSQL)."
        )
        @Option(name: .customLong("database-url"), help: "A PostgreSQL server (postgres://…); a temporary database is made on it.")
        var databaseURL = ProcessInfo.processInfo.environment["DATABASE_URL"] ?? ""
        @Option(help: "Years of history.") var years = 20
        @Option(name: .customLong("dossiers-per-year"), help: "Dossiers received each year.") var dossiersPerYear = 20_000
        @Option(name: .customLong("events-per-dossier"), help: "Events of each dossier.") var eventsPerDossier = 6
        @Option(help: "Repetitions of each measurement (the median is printed).") var repeats = 7

        func run() async throws {
            guard databaseURL.hasPrefix("postgres://") || databaseURL.hasPrefix("postgresql://") else {
                throw Refusal("--database-url: cần địa chỉ máy chủ PostgreSQL (postgres://…); phân vùng theo năm chỉ dùng với PostgreSQL.")
            }
            guard years >= 2, dossiersPerYear > 0, eventsPerDossier >= 2, repeats > 0 else {
                throw Refusal("Các tham số phải dương (ít nhất 2 năm, 2 sự kiện).")
            }
            let logger = {
                var logger = Logger(label: "bench")
                logger.logLevel = .error
                return logger
            }()
            try await Database.withScratchDatabase(onServer: databaseURL, prefix: "motcua_bench_", logger: logger) { database in
                try await MigrationRunner(database: database).migrate(logger: logger)
                try await measure(on: database)
            }
        }

        private func measure(on database: Database) async throws {
            let sql = database.sql
            try await DemoCatalogue.load(on: database, at: Date())
            let unit = try await sql.raw("SELECT id FROM units ORDER BY id LIMIT 1").first()!.decode(column: "id", as: Int64.self)
            let version = try await sql.raw("SELECT id FROM procedure_versions ORDER BY id LIMIT 1").first()!.decode(
                column: "id", as: Int64.self)
            let lastYear = HistoryYears.year(of: Date()) - 1, firstYear = lastYear - years + 1
            let first = HistoryYears.bounds(of: firstYear).start.milliseconds, last = HistoryYears.bounds(of: lastYear).end.milliseconds
            let dossiers = years * dossiersPerYear, day: Int64 = 86_400_000
            try await YearPartitions(database).ensure(at: Date(), including: firstYear...lastYear)

            // Dossiers spread evenly over the years; each has its events a day apart, the last one a return.
            let fill = try await ContinuousClock().measure {
                try await sql.raw(
                    """
                    INSERT INTO dossiers (code, receiving_unit_id, processing_unit_id, procedure_version_id, channel, applicant_kind, applicant_name,
                                          applicant_identifier, search_text, status, step, received_at, first_due_at, lock_version, is_demo)
                    SELECT 'BENCH-' || g, \(bind: unit), \(bind: unit), \(bind: version), 'inPerson', 'person', 'Nguyễn Văn A', '001095012345', 'bench',
                           'returned', 0, \(literal: first) + (g - 1) * \(literal: (last - first - Int64(eventsPerDossier) * day) / Int64(dossiers)),
                           0, 1, true
                    FROM generate_series(1::bigint, \(literal: dossiers)) g
                    """
                ).run()
                try await sql.raw(
                    """
                    INSERT INTO dossier_events (dossier_id, sequence, action, occurred_at, reason, detail, status_after, step_after)
                    SELECT d.id, s, CASE WHEN s = 1 THEN 'receive' WHEN s = \(literal: eventsPerDossier) THEN 'returnResult' ELSE 'process' END,
                           d.received_at + (s - 1) * \(literal: day), '', '{}', 'inProgress', s
                    FROM dossiers d CROSS JOIN generate_series(1::bigint, \(literal: eventsPerDossier)) s
                    """
                ).run()
                try await sql.raw("CREATE TABLE bench_events_single (LIKE dossier_events)").run()
                try await sql.raw("INSERT INTO bench_events_single SELECT * FROM dossier_events").run()
                try await sql.raw("ALTER TABLE bench_events_single ADD PRIMARY KEY (id)").run()
                try await sql.raw("ALTER TABLE bench_events_single ADD UNIQUE (dossier_id, sequence)").run()
                for (column, parent) in [("dossier_id", "dossiers"), ("actor_id", "users"), ("unit_id", "units")] {
                    try await sql.raw("ALTER TABLE bench_events_single ADD FOREIGN KEY (\(ident: column)) REFERENCES \(ident: parent) (id)")
                        .run()
                }
                try await sql.raw("ANALYZE dossiers, dossier_events, bench_events_single").run()
            }
            let events = dossiers * eventsPerDossier
            let waiting = try await YearPartitions(database).status().first { $0.table == "dossier_events" }?.rowsWithoutYear ?? -1
            print(
                "history: \(years) years (\(firstYear)–\(lastYear)), \(dossiers) dossiers, \(events) events in each table; made in "
                    + String(format: "%.1f s", BenchTiming.seconds(fill)) + "; rows outside a year's partition: \(waiting)")

            // A year's report: the returns of the middle year (the statistics' "returned in the period").
            let (start, end) = HistoryYears.bounds(of: firstYear + years / 2)
            func report(_ table: String) async throws -> [Double] {
                try await BenchTiming.times(repeats) {
                    _ = try await sql.raw(
                        """
                        SELECT COUNT(DISTINCT dossier_id) AS n FROM \(ident: table)
                        WHERE action = 'returnResult' AND occurred_at >= \(bind: start.milliseconds) AND occurred_at < \(bind: end.milliseconds)
                        """
                    ).first()
                }
            }
            line("a year's returns (report)", try await report("bench_events_single"), try await report("dossier_events"), unit: "ms")

            // A dossier's events (every dossier page): of dossiers received in the last year (the most read), and
            // of dossiers spread over all the years.
            func sample(_ condition: SQLQueryString) async throws -> [(Int64, Int64)] {
                try await sql.raw("SELECT id, received_at FROM dossiers WHERE \(condition) ORDER BY id % 7919, id LIMIT 200").all()
                    .map { (try $0.decode(column: "id", as: Int64.self), try $0.decode(column: "received_at", as: Int64.self)) }
            }
            let recent = try await sample("received_at >= \(literal: HistoryYears.bounds(of: lastYear).start.milliseconds)")
            let anyYear = try await sample("TRUE")
            func history(_ table: String, _ dossiers: [(Int64, Int64)]) async throws -> [Double] {
                try await BenchTiming.times(repeats) {
                    for (id, received) in dossiers {  // as DossierStore.events(of:) reads them
                        _ = try await sql.raw(
                            """
                            SELECT * FROM \(ident: table) WHERE dossier_id = \(bind: id) AND occurred_at >= \(bind: received - Int64(DossierStore.clockDifference * 1000)) ORDER BY sequence
                            """
                        ).all()
                    }
                }.map { $0 / Double(dossiers.count) }
            }
            line(
                "a last year's dossier's events", try await history("bench_events_single", recent),
                try await history("dossier_events", recent), unit: "ms")
            line(
                "any year's dossier's events", try await history("bench_events_single", anyYear),
                try await history("dossier_events", anyYear), unit: "ms")

            // Appending this year's events, 100 rows a statement (the intake's write path routes each row).
            let appendCount = 20_000, now = Date().milliseconds
            func append(_ table: String, from base: Int64) async throws -> Double {
                BenchTiming.seconds(
                    try await ContinuousClock().measure {
                        for batch in stride(from: 0, to: appendCount, by: 100) {
                            try await sql.raw(
                                """
                                INSERT INTO \(ident: table) (id, dossier_id, sequence, action, occurred_at, reason, detail, status_after, step_after)
                                SELECT \(literal: base) + g, 1 + g % \(literal: dossiers), 100 + g, 'process', \(literal: now), '', '{}', 'inProgress', 0
                                FROM generate_series(\(literal: Int64(batch)), \(literal: Int64(batch + 99))) g
                                """
                            ).run()
                        }
                    })
            }
            let base = Int64(events) + 1
            let singleAppend = try await append("bench_events_single", from: base)
            let partitionedAppend = try await append("dossier_events", from: base)
            print(
                Self.padded("appending \(appendCount) events")
                    + String(
                        format: "single %10.0f rows/s   partitioned %10.0f rows/s   ratio %.2f",
                        Double(appendCount) / singleAppend, Double(appendCount) / partitionedAppend, singleAppend / partitionedAppend))

            // Retiring the oldest year (after it is archived): a DELETE against detaching and dropping its partition.
            let oldest = HistoryYears.bounds(of: firstYear)
            let deleting = BenchTiming.seconds(
                try await ContinuousClock().measure {
                    try await sql.raw("DELETE FROM bench_events_single WHERE occurred_at < \(bind: oldest.end.milliseconds)").run()
                })
            let detaching = BenchTiming.seconds(
                try await ContinuousClock().measure {
                    try await sql.raw("ALTER TABLE dossier_events DETACH PARTITION \(ident: "dossier_events_y\(firstYear)")").run()
                    try await sql.raw("DROP TABLE \(ident: "dossier_events_y\(firstYear)")").run()
                })
            print(
                Self.padded("retiring the oldest year")
                    + String(
                        format: "DELETE %10.1f ms       DETACH + DROP %8.1f ms  ratio %.1f",
                        deleting * 1000, detaching * 1000, deleting / detaching))
        }

        static func padded(_ label: String) -> String { label.padding(toLength: 32, withPad: " ", startingAt: 0) }

        /// One measurement's medians, the single table first (the baseline).
        private func line(_ label: String, _ single: [Double], _ partitioned: [Double], unit: String) {
            let a = BenchTiming.median(single), b = BenchTiming.median(partitioned)
            print(Self.padded(label) + String(format: "single %10.3f %@       partitioned %10.3f %@   ratio %.2f", a, unit, b, unit, a / b))
        }
    }
}
