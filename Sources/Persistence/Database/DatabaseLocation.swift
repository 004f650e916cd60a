import Foundation
import PostgresKit

/// Where the data lives: an SQLite file (the embedded default), a private in-memory SQLite database (tests),
/// or a PostgreSQL server given by a `postgres://` URL, optionally with a streaming replica that serves the reports
/// (``Database/reports``).
public enum DatabaseLocation: Sendable, Equatable {
    case sqliteFile(path: String)
    case sqliteMemory
    case postgres(url: String, replicaURL: String? = nil)

    /// Reads `DATABASE_URL` (and `DATABASE_REPLICA_URL`) when set, else the SQLite file in the data folder.
    public static func from(databaseURL: String?, replicaURL: String? = nil, dataDirectory: String) throws(ConfigurationProblem)
        -> DatabaseLocation
    {
        let replicaURL = replicaURL.flatMap { $0.isEmpty ? nil : $0 }
        guard let databaseURL, !databaseURL.isEmpty else {
            if replicaURL != nil {
                throw ConfigurationProblem("DATABASE_REPLICA_URL needs DATABASE_URL: a replica follows a PostgreSQL primary")
            }
            return .sqliteFile(path: (dataDirectory as NSString).appendingPathComponent("motcua.sqlite"))
        }
        try check(databaseURL, "DATABASE_URL")
        if let replicaURL { try check(replicaURL, "DATABASE_REPLICA_URL") }
        return .postgres(url: databaseURL, replicaURL: replicaURL)
    }

    private static func check(_ url: String, _ name: String) throws(ConfigurationProblem) {
        guard url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") else {
            throw ConfigurationProblem("\(name) must start with postgres:// (got a different scheme)")
        }
        do {
            _ = try SQLPostgresConfiguration(url: url)
        } catch {
            throw ConfigurationProblem("\(name) is not a valid PostgreSQL URL")
        }
    }

    /// A description without secrets, for logs and the start-up banner.
    public var redacted: String {
        switch self {
        case .sqliteFile(let path): "SQLite \(path)"
        case .sqliteMemory: "SQLite (in memory)"
        case .postgres(let url, let replicaURL):
            "PostgreSQL " + Self.redacted(url) + (replicaURL.map { ", reports from the replica " + Self.redacted($0) } ?? "")
        }
    }
}

extension DatabaseLocation {
    private static func redacted(_ url: String) -> String {
        guard let components = URLComponents(string: url) else { return "?" }
        return "\(components.host ?? "?"):\(components.port ?? 5432)\(components.path)"
    }
}

/// A configuration value that prevents start-up, in words an operator understands.
public struct ConfigurationProblem: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
