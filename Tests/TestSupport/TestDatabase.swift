import Foundation
import Logging
import Persistence

/// A fresh, migrated database for one test. SQLite in memory by default; with `MOTCUA_TEST_DATABASE_URL`
/// (a PostgreSQL server URL) a new database is created for the test and dropped after it.
public enum TestDatabase {
    public static var postgresURL: String? {
        ProcessInfo.processInfo.environment["MOTCUA_TEST_DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    public static var logger: Logger {
        var logger = Logger(label: "test")
        logger.logLevel = .warning
        return logger
    }

    public static func with<T: Sendable>(_ body: @Sendable (Database) async throws -> T) async throws -> T {
        guard let serverURL = postgresURL else {
            return try await Database.with(.sqliteMemory, logger: logger) { database in
                try await MigrationRunner(database: database).migrate(logger: logger)
                return try await body(database)
            }
        }
        return try await Database.withScratchDatabase(onServer: serverURL, prefix: "motcua_test_", logger: logger) { database in
            try await MigrationRunner(database: database).migrate(logger: logger)
            return try await body(database)
        }
    }
}
