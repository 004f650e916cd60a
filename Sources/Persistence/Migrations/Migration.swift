import Foundation
import Logging
import SQLKit

/// One change of the schema, written with SQLKit's DDL builders so that it runs unchanged on SQLite and
/// PostgreSQL. Changes are additive; instants are stored as BIGINT milliseconds since 1970 UTC (`*_at`),
/// calendar dates as TEXT `yyyy-MM-dd`, enumerations as their raw strings.
public protocol Migration: Sendable {
    /// A unique, stable name: `<number>-<what it does>`; recorded in `schema_migrations`.
    var name: String { get }
    func prepare(on database: any SQLDatabase) async throws
    func revert(on database: any SQLDatabase) async throws
}

/// Applies the migrations that have not run yet, in order, each in its own transaction.
public struct MigrationRunner: Sendable {
    public let database: Database
    public let migrations: [any Migration]

    public init(database: Database, migrations: [any Migration] = Migrations.all) {
        self.database = database
        self.migrations = migrations
    }

    /// The names of the migrations applied so far.
    public func applied() async throws -> Set<String> {
        try await database.sql.create(table: "schema_migrations")
            .ifNotExists()
            .column("name", type: .text, .primaryKey(autoIncrement: false))
            .column("applied_at", type: .bigint, .notNull)
            .run()
        let rows = try await database.sql.select().column("name").from("schema_migrations").all()
        return Set(try rows.map { try $0.decode(column: "name", as: String.self) })
    }

    /// Applies every pending migration; returns the names applied now.
    @discardableResult
    public func migrate(logger: Logger) async throws -> [String] {
        let done = try await applied()
        var appliedNow: [String] = []
        for migration in migrations where !done.contains(migration.name) {
            try await database.transaction { session in
                try await migration.prepare(on: session)
                try await session.insert(into: "schema_migrations")
                    .columns("name", "applied_at")
                    .values(SQLBind(migration.name), SQLBind(Date().milliseconds))
                    .run()
            }
            logger.info("migration applied", metadata: ["migration": "\(migration.name)"])
            appliedNow.append(migration.name)
        }
        return appliedNow
    }

    /// Reverts the most recent migration, if any.
    public func revertLast(logger: Logger) async throws -> String? {
        let done = try await applied()
        guard let last = migrations.last(where: { done.contains($0.name) }) else { return nil }
        try await database.transaction { session in
            try await last.revert(on: session)
            try await session.delete(from: "schema_migrations").where("name", .equal, last.name).run()
        }
        logger.info("migration reverted", metadata: ["migration": "\(last.name)"])
        return last.name
    }
}

extension SQLDataType {
    /// BOOLEAN on both databases (SQLite stores 0/1 with numeric affinity); SQLKit names no boolean type.
    static let boolean = SQLDataType.custom(SQLRaw("BOOLEAN"))
}
