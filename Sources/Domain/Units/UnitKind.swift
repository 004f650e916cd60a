/// The kind of an organisational unit (loại đơn vị). Stored as its raw value.
///
/// Districts (quận, huyện, thị xã) existed until 30 Jun 2025 (Law 72/2025/QH15 abolished the level); wards,
/// communes and townships are the local level; a section (phòng, ban) is a part of another unit.
public enum UnitKind: String, CaseIterable, Codable, Sendable {
    case city
    case department
    case district
    case ward
    case commune
    case township
    case section

    /// The Vietnamese label shown in the UI.
    public var title: String {
        switch self {
        case .city: "Thành phố"
        case .department: "Sở, ban, ngành"
        case .district: "Quận, huyện, thị xã"
        case .ward: "Phường"
        case .commune: "Xã"
        case .township: "Thị trấn"
        case .section: "Phòng, ban"
        }
    }

    /// The first day without districts or townships (Law 72/2025/QH15; Hanoi's 126 communes and wards).
    public static let twoLevelFrom = LocalDate(year: 2025, month: 7, day: 1)!

    /// The local level's name for a period ending on `day`: townships (thị trấn) are named only before they ended.
    public static func localLevelTitle(through day: LocalDate) -> String {
        day < twoLevelFrom ? "Phường, xã, thị trấn" : "Phường, xã"
    }

    /// Units whose statistics and rankings may be compared with each other: wards, communes and townships
    /// are one local level; the other kinds stand alone.
    public var rankingGroup: String {
        switch self {
        case .ward, .commune, .township: "local"
        default: rawValue
        }
    }
}
