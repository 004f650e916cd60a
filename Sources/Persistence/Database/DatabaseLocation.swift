import Foundation
import PostgresKit

/// Where the data lives: an SQLite file (the embedded default), a private in-memory SQLite database (tests),
/// or a PostgreSQL server given by a `postgres://` URL.
public enum DatabaseLocation: Sendable, Equatable {
    case sqliteFile(path: String)
    case sqliteMemory
    case postgres(url: String)

    /// Reads `DATABASE_URL` when set, else the SQLite file in the data folder.
    public static func from(databaseURL: String?, dataDirectory: String) throws(ConfigurationProblem) -> DatabaseLocation {
        guard let databaseURL, !databaseURL.isEmpty else {
            return .sqliteFile(path: (dataDirectory as NSString).appendingPathComponent("motcua.sqlite"))
        }
        guard databaseURL.hasPrefix("postgres://") || databaseURL.hasPrefix("postgresql://") else {
            throw ConfigurationProblem("DATABASE_URL must start with postgres:// (got a different scheme)")
        }
        do {
            _ = try SQLPostgresConfiguration(url: databaseURL)
        } catch {
            throw ConfigurationProblem("DATABASE_URL is not a valid PostgreSQL URL")
        }
        return .postgres(url: databaseURL)
    }

    /// A description without secrets, for logs and the start-up banner.
    public var redacted: String {
        switch self {
        case .sqliteFile(let path): "SQLite \(path)"
        case .sqliteMemory: "SQLite (in memory)"
        case .postgres(let url):
            if let components = URLComponents(string: url) {
                "PostgreSQL \(components.host ?? "?"):\(components.port ?? 5432)\(components.path)"
            } else {
                "PostgreSQL"
            }
        }
    }
}

/// A configuration value that prevents start-up, in words an operator understands.
public struct ConfigurationProblem: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
