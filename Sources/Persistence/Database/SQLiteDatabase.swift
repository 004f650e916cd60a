import Foundation
import Logging
import NIOCore
import NIOPosix
import SQLiteKit

/// SQLite behind one connection, leased for each statement and for whole sessions (transactions).
///
/// SQLite allows one writer at a time; one connection with WAL keeps writes ordered and transactions
/// isolated without busy errors. The pragmas that make an acknowledged write durable (WAL, synchronous=FULL)
/// are set when the connection opens.
final class SQLiteDatabaseHandle: SQLDatabase, @unchecked Sendable {
    let connection: SQLiteConnection
    let logger: Logger
    private let mutex = AsyncMutex()

    var eventLoop: any EventLoop { connection.eventLoop }
    var dialect: any SQLDialect { connection.sql().dialect }
    var version: (any SQLDatabaseReportedVersion)? { connection.sql().version }

    private init(connection: SQLiteConnection, logger: Logger) {
        self.connection = connection
        self.logger = logger
    }

    static func open(storage: SQLiteConnection.Storage, logger: Logger) async throws -> SQLiteDatabaseHandle {
        let connection = try await SQLiteConnection.open(
            storage: storage, threadPool: .singleton, logger: logger,
            on: MultiThreadedEventLoopGroup.singleton.any()
        ).get()
        let sql = connection.sql()
        for pragma in ["journal_mode = WAL", "synchronous = FULL", "foreign_keys = ON", "busy_timeout = 5000"] {
            try await sql.raw(SQLQueryString("PRAGMA \(unsafeRaw: pragma)")).run()
        }
        return SQLiteDatabaseHandle(connection: connection, logger: logger)
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) -> EventLoopFuture<Void> {
        let promise = eventLoop.makePromise(of: Void.self)
        promise.completeWithTask { try await self.execute(sql: query, onRow) }
        return promise.futureResult
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        let connection = self.connection
        try await mutex.withLock { try await connection.sql().execute(sql: query, onRow) }
    }

    func withSession<R>(_ closure: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        let connection = self.connection
        let box = try await mutex.withLock { UncheckedBox(try await closure(connection.sql())) }
        return box.value
    }

    func close() async throws {
        try await connection.close().get()
    }
}

/// Carries a non-Sendable session result out of the lock; the value never crosses threads concurrently.
struct UncheckedBox<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
