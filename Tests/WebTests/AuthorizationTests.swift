import Domain
import Foundation
import HTTPTypes
import HummingbirdTesting
import Persistence
import Testing
import Web

@testable import Services

@Suite struct AuthorizationTests {
    let password = testPassword

    /// Two wards with an officer and a head each.
    func setUp(_ services: AppServices) async throws -> (hoanKiemOfficer: Int64, cuaNamOfficer: Int64) {
        let day = LocalDate(iso: "2025-07-01")!
        let hoanKiem = try #require(try await services.units.find(code: "00070", validOn: day))
        let cuaNam = try #require(try await services.units.find(code: "00073", validOn: day))
        let a = try await services.accounts.create(
            username: "motcua.hoankiem", displayName: "Cán bộ Hoàn Kiếm", password: password,
            grants: [Grant(role: .deskOfficer, unitID: hoanKiem.id)], actorID: nil)
        let b = try await services.accounts.create(
            username: "motcua.cuanam", displayName: "Cán bộ Cửa Nam", password: password,
            grants: [Grant(role: .deskOfficer, unitID: cuaNam.id)], actorID: nil)
        _ = try await services.accounts.create(
            username: "lanhdao.cuanam", displayName: "Lãnh đạo Cửa Nam", password: password,
            grants: [Grant(role: .unitHead, unitID: cuaNam.id)], actorID: nil)
        return (a, b)
    }

    @Test func anOfficerOfAnotherWardGets404AndTheAttemptIsAudited() async throws {
        try await withApp { client, services in
            let ids = try await setUp(services)
            let browser = try await Browser.signedIn(client, as: "lanhdao.cuanam")
            // MUT: change the id in the address to another ward's officer
            let page = try await browser.get("/users/\(ids.hoanKiemOfficer)")
            let api = try await browser.get("/api/v1/users/\(ids.hoanKiemOfficer)")
            let own = try await browser.get("/users/\(ids.cuaNamOfficer)")
            // validate
            #expect(page.status == .notFound)
            #expect(api.status == .notFound)
            #expect(String(buffer: api.body).contains("not_found"))
            #expect(own.status == .ok)
            #expect(own.text.contains("Cán bộ Cửa Nam"))
            let denied = try await AuditTrail.entries(objectType: "user", objectID: String(ids.hoanKiemOfficer), on: services.database.sql)
            #expect(denied.filter { $0.action == "access.denied" }.count == 2)
            let read = try await AuditTrail.entries(objectType: "user", objectID: String(ids.cuaNamOfficer), on: services.database.sql)
            #expect(read.contains { $0.action == "user.read" })
            #expect(try await AuditTrail.verify(on: services.database.sql).isIntact)
        }
    }

    @Test func theUserListShowsOnlyTheWardsOwnPeople() async throws {
        try await withApp { client, services in
            _ = try await setUp(services)
            let browser = try await Browser.signedIn(client, as: "lanhdao.cuanam")
            let text = try await browser.get("/users").text
            #expect(text.contains("Cán bộ Cửa Nam"))
            #expect(!text.contains("Cán bộ Hoàn Kiếm"))
        }
    }

    @Test func anonymousAndCitizenCallersCannotListUsers() async throws {
        try await withApp { client, services in
            _ = try await services.accounts.create(
                username: "congdan", displayName: "Công dân", password: password, grants: [Grant(role: .citizen, unitID: nil)], actorID: nil
            )
            #expect(try await client.execute(uri: "/api/v1/users", method: .get).status == .unauthorized)
            let browser = try await Browser.signedIn(client, as: "congdan")
            #expect(try await browser.get("/api/v1/users").status == .forbidden)
            #expect(try await browser.get("/users").status == .forbidden)
        }
    }
}
