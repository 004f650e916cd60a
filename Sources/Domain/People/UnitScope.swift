/// The units whose records a person may see: the union of the subtrees of their grants, or every unit for
/// the roles that see the whole city. Every query of unit-scoped data is filtered by this value.
public enum UnitScope: Sendable, Equatable {
    case everyUnit
    case units(Set<Int64>)

    public static let nothing = UnitScope.units([])

    /// Derives the scope of a set of grants over the unit tree.
    public init(grants: [Grant], tree: UnitTree) {
        if grants.contains(where: { $0.role.seesWholeCity }) {
            self = .everyUnit
            return
        }
        var visible: Set<Int64> = []
        // A surveyor's grant names the campaign owner's unit; it opens no dossier.
        for grant in grants where grant.role != .surveyor {
            if let unitID = grant.unitID { visible.formUnion(tree.subtree(of: unitID)) }
        }
        self = .units(visible)
    }

    public func contains(_ unitID: Int64) -> Bool {
        switch self {
        case .everyUnit: true
        case .units(let ids): ids.contains(unitID)
        }
    }
}
