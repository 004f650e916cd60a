import Domain
import Foundation
import HTTPTypes
import HummingbirdTesting
import Persistence
import Testing
import Web

@testable import Services

/// Dossiers through the officers' pages: intake, the queue, the dossier page and its actions.
@Suite struct DossierPagesTests {
    struct Ids {
        var hoanKiem: Int64
        var cuaNam: Int64
        var officer: Int64
    }

    /// The demo catalogue and the officers of Phường Hoàn Kiếm, and a desk officer of Phường Cửa Nam.
    func seed(_ services: AppServices) async throws -> Ids {
        try await DemoCatalogue.load(on: services.database, at: Date())
        let day = LocalDate(iso: "2026-01-01")!
        let hoanKiem = try #require(try await services.units.find(code: "00070", validOn: day)).id
        let cuaNam = try #require(try await services.units.find(code: "00073", validOn: day)).id
        var officer: Int64 = 0
        for (name, role, unit) in [
            ("motcua.hk", Role.deskOfficer, hoanKiem), ("thuly.hk", .caseOfficer, hoanKiem), ("lanhdao.hk", .unitHead, hoanKiem),
            ("motcua.cn", .deskOfficer, cuaNam),
        ] {
            let id = try await services.accounts.create(
                username: name, displayName: "Cán bộ \(name)", password: testPassword,
                grants: [Grant(role: role, unitID: unit)], actorID: nil)
            if name == "thuly.hk" { officer = id }
        }
        return Ids(hoanKiem: hoanKiem, cuaNam: cuaNam, officer: officer)
    }

    func receive(_ desk: Browser, ward: Int64, identifier: String = "001095012345") async throws -> TestResponse {
        try await desk.get("/dossiers/new")
        return try await desk.post(
            "/dossiers",
            form: [
                "procedure": "DEMO-HT-05", "receivingUnit": String(ward), "channel": "inPerson", "applicantKind": "person",
                "applicantName": "Trần Văn Cường", "identifier": identifier, "birthYear": "1995", "gender": "male", "phone": "0912345678",
            ])
    }

    /// Receives a dossier through the intake form and returns its id (from the redirect to its page).
    func receivedID(_ desk: Browser, ward: Int64) async throws -> Int64 {
        let location = try #require(try await receive(desk, ward: ward).headers[.location])
        return try #require(Int64(location.dropFirst("/dossiers/".count).prefix { $0.isNumber }))
    }

    func act(_ browser: Browser, _ id: Int64, _ fields: [String: String]) async throws -> TestResponse {
        let page = try await browser.get("/dossiers/\(id)")
        let lock = try #require(page.text.firstMatch(of: /name="lockVersion" value="(\d+)"/)).1
        return try await browser.post("/dossiers/\(id)/actions", form: fields.merging(["lockVersion": String(lock)]) { given, _ in given })
    }

