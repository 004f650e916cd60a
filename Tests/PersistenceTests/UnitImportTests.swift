import Domain
import Foundation
import Persistence
import TestSupport
import Testing

@Suite struct UnitImportTests {
    @Test func importsHanoiBeforeAndAfterTheReform() async throws {
        try await TestDatabase.with { database in
            // MUT
            let summary = try await HanoiUnitImport.run(on: database, actorID: nil, at: Date())
            let second = try await HanoiUnitImport.run(on: database, actorID: nil, at: Date())
            // validate: the counts of the shipped files
            #expect(summary == .init(districts: 30, communesBefore2025: 526, communesFrom2025: 126, links: 794, alreadyPresent: false))
            #expect(second.alreadyPresent)
            let units = UnitStore(database.sql)
            #expect(try await units.count() == 1 + 30 + 526 + 126)
            #expect(try await units.linkCount() == 794)
            let after = try #require(LocalDate(iso: "2025-07-01"))
            let before = try #require(LocalDate(iso: "2025-06-30"))
            let current = try await units.list(.init(validOn: after)).filter { $0.kind != .city }
            #expect(current.count == 126)
            #expect(Set(current.map(\.kind)) == [.ward, .commune])
            #expect(try await units.list(.init(kind: .district, validOn: before)).count == 30)
            #expect(try await units.list(.init(kind: .district, validOn: after)).isEmpty)
        }
    }

    @Test func aReusedCodeNamesDifferentUnitsBeforeAndAfter() async throws {
        try await TestDatabase.with { database in
            try await HanoiUnitImport.run(on: database, actorID: nil, at: Date())
            let units = UnitStore(database.sql)
            let new = try #require(try await units.find(code: "00070", validOn: LocalDate(iso: "2025-07-01")!))
            let old = try #require(try await units.find(code: "00070", validOn: LocalDate(iso: "2025-06-30")!))
            #expect(new.name == "Phường Hoàn Kiếm")
            #expect(old.name == "Phường Hàng Trống")
            let links = try await units.links(of: new.id)
            #expect(links.predecessors.contains { $0.predecessorID == old.id })
            #expect(links.predecessors.allSatisfy { $0.legalBasis.contains("1656/NQ-UBTVQH15") })
        }
    }

    @Test(arguments: [
        ("hoan kiem", "Phường Hoàn Kiếm"), ("HOÀN KIẾM", "Phường Hoàn Kiếm"), ("dong da", "Phường Đống Đa"), ("00070", "Phường Hoàn Kiếm"),
    ])
    func searchIgnoresDiacriticsAndCase(query: String, expected: String) async throws {
        try await TestDatabase.with { database in
            try await HanoiUnitImport.run(on: database, actorID: nil, at: Date())
            let found = try await UnitStore(database.sql).list(.init(query: query, validOn: LocalDate(iso: "2026-01-01")))
            #expect(found.map(\.name).contains(expected))
        }
    }

    @Test func theImportIsAudited() async throws {
        try await TestDatabase.with { database in
            try await HanoiUnitImport.run(on: database, actorID: nil, at: Date())
            let verification = try await AuditTrail.verify(on: database.sql)
            #expect(verification.isIntact)
            #expect(verification.rowsChecked == 1)
        }
    }
}
