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
        let name = "motcua_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        try await Database.with(.postgres(url: serverURL), logger: logger) { admin in
            try await admin.sql.raw("CREATE DATABASE \(unsafeRaw: name)").run()
        }
        var components = URLComponents(string: serverURL)!
        components.path = "/" + name
        do {
            let value = try await Database.with(.postgres(url: components.string!), logger: logger) { database in
                try await MigrationRunner(database: database).migrate(logger: logger)
                return try await body(database)
            }
            try await drop(name, serverURL: serverURL)
            return value
        } catch {
            try? await drop(name, serverURL: serverURL)
            throw error
        }
    }

    private static func drop(_ name: String, serverURL: String) async throws {
        try await Database.with(.postgres(url: serverURL), logger: logger) { admin in
            try await admin.sql.raw("DROP DATABASE IF EXISTS \(unsafeRaw: name) WITH (FORCE)").run()
        }
    }
}
