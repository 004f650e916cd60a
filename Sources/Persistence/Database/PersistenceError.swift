import PostgresKit
import SQLiteKit

/// Failures of the storage layer that callers handle: a missing row, a conflicting write, a broken invariant.
public enum PersistenceError: Error, Equatable, Sendable {
    /// The object does not exist or is outside the caller's scope; callers answer 404 either way.
    case notFound
    /// A unique value is taken (a username, a code).
    case duplicate(String)
    /// Stored data contradicts an invariant; an operator must look.
    case corrupt(String)
}

extension PersistenceError {
    /// Whether an error means the disk (or quota) is full: SQLite's SQLITE_FULL, PostgreSQL's `disk_full`
    /// (53100), a stored file that could not be written for want of space, or a write refused at the
    /// ``StorageReserve``. Nothing was kept then: the transaction rolled back, or the file was removed before
    /// any row named it.
    public static func isDiskFull(_ error: any Error) -> Bool {
        switch error {
        case let error as SQLiteError: error.reason == .full
        case let error as PSQLError: error.serverInfo?[.sqlState] == "53100"
        case let error as FileStore.Problem: error == .noSpace
        case is StorageReserve.Exhausted: true
        default: false
        }
    }

    /// Whether an error means the database does not answer now (a lost connection, a server starting up,
    /// recovering or shutting down, a lock held too long): the request may succeed if tried again.
    public static func isUnavailable(_ error: any Error) -> Bool {
        switch error {
        case let error as SQLiteError: [.busy, .locked, .busyTimeout, .busyInRecovery].contains(error.reason)
        case let error as PSQLError:
            if [.serverClosedConnection, .clientClosedConnection, .connectionError, .uncleanShutdown, .poolClosed].contains(error.code) {
                true
            } else if let state = error.serverInfo?[.sqlState] {
                state.hasPrefix("08") || ["57P01", "57P02", "57P03", "53300"].contains(state)
            } else {
                false
            }
        default: false
        }
    }
}
