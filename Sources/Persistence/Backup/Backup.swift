import Crypto
import Foundation
import SQLKit

/// A logical backup of the whole product, the same on SQLite and PostgreSQL (issue 10): every table's rows as
/// canonical JSON lines read in one snapshot (a read transaction; repeatable read on PostgreSQL), the stored
/// files, and a manifest with each table's row count and SHA-256, the migrations applied and the files' list.
/// Restoring runs the migrations on an empty database (only the tables the migrations fill have rows), inserts the rows parents first, copies the files
/// (each checked against its name, which is its hash) and compares the restored tables' hashes with the
/// manifest. A backup taken on SQLite restores on PostgreSQL and back.
public struct Backup: Sendable {
    let database: Database
    let dataDirectory: String

    public init(database: Database, dataDirectory: String) {
        self.database = database
        self.dataDirectory = dataDirectory
    }

    public struct Manifest: Codable, Sendable, Equatable {
        public struct Table: Codable, Sendable, Equatable {
            public var rows: Int
            public var sha256: String
        }

        public var format: Int
        public var createdAt: Date
        public var engine: String
        public var migrations: [String]
        public var tables: [String: Table]
        public var files: Int
        public var fileBytes: Int64
        /// SHA-256 of the sorted list of stored files' names (their hashes).
        public var filesSHA256: String
    }

    public enum Problem: Error, Equatable, CustomStringConvertible {
        case notEmpty(String)
        case exists(String)
        case unreadable(String)
        case otherVersion(missing: [String], extra: [String])
        case damagedFile(String)
        case mismatch([String])

        public var description: String {
            switch self {
            case .notEmpty(let table): "the target database is not empty (table \(table) has rows): restore into a new database"
            case .exists(let path): "\(path) exists: back up into a new folder"
            case .unreadable(let detail): "the backup cannot be read: \(detail)"
            case .otherVersion(let missing, let extra):
                "the backup was made by another version (migrations missing here: \(missing.joined(separator: ", ")); not in the backup: \(extra.joined(separator: ", ")))"
            case .damagedFile(let name): "stored file \(name) does not match its hash"
            case .mismatch(let tables): "restored tables differ from the backup: \(tables.joined(separator: ", "))"
            }
        }
    }

    static let bookkeeping = "schema_migrations"
    /// The tables the migrations themselves fill (the audit chain's head, the shipped calendar): a restore
    /// replaces their rows. A test keeps this list true.
    public static let seededByMigrations: Set<String> = ["audit_head", "calendar_days"]
    static let pageSize = 2000

    // MARK: Back up

    /// Writes the backup into `folder` (which must not exist) and returns its manifest.
    @discardableResult
    public func write(to folder: String, at time: Date) async throws -> Manifest {
        let manager = FileManager.default
        guard !manager.fileExists(atPath: folder) else { throw Problem.exists(folder) }
        try manager.createDirectory(atPath: folder + "/tables", withIntermediateDirectories: true)
        let kind = database.kind
        let (tables, migrations) = try await database.sql.withSession { session in
            try await session.raw(kind == .sqlite ? "BEGIN" : "BEGIN ISOLATION LEVEL REPEATABLE READ").run()
            do {
                let schema = try await Schema.read(session, kind: kind)
                var tables: [String: Manifest.Table] = [:]
                for table in schema.order {
                    let path = folder + "/tables/\(table).jsonl"
                    _ = manager.createFile(atPath: path, contents: nil)
                    guard let handle = FileHandle(forWritingAtPath: path) else { throw Problem.unreadable(path) }
                    defer { try? handle.close() }
                    tables[table] = try await Self.digest(table, schema: schema, on: session) { try handle.write(contentsOf: $0) }
                    try handle.synchronize()
                }
                let migrations = try await session.select().column("name").from(Self.bookkeeping).orderBy("name").all()
                    .map { try $0.decode(column: "name", as: String.self) }
                try await session.raw("COMMIT").run()
                return (tables, migrations)
            } catch {
                try? await session.raw("ROLLBACK").run()
                throw error
            }
        }
        // Files are written before any row names them and never changed: those the snapshot names exist now.
        let files = try StoredFiles(root: FileStore(dataDirectory: dataDirectory).root).copy(to: folder + "/files")
        let manifest = Manifest(
            format: 1, createdAt: time, engine: kind.rawValue, migrations: migrations, tables: tables, files: files.count,
            fileBytes: files.bytes, filesSHA256: files.sha256)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        try encoder.encode(manifest).write(to: URL(fileURLWithPath: folder + "/manifest.json"), options: .atomic)
        try await database.sql.insert(into: "backup_runs")
            .columns("at", "folder", "engine", "tables", "rows", "files", "file_bytes", "milliseconds")
            .values(
                SQLBind(time.milliseconds), SQLBind(folder), SQLBind(kind.rawValue), SQLBind(tables.count),
                SQLBind(Int64(tables.values.map(\.rows).reduce(0, +))),
                SQLBind(Int64(files.count)), SQLBind(files.bytes), SQLBind(Int64(Date().timeIntervalSince(time) * 1000))
            )
            .run()
        return manifest
    }

