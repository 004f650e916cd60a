import Domain
import Foundation
import HTTPTypes
import HummingbirdTesting
import Persistence
import Testing
import Web

@testable import Services

/// Catalogue imports and exports from the web, as jobs with a page for their progress and result.
@Suite struct CatalogueJobsTests {
    func seed(_ services: AppServices) async throws {
        try await DemoCatalogue.load(on: services.database, at: Date())
        let cityID = try #require(try await HanoiUnitImport.cityID(on: services.database.sql))
        _ = try await services.accounts.create(
            username: "thuky", displayName: "Thư ký", password: testPassword,
            grants: [Grant(role: .secretariat, unitID: cityID)], actorID: nil)
        _ = try await services.accounts.create(
            username: "motcua", displayName: "Một cửa", password: testPassword,
            grants: [Grant(role: .deskOfficer, unitID: cityID)], actorID: nil)
    }

    /// Follows a job's page until the job has ended.
    func finished(_ browser: Browser, _ location: String) async throws -> String {
        for _ in 0..<100 {
            let page = try await browser.get(location).text
            if !page.contains("data-refresh-seconds=\"2\"") { return page }
            try await Task.sleep(for: .milliseconds(100))
        }
        Issue.record("the job did not finish")
        return ""
    }

    @Test func anExportThenAnImportOfTheSameFileAndARefusedFile() async throws {
        try await withApp { client, services in
            try await seed(services)
            let secretary = try await Browser.signedIn(client, as: "thuky")
            try await secretary.get("/catalogue")
            let export = try await secretary.post("/catalogue/exports", form: ["format": "csv"])
            let exportPage = try await finished(secretary, try #require(export.headers[.location]))
            #expect(exportPage.contains("Hoàn thành") && exportPage.contains("Đã xuất 32 thủ tục."))
            let resultLink = try #require(exportPage.firstMatch(of: /href="(\/jobs\/\d+\/result)"/)).1
            let file = try await secretary.get(String(resultLink))
            let csv = Array(file.body.readableBytesView)
            #expect(String(decoding: csv, as: UTF8.self).hasPrefix("code,name,field"))

            try await secretary.get("/catalogue")
            let imported = try await secretary.postFile("/catalogue/imports", field: "file", filename: "danh-muc.csv", data: csv)
            let importPage = try await finished(secretary, try #require(imported.headers[.location]))
            #expect(importPage.contains("Đã nhập 32 thủ tục: 0 mới, 0 phiên bản mới, 32 không đổi."))

            var broken = String(decoding: csv, as: UTF8.self).components(separatedBy: "\r\n")
            broken[2] = broken[2].replacingOccurrences(of: ",commune,", with: ",ward,")
            try await secretary.get("/catalogue")
            let refused = try await secretary.postFile(
                "/catalogue/imports", field: "file", filename: "sai.csv", data: Array(broken.joined(separator: "\r\n").utf8))
            let refusedPage = try await finished(secretary, try #require(refused.headers[.location]))
            #expect(refusedPage.contains("Không thành công") && refusedPage.contains("Dòng 3"))
            try await secretary.get("/catalogue")
            #expect(
                try await secretary.postFile("/catalogue/imports", field: "file", filename: "anh.png", data: [1, 2, 3]).status
                    == .badRequest)
        }
    }

    @Test func onlyTheSecretariatAndAdministratorsManageTheCatalogue() async throws {
        try await withApp { client, services in
            try await seed(services)
            let desk = try await Browser.signedIn(client, as: "motcua")
            #expect(try await desk.get("/catalogue").status == .forbidden)
            #expect(try await desk.post("/catalogue/exports", form: ["format": "csv"]).status == .forbidden)
        }
    }
}
