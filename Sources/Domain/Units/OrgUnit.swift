import Foundation

/// An organisational unit (đơn vị): the city, a department (sở), a district until 30 Jun 2025, a ward or
/// commune, or a section inside one of them. Units form a tree through `parentID` and a history through
/// predecessor → successor links (see ``UnitLink``). Named `OrgUnit` because Foundation already has a `Unit` (of measure).
public struct OrgUnit: Sendable, Hashable, Identifiable {
    public var id: Int64
    /// The national unit code (mã đơn vị hành chính), zero-padded, or a local code for departments and
    /// sections. A code is unique only within a period: new communes reuse the codes of old ones.
    public var code: String
    public var name: String
    public var kind: UnitKind
    public var parentID: Int64?
    /// First day of validity (inclusive), local calendar date; nil when unknown.
    public var validFrom: LocalDate?
    /// Last day of validity (inclusive); nil while the unit exists.
    public var validTo: LocalDate?
    /// True for units that exist only as demonstration data.
    public var isDemo: Bool

    public init(
        id: Int64, code: String, name: String, kind: UnitKind, parentID: Int64?,
        validFrom: LocalDate?, validTo: LocalDate?, isDemo: Bool = false
    ) {
        self.id = id
        self.code = code
        self.name = name
        self.kind = kind
        self.parentID = parentID
        self.validFrom = validFrom
        self.validTo = validTo
        self.isDemo = isDemo
    }

    /// Whether the unit exists on the given day.
    public func isValid(on day: LocalDate) -> Bool {
        if let validFrom, day < validFrom { return false }
        if let validTo, day > validTo { return false }
        return true
    }
}

/// A predecessor → successor link created by a reorganisation (sắp xếp đơn vị hành chính).
public struct UnitLink: Sendable, Hashable {
    public var predecessorID: Int64
    public var successorID: Int64
    /// False when only part of the predecessor moved to the successor.
    public var isWhole: Bool
    /// The default successor of the predecessor, where open records move.
    public var isPrimary: Bool
    public var effective: LocalDate
    public var legalBasis: String

    public init(
        predecessorID: Int64, successorID: Int64, isWhole: Bool, isPrimary: Bool, effective: LocalDate,
        legalBasis: String
    ) {
        self.predecessorID = predecessorID
        self.successorID = successorID
        self.isWhole = isWhole
        self.isPrimary = isPrimary
        self.effective = effective
        self.legalBasis = legalBasis
    }
}
