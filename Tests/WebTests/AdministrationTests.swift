import Domain
import Foundation
import HTTPTypes
import HummingbirdTesting
import Persistence
import Testing
import Web

@testable import Services

/// The administrator's pages: accounts, grants, locking, and the audit trail, each change audited.
@Suite struct AdministrationTests {
    let password = testPassword

    /// One administrator and one ward officer (Phường Cửa Nam); returns their ids and the ward's.
    func setUp(_ services: AppServices) async throws -> (admin: Int64, officer: Int64, ward: Int64) {
        let cuaNam = try #require(try await services.units.find(code: "00073", validOn: LocalDate(iso: "2025-07-01")!))
        let admin = try await services.accounts.create(
            username: "quantri", displayName: "Quản trị", password: password, grants: [Grant(role: .admin, unitID: nil)], actorID: nil)
        let officer = try await services.accounts.create(
            username: "motcua.cuanam", displayName: "Cán bộ Cửa Nam", password: password,
            grants: [Grant(role: .deskOfficer, unitID: cuaNam.id)], actorID: nil)
        return (admin, officer, cuaNam.id)
    }

    @Test func anAdministratorCreatesAnAccountThatCanSignIn() async throws {
        try await withApp { client, services in
            let ids = try await setUp(services)
            let browser = try await Browser.signedIn(client, as: "quantri")
            let form = try await browser.get("/users/new")
            #expect(form.status == .ok)
            #expect(form.text.contains("Phường Cửa Nam"))
            // MUT
            let created = try await browser.post(
                "/users",
                form: [
                    "username": "ThuLy.CuaNam", "displayName": "Nguyễn Văn Thụ Lý", "email": "", "password": password,
                    "role": "caseOfficer", "unitID": String(ids.ward),
                ])
            // validate: redirected to the new account, stored in lowercase with its grant, audited, usable
            #expect(created.status == .seeOther)
            let location = try #require(created.headers[.location])
            let id = try #require(Int64(location.dropFirst("/users/".count).prefix { $0.isNumber }))
            #expect(try await services.users.find(id: id)?.username == "thuly.cuanam")
            #expect(try await services.users.grants(of: id) == [Grant(role: .caseOfficer, unitID: ids.ward)])
            let history = try await AuditTrail.entries(objectType: "user", objectID: String(id), on: services.database.sql)
            #expect(history.contains { $0.action == "user.create" && $0.actorID == ids.admin })
            let page = try await browser.get(location)
            #expect(page.text.contains("Đã lưu thay đổi."))
            #expect(page.text.contains("Chuyên viên thụ lý"))
            let newcomer = Browser(client)
            #expect(try await newcomer.signIn("thuly.cuanam", password).status == .found)
        }
    }

    @Test(arguments: [
        (["username": "ab", "displayName": "Tên", "role": "citizen"], "Tên đăng nhập phải có 3–64 ký tự"),
        (["username": "canbo.moi", "displayName": "Tên", "role": "citizen", "password": "ngắn quá"], "ít nhất 15 ký tự"),
        (["username": "canbo.moi", "displayName": "Tên", "role": "citizen", "password": "password1234567890"], "phổ biến"),
        (["username": "canbo.moi", "displayName": "Tên", "role": "deskOfficer"], "phải gắn với một đơn vị"),
        (["username": "motcua.cuanam", "displayName": "Tên", "role": "citizen"], "đã được dùng"),
        (["username": "canbo.moi", "displayName": "", "role": "citizen"], "Vui lòng nhập đủ"),
        (["username": "canbo.moi", "displayName": "Tên", "role": "emperor"], "Vui lòng nhập đủ"),
    ])
    func aRefusedAccountShowsWhyAndStoresNothing(fields: [String: String], message: String) async throws {
        try await withApp { client, services in
            _ = try await setUp(services)
            let browser = try await Browser.signedIn(client, as: "quantri")
            try await browser.get("/users/new")
            let before = try await services.users.count()
            let response = try await browser.post("/users", form: fields.merging(["password": password]) { given, _ in given })
            #expect(response.status == .badRequest)
            #expect(response.text.contains(message))
            #expect(try await services.users.count() == before)
        }
    }

    @Test func grantingAndRevokingARoleIsAudited() async throws {
        try await withApp { client, services in
            let ids = try await setUp(services)
            let browser = try await Browser.signedIn(client, as: "quantri")
            try await browser.get("/users/\(ids.officer)")
            let granted = try await browser.post("/users/\(ids.officer)/grants", form: ["role": "unitHead", "unitID": String(ids.ward)])
            #expect(granted.status == .seeOther)
            let numbered = try await services.users.numberedGrants(of: ids.officer)
            #expect(numbered.map(\.grant) == [Grant(role: .deskOfficer, unitID: ids.ward), Grant(role: .unitHead, unitID: ids.ward)])
            try await browser.get("/users/\(ids.officer)")
            let revoked = try await browser.post("/users/\(ids.officer)/grants/\(numbered[0].id)/revoke", form: [:])
            #expect(revoked.status == .seeOther)
            #expect(try await services.users.grants(of: ids.officer) == [Grant(role: .unitHead, unitID: ids.ward)])
            let actions = try await AuditTrail.entries(objectType: "user", objectID: String(ids.officer), on: services.database.sql).map(
                \.action)
            #expect(actions.contains("user.grant") && actions.contains("user.revoke"))
            // A grant id of another account is not found.
            let adminGrant = try await services.users.numberedGrants(of: ids.admin)[0].id
            try await browser.get("/users/\(ids.officer)")
            #expect(try await browser.post("/users/\(ids.officer)/grants/\(adminGrant)/revoke", form: [:]).status == .notFound)
            #expect(try await services.users.grants(of: ids.admin) == [Grant(role: .admin, unitID: nil)])
        }
    }