    /// A backup as recorded: when, where, how much and how long.
    public struct Run: Sendable, Equatable {
        public var at: Date
        public var folder: String
        public var engine: String
        public var tables: Int
        public var rows: Int64
        public var files: Int64
        public var fileBytes: Int64
        public var milliseconds: Int64
    }

    /// The most recent backups, newest first.
    public func runs(limit: Int = 5) async throws -> [Run] {
        try await database.sql.select().column("*").from("backup_runs").orderBy("id", .descending).limit(limit).all().map { row in
            Run(
                at: Date(milliseconds: try row.decode(column: "at", as: Int64.self)),
                folder: try row.decode(column: "folder", as: String.self),
                engine: try row.decode(column: "engine", as: String.self), tables: try row.decode(column: "tables", as: Int.self),
                rows: try row.decode(column: "rows", as: Int64.self), files: try row.decode(column: "files", as: Int64.self),
                fileBytes: try row.decode(column: "file_bytes", as: Int64.self),
                milliseconds: try row.decode(column: "milliseconds", as: Int64.self))
        }
    }

    /// The canonical hashes of the tables as they are now (what a backup taken now would record).
    public func tableHashes() async throws -> [String: Manifest.Table] {
        let kind = database.kind
        return try await database.sql.withSession { session in
            let schema = try await Schema.read(session, kind: kind)
            var tables: [String: Manifest.Table] = [:]
            for table in schema.order { tables[table] = try await Self.digest(table, schema: schema, on: session) { _ in } }
            return tables
        }
    }

    /// A table's row count and the SHA-256 of its canonical lines, each line also given to `write`.
    static func digest(_ table: String, schema: Schema, on session: any SQLDatabase, write: (Data) throws -> Void) async throws
        -> Manifest.Table
    {
        var hasher = SHA256()
        var count = 0
        try await eachLine(of: table, schema: schema, on: session) { line in
            let bytes = Data((line + "\n").utf8)
            hasher.update(data: bytes)
            try write(bytes)
            count += 1
        }
        return Manifest.Table(rows: count, sha256: hasher.finalize().map { String(format: "%02x", $0) }.joined())
    }

    /// Each row of a table as one canonical JSON line (keys sorted), in the order of its numeric `id` (read a
    /// page at a time), or of its lines when it has none.
    static func eachLine(of table: String, schema: Schema, on session: any SQLDatabase, _ body: (String) throws -> Void) async throws {
        let columns = schema.columns[table] ?? []
        if columns.contains(Schema.Column(name: "id", kind: .int)) {
            var last: Int64?
            while true {
                let query = session.select().column("*").from(table).orderBy("id").limit(pageSize)
                if let last { query.where("id", .greaterThan, last) }
                let rows = try await query.all()
                for row in rows { try body(try line(row, columns)) }
                guard rows.count == pageSize, let id = try rows.last?.decode(column: "id", as: Int64.self) else { break }
                last = id
            }
        } else {
            for line in try await session.select().column("*").from(table).all().map({ try line($0, columns) }).sorted() { try body(line) }
        }
    }

