import Domain
import Foundation
import SQLKit

/// A procedure's current version as lists show it.
public struct ProcedureSummary: Sendable, Equatable, Identifiable {
    public var id: Int64
    public var versionID: Int64
    public var version: Int
    public var code: String
    public var name: String
    public var field: String
    public var level: Procedure.Level
    public var onlineLevel: Procedure.OnlineLevel
    public var timeLimit: TimeLimit
    public var isDemo: Bool
    /// It charges a fee or a charge (dossiers received under it count for online payment).
    public var hasFee: Bool
}

/// A unit a procedure version names, as receiving or as processing unit.
public struct ListedUnit: Sendable, Equatable {
    public enum Role: Sendable { case receiving, processing }
    public var id: Int64
    public var code: String
    public var role: Role
}

/// One stored version of a procedure, with its full definition.
public struct ProcedureVersion: Sendable, Equatable {
    public var summary: ProcedureSummary
    public var procedure: Procedure
    public var createdAt: Date
}

/// Reads and writes the catalogue. Saving a definition that differs from the current version makes a new
/// version; saving the same definition changes nothing.
public struct ProcedureStore: Sendable {
    let database: any SQLDatabase

    public init(_ database: any SQLDatabase) { self.database = database }

    public enum Outcome: Sendable, Equatable {
        case created
        case newVersion(Int)
        case unchanged
    }

    /// Stores a checked definition whose unit codes have been resolved to ids (see ``resolveUnits``).
    public func save(_ procedure: Procedure, units: ResolvedUnits, isDemo: Bool, actorID: Int64?, at time: Date) async throws -> Outcome {
        let definition = String(decoding: try Self.encoder.encode(procedure), as: UTF8.self)
        let existing = try await database.select().columns("id", "current_version").from("procedures")
            .where("code", .equal, procedure.code).first()
        let procedureID: Int64
        let version: Int
        if let existing {
            procedureID = try existing.decode(column: "id", as: Int64.self)
            let current = try existing.decode(column: "current_version", as: Int.self)
            let stored = try await database.select().column("definition").from("procedure_versions")
                .where("procedure_id", .equal, procedureID).where("version", .equal, current).first()
            if try stored?.decode(column: "definition", as: String.self) == definition { return .unchanged }
            version = current + 1
            try await database.update("procedures").set("current_version", to: version).where("id", .equal, procedureID).run()
        } else {
            let row = try await database.insert(into: "procedures").columns("code", "current_version", "is_demo", "created_at")
                .values(SQLBind(procedure.code), SQLBind(Int64(1)), SQLBind(isDemo), SQLBind(time.milliseconds))
                .returning("id").first()
            guard let id = try row?.decode(column: "id", as: Int64.self) else {
                throw PersistenceError.corrupt("insert into procedures returned no id")
            }
            procedureID = id
            version = 1
        }
        var halfDays: Int64?, minutes: Int64?
        switch procedure.timeLimit {
        case .workingDays(let value): halfDays = Int64(value)
        case .workingHours(let value): minutes = Int64(value)
        }
        let row = try await database.insert(into: "procedure_versions")
            .columns(
                "procedure_id", "version", "name", "field", "level", "online_level", "limit_half_days", "limit_minutes",
                "is_boundary_free", "delegated_until", "definition", "search_text", "created_at", "created_by", "has_fee"
            )
            .values(
                SQLBind(procedureID), SQLBind(Int64(version)), SQLBind(procedure.name), SQLBind(procedure.field),
                SQLBind(procedure.level.rawValue), SQLBind(procedure.onlineLevel.rawValue), SQLBind(halfDays), SQLBind(minutes),
                SQLBind(procedure.isBoundaryFree), SQLBind(procedure.delegation?.until.iso), SQLBind(definition),
                SQLBind(VietnameseText.folded("\(procedure.code) \(procedure.name) \(procedure.field)")),
                SQLBind(time.milliseconds), SQLBind(actorID), SQLBind(procedure.hasFee)
            )
            .returning("id").first()
        guard let versionID = try row?.decode(column: "id", as: Int64.self) else {
            throw PersistenceError.corrupt("insert into procedure_versions returned no id")
        }
        if !units.receiving.isEmpty || !units.processing.isEmpty {
            let insert = database.insert(into: "procedure_units").columns("procedure_version_id", "unit_id", "role", "position")
            for (role, ids) in [("receiving", units.receiving), ("processing", units.processing)] {
                for (position, unitID) in ids.enumerated() {
                    insert.values(SQLBind(versionID), SQLBind(unitID), SQLBind(role), SQLBind(position))
                }
            }
            try await insert.run()
        }
        return version == 1 ? .created : .newVersion(version)
    }