    @Test func aDossierGoesFromTheDeskToItsReturnedResult() async throws {
        try await withApp { client, services in
            let ids = try await seed(services)
            let desk = try await Browser.signedIn(client, as: "motcua.hk")
            let received = try await receive(desk, ward: ids.hoanKiem)
            #expect(received.status == .seeOther)
            let location = try #require(received.headers[.location])
            let id = try #require(Int64(location.dropFirst("/dossiers/".count).prefix { $0.isNumber }))
            let page = try await desk.get(location)
            #expect(page.text.contains("00070-"))
            // The confirmation first: the code, the appointment and the receipt (form 01) to print.
            #expect(location.hasSuffix("?received=1") && page.text.contains(#"id="confirmation-title">Đã tiếp nhận hồ sơ"#))
            #expect(page.text.contains("Ngày hẹn trả kết quả: ") && page.text.contains(#"href="/dossiers/\#(id)/forms/receipt""#))
            #expect(!(try await desk.get("/dossiers/\(id)").text.contains("confirmation-title")))
            #expect(page.text.contains("Đã tiếp nhận"))
            // The next action first, the only primary button; the rest secondary, below.
            let fresh = try await desk.get("/dossiers/\(id)").text
            #expect(fresh.contains(#"id="waiting-for">Chờ Bộ phận Một cửa chuyển hồ sơ đến đơn vị giải quyết"#))
            #expect(fresh.ranges(of: #"type="submit" class="button">"#).count == 1)
            #expect(
                try #require(fresh.range(of: ">Chuyển đơn vị giải quyết</button>")).lowerBound
                    < (try #require(fresh.range(of: "Thao tác khác"))).lowerBound)
            #expect(try await act(desk, id, ["action": "transfer"]).status == .seeOther)
            let head = try await Browser.signedIn(client, as: "lanhdao.hk")
            #expect(try await act(head, id, ["action": "assign", "assignee": String(ids.officer)]).status == .seeOther)
            // Their home pages greet the officers with their work: the unit's open dossiers, those past due, their own.
            let officersHome = try await Browser.signedIn(client, as: "thuly.hk").get("/").text
            #expect(officersHome.contains(">1 hồ sơ đang xử lý</a>") && officersHome.contains(">0 hồ sơ đã quá hạn</a>"))
            #expect(officersHome.contains(#"<a href="/dossiers?mine=1">1 hồ sơ được giao cho bạn</a>"#))
            let headsHome = try await head.get("/").text
            #expect(headsHome.contains(">0 phản ánh chờ trả lời</a>") && !headsHome.contains("được giao cho bạn"))
            let officer = try await Browser.signedIn(client, as: "thuly.hk")
            // The desk sees whose turn it is.
            #expect(try await desk.get("/dossiers/\(id)").text.contains("— việc của Chuyên viên thụ lý (được giao: Cán bộ thuly.hk)"))
            let queue = try await officer.get("/dossiers?mine=1")
            #expect(queue.text.contains("Trần Văn Cường"))
            #expect(try await act(officer, id, ["action": "completeStep"]).status == .seeOther)
            #expect(try await act(head, id, ["action": "completeStep"]).status == .seeOther)
            #expect(try await act(desk, id, ["action": "returnResult"]).status == .seeOther)
            let done = try await desk.get("/dossiers/\(id)")
            #expect(done.text.contains("Đã trả kết quả"))
            #expect(done.text.contains("Phiếu kiểm soát quá trình giải quyết"))
            let events = try await services.dossiers.events(of: try #require(try await services.dossiers.find(id: id)))
            #expect(events.map(\.action) == ["receive", "transfer", "assign", "completeStep", "completeStep", "returnResult"])
            let reads = try await AuditTrail.entries(.init(actionPrefix: "dossier.read"), on: services.database.sql)
            #expect(!reads.isEmpty)
        }
    }

    /// "Lấy ý kiến" asks a real unit (issue 22): the officer picks it and writes the question; the consulted unit finds the
    /// dossier in its queue, reads the question and answers it on the dossier, and may do nothing else with it; the
    /// answer is on the dossier for the officer, and the dossier leaves the consulted unit's reach.
    @Test func anOpinionIsAskedOfAnotherUnitWhichAnswersOnTheDossier() async throws {
        try await withApp { client, services in
            let ids = try await seed(services)
            _ = try await services.accounts.create(
                username: "thuly.cn", displayName: "Chuyên viên Cửa Nam", password: testPassword,
                grants: [Grant(role: .caseOfficer, unitID: ids.cuaNam)], actorID: nil)
            let desk = try await Browser.signedIn(client, as: "motcua.hk")
            let id = try await receivedID(desk, ward: ids.hoanKiem)
            #expect(try await act(desk, id, ["action": "transfer"]).status == .seeOther)
            let head = try await Browser.signedIn(client, as: "lanhdao.hk")
            #expect(try await act(head, id, ["action": "assign", "assignee": String(ids.officer)]).status == .seeOther)
            // Their home pages greet the officers with their work: the unit's open dossiers, those past due, their own.
            let officersHome = try await Browser.signedIn(client, as: "thuly.hk").get("/").text
            #expect(officersHome.contains(">1 hồ sơ đang xử lý</a>") && officersHome.contains(">0 hồ sơ đã quá hạn</a>"))
            #expect(officersHome.contains(#"<a href="/dossiers?mine=1">1 hồ sơ được giao cho bạn</a>"#))
            let headsHome = try await head.get("/").text
            #expect(headsHome.contains(">0 phản ánh chờ trả lời</a>") && !headsHome.contains("được giao cho bạn"))
            let officer = try await Browser.signedIn(client, as: "thuly.hk")
            let page = try await officer.get("/dossiers/\(id)").text
            #expect(page.contains(#"<select id="action-consult-unit" name="consultedUnit""#) && page.contains(">Phường Cửa Nam</option>"))
            #expect(!page.contains(#"<option value="\#(ids.hoanKiem)">"#))  // not its own unit
            // No question, or its own unit: refused with the reason.
            let noQuestion = try await act(officer, id, ["action": "consult", "consultedUnit": String(ids.cuaNam), "reason": " "])
            #expect(noQuestion.status == .badRequest && noQuestion.text.contains("Vui lòng ghi lý do khi “Lấy ý kiến cơ quan khác”"))
            let itself = try await act(officer, id, ["action": "consult", "consultedUnit": String(ids.hoanKiem), "reason": "Xin ý kiến"])
            #expect(itself.status == .badRequest && itself.text.contains("Không thể lấy ý kiến của chính đơn vị"))
            let asked = try await act(
                officer, id,
                [
                    "action": "consult", "consultedUnit": String(ids.cuaNam),
                    "reason": "Đề nghị xác nhận nơi cư trú của ông Cường",
                ])
            #expect(asked.status == .seeOther)

            let consulted = try await Browser.signedIn(client, as: "thuly.cn")
            #expect(try await consulted.get("/dossiers").text.contains("Trần Văn Cường"))
            let seen = try await consulted.get("/dossiers/\(id)").text
            #expect(seen.contains("Ý kiến các cơ quan") && seen.contains("Nội dung: Đề nghị xác nhận nơi cư trú của ông Cường"))
            #expect(seen.contains("Chưa có ý kiến trả lời.") && seen.contains(#"name="action" value="consultationAnswered""#))
            #expect(!seen.contains(#"name="action" value="completeStep""#))
            // Nothing else: the consulted unit's officer cannot move the dossier on.
            #expect(try await act(consulted, id, ["action": "completeStep"]).status == .badRequest)
            #expect(try await act(consulted, id, ["action": "consultationAnswered", "reason": ""]).status == .badRequest)
            let sent = try await act(consulted, id, ["action": "consultationAnswered", "reason": "Ông Cường cư trú tại số 5 Hàng Bè"])
            // The dossier leaves the consulted unit with the answer: back to its queue, told so (not a page it may no longer see).
            let queue = try #require(sent.headers[.location])
            #expect(sent.status == .seeOther && queue.hasPrefix("/dossiers?answered="))
            #expect(try await consulted.get(queue).text.contains("Hồ sơ đã trở lại đơn vị giải quyết."))

            let answered = try await officer.get("/dossiers/\(id)").text
            #expect(answered.contains(": Ông Cường cư trú tại số 5 Hàng Bè") && answered.contains("(Chuyên viên Cửa Nam)"))
            #expect(answered.contains(#"<strong id="status">Đang giải quyết</strong>"#))
            #expect(try await consulted.get("/dossiers/\(id)").status == .notFound)
            let dossier = try #require(try await services.dossiers.find(id: id))
            #expect(dossier.consultedUnitID == nil)
            #expect(try await services.dossiers.events(of: dossier).suffix(2).map(\.action) == ["consult", "consultationAnswered"])
        }
    }

    /// Intake with the procedure's papers as a checklist: shown for the chosen procedure, refused next to a wrong count
    /// with what was ticked kept, then kept with the dossier and printed on the receipt with what is missing (issue 22).
    @Test func theDeskTicksThePapersItReceivedAndTheReceiptListsThem() async throws {
        try await withApp { client, services in
            let ids = try await seed(services)
            let desk = try await Browser.signedIn(client, as: "motcua.hk")
            let chosen = try await desk.get("/dossiers/new?procedure=DEMO-HT-05").text
            #expect(
                chosen.contains(#"class="papers-checklist""#)
                    && chosen.contains(#"<label for="paper-1">Giấy tờ làm căn cứ thay đổi</label>"#))
            #expect(chosen.contains(#"id="paper-0-originals" name="paper-0-originals" value="1""#))
            #expect(!(try await desk.get("/dossiers/new").text.contains("papers-checklist")))
            // The button (without script) shows the same list, keeping what was typed.
            let shown = try await desk.post(
                "/dossiers/new", form: ["procedure": "DEMO-HT-05", "applicantName": "Trần Văn Cường", "paper-9": "on"])
            #expect(shown.status == .ok && shown.text.contains("papers-checklist") && shown.text.contains(#"value="Trần Văn Cường""#))
            let form = [
                "procedure": "DEMO-HT-05", "receivingUnit": String(ids.hoanKiem), "channel": "inPerson", "applicantKind": "person",
                "applicantName": "Trần Văn Cường", "identifier": "001095012345", "birthYear": "1995", "gender": "male",
                "phone": "0912345678",
            ]
            let wrong = try await desk.post(
                "/dossiers", form: form.merging(["paper-0": "on", "paper-0-originals": "0", "paper-0-copies": "0"]) { a, _ in a })
            #expect(
                wrong.status == .badRequest
                    && wrong.text.contains(#"id="paper-0-originals-error" class="field-error">Giấy tờ đã nhận cần ít nhất"#))
            #expect(wrong.text.contains(#"id="paper-0" name="paper-0" value="on" checked"#))
            #expect(try await services.dossiers.queue(.init(), within: .everyUnit).isEmpty)
            let received = try await desk.post(
                "/dossiers",
                form: form.merging([
                    "paper-0": "on", "paper-0-originals": "1", "paper-0-copies": "0",
                    "paper-1-originals": "0", "paper-1-copies": "1",
                ]) { a, _ in a })
            let location = try #require(received.headers[.location])
            let page = try await desk.get(location).text
            #expect(page.contains("Còn thiếu: Giấy tờ làm căn cứ thay đổi.") && page.contains("Giấy tờ đã nhận khi tiếp nhận"))
            let id = try #require(Int64(location.dropFirst("/dossiers/".count).prefix { $0.isNumber }))
            let receipt = try await desk.get("/dossiers/\(id)/forms/receipt").text
            #expect(receipt.contains("<li>Tờ khai: 1 bản chính</li>") && receipt.contains("<li>Giấy tờ làm căn cứ thay đổi: Chưa nộp</li>"))
        }
    }

    /// No dead end: where the processing unit has no case officer, the head is told why there is no assignment to make
    /// and who can fix it, instead of a form that answers 400 (issue 22).
    @Test func anAssignmentWithNobodyToAssignSaysWhy() async throws {
        try await withApp { client, services in
            let ids = try await seed(services)
            let desk = try await Browser.signedIn(client, as: "motcua.hk")
            let id = try await receivedID(desk, ward: ids.hoanKiem)
            #expect(try await act(desk, id, ["action": "transfer"]).status == .seeOther)
            let head = try await Browser.signedIn(client, as: "lanhdao.hk")
            #expect(try await head.get("/dossiers/\(id)").text.contains(#"<select id="action-assign-assignee""#))
            try await services.users.setActive(false, for: ids.officer)
            let page = try await head.get("/dossiers/\(id)").text
            #expect(
                page.contains("Đơn vị giải quyết chưa có chuyên viên thụ lý") && !page.contains(#"<select id="action-assign-assignee""#))
        }
    }

    @Test func anOfficerOfAnotherWardGets404AndTheAttemptIsAudited() async throws {
        try await withApp { client, services in
            let ids = try await seed(services)
            let desk = try await Browser.signedIn(client, as: "motcua.hk")
            let id = try await receivedID(desk, ward: ids.hoanKiem)
            let other = try await Browser.signedIn(client, as: "motcua.cn")
            #expect(try await other.get("/dossiers/\(id)").status == .notFound)
            try await other.get("/dossiers")
            #expect(
                try await other.post("/dossiers/\(id)/actions", form: ["action": "withdraw", "lockVersion": "1", "reason": "x"]).status
                    == .notFound)
            #expect(!(try await other.get("/dossiers").text.contains("Trần Văn Cường")))
            let denied = try await AuditTrail.entries(objectType: "dossier", objectID: String(id), on: services.database.sql)
            #expect(denied.contains { $0.action == "access.denied" })
        }
    }

    @Test func aStaleCopyGetsAClearMessage() async throws {
        try await withApp { client, services in
            let ids = try await seed(services)
            let desk = try await Browser.signedIn(client, as: "motcua.hk")
            let id = try await receivedID(desk, ward: ids.hoanKiem)
            let location = "/dossiers/\(id)"
            try await desk.get(location)
            #expect(try await desk.post("/dossiers/\(id)/actions", form: ["action": "transfer", "lockVersion": "1"]).status == .seeOther)
            let stale = try await desk.post("/dossiers/\(id)/actions", form: ["action": "withdraw", "lockVersion": "1", "reason": "Rút"])
            #expect(stale.status == .conflict)
            #expect(stale.text.contains("vừa được người khác cập nhật"))
            #expect(try await services.dossiers.find(id: id)?.state.status == .inProgress)
        }
    }

    @Test(arguments: [
        ("12345", "phải gồm đúng 12 chữ số"),
        ("001205012345", "không khớp với năm sinh"),
        ("001195012345", "không khớp với giới tính"),
        ("003095012345", "không phải mã tỉnh"),
    ])
    func aBadIDNumberIsRefusedOnTheForm(identifier: String, message: String) async throws {
        try await withApp { client, services in
            let ids = try await seed(services)
            let desk = try await Browser.signedIn(client, as: "motcua.hk")
            let response = try await receive(desk, ward: ids.hoanKiem, identifier: identifier)
            #expect(response.status == .badRequest)
            #expect(response.text.contains(message))
            #expect(response.text.contains("Trần Văn Cường"))  // the form keeps what was typed
            #expect(try await services.dossiers.codes(receivedBy: ids.hoanKiem).isEmpty)
        }
    }

    /// With a headless browser on the machine (CI installs Chromium) a form downloads as PDF; without one the
    /// link is not offered and asking anyway gets a clear message, not an error page.
    @Test func aFormDownloadsAsPDFWhereABrowserIsInstalled() async throws {
        try await withApp { client, services in
            let ids = try await seed(services)
            let desk = try await Browser.signedIn(client, as: "motcua.hk")
            let id = try await receivedID(desk, ward: ids.hoanKiem)
            let page = try await desk.get("/dossiers/\(id)/forms/receipt")
            let pdf = try await desk.get("/dossiers/\(id)/forms/receipt?format=pdf")
            if services.printsPDF {
                #expect(page.text.contains("?format=pdf"))
                #expect(pdf.status == .ok)
                #expect(pdf.headers[.contentType] == "application/pdf")
                let bytes = Array(pdf.body.readableBytesView)
                #expect(bytes.starts(with: Array("%PDF-".utf8)) && bytes.count > 1000)
                #expect(String(decoding: bytes.suffix(64), as: UTF8.self).contains("%%EOF"))
            } else {
                #expect(!page.text.contains("?format=pdf"))
                #expect(pdf.status == .serviceUnavailable)
                #expect(pdf.text.contains("Máy chủ chưa cài trình tạo tệp PDF"))
            }
            // Nobody outside the dossier's units gets its PDF either.
            let other = try await Browser.signedIn(client, as: "motcua.cn")
            #expect(try await other.get("/dossiers/\(id)/forms/receipt?format=pdf").status == .notFound)
        }
    }

    @Test func formsPrintWithTheCodeAndAQRCodeOfTheTrackingLink() async throws {
        try await withApp { client, services in
            let ids = try await seed(services)
            let desk = try await Browser.signedIn(client, as: "motcua.hk")
            let id = try await receivedID(desk, ward: ids.hoanKiem)
            let code = try #require(try await services.dossiers.find(id: id)).code.text
            let receipt = try await desk.get("/dossiers/\(id)/forms/receipt")
            #expect(receipt.status == .ok)
            #expect(receipt.text.contains("GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ"))
            #expect(receipt.text.contains("Mẫu số 01 — Thông tư 03/2025/TT-VPCP"))
            #expect(receipt.text.contains("Mã hồ sơ: \(code)"))
            #expect(receipt.text.contains("<svg") && receipt.text.contains("class=\"qr\""))
            #expect(receipt.text.contains("/track/\(code)"))
            #expect(try await desk.get("/dossiers/\(id)/forms/controlSheet").status == .ok)
            // No supplement was requested: there is no form 02 for this dossier yet.
            #expect(try await desk.get("/dossiers/\(id)/forms/supplementRequest").status == .notFound)
            #expect(try await act(desk, id, ["action": "requestSupplement", "reason": "Thiếu bản sao giấy khai sinh"]).status == .seeOther)
            let supplement = try await desk.get("/dossiers/\(id)/forms/supplementRequest")
            #expect(supplement.text.contains("Thiếu bản sao giấy khai sinh"))
            #expect(try await desk.get("/dossiers/\(id)/forms/nonsense").status == .notFound)
            let printed = try await AuditTrail.entries(.init(actionPrefix: "dossier.print"), on: services.database.sql)
            #expect(printed.count == 3)
            // The tracking page is public and shows no personal data.
            let track = try await client.execute(uri: "/track/\(code)", method: .get)
            #expect(track.status == .ok)
            #expect(track.text.contains("Chờ bổ sung hồ sơ"))
            #expect(!track.text.contains("Trần Văn Cường") && !track.text.contains("001095012345"))
            #expect(try await client.execute(uri: "/track/00070-260101-9999", method: .get).status == .notFound)
            #expect(try await client.execute(uri: "/track?code=abc", method: .get).status == .badRequest)
        }
    }

    @Test func filesAreCheckedStoredAndServedOnlyToThoseWhoMaySeeTheDossier() async throws {
        try await withApp { client, services in
            let ids = try await seed(services)
            let desk = try await Browser.signedIn(client, as: "motcua.hk")
            let id = try await receivedID(desk, ward: ids.hoanKiem)
            let location = "/dossiers/\(id)"
            try await desk.get(location)
            let pdf = Array("%PDF-1.4\n% bản scan giấy khai sinh\n%%EOF\n".utf8)
            let uploaded = try await desk.postFile(
                "/dossiers/\(id)/attachments", field: "file", filename: "Giấy khai sinh.pdf", data: pdf,
                form: ["description": "Bản sao giấy khai sinh"])
            #expect(uploaded.status == .seeOther)
            let page = try await desk.get("/dossiers/\(id)")
            #expect(page.text.contains("Giấy khai sinh.pdf"))
            let attachment = try #require(try await services.attachments.list(of: id).first)
            let download = try await desk.get("/dossiers/\(id)/attachments/\(attachment.id)")
            #expect(download.status == .ok)
            #expect(download.headers[.contentType] == "application/pdf")
            #expect(Array(download.body.readableBytesView) == pdf)
            // A PNG named .pdf, an executable, and a form without the CSRF token are refused and store nothing.
            let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2]
            let disguised = try await desk.postFile("/dossiers/\(id)/attachments", field: "file", filename: "hop-dong.pdf", data: png)
            #expect(disguised.status == .badRequest)
            #expect(disguised.text.contains("không đúng với loại tệp"))
            #expect(
                try await desk.postFile("/dossiers/\(id)/attachments", field: "file", filename: "a.exe", data: Array("MZ".utf8)).status
                    == .badRequest)
            #expect(
                try await desk.postFile("/dossiers/\(id)/attachments", field: "file", filename: "b.pdf", data: pdf, includeToken: false)
                    .status == .forbidden)
            #expect(try await services.attachments.list(of: id).count == 1)
            // Another ward's officer can neither read nor add files.
            let other = try await Browser.signedIn(client, as: "motcua.cn")
            #expect(try await other.get("/dossiers/\(id)/attachments/\(attachment.id)").status == .notFound)
            try await other.get("/dossiers")
            #expect(
                try await other.postFile("/dossiers/\(id)/attachments", field: "file", filename: "c.pdf", data: pdf).status == .notFound)
            let audit = try await AuditTrail.entries(.init(actionPrefix: "dossier.attach"), on: services.database.sql)
            #expect(audit.count == 1)
        }
    }
}
