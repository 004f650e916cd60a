import Domain
import Foundation
import Persistence
import SQLKit
import TestSupport
import Testing

/// On PostgreSQL the history tables (dossiers' events, the audit trail) are partitioned by year: new rows land
/// in their year's partition, old ones wait in the catch-all partition until housekeeping gives their year one,
/// a year's query reads only its partition, and the migration keeps every row and the numbering. On SQLite
/// the tables stay single and the same calls change nothing.
@Suite struct YearPartitionsTests {
    static let clock = LocalClock()

    /// The partition a row of a table is stored in (PostgreSQL).
    static func partition(of table: String, where column: String, is value: Int64, on database: Database) async throws -> String? {
        try await database.sql.raw("SELECT tableoid::regclass::text AS name FROM \(ident: table) WHERE \(ident: column) = \(bind: value)")
            .first()?
            .decode(column: "name", as: String.self)
    }

    @Test func newRowsLandInTheirYear() async throws {
        try await TestDatabase.with { database in
            let now = Date()
            let year = HistoryYears.year(of: now)
            let entry = try await database.transaction {
                try await AuditTrail.append(
                    AuditRecord(actorID: nil, action: "test.now", objectType: "test", objectID: "1"), at: now, on: $0)
            }
            let status = try await YearPartitions(database).status()
            switch database.kind {
            case .sqlite:
                #expect(status.isEmpty)
            case .postgres:
                #expect(status.map(\.table) == ["dossier_events", "audit_log"])
                #expect(status.allSatisfy { $0.years.contains(year) && $0.years.contains(year + 1) && $0.rowsWithoutYear == 0 })
                #expect(
                    try await Self.partition(of: "audit_log", where: "sequence", is: entry.sequence, on: database) == "audit_log_y\(year)")
            }
            #expect(try await YearPartitions(database).ensure(at: now).isEmpty)
        }
    }

    @Test func oldRowsWaitUntilHousekeepingGivesTheirYearAPartition() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("motcua-partitions-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        let old = try #require(Self.clock.instant(parsing: "2009-05-04T09:30"))
        let manifest = try await TestDatabase.with { database in
            let entry = try await database.transaction {
                try await AuditTrail.append(
                    AuditRecord(actorID: nil, action: "test.old", objectType: "test", objectID: "2009"), at: old, on: $0)
            }
            let made = try await YearPartitions(database).ensure(at: Date())
            if database.kind == .postgres {
                #expect(made == ["audit_log_y2009"])
                #expect(try await Self.partition(of: "audit_log", where: "sequence", is: entry.sequence, on: database) == "audit_log_y2009")
                #expect(try await YearPartitions(database).status().allSatisfy { $0.rowsWithoutYear == 0 })
            } else {
                #expect(made.isEmpty)
            }
            #expect(try await YearPartitions(database).ensure(at: Date()).isEmpty)  // once is enough
            #expect(try await AuditTrail.verify(on: database.sql).isIntact)
            return try await Backup(database: database, dataDirectory: root + "/source").write(to: root + "/backup", at: Date())
        }
        // A backup holds the tables, not their partitions; restored, the old year gets its partition again.
        #expect(!manifest.tables.keys.contains { $0.contains("_y2") || $0.hasSuffix("_default") })
        try await TestDatabase.with { database in
            try await Backup(database: database, dataDirectory: root + "/target").restore(from: root + "/backup")
            if database.kind == .postgres {
                let audit = try #require(try await YearPartitions(database).status().first { $0.table == "audit_log" })
                #expect(audit.years.contains(2009) && audit.rowsWithoutYear == 0)
            }
            #expect(try await AuditTrail.verify(on: database.sql).isIntact)
        }
    }

    /// Several instances run housekeeping at once: each missing year is made once, nobody fails.
    @Test func concurrentHousekeepingMakesEachYearOnce() async throws {
        try await TestDatabase.with { database in
            let old = try #require(Self.clock.instant(parsing: "2011-03-08T10:00"))
            try await database.transaction {
                try await AuditTrail.append(
                    AuditRecord(actorID: nil, action: "test.old", objectType: "test", objectID: "2011"), at: old, on: $0)
            }
            let made = try await withThrowingTaskGroup(of: [String].self) { group in
                for _ in 0..<4 { group.addTask { try await YearPartitions(database).ensure(at: Date(), including: 2012...2013) } }
                return try await group.reduce(into: []) { $0 += $1 }
            }
            if database.kind == .postgres {
                #expect(
                    made.sorted() == [
                        "audit_log_y2011", "audit_log_y2012", "audit_log_y2013", "dossier_events_y2012", "dossier_events_y2013",
                    ])
                #expect(try await YearPartitions(database).status().allSatisfy { $0.rowsWithoutYear == 0 })
            } else {
                #expect(made.isEmpty)
            }
        }
    }

    /// Making a partition waits for readers of its table (a backup's snapshot) at most 2 s, so writes queued
    /// behind it are not held up longer; the next round makes it. (No clock in the test: the reader holds on
    /// until the step has given up.)
    @Test func aLongReaderPostponesANewPartition() async throws {
        try await TestDatabase.with { database in
            guard database.kind == .postgres else { return }
            let old = try #require(Self.clock.instant(parsing: "2012-09-02T08:00"))
            try await database.transaction {
                try await AuditTrail.append(
                    AuditRecord(actorID: nil, action: "test.old", objectType: "test", objectID: "2012"), at: old, on: $0)
            }
            // The reader holds the table until the housekeeping step is over (at most a minute, so that a step that
            // waited for it instead of giving up would still end, and fail the test).
            let (locked, holding) = AsyncStream<Void>.makeStream()
            let (released, release) = AsyncStream<Void>.makeStream()
            let reading = Task {
                try await database.transaction { session in
                    _ = try await session.raw("SELECT COUNT(*) AS n FROM audit_log").all()
                    holding.finish()
                    for await _ in released {}
                }
            }
            let deadline = Task {
                try? await Task.sleep(for: .seconds(60))
                release.finish()
            }
            for await _ in locked {}
            await #expect(throws: (any Error).self) { try await YearPartitions(database).ensure(at: Date()) }
            release.finish()
            deadline.cancel()
            try await reading.value
            #expect(try await YearPartitions(database).ensure(at: Date()) == ["audit_log_y2012"])
        }
    }

    @Test func aYearsQueryReadsOnlyThatYearsPartition() async throws {
        try await TestDatabase.with { database in
            guard database.kind == .postgres else { return }
            let (start, end) = HistoryYears.bounds(of: HistoryYears.year(of: Date()))
            let plan = try await database.sql.raw(
                """
                EXPLAIN SELECT dossier_id FROM dossier_events WHERE action = 'returnResult'
                AND occurred_at >= \(bind: start.milliseconds) AND occurred_at < \(bind: end.milliseconds)
                """
            ).all().map { try $0.decode(column: "QUERY PLAN", as: String.self) }.joined(separator: "\n")
            #expect(plan.contains("dossier_events_y\(HistoryYears.year(of: Date()))"))
            #expect(!plan.contains("dossier_events_default") && !plan.contains("dossier_events_y\(HistoryYears.year(of: Date()) + 1)"))
        }
    }

    /// Dossiers made across a new year before the migration, then the migration: the same rows (canonical
    /// hashes), in their years' partitions, and new events numbered after the old ones.
    @Test func theMigrationKeepsEveryRowAndTheNumbering() async throws {
        try await TestDatabase.with { database in
            let runner = MigrationRunner(database: database)
            let later = Migrations.all.map(\.name).drop { $0 != "029-partition-history-by-year" }
            for name in later.reversed() { #expect(try await runner.revertLast(logger: TestDatabase.logger) == name) }
            #expect(try await YearPartitions(database).status().isEmpty)
            try await DemoCatalogue.load(on: database, at: Date())
            let calendar = WorkingCalendar(rows: OfficialCalendar.rows)
            let desk = DossierDesk(database: database) { _, _ in DeadlineCalculator(calendar: calendar) }
            let synthetic = SyntheticDossiers(database: database, desk: desk, calendar: calendar)
            try await synthetic.make(
                count: 12, seed: 7, unitCodes: ["00070"], from: LocalDate(iso: "2025-12-20")!, to: LocalDate(iso: "2026-01-10")!,
                now: Self.clock.instant(parsing: "2026-01-31T17:00")!)
            let before = try await Backup(database: database, dataDirectory: "/nonexistent").tableHashes()
            let lastEvent =
                try await database.sql.raw("SELECT MAX(id) AS id FROM dossier_events").first()?.decode(column: "id", as: Int64.self) ?? 0
            // MUT
            #expect(try await runner.migrate(logger: TestDatabase.logger) == Array(later))
            // validate
            // (Later migrations change the columns of some tables, whose hashes change by design: 030 drops one of units,
            // 034 adds the draft's declaration and contacts, 035 the dossier's consulted unit. The history tables this
            // migration rebuilds are compared whole.)
            let reshaped: Set<String> = ["units", "online_drafts", "dossiers"]
            #expect(
                try await Backup(database: database, dataDirectory: "/nonexistent").tableHashes().filter { !reshaped.contains($0.key) }
                    == before.filter { !reshaped.contains($0.key) })
            if database.kind == .postgres {
                let status = try await YearPartitions(database).status()
                #expect(status.count == 2 && status.allSatisfy { $0.rowsWithoutYear == 0 })
                let events = try #require(status.first { $0.table == "dossier_events" })
                #expect(events.years.contains(2025) && events.years.contains(2026))
                let partitions = try await database.sql.raw("SELECT DISTINCT tableoid::regclass::text AS name FROM dossier_events").all()
                    .map { try $0.decode(column: "name", as: String.self) }
                #expect(Set(partitions) == ["dossier_events_y2025", "dossier_events_y2026"])
            }
            try await synthetic.make(
                count: 2, seed: 8, unitCodes: ["00070"], from: LocalDate(iso: "2026-02-02")!, to: LocalDate(iso: "2026-02-03")!,
                now: Self.clock.instant(parsing: "2026-02-28T17:00")!)
            let firstNew = try await database.sql.raw(
                "SELECT MIN(id) AS id FROM dossier_events WHERE occurred_at >= \(bind: Self.clock.instant(parsing: "2026-02-01T00:00")!.milliseconds)"
            )
            .first()?.decode(column: "id", as: Int64.self)
            #expect(try #require(firstNew) > lastEvent)
            #expect(try await AuditTrail.verify(on: database.sql).isIntact)
        }
    }
}