    static func line(_ row: any SQLRow, _ columns: [Schema.Column]) throws -> String {
        var object: [String: Value] = [:]
        for column in columns { object[column.name] = try column.kind.read(row, column.name) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(object), as: UTF8.self)
    }

    // MARK: Restore

    /// Restores a backup into this database, which must be migrated and empty, and the files into the data
    /// folder; then checks every table against the manifest.
    @discardableResult
    public func restore(from folder: String) async throws -> Manifest {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let manifest: Manifest
        do { manifest = try decoder.decode(Manifest.self, from: Data(contentsOf: URL(fileURLWithPath: folder + "/manifest.json"))) } catch {
            throw Problem.unreadable("manifest.json: \(error)")
        }
        let kind = database.kind
        let current = try await database.sql.select().column("name").from(Self.bookkeeping).all().map {
            try $0.decode(column: "name", as: String.self)
        }
        guard Set(current) == Set(manifest.migrations) else {
            throw Problem.otherVersion(
                missing: manifest.migrations.filter { !current.contains($0) }.sorted(),
                extra: current.filter { !manifest.migrations.contains($0) }.sorted())
        }
        let schema = try await Schema.read(database.sql, kind: kind)
        for table in schema.order where !Self.seededByMigrations.contains(table) {
            if try await database.sql.select().column(SQLLiteral.numeric("1")).from(table).limit(1).first() != nil {
                throw Problem.notEmpty(table)
            }
        }
        try StoredFiles(root: folder + "/files").copy(to: FileStore(dataDirectory: dataDirectory).root, merging: true)
        try await database.transaction { session in
            for table in schema.order.reversed() where Self.seededByMigrations.contains(table) {
                try await session.delete(from: table).run()
            }
            for table in schema.order {
                let path = folder + "/tables/\(table).jsonl"
                guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw Problem.unreadable(path) }
                let columns = schema.columns[table] ?? []
                var batch: [[String: Value]] = []
                func flush() async throws {
                    guard !batch.isEmpty else { return }
                    let insert = session.insert(into: table).columns(columns.map(\.name))
                    for object in batch { insert.values(columns.map { (object[$0.name] ?? .null).bind }) }
                    try await insert.run()
                    batch.removeAll()
                }
                for line in text.split(separator: "\n") where !line.isEmpty {
                    do { batch.append(try JSONDecoder().decode([String: Value].self, from: Data(line.utf8))) } catch {
                        throw Problem.unreadable("\(table): \(error)")
                    }
                    if batch.count == 200 { try await flush() }
                }
                try await flush()
                if kind == .postgres, columns.contains(Schema.Column(name: "id", kind: .int)) {
                    try await session.raw(
                        "SELECT setval(pg_get_serial_sequence(\(bind: table), 'id'), COALESCE((SELECT MAX(id) FROM \(ident: table)), 0) + 1, false)"
                    )
                    .run()
                }
            }
        }
        // Restored rows of years without a partition wait in the catch-all one: give them their years now.
        try await YearPartitions(database).ensure(at: Date())
        let restored = try await tableHashes()
        let differing = manifest.tables.keys.filter { restored[$0] != manifest.tables[$0] }.sorted()
        guard differing.isEmpty else { throw Problem.mismatch(differing) }
        return manifest
    }
}

/// A cell of a backed-up row.
enum Value: Codable, Equatable, Sendable {
    case null
    case int(Int64)
    case double(Double)
    case bool(Bool)
    case text(String)

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int64.self) {
            self = .int(value)
        } else if let value = try? container.decode(Double.self) {
            self = .double(value)
        } else {
            self = .text(try container.decode(String.self))
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .int(let value): try container.encode(value)
        case .double(let value): try container.encode(value)
        case .bool(let value): try container.encode(value)
        case .text(let value): try container.encode(value)
        }
    }

    var bind: any SQLExpression {
        switch self {
        case .null: SQLLiteral.null
        case .int(let value): SQLBind(value)
        case .double(let value): SQLBind(value)
        case .bool(let value): SQLBind(value)
        case .text(let value): SQLBind(value)
        }
    }
}