    @Test func theLastAdministratorCannotBeRemovedOrLocked() async throws {
        try await withApp { client, services in
            let ids = try await setUp(services)
            let browser = try await Browser.signedIn(client, as: "quantri")
            let grantID = try await services.users.numberedGrants(of: ids.admin)[0].id
            try await browser.get("/users/\(ids.admin)")
            let revoke = try await browser.post("/users/\(ids.admin)/grants/\(grantID)/revoke", form: [:])
            #expect(revoke.status == .conflict)
            #expect(revoke.text.contains("ít nhất một tài khoản quản trị"))
            #expect(try await services.users.grants(of: ids.admin) == [Grant(role: .admin, unitID: nil)])
            let lockSelf = try await browser.post("/users/\(ids.admin)/status", form: ["active": "false", "reason": "thử"])
            #expect(lockSelf.status == .conflict)
            #expect(try await services.users.find(id: ids.admin)?.isActive == true)
        }
    }

    @Test func aLockedAccountCannotSignInAndItsSessionStops() async throws {
        try await withApp { client, services in
            let ids = try await setUp(services)
            let officer = try await Browser.signedIn(client, as: "motcua.cuanam")
            #expect(try await officer.get("/users").status == .ok)
            let admin = try await Browser.signedIn(client, as: "quantri")
            try await admin.get("/users/\(ids.officer)")
            #expect(try await admin.post("/users/\(ids.officer)/status", form: ["active": "false", "reason": ""]).status == .badRequest)
            let locked = try await admin.post("/users/\(ids.officer)/status", form: ["active": "false", "reason": "Chuyển công tác"])
            #expect(locked.status == .seeOther)
            #expect(try await officer.get("/users").status == .unauthorized)
            #expect(try await Browser(client).signIn("motcua.cuanam", password).status == .unauthorized)
            let history = try await AuditTrail.entries(objectType: "user", objectID: String(ids.officer), on: services.database.sql)
            #expect(history.contains { $0.action == "user.lock" && $0.reason == "Chuyển công tác" })
            try await admin.get("/users/\(ids.officer)")
            #expect(
                try await admin.post("/users/\(ids.officer)/status", form: ["active": "true", "reason": "Trở lại"]).status == .seeOther)
            #expect(try await Browser(client).signIn("motcua.cuanam", password).status == .found)
        }
    }

    @Test func onlyAdministratorsReachTheAdministrationPages() async throws {
        try await withApp { client, services in
            let ids = try await setUp(services)
            let officer = try await Browser.signedIn(client, as: "motcua.cuanam")
            #expect(try await officer.get("/users/new").status == .forbidden)
            // The refusal keeps the signed-in header: the account, its sign-out form with a form token, the staff menu.
            let refused = try await officer.get("/audit")
            #expect(
                refused.status == .forbidden && refused.text.contains(#"<span class="account__name">Cán bộ Cửa Nam</span>"#)
                    && refused.text.contains(#"href="/dossiers">Hồ sơ</a>"#))
            #expect(refused.text.firstMatch(of: /name="_csrf" value="[^"]+"/) != nil)
            let missing = try await officer.get("/dossiers/987654321")
            #expect(missing.status == .notFound && missing.text.contains("Cán bộ Cửa Nam"))
            #expect(try await Browser(client).get("/par").text.contains("Đăng nhập"), "a visitor's refusal keeps the visitor's header")
            #expect(
                try await officer.post("/users", form: ["username": "x.y.z", "displayName": "X", "password": password, "role": "admin"])
                    .status == .forbidden)
            #expect(try await officer.post("/users/\(ids.officer)/grants", form: ["role": "admin"]).status == .forbidden)
            #expect(try await services.users.grants(of: ids.officer) == [Grant(role: .deskOfficer, unitID: ids.ward)])
            #expect(try await client.execute(uri: "/audit", method: .get).status == .unauthorized)
        }
    }

    @Test func theAuditPageListsAndVerifiesTheTrail() async throws {
        try await withApp { client, services in
            _ = try await setUp(services)
            let browser = try await Browser.signedIn(client, as: "quantri")
            let page = try await browser.get("/audit?action=user.")
            #expect(page.status == .ok)
            // Actions and objects read in Vietnamese; the code stays in the tooltip.
            #expect(page.text.contains(#"<span title="user.signIn">Đăng nhập</span>"#) && page.text.contains("tài khoản "))
            #expect(page.text.contains(#"<option value="user." selected="#) || page.text.contains(#"<option value="user." selected>"#))
            #expect(!page.text.contains("unit.import"))
            let verified = try await browser.get("/audit?verify=1")
            #expect(verified.text.contains("Nhật ký toàn vẹn"))
        }
    }

    @Test func housekeepingRemovesExpiredSessions() async throws {
        try await withApp { _, services in
            let store = SessionStore(services.database.sql)
            let now = services.clock()
            try await store.create(key: "old", value: "{}", expiresAt: now.addingTimeInterval(-1))
            try await store.create(key: "live", value: "{}", expiresAt: now.addingTimeInterval(600))
            await HousekeepingService(services: services, logger: .init(label: "test")).runOnce()
            let rows = try await services.database.sql.select().column("key_hash").from("sessions").all()
            #expect(rows.count == 1)
            #expect(try await store.get(key: "live", at: now) != nil)
        }
    }
}