    /// The unit ids of a definition's unit codes, valid on a day.
    public struct ResolvedUnits: Sendable, Equatable {
        public var receiving: [Int64]
        public var processing: [Int64]
    }

    /// Resolves unit codes against the units valid on `day`; nil ids and the codes that match no unit when
    /// some are unknown.
    public func resolveUnits(of procedure: Procedure, validOn day: LocalDate, cache: inout [String: Int64?]) async throws -> (
        units: ResolvedUnits?, unknown: [String]
    ) {
        var unknown: [String] = []
        func ids(_ codes: [String]) async throws -> [Int64] {
            var result: [Int64] = []
            for code in codes {
                if cache[code] == nil { cache[code] = .some(try await UnitStore(database).find(code: code, validOn: day)?.id) }
                if let id = cache[code] ?? nil { result.append(id) } else { unknown.append(code) }
            }
            return result
        }
        let receiving = try await ids(procedure.receivingUnits)
        let processing = try await ids(procedure.processingUnits)
        return unknown.isEmpty ? (ResolvedUnits(receiving: receiving, processing: processing), []) : (nil, unknown)
    }

    public struct Filter: Sendable, Equatable {
        public var query: String?
        public var field: String?
        public var onlineLevel: Procedure.OnlineLevel?
        /// Only procedures that can be filed online (fully or partly).
        public var onlineOnly: Bool
        public var receivingUnitID: Int64?
        /// Only the procedures of a life event (``LifeEvent/includes(name:field:)``).
        public var lifeEvent: LifeEvent?

        public init(
            query: String? = nil, field: String? = nil, onlineLevel: Procedure.OnlineLevel? = nil, onlineOnly: Bool = false,
            receivingUnitID: Int64? = nil, lifeEvent: LifeEvent? = nil
        ) {
            self.query = query
            self.field = field
            self.onlineLevel = onlineLevel
            self.onlineOnly = onlineOnly
            self.receivingUnitID = receivingUnitID
            self.lifeEvent = lifeEvent
        }
    }

    /// Current versions matching a filter, by name in Vietnamese order.
    public func list(_ filter: Filter = .init(), limit: Int = 1000) async throws -> [ProcedureSummary] {
        var select = currentVersions()
        if let query = filter.query.map(VietnameseText.folded), !query.isEmpty {
            for word in query.split(separator: " ") {
                select = select.where(
                    SQLColumn("search_text", table: "procedure_versions"), .like, SQLBind("%\(escapeLike(String(word)))%"))
            }
        }
        if let field = filter.field, !field.isEmpty {
            select = select.where(SQLColumn("field", table: "procedure_versions"), .equal, SQLBind(field))
        }
        if let level = filter.onlineLevel {
            select = select.where(SQLColumn("online_level", table: "procedure_versions"), .equal, SQLBind(level.rawValue))
        }
        if filter.onlineOnly {
            select = select.where(
                SQLColumn("online_level", table: "procedure_versions"), .notEqual, SQLBind(Procedure.OnlineLevel.inPerson.rawValue))
        }
        if let unitID = filter.receivingUnitID {
            let receives = database.select().column(SQLLiteral.numeric("1")).from("procedure_units")
                .where(SQLColumn("procedure_version_id", table: "procedure_units"), .equal, SQLColumn("id", table: "procedure_versions"))
                .where("role", .equal, "receiving").where("unit_id", .equal, unitID)
            select = select.where(SQLFunction("EXISTS", args: receives.select))
        }
        // A life event's rule is the domain's (words of names, folded): applied here, before the limit.
        guard let event = filter.lifeEvent else {
            return VietnameseText.sorted(try await select.limit(limit).all().map(Self.decodeSummary), by: \.name)
        }
        let found = try await select.all().map(Self.decodeSummary).filter { event.includes(name: $0.name, field: $0.field) }
        return Array(VietnameseText.sorted(found, by: \.name).prefix(limit))
    }

