import Domain
import Foundation
import SQLKit

/// The year partitions of the history tables on PostgreSQL (issue 10): which exist, and the step housekeeping
/// runs to add this year's and next year's ahead of time and to give a year to rows that wait in a table's
/// catch-all partition (restored or imported old records). Several instances may run it at once: each
/// partition is made under one advisory lock. On SQLite the tables are single and there is nothing to do.
public struct YearPartitions: Sendable {
    let database: Database

    public init(_ database: Database) { self.database = database }

    /// A partitioned table as it stands.
    public struct Status: Sendable, Equatable {
        public var table: String
        public var years: [Int]
        /// Rows in the catch-all partition: none, unless a year still waits for its partition.
        public var rowsWithoutYear: Int
    }

    /// The partitioned tables with their years; empty on SQLite.
    public func status() async throws -> [Status] {
        guard database.kind == .postgres else { return [] }
        var result: [Status] = []
        for table in YearPartitionedTable.all {
            guard let years = try await Self.years(of: table, on: database.sql) else { continue }
            let waiting = try await database.sql.raw("SELECT COUNT(*) AS n FROM ONLY \(ident: table.defaultPartition)").first()?.decode(
                column: "n", as: Int.self)
            result.append(Status(table: table.name, years: years.sorted(), rowsWithoutYear: waiting ?? 0))
        }
        return result
    }

    /// Adds the partitions missing at `now`: this year's, next year's, those of the years that have rows in a
    /// catch-all partition (moved into their year's), and those of `years` (made ahead of an import of old
    /// records, so its rows go straight to their year). Returns the partitions made.
    @discardableResult
    public func ensure(at now: Date, including years: ClosedRange<Int>? = nil) async throws -> [String] {
        guard database.kind == .postgres else { return [] }
        var made: [String] = []
        for table in YearPartitionedTable.all {
            guard let existing = try await Self.years(of: table, on: database.sql) else { continue }
            let wanted = [try await Self.years(ofRowsIn: table.defaultPartition, table, on: database.sql), years].compactMap { $0 }
            let span = wanted.isEmpty ? nil : wanted.map(\.lowerBound).min()!...wanted.map(\.upperBound).max()!
            for year in HistoryYears.missing(existing: existing, rows: span, currentYear: HistoryYears.year(of: now)) {
                let created = try await database.transaction { session in
                    try await session.raw("SELECT pg_advisory_xact_lock(\(literal: Self.lockKey))").run()
                    // Making a partition locks its table for a moment; behind a long reader (a backup) it would hold
                    // up every write queued after it. Give up after 2 s instead: the next round tries again.
                    try await session.raw("SET LOCAL lock_timeout = '2s'").run()
                    return try await Self.create(table, year: year, parent: table.name, on: session)
                }
                if created { made.append(table.partition(year)) }
            }
        }
        return made
    }

    /// The advisory lock under which partitions are made ("MCYP").
    static let lockKey: Int64 = 0x4D43_5950

    /// The years a table has a partition for; nil when the table is not partitioned.
    static func years(of table: YearPartitionedTable, on database: any SQLDatabase) async throws -> Set<Int>? {
        let parent = try await database.raw(
            "SELECT relkind = 'p' AS partitioned FROM pg_class WHERE oid = to_regclass(\(bind: table.name))"
        ).first()
        guard try parent?.decode(column: "partitioned", as: Bool.self) == true else { return nil }
        let rows = try await database.raw(
            """
            SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = to_regclass(\(bind: table.name))
            """
        ).all()
        return Set(try rows.compactMap { table.year(ofPartition: try $0.decode(column: "name", as: String.self)) })
    }

    /// The years from the oldest to the newest row of `relation` (its own rows only: a partition, or a table).
    static func years(ofRowsIn relation: String, _ table: YearPartitionedTable, on database: any SQLDatabase) async throws -> ClosedRange<
        Int
    >? {
        let span = try await database.raw(
            """
            SELECT MIN(\(ident: table.column)) AS first, MAX(\(ident: table.column)) AS last FROM ONLY \(ident: relation)
            """
        ).first()
        guard let first = try span?.decode(column: "first", as: Int64?.self), let last = try span?.decode(column: "last", as: Int64?.self)
        else { return nil }
        return HistoryYears.year(of: Date(milliseconds: first))...HistoryYears.year(of: Date(milliseconds: last))
    }

    /// Makes a year's partition of `parent` (the table, or the table being built by the migration) unless it
    /// exists, first taking that year's rows out of the catch-all partition and putting them back after, as
    /// PostgreSQL refuses a partition for rows its default partition holds. Runs in the caller's transaction.
    @discardableResult
    static func create(_ table: YearPartitionedTable, year: Int, parent: String, on session: any SQLDatabase) async throws -> Bool {
        let partition = table.partition(year)
        let exists = try await session.raw("SELECT to_regclass(\(bind: partition)) IS NOT NULL AS present").first()?.decode(
            column: "present", as: Bool.self)
        guard exists != true else { return false }
        let (start, end) = HistoryYears.bounds(of: year)
        let inYear = SQLQueryString(
            "\(ident: table.column) >= \(literal: start.milliseconds) AND \(ident: table.column) < \(literal: end.milliseconds)")
        let waiting =
            try await session.raw("SELECT 1 AS one FROM ONLY \(ident: table.defaultPartition) WHERE \(inYear) LIMIT 1").first() != nil
        if waiting {
            try await session.raw("CREATE TEMPORARY TABLE motcua_moving_rows (LIKE \(ident: parent)) ON COMMIT DROP").run()
            try await session.raw(
                """
                WITH moved AS (DELETE FROM ONLY \(ident: table.defaultPartition) WHERE \(inYear) RETURNING *)
                INSERT INTO motcua_moving_rows SELECT * FROM moved
                """
            ).run()
        }
        try await session.raw(
            """
            CREATE TABLE \(ident: partition) PARTITION OF \(ident: parent)
            FOR VALUES FROM (\(literal: start.milliseconds)) TO (\(literal: end.milliseconds))
            """
        ).run()
        if waiting {
            try await session.raw("INSERT INTO \(ident: parent) SELECT * FROM motcua_moving_rows").run()
            try await session.raw("DROP TABLE motcua_moving_rows").run()
        }
        return true
    }
}
