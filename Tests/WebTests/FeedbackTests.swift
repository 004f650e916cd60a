import Domain
import Foundation
import HTTPTypes
import HummingbirdTesting
import Persistence
import Testing
import Web

@testable import Services

/// Phản ánh, kiến nghị: submitted by anyone, answered by the unit, rated by the submitter through the private
/// link, published without personal data when the unit allows it.
@Suite struct FeedbackTests {
    /// A citizen who sends feedback while signed in finds it and its answer in "Hồ sơ của tôi" and rates the answer
    /// there, without the private link; nobody else opens it that way (issue 22).
    @Test func aSignedInSenderFollowsTheirFeedbackFromTheirAccount() async throws {
        try await withApp { client, services in
            try await DemoCatalogue.load(on: services.database, at: Date())
            let ward = try #require(try await services.units.find(code: "00070", validOn: LocalDate(iso: "2026-01-01")!))
            _ = try await services.accounts.create(
                username: "lanhdao", displayName: "Lãnh đạo", password: testPassword,
                grants: [Grant(role: .unitHead, unitID: ward.id)], actorID: nil)
            let nam = try await FilingTests().citizen(client, services)
            #expect(try await nam.get("/my/dossiers").text.contains("Chưa gửi phản ánh, kiến nghị nào khi đăng nhập."))
            _ = try await nam.get("/feedback/new")
            let sent = try await nam.post(
                "/feedback",
                form: [
                    "subject": "unit", "unit": String(ward.id), "content": "Đề nghị bố trí thêm ghế chờ tại Bộ phận Một cửa phường.",
                    "contactName": "Hoàng Văn Nam", "phone": "0912345678",
                ])
            let code = String(try #require(sent.text.firstMatch(of: /Đã gửi phản ánh (PA-\d+)/)).1)
            let mine = try await nam.get("/my/dossiers").text
            #expect(mine.contains(#"href="/feedback/items/\#(code)">\#(code)</a>"#) && mine.contains("Chờ trả lời (hạn "))
            #expect(try await nam.get("/feedback/items/\(code)").text.contains("Chưa trả lời"))
            let other = try await FilingTests().citizen(client, services, id: "001195012346", name: "Trần Thị Hoa", gender: "female")
            #expect(try await other.get("/feedback/items/\(code)").status == .notFound)
            #expect(try await Browser(client).get("/feedback/items/\(code)").status == .notFound)

            let head = try await Browser.signedIn(client, as: "lanhdao")
            #expect(
                try await head.post("/feedback/items/\(code)/answer", form: ["answer": "Phường đã bố trí thêm 10 ghế."]).status == .found)
            let answered = try await nam.get("/my/dossiers").text
            #expect(answered.contains("Đã trả lời ") && answered.contains(#"href="/feedback/items/\#(code)#rating">Đánh giá câu trả lời"#))
            #expect(try await other.post("/feedback/items/\(code)/rating", form: ["t": "", "satisfied": "no"]).status == .notFound)
            #expect(
                try await nam.post("/feedback/items/\(code)/rating", form: ["t": "", "satisfied": "yes"]).text.contains(
                    "Cảm ơn ông/bà đã đánh giá."))
            #expect(try await nam.get("/my/dossiers").text.contains(", đã đánh giá"))
        }
    }

    @Test func feedbackIsRoutedAnsweredRatedAndPublished() async throws {
        try await withApp { client, services in
            try await DemoCatalogue.load(on: services.database, at: Date())
            let day = LocalDate(iso: "2026-01-01")!
            let ward = try #require(try await services.units.find(code: "00070", validOn: day))
            let other = try #require(try await services.units.find(code: "00073", validOn: day))
            _ = try await services.accounts.create(
                username: "lanhdao", displayName: "Lãnh đạo", password: testPassword,
                grants: [Grant(role: .unitHead, unitID: ward.id)], actorID: nil)
            _ = try await services.accounts.create(
                username: "khac", displayName: "Đơn vị khác", password: testPassword,
                grants: [Grant(role: .unitHead, unitID: other.id)], actorID: nil)
            let person = Browser(client)
            _ = try await person.get("/feedback/new")
            let refused = try await person.post("/feedback", form: ["subject": "unit", "content": "ngắn", "contactName": ""])
            #expect(refused.status == .badRequest)
            #expect(
                refused.text.contains("id=\"content-error\"") && refused.text.contains("id=\"unit-error\"")
                    && refused.text.contains("id=\"phone-error\""))
            let unknown = try await person.post(
                "/feedback",
                form: [
                    "subject": "dossier", "unit": String(ward.id), "dossierCode": "00070-260101-9999",
                    "content": "Hồ sơ của tôi chậm trả kết quả quá lâu.", "contactName": "Lý Văn Tâm", "phone": "0911222333",
                ])
            #expect(unknown.text.contains("Không tìm thấy hồ sơ có mã này."))
            let sent = try await person.post(
                "/feedback",
                form: [
                    "subject": "officer", "unit": String(ward.id), "officer": "Cán bộ quầy số 2",
                    "content": "Cán bộ quầy số 2 yêu cầu nộp thêm giấy tờ không có trong danh mục.", "contactName": "Lý Văn Tâm",
                    "phone": "0911 222 333",
                ])
            #expect(sent.status == .ok && sent.text.contains("Đã gửi phản ánh PA-"))
            let link = String(
                try #require(sent.text.firstMatch(of: /id="private-link" href="[^"]*(\/feedback\/items\/PA-\d+\?t=[^"]+)"/)).1)
            let path = String(link.split(separator: "?").first!)
            #expect(try await Browser(client).get(path + "?t=wrong").status == .notFound)
            #expect(try await person.get(link).text.contains("Chưa trả lời"))

            // Only the unit it was sent to answers it.
            let elsewhere = try await Browser.signedIn(client, as: "khac")
            #expect(!(try await elsewhere.get("/feedback/inbox")).text.contains("Cán bộ quầy số 2"))
            #expect(try await elsewhere.post(path + "/answer", form: ["answer": "Không phải của chúng tôi"]).status == .notFound)
            let head = try await Browser.signedIn(client, as: "lanhdao")
            let inbox = try await head.get("/feedback/inbox")
            #expect(inbox.text.contains("Cán bộ quầy số 2") && inbox.text.contains("0911222333"))
            #expect(try await head.post(path + "/answer", form: ["answer": ""]).status == .badRequest)
            #expect(
                try await head.post(path + "/answer", form: ["answer": "Đơn vị đã nhắc nhở cán bộ và xin lỗi ông.", "publishable": "yes"])
                    .status == .found)
            #expect(try await head.post(path + "/answer", form: ["answer": "Lần hai"]).status == .badRequest)

            // The submitter rates the answer once; the public page shows it without the name or number.
            #expect(try await person.get(link).text.contains("Đơn vị đã nhắc nhở cán bộ"))
            let token = String(link.split(separator: "=").last!)
            #expect(
                try await person.post(path + "/rating", form: ["t": token, "satisfied": "yes"]).text.contains("Cảm ơn ông/bà đã đánh giá."))
            #expect(try await person.post(path + "/rating", form: ["t": token, "satisfied": "no"]).status == .badRequest)
            let published = try await client.execute(uri: "/feedback", method: .get)
            #expect(published.text.contains("Đơn vị đã nhắc nhở cán bộ và xin lỗi ông."))
            #expect(!published.text.contains("Lý Văn Tâm") && !published.text.contains("0911222333"))
            let counts = try await FeedbackStore(services.database).handling(
                unitID: ward.id, from: services.clock().addingTimeInterval(-86_400),
                to: services.clock().addingTimeInterval(86_400))
            #expect(counts.received == 1 && counts.onTime == 1 && counts.rated == 1 && counts.satisfied == 1)
        }
    }
}
