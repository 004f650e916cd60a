import Foundation
import Logging
import NIOCore
import NIOPosix
import PostgresKit

/// PostgreSQL through postgres-nio's `PostgresClient` pool: each statement leases a connection, a session
/// (transaction) keeps one for its whole body. The client must be running (see ``Database/run()``).
final class PostgresDatabaseHandle: SQLDatabase, Sendable {
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

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) -> EventLoopFuture<Void> {
        let promise = eventLoop.makePromise(of: Void.self)
        promise.completeWithTask { try await self.execute(sql: query, onRow) }
        return promise.futureResult
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
