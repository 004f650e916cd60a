import Foundation
import Logging
import PostgresKit
import SQLiteKit

/// The product's database: SQLite or PostgreSQL behind the one SQLKit interface, so every store runs the same
/// queries on both. Open it, `run()` it for as long as it is used (PostgreSQL's pool needs that), then `close()`.
public struct Database: Sendable {
    public enum Kind: String, Sendable { case sqlite, postgres }

    /// Statements on this handle each lease a connection; use ``transaction(_:)`` for several at once.
    public let sql: any SQLDatabase
    /// For reads that may lag the last commits by a moment — the statistics and index reports: PostgreSQL's
    /// streaming replica when `DATABASE_REPLICA_URL` is set (the primary when the replica does not answer), else
    /// ``sql``. Never for a read that follows the same person's write.
    public let reports: any SQLDatabase
    public let kind: Kind
    /// Where it lives (the SQLite file's disk is the one ``StorageReserve`` watches).
    public let location: DatabaseLocation
    private let closeAction: @Sendable () async throws -> Void
    private let runAction: @Sendable () async throws -> Void

    public static func open(_ location: DatabaseLocation, logger: Logger) async throws -> Database {
        switch location {
        case .sqliteFile(let path):
            let folder = (path as NSString).deletingLastPathComponent
            if !folder.isEmpty {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            }
            return try await sqlite(.file(path: path), location: location, logger: logger)
        case .sqliteMemory:
            return try await sqlite(.memory, location: location, logger: logger)
        case .postgres(let url, let replicaURL):
            let handle = try PostgresDatabaseHandle(url: url, logger: logger)
            let replica = try replicaURL.map { try PostgresDatabaseHandle(url: $0, logger: logger) }
            return Database(
                sql: handle, reports: replica.map { ReplicaDatabase(replica: $0, primary: handle) } ?? handle, kind: .postgres,
                location: location,
                closeAction: {},
                runAction: {
                    await withDiscardingTaskGroup { group in
                        group.addTask { await handle.client.run() }
                        if let replica { group.addTask { await replica.client.run() } }
                    }
                }
            )
        }
    }

    private static func sqlite(_ storage: SQLiteConnection.Storage, location: DatabaseLocation, logger: Logger) async throws -> Database {
        let handle = try await SQLiteDatabaseHandle.open(storage: storage, logger: logger)
        return Database(
            sql: handle, reports: handle, kind: .sqlite, location: location, closeAction: { try await handle.close() },
            runAction: {
                // Nothing runs in the background for SQLite; wait until the surrounding task is cancelled.
                while !Task.isCancelled { try? await Task.sleep(for: .seconds(3600)) }
            }
        )
    }

    /// Runs the background work of the connection pool until the task is cancelled.
    public func run() async throws { try await runAction() }

    public func close() async throws { try await closeAction() }

    /// Opens, runs and closes a database around `body`, for commands and tests.
    public static func with<T: Sendable>(
        _ location: DatabaseLocation, logger: Logger, _ body: @Sendable (Database) async throws -> T
    ) async throws -> T {
        let database = try await open(location, logger: logger)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await database.run() }
            defer { group.cancelAll() }
            do {
                let value = try await body(database)
                try await database.close()
                return value
            } catch {
                try? await database.close()
                throw error
            }
        }
    }

    /// Makes a new, empty database on a PostgreSQL server, opens it around `body` (which must migrate it) and
    /// drops it afterwards, whatever `body` did: for the tests and the benchmarks.
    public static func withScratchDatabase<T: Sendable>(
        onServer serverURL: String, prefix: String, logger: Logger, _ body: @Sendable (Database) async throws -> T
    ) async throws -> T {
        let name = prefix + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        try await with(.postgres(url: serverURL), logger: logger) { try await $0.sql.raw("CREATE DATABASE \(ident: name)").run() }
        @Sendable func drop() async throws {
            try await with(.postgres(url: serverURL), logger: logger) {
                try await $0.sql.raw("DROP DATABASE IF EXISTS \(ident: name) WITH (FORCE)").run()
            }
        }
        guard var components = URLComponents(string: serverURL) else { throw ConfigurationProblem("not a database URL: \(serverURL)") }
        components.path = "/" + name
        do {
            let value = try await with(.postgres(url: components.string ?? serverURL), logger: logger, body)
            try await drop()
            return value
        } catch {
            try? await drop()
            throw error
        }
    }

    /// Runs `body` in one transaction on one leased connection: committed when it returns, rolled back when it
    /// throws. Inside, use only the handle passed to `body` (the outer handle would wait for the lease).
    @discardableResult
    public func transaction<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        let isSQLite = kind == .sqlite
        return try await sql.withSession { session in
            // SQLite: take the write lock at BEGIN, so two writers never deadlock on upgrade.
            try await session.raw(isSQLite ? "BEGIN IMMEDIATE" : "BEGIN").run()
            do {
                let value = try await body(session)
                try await session.raw("COMMIT").run()
                return value
            } catch {
                try? await session.raw("ROLLBACK").run()
                throw error
            }
        }
    }
}

/// A handle that runs statements with async/await; SQLKit's EventLoopFuture entry point is derived from that.
protocol AsyncSQLDatabase: SQLDatabase {}

extension AsyncSQLDatabase {
    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) -> EventLoopFuture<Void> {
        let promise = eventLoop.makePromise(of: Void.self)
        promise.completeWithTask { try await self.execute(sql: query, onRow) }
        return promise.futureResult
    }
}
