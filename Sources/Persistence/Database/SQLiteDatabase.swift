import Foundation
import Logging
import NIOCore
import NIOPosix
import SQLiteKit
import Synchronization

/// SQLite behind one writing connection, leased for each statement and for whole sessions (transactions), and,
/// for a database file, a few read-only connections that plain SELECTs outside a session take in turn.
///
/// SQLite allows one writer at a time; one connection with WAL keeps writes ordered and transactions
/// isolated without busy errors. The pragmas that make an acknowledged write durable (WAL, synchronous=FULL)
/// are set when the connection opens. With WAL, readers never wait for the writer and each statement on a
/// reader sees every transaction committed before it began — so pages are read while dossiers are written
/// (issue 10, figure 3). An in-memory database (the tests) has no readers: another connection would be another
/// database.
final class SQLiteDatabaseHandle: AsyncSQLDatabase, @unchecked Sendable {
    let connection: SQLiteConnection
    let logger: Logger
    private let mutex = AsyncMutex()
    private let readers: [(connection: SQLiteConnection, mutex: AsyncMutex)]
    private let nextReader = Atomic<Int>(0)
    static let readerCount = 4

    var eventLoop: any EventLoop { connection.eventLoop }
    var dialect: any SQLDialect { connection.sql().dialect }
    var version: (any SQLDatabaseReportedVersion)? { connection.sql().version }

    private init(connection: SQLiteConnection, readers: [SQLiteConnection], logger: Logger) {
        self.connection = connection
        self.readers = readers.map { ($0, AsyncMutex()) }
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
        var readers: [SQLiteConnection] = []
        if case .file = storage {
            for _ in 0..<readerCount {
                let reader = try await SQLiteConnection.open(
                    storage: storage, threadPool: .singleton, logger: logger, on: MultiThreadedEventLoopGroup.singleton.any()
                ).get()
                for pragma in ["query_only = ON", "foreign_keys = ON", "busy_timeout = 5000"] {
                    try await reader.sql().raw(SQLQueryString("PRAGMA \(unsafeRaw: pragma)")).run()
                }
                readers.append(reader)
            }
        }
        return SQLiteDatabaseHandle(connection: connection, readers: readers, logger: logger)
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        if !readers.isEmpty, query is SQLSelect {
            let reader = readers[(nextReader.wrappingAdd(1, ordering: .relaxed).oldValue & Int.max) % readers.count]
            try await reader.mutex.withLock { try await reader.connection.sql().execute(sql: query, onRow) }
            return
        }
        let connection = self.connection
        try await mutex.withLock { try await connection.sql().execute(sql: query, onRow) }
    }

    func withSession<R>(_ closure: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        let connection = self.connection
        let box = try await mutex.withLock { UncheckedBox(try await closure(connection.sql())) }
        return box.value
    }

    func close() async throws {
        for reader in readers { try await reader.connection.close().get() }
        try await connection.close().get()
    }
}

/// Carries a non-Sendable session result out of the lock; the value never crosses threads concurrently.
struct UncheckedBox<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
