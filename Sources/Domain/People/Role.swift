/// What a person may do (vai trò). A role is granted on a unit and covers the units below it; the roles of
/// the public (citizen) and of the whole system (administrator) need no unit.
public enum Role: String, CaseIterable, Codable, Sendable {
    case citizen
    case deskOfficer
    case caseOfficer
    case unitHead
    case secretariat
    case appraisalCouncil
    case cityLeader
    /// Enters paper SIPAS forms (each form twice, by two people).
    case surveyor
    case admin

    /// The Vietnamese name shown in the UI.
    public var title: String {
        switch self {
        case .citizen: "Công dân, doanh nghiệp"
        case .deskOfficer: "Cán bộ Bộ phận Một cửa"
        case .caseOfficer: "Chuyên viên thụ lý"
        case .unitHead: "Lãnh đạo đơn vị"
        case .secretariat: "Thư ký Tổ công tác"
        case .appraisalCouncil: "Thành viên Hội đồng thẩm định"
        case .cityLeader: "Lãnh đạo Thành phố"
        case .surveyor: "Điều tra viên khảo sát SIPAS"
        case .admin: "Quản trị hệ thống"
        }
    }

    /// Whether a grant of this role must name the unit it applies to.
    public var needsUnit: Bool {
        switch self {
        case .citizen, .admin: false
        default: true
        }
    }

    /// Roles whose holders see the data of every unit of the city (read access), whatever unit they are
    /// granted on: the city's leaders, the working group's secretariat, the appraisal council and the
    /// administrators.
    public var seesWholeCity: Bool {
        switch self {
        case .cityLeader, .secretariat, .appraisalCouncil, .admin: true
        default: false
        }
    }
}

/// A role granted to a person on a unit (phân quyền).
public struct Grant: Sendable, Hashable, Codable {
    public var role: Role
    public var unitID: Int64?

    public init(role: Role, unitID: Int64?) {
        self.role = role
        self.unitID = unitID
    }
}
