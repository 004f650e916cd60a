import Foundation
import Logging
import NIOCore
import NIOPosix
import PostgresKit
import Synchronization

/// PostgreSQL through postgres-nio's `PostgresClient` pool: each statement leases a connection, a session
/// (transaction) keeps one for its whole body. The client must be running (see ``Database/run()``).
final class PostgresDatabaseHandle: AsyncSQLDatabase, Sendable {
    let client: PostgresClient
    let logger: Logger

    var eventLoop: any EventLoop { MultiThreadedEventLoopGroup.singleton.any() }
    var dialect: any SQLDialect { PostgresDialect() }

    init(url: String, logger: Logger) throws {
        let configuration = try SQLPostgresConfiguration(url: url)
        let core = configuration.coreConfiguration
        guard let host = core.host else {
            throw ConfigurationProblem("DATABASE_URL must name a host")
        }
        var clientConfiguration = PostgresClient.Configuration(
            host: host, port: core.port ?? 5432, username: core.username, password: core.password,
            database: core.database, tls: .disable
        )
        clientConfiguration.options.maximumConnections = 20
        self.client = PostgresClient(configuration: clientConfiguration, backgroundLogger: logger)
        self.logger = logger
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        try await client.withConnection { connection in
            try await connection.sql(queryLogLevel: nil).execute(sql: query, onRow)
        }
    }

    func withSession<R>(_ closure: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await client.withConnection { connection in
            UncheckedBox(try await closure(connection.sql(queryLogLevel: nil)))
        }.value
    }
}

/// Reads from a streaming replica, and from the primary when the replica does not answer: a statement that gets no
/// connection to the replica within two seconds, or loses it before its first row, is read from the primary, and
/// the next 30 seconds' statements go to the primary straight away (logged once each time). Reports stay up, only
/// slower, while the replica is down.
final class ReplicaDatabase: AsyncSQLDatabase, Sendable {
    let replica: PostgresDatabaseHandle
    let primary: PostgresDatabaseHandle
    static let leaseTimeout = Duration.seconds(2)
    static let pause: TimeInterval = 30
    private let primaryUntil = Mutex<Date?>(nil)

    init(replica: PostgresDatabaseHandle, primary: PostgresDatabaseHandle) {
        self.replica = replica
        self.primary = primary
    }

    var logger: Logger { replica.logger }
    var eventLoop: any EventLoop { replica.eventLoop }
    var dialect: any SQLDialect { replica.dialect }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        let now = Date()
        if primaryUntil.withLock({ $0.map { now < $0 } ?? false }) { return try await primary.execute(sql: query, onRow) }
        let progress = Progress()
        do {
            try await withThrowingTaskGroup(of: Bool.self) { group in
                group.addTask {
                    try await self.replica.client.withConnection { connection in
                        progress.leased.store(true, ordering: .releasing)
                        try await connection.sql(queryLogLevel: nil).execute(sql: query) { row in
                            progress.delivered.store(true, ordering: .relaxed)
                            onRow(row)
                        }
                    }
                    return true
                }
                group.addTask {
                    try await Task.sleep(for: Self.leaseTimeout)
                    guard progress.leased.load(ordering: .acquiring) else { throw ReplicaUnavailable() }
                    return false
                }
                // The statement's end, not the watch's, ends the group.
                while let statementEnded = try await group.next(), !statementEnded {}
                group.cancelAll()
            }
        } catch
            where (error is ReplicaUnavailable || PersistenceError.isUnavailable(error)) && !progress.delivered.load(ordering: .relaxed)
        {
            primaryUntil.withLock { $0 = Date().addingTimeInterval(Self.pause) }
            logger.warning(
                "The replica does not answer; reports are read from the primary for \(Int(Self.pause)) s",
                metadata: ["error": "\(String(reflecting: error))"])
            try await primary.execute(sql: query, onRow)
        }
    }

    func withSession<R>(_ closure: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await replica.withSession(closure)
    }

    private final class Progress: Sendable {
        let leased = Atomic<Bool>(false)
        let delivered = Atomic<Bool>(false)
    }

    private struct ReplicaUnavailable: Error {}
}
