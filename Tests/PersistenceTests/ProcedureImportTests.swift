import Domain
import Foundation
import Persistence
import TestSupport
import Testing

@Suite struct ProcedureImportTests {
    let day = LocalDate(iso: "2025-07-01")!

    func catalogue(_ procedures: [Procedure], format: ProcedureCatalogueFile.Format = .json) throws -> Data {
        try ProcedureCatalogueFile.write(procedures, format: format)
    }

    func birth(name: String = "Đăng ký khai sinh") -> Procedure {
        Procedure(
            code: "DEMO-HT-01", name: name, field: "Hộ tịch", level: .commune, timeLimit: .workingDays(halfDays: 0),
            documents: [.init(name: "Tờ khai", originals: 1, copies: 0)], onlineLevel: .fullyOnline,
            receivingUnits: ["00070", "00073"], processingUnits: ["00070"],
            steps: [.init(name: "Tiếp nhận và trả kết quả", role: .deskOfficer, budget: .workingDays(halfDays: 0))])
    }

    @Test func aCatalogueImportsThenVersionsOnlyWhatChanged() async throws {
        try await TestDatabase.with { database in
            try await HanoiUnitImport.run(on: database, actorID: nil, at: Date())
            var other = birth()
            other.code = "DEMO-HT-02"
            other.name = "Đăng ký kết hôn"
            let first = try await ProcedureImport.run(
                try catalogue([birth(), other]), format: .json, actorID: nil, at: Date(), validOn: day, on: database)
            #expect(first.created == 2)
            let second = try await ProcedureImport.run(
                try catalogue([birth(name: "Đăng ký khai sinh (sửa)"), other], format: .csv), format: .csv, actorID: nil, at: Date(),
                validOn: day, on: database)
            #expect(second.newVersions == 1 && second.unchanged == 1)
            let store = ProcedureStore(database.sql)
            let current = try #require(try await store.find(code: "DEMO-HT-01"))
            #expect(current.summary.version == 2)
            #expect(current.procedure.name == "Đăng ký khai sinh (sửa)")
            let history = try await store.history(code: "DEMO-HT-01")
            #expect(history.map(\.summary.version) == [2, 1])
            #expect(try await store.version(id: history[1].summary.versionID)?.procedure.name == "Đăng ký khai sinh")
            let audit = try await AuditTrail.entries(objectType: "catalogue", objectID: "procedures", on: database.sql)
            #expect(audit.count == 2)
        }
    }

    @Test func searchIgnoresDiacriticsAndFiltersByReceivingUnit() async throws {
        try await TestDatabase.with { database in
            try await HanoiUnitImport.run(on: database, actorID: nil, at: Date())
            try await ProcedureImport.run(try catalogue([birth()]), format: .json, actorID: nil, at: Date(), validOn: day, on: database)
            let store = ProcedureStore(database.sql)
            #expect(try await store.list(.init(query: "KHAI SINH")).map(\.code) == ["DEMO-HT-01"])
            #expect(try await store.list(.init(query: "dang ky khai sinh")).count == 1)
            #expect(try await store.list(.init(query: "ket hon")).isEmpty)
            let hoanKiem = try #require(try await UnitStore(database.sql).find(code: "00070", validOn: day))
            let other = try #require(try await UnitStore(database.sql).find(code: "00004", validOn: day))
            #expect(try await store.list(.init(receivingUnitID: hoanKiem.id)).count == 1)
            #expect(try await store.list(.init(receivingUnitID: other.id)).isEmpty)
            #expect(try await store.fields() == ["Hộ tịch"])
        }
    }

    @Test func unknownUnitsRefuseTheWholeFile() async throws {
        try await TestDatabase.with { database in
            try await HanoiUnitImport.run(on: database, actorID: nil, at: Date())
            var bad = birth()
            bad.code = "DEMO-HT-02"
            bad.processingUnits = ["99999"]
            do {
                try await ProcedureImport.run(
                    try catalogue([birth(), bad], format: .csv), format: .csv, actorID: nil, at: Date(), validOn: day, on: database)
                Issue.record("the import was accepted")
            } catch let refusal as ProcedureCatalogueFile.Refusal {
                #expect(refusal.problems.map(\.line) == [3])
                #expect(refusal.problems[0].message.contains("99999"))
            }
            #expect(try await ProcedureStore(database.sql).count() == 0)
        }
    }

    @Test func theDemoCatalogueLoadsOnceAndIsMarkedDemo() async throws {
        try await TestDatabase.with { database in
            let city = try await HanoiUnitImport.run(on: database, actorID: nil, at: Date())
            #expect(!city.alreadyPresent)
            let cityID = try #require(try await HanoiUnitImport.cityID(on: database.sql))
            _ = try await DemoDepartments.ensure(on: database, cityID: cityID, actorID: nil, at: Date())
            let first = try await DemoProcedures.seed(on: database, at: Date())
            #expect(first.created >= 30)
            let again = try await DemoProcedures.seed(on: database, at: Date())
            #expect(again.unchanged == first.created)
            let all = try await ProcedureStore(database.sql).list()
            #expect(all.allSatisfy { $0.isDemo })
            #expect(Set(all.map(\.field)).count >= 5)
        }
    }
}