    /// The current version of a procedure by code.
    public func find(code: String) async throws -> ProcedureVersion? {
        try await currentVersions().column(SQLColumn("definition", table: "procedure_versions"))
            .column(SQLColumn("created_at", table: "procedure_versions"), as: "version_created_at")
            .where(SQLColumn("code", table: "procedures"), .equal, SQLBind(code)).first().map(Self.decodeVersion)
    }

    /// The current version of a procedure without its definition (code, limit, version id): what intake
    /// needs, without decoding the document list and unit codes.
    public func summary(code: String) async throws -> ProcedureSummary? {
        try await summaries(codes: [code])[code]
    }

    /// The current versions of several procedures without their definitions, by code (unknown codes absent).
    public func summaries(codes: Set<String>) async throws -> [String: ProcedureSummary] {
        guard !codes.isEmpty else { return [:] }
        let rows = try await currentVersions().where(SQLColumn("code", table: "procedures"), .in, SQLBind.group(Array(codes))).all()
        return Dictionary(try rows.map(Self.decodeSummary).map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// One version by its id (what a dossier points at).
    public func version(id: Int64) async throws -> ProcedureVersion? {
        try await joined().column(SQLColumn("definition", table: "procedure_versions"))
            .column(SQLColumn("created_at", table: "procedure_versions"), as: "version_created_at")
            .where(SQLColumn("id", table: "procedure_versions"), .equal, SQLBind(id)).first().map(Self.decodeVersion)
    }

    /// Every version of a procedure, newest first.
    public func history(code: String) async throws -> [ProcedureVersion] {
        try await joined().column(SQLColumn("definition", table: "procedure_versions"))
            .column(SQLColumn("created_at", table: "procedure_versions"), as: "version_created_at")
            .where(SQLColumn("code", table: "procedures"), .equal, SQLBind(code))
            .orderBy(SQLOrderBy(expression: SQLColumn("version", table: "procedure_versions"), direction: SQLDirection.descending)).all()
            .map(Self.decodeVersion)
    }

    /// The current definitions of the whole catalogue, by code, for export.
    public func allCurrent() async throws -> [Procedure] {
        try await currentVersions().column(SQLColumn("definition", table: "procedure_versions"))
            .column(SQLColumn("created_at", table: "procedure_versions"), as: "version_created_at")
            .orderBy(SQLOrderBy(expression: SQLColumn("code", table: "procedures"), direction: SQLDirection.ascending)).all().map {
                try Self.decodeVersion($0).procedure
            }
    }

    /// Every version that was delegated (ủy quyền), with its definition, newest first per procedure.
    public func delegatedVersions() async throws -> [ProcedureVersion] {
        try await joined().column(SQLColumn("definition", table: "procedure_versions"))
            .column(SQLColumn("created_at", table: "procedure_versions"), as: "version_created_at")
            .where(SQLColumn("delegated_until", table: "procedure_versions"), .isNot, SQLLiteral.null)
            .orderBy(SQLOrderBy(expression: SQLColumn("code", table: "procedures"), direction: SQLDirection.ascending))
            .orderBy(SQLOrderBy(expression: SQLColumn("version", table: "procedure_versions"), direction: SQLDirection.descending))
            .all().map(Self.decodeVersion)
    }

    /// The fields in use, in Vietnamese order.
    public func fields() async throws -> [String] {
        let fields = try await database.select().distinct().column(SQLColumn("field", table: "procedure_versions")).from("procedures")
            .join(
                "procedure_versions", on: SQLColumn("procedure_id", table: "procedure_versions"), .equal,
                SQLColumn("id", table: "procedures")
            )
            .where(SQLColumn("version", table: "procedure_versions"), .equal, SQLColumn("current_version", table: "procedures"))
            .all().map { try $0.decode(column: "field", as: String.self) }
        return VietnameseText.sorted(fields) { $0 }
    }

    /// The units that receive or process a version, with their codes, in the order the catalogue lists them.
    public func units(ofVersion versionID: Int64) async throws -> [ListedUnit] {
        try await listedUnits(ofVersions: [versionID], among: nil)[versionID] ?? []
    }

    /// For intake: per version, the rows of `unitIDs` and each version's first processing unit.
    public func units(ofVersions versionIDs: Set<Int64>, among unitIDs: Set<Int64>) async throws -> [Int64: [ListedUnit]] {
        try await listedUnits(ofVersions: versionIDs, among: unitIDs)
    }

    private func listedUnits(ofVersions versionIDs: Set<Int64>, among unitIDs: Set<Int64>?) async throws -> [Int64: [ListedUnit]] {
        guard !versionIDs.isEmpty else { return [:] }
        var select = database.select()
            .column(SQLColumn("procedure_version_id", table: "procedure_units"))
            .column(SQLColumn("unit_id", table: "procedure_units")).column(SQLColumn("role", table: "procedure_units"))
            .column(SQLColumn("code", table: "units"))
            .from("procedure_units")
            .join("units", on: SQLColumn("id", table: "units"), .equal, SQLColumn("unit_id", table: "procedure_units"))
            .where(SQLColumn("procedure_version_id", table: "procedure_units"), .in, SQLBind.group(Array(versionIDs)))
        if let unitIDs {
            select = select.where { group in
                group.where(SQLColumn("unit_id", table: "procedure_units"), .in, SQLBind.group(Array(unitIDs)))
                    .orWhere { first in
                        first.where(SQLColumn("role", table: "procedure_units"), .equal, SQLBind("processing"))
                            .where(SQLColumn("position", table: "procedure_units"), .equal, SQLBind(0))
                    }
            }
        }
        var units: [Int64: [ListedUnit]] = [:]
        for row
            in try await select
            .orderBy(SQLOrderBy(expression: SQLColumn("position", table: "procedure_units"), direction: SQLDirection.ascending)).all()
        {
            let unit = ListedUnit(
                id: try row.decode(column: "unit_id", as: Int64.self), code: try row.decode(column: "code", as: String.self),
                role: try row.decode(column: "role", as: String.self) == "receiving" ? .receiving : .processing)
            units[try row.decode(column: "procedure_version_id", as: Int64.self), default: []].append(unit)
        }
        return units
    }

    /// The procedures most filed since an instant: codes with their numbers of dossiers, most first (ties by code).
    public func mostFiled(since start: Date, limit: Int) async throws -> [(code: String, dossiers: Int)] {
        let code = SQLColumn("code", table: "procedures")
        return try await database.select().column(code).column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("dossiers")
            .join(
                "procedure_versions", on: SQLColumn("id", table: "procedure_versions"), .equal,
                SQLColumn("procedure_version_id", table: "dossiers")
            )
            .join("procedures", on: SQLColumn("id", table: "procedures"), .equal, SQLColumn("procedure_id", table: "procedure_versions"))
            .where(SQLColumn("received_at", table: "dossiers"), .greaterThanOrEqual, SQLBind(start.milliseconds))
            .groupBy(code)
            .orderBy(SQLOrderBy(expression: SQLIdentifier("n"), direction: SQLDirection.descending))
            .orderBy(SQLOrderBy(expression: code, direction: SQLDirection.ascending))
            .limit(limit).all()
            .map { (try $0.decode(column: "code", as: String.self), try $0.decode(column: "n", as: Int.self)) }
    }

    /// A number that changes whenever a procedure version is added: what a cache of the catalogue compares.
    public func catalogueVersion() async throws -> Int64 {
        let row = try await database.select().column(SQLFunction("MAX", args: SQLColumn("id")), as: "n").from("procedure_versions").first()
        return try row?.decode(column: "n", as: Int64?.self) ?? 0
    }

    public func count() async throws -> Int {
        let row = try await database.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("procedures").first()
        return try row?.decode(column: "n", as: Int.self) ?? 0
    }

    // MARK: Queries and decoding

    private func joined() -> SQLSelectBuilder {
        database.select()
            .column(SQLColumn("id", table: "procedures"), as: "procedure_id")
            .column(SQLColumn("id", table: "procedure_versions"), as: "version_id")
            .column(SQLColumn("version", table: "procedure_versions"))
            .column(SQLColumn("code", table: "procedures"))
            .column(SQLColumn("is_demo", table: "procedures"))
            .column(SQLColumn("name", table: "procedure_versions"))
            .column(SQLColumn("field", table: "procedure_versions"))
            .column(SQLColumn("level", table: "procedure_versions"))
            .column(SQLColumn("online_level", table: "procedure_versions"))
            .column(SQLColumn("has_fee", table: "procedure_versions"))
            .column(SQLColumn("limit_half_days", table: "procedure_versions"))
            .column(SQLColumn("limit_minutes", table: "procedure_versions"))
            .from("procedures")
            .join(
                "procedure_versions", on: SQLColumn("procedure_id", table: "procedure_versions"), .equal,
                SQLColumn("id", table: "procedures"))
    }

    private func currentVersions() -> SQLSelectBuilder {
        joined().where(SQLColumn("version", table: "procedure_versions"), .equal, SQLColumn("current_version", table: "procedures"))
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()

    static func decodeSummary(_ row: any SQLRow) throws -> ProcedureSummary {
        ProcedureSummary(
            id: try row.decode(column: "procedure_id", as: Int64.self),
            versionID: try row.decode(column: "version_id", as: Int64.self),
            version: try row.decode(column: "version", as: Int.self),
            code: try row.decode(column: "code", as: String.self),
            name: try row.decode(column: "name", as: String.self),
            field: try row.decode(column: "field", as: String.self),
            level: try decodeEnum(row, "level", as: Procedure.Level.self),
            onlineLevel: try decodeEnum(row, "online_level", as: Procedure.OnlineLevel.self),
            timeLimit: try decodeLimit(row),
            isDemo: try row.decode(column: "is_demo", as: Bool.self),
            hasFee: try row.decode(column: "has_fee", as: Bool.self))
    }

    static func decodeLimit(_ row: any SQLRow) throws -> TimeLimit {
        if let halfDays = try row.decode(column: "limit_half_days", as: Int?.self) { return .workingDays(halfDays: halfDays) }
        if let minutes = try row.decode(column: "limit_minutes", as: Int?.self) { return .workingHours(minutes: minutes) }
        throw PersistenceError.corrupt("procedure version without a time limit")
    }

    static func decodeVersion(_ row: any SQLRow) throws -> ProcedureVersion {
        let text = try row.decode(column: "definition", as: String.self)
        let procedure: Procedure
        do {
            procedure = try JSONDecoder().decode(Procedure.self, from: Data(text.utf8))
        } catch {
            throw PersistenceError.corrupt("procedure definition of version \(try row.decode(column: "version_id", as: Int64.self))")
        }
        return ProcedureVersion(
            summary: try decodeSummary(row), procedure: procedure,
            createdAt: Date(milliseconds: try row.decode(column: "version_created_at", as: Int64.self)))
    }
}
