import Domain
import Foundation
import HTTPTypes
import HummingbirdTesting
import Persistence
import Testing
import Web

@testable import Services

/// Citizens register with a one-time code to their phone or e-mail, then see and change their consents.
@Suite struct CitizenAccountsTests {
    static let form = [
        "displayName": "Hoàng Văn Nam", "personalID": "001095012345", "birthYear": "1995", "gender": "male", "phone": "0912 345 678",
        "channel": "sms", "password": "một câu mật khẩu thật dài và dễ nhớ", "consentHandling": "yes", "consentNotifications": "yes",
    ]

    /// The code in the newest one-time-code message.
    func lastCode(_ services: AppServices) async throws -> String {
        let row = try #require(try await NotificationOutbox(services.database.sql).recent().first { $0.message.purpose == .oneTimeCode })
        return String(try #require(row.message.body.firstMatch(of: /\d{6}/)).output)
    }

    func token(_ response: TestResponse) throws -> String {
        let location = try #require(response.headers[.location])
        return String(try #require(location.split(separator: "?t=").last))
    }

    @Test func aCitizenRegistersWithACodeAndManagesConsents() async throws {
        try await withApp { client, services in
            let visitor = Browser(client)
            _ = try await visitor.get("/register")
            let started = try await visitor.post("/register", form: Self.form)
            #expect(started.status == .found)
            let token = try token(started)
            let sms = try #require(try await NotificationOutbox(services.database.sql).recent().first)
            #expect(sms.message.channel == .sms && sms.message.recipient == "0912345678" && sms.message.purpose == .oneTimeCode)
            let verify = try await visitor.get("/register/verify?t=\(token)")
            #expect(verify.text.contains("số điện thoại ******5678"))

            let code = try await lastCode(services)
            let wrong = String(code.reversed()) == code ? "000000" : String(code.reversed())
            #expect(try await visitor.post("/register/verify", form: ["token": token, "code": wrong]).text.contains("Còn 4 lần thử"))
            let done = try await visitor.post("/register/verify", form: ["token": token, "code": code])
            #expect(done.status == .found && done.headers[.location] == "/account/consents?welcome=1")
            let consents = try await visitor.get("/account/consents")
            #expect(consents.status == .ok)
            #expect(consents.text.components(separatedBy: "Đã đồng ý từ").count == 3)
            #expect(consents.text.contains("Chưa đồng ý"))

            // Withdrawn, then given again: the history is kept.
            #expect(
                try await visitor.post("/account/consents", form: ["purpose": "notifications", "decision": "withdraw"]).status == .found)
            #expect(try await visitor.get("/account/consents").text.contains("Đã rút lại lúc"))
            #expect(try await visitor.post("/account/consents", form: ["purpose": "notifications", "decision": "grant"]).status == .found)
            let user = try #require(try await services.users.list(within: .everyUnit).first { $0.username == "001095012345" })
            let records = try await CitizenAccounts(services.database).consents(of: user.id)
            #expect(records.filter { $0.purpose == .notifications }.count == 2)
            #expect(try await CitizenAccounts(services.database).activePurposes(of: user.id) == [.handling, .notifications])
            #expect(
                try await visitor.post("/account/consents", form: ["purpose": "everything", "decision": "grant"]).status == .badRequest)

            // The same personal ID cannot register twice; the account signs in with it.
            let again = Browser(client)
            _ = try await again.get("/register")
            #expect(try await again.post("/register", form: Self.form).text.contains("đã có tài khoản"))
            #expect(try await again.signIn("001095012345", "một câu mật khẩu thật dài và dễ nhớ").status == .found)
        }
    }

    /// `serve --demo` has no SMS gateway: the code is read on the demo outbox page, which a real server does not have.
    @Test func theDemoServerShowsTheCodeItWouldHaveSent() async throws {
        try await withApp(configure: { $0.demoOutbox = true }) { client, services in
            let visitor = Browser(client)
            _ = try await visitor.get("/register")
            let token = try token(try await visitor.post("/register", form: Self.form))
            #expect(try await visitor.get("/register/verify?t=\(token)").text.contains(#"<a href="/demo/outbox""#))
            let service = NotificationService(
                services: services, transports: NotificationService.transports(services.configuration), logger: .init(label: "test"))
            #expect(await service.runOnce() == 1)
            let outbox = try await visitor.get("/demo/outbox")
            #expect(outbox.status == .ok && outbox.text.contains("Tin nhắn SMS đến 0912345678") && outbox.text.contains("đã gửi"))
            #expect(outbox.text.contains(try await lastCode(services)))
        }
        try await withApp { client, _ in
            let visitor = Browser(client)
            _ = try await visitor.get("/register")
            let token = try token(try await visitor.post("/register", form: Self.form))
            #expect(!(try await visitor.get("/register/verify?t=\(token)").text.contains("/demo/outbox")))
            #expect(try await visitor.get("/demo/outbox").status == .notFound)
        }
    }

    @Test func badInputIsExplainedNextToEachFieldAndKept() async throws {
        try await withApp { client, _ in
            let visitor = Browser(client)
            _ = try await visitor.get("/register")
            var form = Self.form
            form["personalID"] = "001195012345"
            form["password"] = "ngắn"
            form["consentHandling"] = nil
            form["email"] = "không phải thư"
            let refused = try await visitor.post("/register", form: form)
            #expect(refused.status == .badRequest)
            #expect(
                refused.text.contains(
                    "id=\"personalID-error\" class=\"field-error\">Chữ số thứ 4 của số định danh không khớp với giới tính."))
            #expect(refused.text.contains("id=\"email-error\""))
            #expect(refused.text.contains("id=\"password-error\""))
            #expect(refused.text.contains("id=\"consentHandling-error\""))
            #expect(refused.text.contains("value=\"Hoàng Văn Nam\"") && refused.text.contains("value=\"001195012345\""))
            #expect(!refused.text.contains("ngắn\""))
        }
    }

    @Test func fiveWrongCodesEndTheRegistration() async throws {
        try await withApp { client, services in
            let visitor = Browser(client)
            _ = try await visitor.get("/register")
            let token = try token(try await visitor.post("/register", form: Self.form))
            let code = try await lastCode(services)
            let wrong = code == "111111" ? "222222" : "111111"
            for _ in 1...5 { _ = try await visitor.post("/register/verify", form: ["token": token, "code": wrong]) }
            let late = try await visitor.post("/register/verify", form: ["token": token, "code": code])
            #expect(late.status == .badRequest && late.text.contains("hết hạn"))
            #expect(try await services.users.list(within: .everyUnit).allSatisfy { $0.username != "001095012345" })
        }
    }
}
