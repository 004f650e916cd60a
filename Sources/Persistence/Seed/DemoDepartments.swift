import Domain
import Foundation

/// Demonstration departments (sở). Decree 150/2025/NĐ-CP sets 15 departments for Hanoi, but its exact list is
/// not in the project's sources, so these usual names are stored as demo data (`is_demo`), shown as such, and
/// must be replaced by the official list.
public enum DemoDepartments {
    public static let names: [(code: String, name: String)] = [
        ("DEMO-VP", "Văn phòng Ủy ban nhân dân Thành phố"),
        ("DEMO-SNV", "Sở Nội vụ"),
        ("DEMO-STP", "Sở Tư pháp"),
        ("DEMO-STC", "Sở Tài chính"),
        ("DEMO-SXD", "Sở Xây dựng"),
        ("DEMO-SNNMT", "Sở Nông nghiệp và Môi trường"),
        ("DEMO-SCT", "Sở Công Thương"),
        ("DEMO-SGDDT", "Sở Giáo dục và Đào tạo"),
        ("DEMO-SYT", "Sở Y tế"),
        ("DEMO-SVHTT", "Sở Văn hóa và Thể thao"),
        ("DEMO-SKHCN", "Sở Khoa học và Công nghệ"),
        ("DEMO-SDL", "Sở Du lịch"),
        ("DEMO-SDTTG", "Sở Dân tộc và Tôn giáo"),
        ("DEMO-SQHKT", "Sở Quy hoạch - Kiến trúc"),
        ("DEMO-TTTP", "Thanh tra Thành phố"),
    ]

    /// Adds the departments under the city unless they exist; returns the id of each by code.
    public static func ensure(on database: Database, cityID: Int64, actorID: Int64?, at time: Date) async throws -> [String: Int64] {
        try await database.transaction { session in
            let units = UnitStore(session)
            var ids: [String: Int64] = [:]
            for department in names {
                if let existing = try await session.select().column("id").from("units").where("code", .equal, department.code)
                    .first()?.decode(column: "id", as: Int64.self)
                {
                    ids[department.code] = existing
                    continue
                }
                let id = try await units.insert(
                    .init(code: department.code, name: department.name, kind: .department, parentID: cityID, isDemo: true))
                ids[department.code] = id
                try await AuditTrail.append(
                    AuditRecord(
                        actorID: actorID, unitID: id, action: "unit.create", objectType: "unit", objectID: String(id),
                        reason: "sở mẫu của dữ liệu trình diễn"),
                    at: time, on: session)
            }
            return ids
        }
    }
}
