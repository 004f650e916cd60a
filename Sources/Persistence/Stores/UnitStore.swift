import Domain
import Foundation
import SQLKit

/// Reads and writes organisational units and their reorganisation links.
public struct UnitStore: Sendable {
    let database: any SQLDatabase

    public init(_ database: any SQLDatabase) { self.database = database }

    /// A unit before it is stored.
    public struct Draft: Sendable {
        public var code: String
        public var name: String
        public var kind: UnitKind
        public var parentID: Int64?
        public var validFrom: LocalDate?
        public var validTo: LocalDate?
        public var isDemo: Bool

        public init(
            code: String, name: String, kind: UnitKind, parentID: Int64? = nil, validFrom: LocalDate? = nil, validTo: LocalDate? = nil,
            isDemo: Bool = false
        ) {
            self.code = code
            self.name = name
            self.kind = kind
            self.parentID = parentID
            self.validFrom = validFrom
            self.validTo = validTo
            self.isDemo = isDemo
        }
    }

    @discardableResult
    public func insert(_ draft: Draft) async throws -> Int64 {
        let name = VietnameseText.normalized(draft.name)
        let row = try await database.insert(into: "units")
            .columns("code", "name", "kind", "parent_id", "valid_from", "valid_to", "is_demo")
            .values(
                SQLBind(draft.code), SQLBind(name),
                SQLBind(draft.kind.rawValue), SQLBind(draft.parentID), SQLBind(draft.validFrom?.iso),
                SQLBind(draft.validTo?.iso), SQLBind(draft.isDemo)
            )
            .returning("id")
            .first()
        guard let row else { throw PersistenceError.corrupt("insert into units returned no id") }
        return try row.decode(column: "id", as: Int64.self)
    }

    public func insert(_ link: UnitLink) async throws {
        try await database.insert(into: "unit_links")
            .columns("predecessor_id", "successor_id", "is_whole", "is_primary", "effective", "legal_basis")
            .values(
                SQLBind(link.predecessorID), SQLBind(link.successorID), SQLBind(link.isWhole),
                SQLBind(link.isPrimary), SQLBind(link.effective.iso), SQLBind(link.legalBasis)
            )
            .run()
    }

    public typealias Filter = UnitFilter

    /// Units matching the filter, in Vietnamese alphabetical order of their names.
    public func list(_ filter: Filter = .init()) async throws -> [OrgUnit] {
        try await directory().list(filter)
    }

    /// Every unit, read in one query (a few hundred rows for Hanoi, before and after the reform).
    public func directory() async throws -> UnitDirectory {
        UnitDirectory(try await database.select().column("*").from("units").all().map(Self.decode))
    }

    public func find(id: Int64) async throws -> OrgUnit? {
        try await database.select().column("*").from("units").where("id", .equal, id).first().map(Self.decode)
    }

    /// The unit with this code that is valid on the given day.
    public func find(code: String, validOn day: LocalDate) async throws -> OrgUnit? {
        try await database.select().column("*").from("units").where("code", .equal, code).all()
            .map(Self.decode).first { $0.isValid(on: day) }
    }

    public func count() async throws -> Int {
        let row = try await database.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("units").first()
        return try row?.decode(column: "n", as: Int.self) ?? 0
    }

    /// What changes when units are added (rows are never updated): their count and largest id.
    public struct Version: Sendable, Equatable {
        var count: Int
        var largestID: Int64?
    }

    public func version() async throws -> Version {
        let row = try await database.select().column(SQLFunction("count", args: SQLLiteral.all), as: "n")
            .column(SQLFunction("max", args: SQLColumn("id")), as: "largest").from("units").first()
        return Version(
            count: try row?.decode(column: "n", as: Int.self) ?? 0, largestID: try row?.decode(column: "largest", as: Int64?.self))
    }

    /// Links in which the unit is the predecessor or the successor.
    public func links(of unitID: Int64) async throws -> (predecessors: [UnitLink], successors: [UnitLink]) {
        let rows = try await database.select().column("*").from("unit_links")
            .where("predecessor_id", .equal, unitID).orWhere("successor_id", .equal, unitID).all()
        let links = try rows.map(Self.decodeLink)
        return (links.filter { $0.successorID == unitID }, links.filter { $0.predecessorID == unitID })
    }

    public func linkCount() async throws -> Int {
        let row = try await database.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("unit_links").first()
        return try row?.decode(column: "n", as: Int.self) ?? 0
    }

    static func decode(_ row: any SQLRow) throws -> OrgUnit {
        OrgUnit(
            id: try row.decode(column: "id", as: Int64.self),
            code: try row.decode(column: "code", as: String.self),
            name: try row.decode(column: "name", as: String.self),
            kind: try decodeEnum(row, "kind", as: UnitKind.self),
            parentID: try row.decode(column: "parent_id", as: Int64?.self),
            validFrom: try row.decode(column: "valid_from", as: String?.self).flatMap { LocalDate(iso: $0) },
            validTo: try row.decode(column: "valid_to", as: String?.self).flatMap { LocalDate(iso: $0) },
            isDemo: try row.decode(column: "is_demo", as: Bool.self)
        )
    }

    static func decodeLink(_ row: any SQLRow) throws -> UnitLink {
        let effective = try row.decode(column: "effective", as: String.self)
        guard let day = LocalDate(iso: effective) else { throw PersistenceError.corrupt("unit_links.effective \(effective)") }
        return UnitLink(
            predecessorID: try row.decode(column: "predecessor_id", as: Int64.self),
            successorID: try row.decode(column: "successor_id", as: Int64.self),
            isWhole: try row.decode(column: "is_whole", as: Bool.self),
            isPrimary: try row.decode(column: "is_primary", as: Bool.self),
            effective: day,
            legalBasis: try row.decode(column: "legal_basis", as: String.self)
        )
    }
}

/// Decodes a stored raw value into its enumeration, failing loudly on an unknown value.
func decodeEnum<E: RawRepresentable>(_ row: any SQLRow, _ column: String, as type: E.Type) throws -> E where E.RawValue == String {
    let raw = try row.decode(column: column, as: String.self)
    guard let value = E(rawValue: raw) else { throw PersistenceError.corrupt("\(column) has unknown value \(raw)") }
    return value
}

/// Escapes LIKE wildcards in user text (the folded search text has no backslashes of its own meaning).
func escapeLike(_ text: String) -> String {
    text.replacingOccurrences(of: "%", with: "").replacingOccurrences(of: "_", with: "")
}
