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
        @Sendable func scratch() async throws -> T {
            try await Database.withScratchDatabase(onServer: serverURL, prefix: "motcua_test_", logger: logger) { database in
                try await MigrationRunner(database: database).migrate(logger: logger)
                return try await body(database)
            }
        }
        // A test that opens a second database inside the first keeps its slot (waiting for another could deadlock).
        if holdsScratchSlot { return try await scratch() }
        return try await scratchDatabases.holding { try await $holdsScratchSlot.withValue(true) { try await scratch() } }
    }

    @TaskLocal static var holdsScratchSlot = false

    /// At most this many tests hold a scratch PostgreSQL database at once (`MOTCUA_TEST_PG_PARALLEL`, default 12).
    /// Swift Testing starts every test together and each opens a pool of up to 20 connections, while the test cluster
    /// allows 200: on a loaded machine the tests overlapped longer, the server refused new connections and the pool's
    /// circuit breaker failed tests at random (`connectionCreationCircuitBreakerTripped`, a run of 7 Dec 2026 beside
    /// another build). Waiting for a slot makes the number of connections independent of the machine's speed.
    static let scratchDatabases = Gate(
        slots: ProcessInfo.processInfo.environment["MOTCUA_TEST_PG_PARALLEL"].flatMap(Int.init).map { max(1, $0) } ?? 12)
}

/// A counting semaphore for async code: `holding` runs its body once one of the slots is free.
public actor Gate {
    private var free: Int
    private var waiting: [CheckedContinuation<Void, Never>] = []

    public init(slots: Int) { free = slots }

    public nonisolated func holding<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        await acquire()
        do {
            let value = try await body()
            await release()
            return value
        } catch {
            await release()
            throw error
        }
    }

    private func acquire() async {
        if free > 0 {
            free -= 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    private func release() {
        if waiting.isEmpty { free += 1 } else { waiting.removeFirst().resume() }
    }
}
