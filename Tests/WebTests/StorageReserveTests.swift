import Domain
import Foundation
import HTTPTypes
import HummingbirdTesting
import Persistence
import TestSupport
import Testing
import Web

@testable import Services

/// Below the room kept free on the SQLite file's disk, every change and every audited reading is refused with
/// 507, Retry-After and the Vietnamese page, whatever room SQLite's write-ahead log still has; unaudited pages are
/// read; once there is room again the same database takes changes (issue 20, docs/RELIABILITY.md "Disk full").
@Suite struct StorageReserveTests {
    /// Two applications over one SQLite file in a folder of the test's own: one with no reserve, one whose
    /// reserve is larger than the disk's free room (a full disk, as the product sees it).
    func withRoomyAndFullApps(
        _ body:
            @escaping @Sendable (_ roomy: any TestClientProtocol, _ full: any TestClientProtocol, AppServices, AppServices) async throws ->
            Void
    ) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("motcua-reserve-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let location = DatabaseLocation.sqliteFile(path: folder + "/motcua.sqlite")
        try await Database.with(location, logger: TestDatabase.logger) { database in
            try await MigrationRunner(database: database).migrate(logger: TestDatabase.logger)
            try await HanoiUnitImport.run(on: database, actorID: nil, at: Date())
            let environment = ["MOTCUA_SECRET": String(repeating: "k", count: 40), "MOTCUA_DATA_DIR": folder]
            var roomyConfiguration = try AppConfiguration.load(environment: environment.merging(["MOTCUA_STORAGE_RESERVE_MB": "0"]) { $1 })
            roomyConfiguration.bcryptCost = 4
            var fullConfiguration = roomyConfiguration
            let free = try #require(StorageReserve(folder: folder, bytes: 0).freeBytes())
            fullConfiguration.storageReserveBytes = free + (1 << 40)
            let roomy = AppServices(database: database, configuration: roomyConfiguration)
            let full = AppServices(database: database, configuration: fullConfiguration)
            #expect(roomy.databaseReserve == StorageReserve(folder: folder, bytes: 0))
            try await buildApplication(services: roomy, logger: TestDatabase.logger).test(.router) { roomyClient in
                try await buildApplication(services: full, logger: TestDatabase.logger).test(.router) { fullClient in
                    try await body(roomyClient, fullClient, roomy, full)
                }
            }
        }
    }

    @Test func belowTheReserveChangesAndAuditedReadingsAreRefusedAndUnauditedPagesRead() async throws {
        try await withRoomyAndFullApps { roomyClient, fullClient, services, _ in
            try await DemoCatalogue.load(on: services.database, at: Date())
            let ward = try #require(try await services.units.find(code: "00070", validOn: LocalDate(iso: "2026-01-01")!)).id
            _ = try await services.accounts.create(
                username: "motcua.hk", displayName: "Cán bộ một cửa", password: testPassword,
                grants: [Grant(role: .deskOfficer, unitID: ward)], actorID: nil)
            let intake = [
                "procedure": "DEMO-HT-05", "receivingUnit": String(ward), "channel": "inPerson", "applicantKind": "person",
                "applicantName": "Trần Văn Cường", "identifier": "001095012345", "birthYear": "1995", "gender": "male",
                "phone": "0912345678",
            ]
            let desk = try await Browser.signedIn(roomyClient, as: "motcua.hk")
            try await desk.get("/dossiers/new")
            let received = try await desk.post("/dossiers", form: intake)
            #expect(received.status == .seeOther)
            let dossierPage = try #require(received.headers[.location])
            let dossiers = try await services.dossiers.count()
            let auditRows = try await AuditTrail.verify(on: services.database.sql).rowsChecked

            let fullDesk = await desk.moved(to: fullClient)
            let refusals: [(String, TestResponse)] = [
                ("intake", try await fullDesk.post("/dossiers", form: intake)),
                ("dossier list (audited)", try await fullDesk.get("/dossiers")),
                ("dossier page (audited)", try await fullDesk.get(dossierPage)),
                ("sign-out", try await fullDesk.post("/sign-out", form: [:])),
            ]
            for (what, response) in refusals {
                #expect(response.status.code == 507, "\(what)")
                #expect(response.headers[.retryAfter] == "300", "\(what)")
                #expect(response.text.contains("hết chỗ lưu trữ"), "\(what)")
            }
            for page in ["/procedures", "/healthz", "/public/statistics"] {
                #expect(try await fullDesk.get(page).status == .ok, "\(page)")
            }
            #expect(try await services.dossiers.count() == dossiers)
            let verification = try await AuditTrail.verify(on: services.database.sql)
            #expect(verification.isIntact && verification.rowsChecked == auditRows)

            // Room again: the same session and database take the next dossier.
            #expect(try await desk.get("/dossiers").status == .ok)
            #expect(try await desk.post("/dossiers", form: intake).status == .seeOther)
            #expect(try await services.dossiers.count() == dossiers + 1)
        }
    }

    @Test func onlyAnSQLiteFileHasADatabaseReserve() async throws {
        try await withApp { _, services in
            #expect(services.databaseReserve == nil)
            #expect(services.filesReserve.bytes == 64 << 20)
        }
    }
}
