import Domain
import Foundation
import SQLKit

/// Imports Hanoi's units from the shipped files: the city, the 30 districts and 526 communes valid to
/// 30 Jun 2025, the 126 communes from 1 Jul 2025, and the 794 old → new links. All in one transaction, recorded
/// in the audit trail; running it again changes nothing.
public enum HanoiUnitImport {
    /// The national code of Hà Nội.
    public static let cityCode = "01"

    public struct Summary: Sendable, Equatable {
        public var districts = 0
        public var communesBefore2025 = 0
        public var communesFrom2025 = 0
        public var links = 0
        public var alreadyPresent = false

        public init(
            districts: Int = 0, communesBefore2025: Int = 0, communesFrom2025: Int = 0, links: Int = 0, alreadyPresent: Bool = false
        ) {
            self.districts = districts
            self.communesBefore2025 = communesBefore2025
            self.communesFrom2025 = communesFrom2025
            self.links = links
            self.alreadyPresent = alreadyPresent
        }
    }

    @discardableResult
    public static func run(on database: Database, actorID: Int64?, at time: Date) async throws -> Summary {
        let before = try UnitFiles.load("hanoi-2024-districts-communes", as: UnitFiles.Before2025.self)
        let after = try UnitFiles.load("hanoi-2025-communes", as: UnitFiles.From2025.self)
        let mapping = try UnitFiles.load("hanoi-2025-reform-mapping", as: UnitFiles.ReformMapping.self)
        return try await database.transaction { session in
            let units = UnitStore(session)
            if try await cityID(on: session) != nil {
                var summary = Summary()
                summary.alreadyPresent = true
                return summary
            }
            var summary = Summary()
            let city = try await units.insert(.init(code: cityCode, name: "Thành phố Hà Nội", kind: .city))
            var districtIDs: [String: Int64] = [:]
            for district in before.districts {
                districtIDs[district.code] = try await units.insert(
                    .init(
                        code: district.code, name: district.name, kind: try UnitFiles.kind(district.kind), parentID: city,
                        validTo: before.validTo))
                summary.districts += 1
            }
            var oldCommuneIDs: [String: Int64] = [:]
            for commune in before.communes {
                guard let parent = districtIDs[commune.district] else {
                    throw PersistenceError.corrupt("commune \(commune.code) names unknown district \(commune.district)")
                }
                oldCommuneIDs[commune.code] = try await units.insert(
                    .init(
                        code: commune.code, name: commune.name, kind: try UnitFiles.kind(commune.kind), parentID: parent,
                        validTo: before.validTo))
                summary.communesBefore2025 += 1
            }
            var newCommuneIDs: [String: Int64] = [:]
            for commune in after.units {
                newCommuneIDs[commune.code] = try await units.insert(
                    .init(
                        code: commune.code, name: commune.name, kind: try UnitFiles.kind(commune.kind), parentID: city,
                        validFrom: after.validFrom))
                summary.communesFrom2025 += 1
            }
            for row in mapping.mapping {
                guard let from = oldCommuneIDs[row.from], let to = newCommuneIDs[row.to] else {
                    throw PersistenceError.corrupt("mapping \(row.from) → \(row.to) names an unknown unit")
                }
                try await units.insert(
                    UnitLink(
                        predecessorID: from, successorID: to, isWhole: row.whole, isPrimary: row.primary,
                        effective: mapping.effective, legalBasis: mapping.legalBasis))
                summary.links += 1
            }
            try await AuditTrail.append(
                AuditRecord(
                    actorID: actorID, unitID: city, action: "unit.import", objectType: "unit", objectID: String(city),
                    reason:
                        "Đơn vị hành chính Hà Nội: \(summary.districts) quận, huyện, thị xã; \(summary.communesBefore2025) xã, phường, thị trấn trước và \(summary.communesFrom2025) xã, phường từ 1/7/2025; \(summary.links) liên kết"
                ),
                at: time, on: session)
            return summary
        }
    }

    /// The id of the city unit, once imported.
    public static func cityID(on database: any SQLDatabase) async throws -> Int64? {
        try await database.select().column("id").from("units").where("code", .equal, cityCode)
            .where("kind", .equal, UnitKind.city.rawValue).first()?.decode(column: "id", as: Int64.self)
    }
}
