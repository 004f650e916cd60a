/// What to list of the units: a kind, a search text (diacritics and case ignored, every word found in the name or
/// code), a day on which they are in force or a period on one day of which they are, and a parent.
public struct UnitFilter: Sendable {
    public var kind: UnitKind?
    public var query: String?
    public var validOn: LocalDate?
    /// In force on at least one day of the period.
    public var validDuring: ReportingPeriod?
    public var parentID: Int64?

    public init(
        kind: UnitKind? = nil, query: String? = nil, validOn: LocalDate? = nil, validDuring: ReportingPeriod? = nil, parentID: Int64? = nil
    ) {
        self.kind = kind
        self.query = query
        self.validOn = validOn
        self.validDuring = validDuring
        self.parentID = parentID
    }
}

/// Every unit, in Vietnamese order of their names, with their tree: what pages ask of the units, answered from
/// memory. Units are only ever added (a reform adds units and links, it never edits one), so a directory stays
/// true until the units' count or largest id changes; the web app keeps one until then.
public struct UnitDirectory: Sendable {
    /// In Vietnamese alphabetical order of their names.
    public let all: [OrgUnit]
    public let tree: UnitTree
    private let indexByID: [Int64: Int]
    /// Each unit's name and code folded for search, by position in `all`.
    private let searchText: [String]

    public init(_ units: [OrgUnit]) {
        all = VietnameseText.sorted(units, by: \.name)
        tree = UnitTree(parentByUnit: units.map { ($0.id, $0.parentID) })
        indexByID = Dictionary(all.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        searchText = all.map { VietnameseText.folded("\($0.name) \($0.code)") }
    }

    public func list(_ filter: UnitFilter = .init()) -> [OrgUnit] {
        let words = VietnameseText.folded(filter.query ?? "").split(separator: " ")
        return all.indices.filter { index in
            let unit = all[index]
            if let kind = filter.kind, unit.kind != kind { return false }
            if let parentID = filter.parentID, unit.parentID != parentID { return false }
            if let day = filter.validOn, !unit.isValid(on: day) { return false }
            if let period = filter.validDuring {
                if let validFrom = unit.validFrom, validFrom > period.through { return false }
                if let validTo = unit.validTo, validTo < period.from { return false }
            }
            return words.allSatisfy { searchText[index].contains($0) }
        }.map { all[$0] }
    }

    public func find(id: Int64) -> OrgUnit? { indexByID[id].map { all[$0] } }

    /// The units with these ids, by id; ids of no unit are left out.
    public func find(ids: some Collection<Int64>) -> [Int64: OrgUnit] {
        Dictionary(ids.compactMap { find(id: $0).map { ($0.id, $0) } }, uniquingKeysWith: { first, _ in first })
    }

    /// The unit with this code that is in force on the day (codes are reused by new communes).
    public func find(code: String, validOn day: LocalDate) -> OrgUnit? {
        all.first { $0.code == code && $0.isValid(on: day) }
    }
}
