import Foundation
import SQLKit

/// The product's tables as the database describes them: columns with the kind of value each holds, and an
/// order with every table after the tables its foreign keys name (so rows restore parents first). A partitioned
/// table is read and written through its parent: its partitions (PostgreSQL's years of history) are not tables here.
struct Schema: Sendable {
    struct Column: Sendable, Equatable {
        var name: String
        var kind: Kind
    }

    enum Kind: Sendable, Equatable {
        case int, double, bool, text

        /// From the declared type: SQLite's as written by the DDL builders, PostgreSQL's `data_type`.
        init(declared: String) {
            let type = declared.uppercased()
            if type.contains("BOOL") {
                self = .bool
            } else if type.contains("INT") {
                self = .int
            } else if type.contains("DOUBLE") || type.contains("REAL") || type.contains("FLOAT") || type.contains("NUMERIC") {
                self = .double
            } else {
                self = .text
            }
        }

        func read(_ row: any SQLRow, _ column: String) throws -> Value {
            if try row.decodeNil(column: column) { return .null }
            switch self {
            case .int: return .int(try row.decode(column: column, as: Int64.self))
            case .double: return .double(try row.decode(column: column, as: Double.self))
            case .bool: return .bool(try row.decode(column: column, as: Bool.self))
            case .text: return .text(try row.decode(column: column, as: String.self))
            }
        }
    }

    var columns: [String: [Column]]
    /// Parents before children; the bookkeeping of migrations left out.
    var order: [String]

    static func read(_ database: any SQLDatabase, kind: Database.Kind) async throws -> Schema {
        var columns: [String: [Column]] = [:]
        var parents: [String: Set<String>] = [:]
        switch kind {
        case .sqlite:
            let names = try await database.raw(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
            ).all()
                .map { try $0.decode(column: "name", as: String.self) }
            for table in names {
                columns[table] = try await database.raw("SELECT name, type FROM pragma_table_info(\(bind: table)) ORDER BY cid").all().map {
                    Column(
                        name: try $0.decode(column: "name", as: String.self),
                        kind: Kind(declared: try $0.decode(column: "type", as: String.self)))
                }
                parents[table] = Set(
                    try await database.raw("SELECT \"table\" AS parent FROM pragma_foreign_key_list(\(bind: table))").all()
                        .map { try $0.decode(column: "parent", as: String.self) })
            }
        case .postgres:
            for row in try await database.raw(
                """
                SELECT table_name, column_name, data_type FROM information_schema.columns
                WHERE table_schema = current_schema() AND table_name NOT IN (
                    SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                    WHERE c.relispartition AND n.nspname = current_schema())
                ORDER BY table_name, ordinal_position
                """
            ).all() {
                columns[try row.decode(column: "table_name", as: String.self), default: []]
                    .append(
                        Column(
                            name: try row.decode(column: "column_name", as: String.self),
                            kind: Kind(declared: try row.decode(column: "data_type", as: String.self))))
            }
            for row in try await database.raw(
                """
                SELECT child.relname AS child, parent.relname AS parent FROM pg_constraint c
                JOIN pg_class child ON child.oid = c.conrelid JOIN pg_class parent ON parent.oid = c.confrelid
                JOIN pg_namespace n ON n.oid = child.relnamespace
                WHERE c.contype = 'f' AND n.nspname = current_schema()
                """
            ).all() {
                parents[try row.decode(column: "child", as: String.self), default: []].insert(
                    try row.decode(column: "parent", as: String.self))
            }
        }
        columns[Backup.bookkeeping] = nil
        var order: [String] = []
        var placed: Set<String> = []
        var remaining = columns.keys.sorted()
        while !remaining.isEmpty {
            let ready = remaining.filter { table in
                (parents[table] ?? []).allSatisfy { $0 == table || placed.contains($0) || columns[$0] == nil }
            }
            // A cycle between tables (none today) would stop the ordering: take the rest as they are.
            let next = ready.isEmpty ? remaining : ready
            order += next
            placed.formUnion(next)
            remaining.removeAll { placed.contains($0) }
        }
        return Schema(columns: columns, order: order)
    }
}

/// The stored files' folder (`files/ab/cd/<sha256>`): copied file by file, each checked against its name.
struct StoredFiles {
    let root: String

    /// Copies every stored file under `target` (created), checking each; returns the count, bytes and the hash of
    /// the sorted list of names. With `merging`, files already in the target are checked and kept.
    @discardableResult
    func copy(to target: String, merging: Bool = false) throws -> (count: Int, bytes: Int64, sha256: String) {
        let manager = FileManager.default
        var names: [String] = []
        var bytes: Int64 = 0
        if let enumerator = manager.enumerator(atPath: root) {
            while let relative = enumerator.nextObject() as? String {
                let name = (relative as NSString).lastPathComponent
                guard name.count == 64, name.allSatisfy(\.isHexDigit) else { continue }
                let data = try Data(contentsOf: URL(fileURLWithPath: root + "/" + relative))
                guard sha256Hex(data) == name else { throw Backup.Problem.damagedFile(name) }
                let destination = target + "/" + relative
                if !(merging && manager.fileExists(atPath: destination)) {
                    try manager.createDirectory(
                        atPath: (destination as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                    try data.write(to: URL(fileURLWithPath: destination), options: .atomic)
                }
                names.append(name)
                bytes += Int64(data.count)
            }
        }
        try manager.createDirectory(atPath: target, withIntermediateDirectories: true)
        return (names.count, bytes, sha256Hex(names.sorted().joined(separator: "\n")))
    }
}
