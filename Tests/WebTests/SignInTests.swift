import Domain
import Foundation
import HTTPTypes
import HummingbirdTesting
import Persistence
import Testing
import Web

@testable import Services

@Suite struct SignInTests {
    static let password = testPassword

    func makeUser(_ services: AppServices, _ username: String, _ grants: [Grant]) async throws -> Int64 {
        try await services.accounts.create(username: username, displayName: username, password: Self.password, grants: grants, actorID: nil)
    }

    @Test func signingInStartsASessionAndSigningOutEndsIt() async throws {
        try await withApp { client, services in
            _ = try await makeUser(services, "quantri", [Grant(role: .admin, unitID: nil)])
            let browser = Browser(client)
            // MUT
            let response = try await browser.signIn("QuanTri", Self.password)
            // validate
            #expect(response.status == .found)
            #expect(
                response.headers[values: .setCookie].contains {
                    $0.hasPrefix("motcua_session=") && $0.contains("HttpOnly") && $0.contains("SameSite=Lax")
                })
            let me = try JSONDecoder().decode(MeDTO.self, from: Data(buffer: try await browser.get("/api/v1/me").body))
            #expect(me.username == "quantri")
            #expect(try await browser.get("/").text.contains("Đăng xuất"))
            let out = try await browser.post("/sign-out", form: [:])
            #expect(out.status == .found)
            #expect(try await browser.get("/api/v1/me").status == .unauthorized)
        }
    }

    @Test func aFormWithoutTheCSRFTokenIsRefused() async throws {
        try await withApp { client, services in
            _ = try await makeUser(services, "quantri", [Grant(role: .admin, unitID: nil)])
            let browser = Browser(client)
            try await browser.get("/sign-in")
            let missing = try await browser.post("/sign-in", form: ["username": "quantri", "password": Self.password], includeToken: false)
            #expect(missing.status == .forbidden)
            #expect(missing.text.contains("Biểu mẫu đã hết hạn"))
            let forged = try await browser.post(
                "/sign-in", form: ["username": "quantri", "password": Self.password, "_csrf": "forged"], includeToken: false)
            #expect(forged.status == .forbidden)
            // No cookie at all (a cross-site form): refused too.
            let bare = try await client.execute(
                uri: "/sign-in", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: .init(string: "username=quantri"))
            #expect(bare.status == .forbidden)
        }
    }

    @Test func wrongPasswordsAndUnknownAccountsGetTheSameAnswer() async throws {
        try await withApp { client, services in
            _ = try await makeUser(services, "canbo", [Grant(role: .admin, unitID: nil)])
            let browser = Browser(client)
            let wrong = try await browser.signIn("canbo", "không đúng mật khẩu này")
            let unknown = try await browser.signIn("khongtontai", "không đúng mật khẩu này")
            #expect(wrong.status == .unauthorized)
            #expect(unknown.status == .unauthorized)
            #expect(wrong.text.contains("Tên đăng nhập hoặc mật khẩu không đúng."))
            #expect(unknown.text.contains("Tên đăng nhập hoặc mật khẩu không đúng."))
        }
    }

    @Test(arguments: ["canbo", "khongtontai"])
    func repeatedFailuresAreThrottled(username: String) async throws {
        try await withApp { client, services in
            _ = try await makeUser(services, "canbo", [Grant(role: .admin, unitID: nil)])
            let browser = Browser(client)
            var statuses: [HTTPResponse.Status] = []
            for _ in 1...6 { statuses.append(try await browser.signIn(username, "sai mật khẩu lần nữa rồi").status) }
            #expect(statuses.prefix(5).allSatisfy { $0 == .unauthorized })
            #expect(statuses.last == .tooManyRequests)
            // Even the right password is refused while the lock lasts.
            let locked = try await browser.signIn(username, Self.password)
            #expect(locked.status == .tooManyRequests)
            #expect(locked.headers[.retryAfter] != nil)
            #expect(locked.text.contains("quá nhiều lần"))
        }
    }

    @Test func onlyLocalPathsFollowSignIn() async throws {
        try await withApp { client, services in
            _ = try await makeUser(services, "quantri", [Grant(role: .admin, unitID: nil)])
            let browser = Browser(client)
            try await browser.get("/sign-in")
            let response = try await browser.post(
                "/sign-in", form: ["username": "quantri", "password": Self.password, "next": "//evil.example/x"])
            #expect(response.headers[.location] == "/")
        }
    }

    /// A page that needs an account offers sign-in, and signing in returns to it (issue 22).
    @Test func signingInReturnsToThePageThatAskedForIt() async throws {
        try await withApp { client, services in
            _ = try await makeUser(services, "quantri", [Grant(role: .admin, unitID: nil)])
            let browser = Browser(client)
            let refused = try await browser.get("/users")
            #expect(refused.status == .unauthorized)
            #expect(refused.text.contains(#"<a class="button" href="/sign-in?next=/users">Đăng nhập để tiếp tục</a>"#))
            #expect(refused.text.contains(#"href="/sign-in?next=/users">Đăng nhập</a>"#))
            #expect(try await browser.get("/").text.contains(#"href="/sign-in">Đăng nhập</a>"#))
            let form = try await browser.get("/sign-in?next=/users")
            #expect(form.text.contains(#"name="next" value="/users""#))
            let response = try await browser.post("/sign-in", form: ["username": "quantri", "password": Self.password, "next": "/users"])
            #expect(response.headers[.location] == "/users")
        }
    }

    @Test func weakPasswordsAreRefusedWhenCreatingAccounts() async throws {
        try await withApp { _, services in
            await #expect(throws: AccountService.CreationError.password(.tooShort(minimum: 15))) {
                _ = try await services.accounts.create(username: "a.b", displayName: "A", password: "ngắn", grants: [], actorID: nil)
            }
            await #expect(throws: AccountService.CreationError.unitNeeded(.deskOfficer)) {
                _ = try await services.accounts.create(
                    username: "a.b", displayName: "A", password: Self.password, grants: [Grant(role: .deskOfficer, unitID: nil)],
                    actorID: nil)
            }
        }
    }
}

struct MeDTO: Decodable {
    var id: Int64
    var username: String
}
