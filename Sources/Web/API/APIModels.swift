import Domain
import Foundation
import Hummingbird
import Persistence
import Services

/// The typed error body of every refused API request: `{"error":{"code","message"}}`.
struct APIError: ResponseEncodable {
    struct Body: Codable {
        var code: String
        var message: String
    }
    var error: Body

    init(code: String, message: String) { self.error = Body(code: code, message: message) }
}

/// A unit as the public API shows it (openapi.yaml: `Unit`).
struct UnitDTO: ResponseEncodable, Decodable, Equatable {
    var id: Int64
    var code: String
    var name: String
    var kind: String
    var parentId: Int64?
    var validFrom: String?
    var validTo: String?
    var isDemo: Bool

    init(_ unit: OrgUnit) {
        id = unit.id
        code = unit.code
        name = unit.name
        kind = unit.kind.rawValue
        parentId = unit.parentID
        validFrom = unit.validFrom?.iso
        validTo = unit.validTo?.iso
        isDemo = unit.isDemo
    }
}

/// A reorganisation link from the point of view of one unit (openapi.yaml: `UnitLink`).
struct UnitLinkDTO: Codable, Equatable {
    var unitId: Int64
    var whole: Bool
    var primary: Bool
    var effective: String
    var legalBasis: String
}

/// One unit with its links (openapi.yaml: `UnitDetail`).
struct UnitDetailDTO: ResponseEncodable, Decodable {
    var unit: UnitDTO
    var predecessors: [UnitLinkDTO]
    var successors: [UnitLinkDTO]
}

/// The list wrapper (openapi.yaml: `UnitList`).
struct UnitListDTO: ResponseEncodable, Decodable {
    var units: [UnitDTO]
}

/// An account without secrets (openapi.yaml: `User`).
struct UserDTO: ResponseEncodable, Decodable, Equatable {
    struct GrantDTO: Codable, Equatable {
        var role: String
        var unitId: Int64?
    }
    var id: Int64
    var username: String
    var displayName: String
    var isActive: Bool
    var grants: [GrantDTO]

    init(_ user: User, grants: [Grant]) {
        id = user.id
        username = user.username
        displayName = user.displayName
        isActive = user.isActive
        self.grants = grants.map { GrantDTO(role: $0.role.rawValue, unitId: $0.unitID) }
    }
}

struct UserListDTO: ResponseEncodable, Decodable {
    var users: [UserDTO]
}

/// A procedure in lists (openapi.yaml: `ProcedureSummary`).
struct ProcedureSummaryDTO: ResponseEncodable, Decodable, Equatable {
    var code: String
    var name: String
    var field: String
    var level: String
    var onlineLevel: String
    var timeLimit: TimeLimit
    var version: Int
    var isDemo: Bool

    init(_ summary: ProcedureSummary) {
        code = summary.code
        name = summary.name
        field = summary.field
        level = summary.level.rawValue
        onlineLevel = summary.onlineLevel.rawValue
        timeLimit = summary.timeLimit
        version = summary.version
        isDemo = summary.isDemo
    }
}

struct ProcedureListDTO: ResponseEncodable, Decodable {
    var procedures: [ProcedureSummaryDTO]
}

/// One procedure: its current definition (the catalogue file's shape), the units by id and name, and its
/// versions (openapi.yaml: `ProcedureDetail`).
struct ProcedureDetailDTO: ResponseEncodable, Decodable {
    struct UnitRef: Codable, Equatable {
        var id: Int64
        var code: String
        var name: String
    }
    struct VersionRef: Codable, Equatable {
        var version: Int
        var createdAt: Date
    }
    var version: Int
    var isDemo: Bool
    var procedure: Procedure
    var receivingUnits: [UnitRef]
    var processingUnits: [UnitRef]
    var versions: [VersionRef]

    init(_ detail: ProcedureRoutes.Detail) {
        version = detail.current.summary.version
        isDemo = detail.current.summary.isDemo
        procedure = detail.current.procedure
        receivingUnits = detail.receiving.map { UnitRef(id: $0.id, code: $0.code, name: $0.name) }
        processingUnits = detail.processing.map { UnitRef(id: $0.id, code: $0.code, name: $0.name) }
        versions = detail.history.map { VersionRef(version: $0.summary.version, createdAt: $0.createdAt) }
    }
}
