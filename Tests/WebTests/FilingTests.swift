import Domain
import Foundation
import HTTPTypes
import HummingbirdTesting
import Persistence
import Testing
import Web

@testable import Services

/// A citizen files online: a draft from the procedure page, a file for each document, the unit, then
/// the receipt; the desk sees the dossier with its files; nobody else sees the draft or the dossier.
@Suite struct FilingTests {
    static let pdf = Array("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF".utf8)

    /// A citizen registered through the pages, signed in.
    func citizen(
        _ client: any TestClientProtocol, _ services: AppServices, id: String = "001095012345", name: String = "Hoàng Văn Nam",
        gender: String = "male"
    ) async throws -> Browser {
        var form = CitizenAccountsTests.form
        form["personalID"] = id
        form["displayName"] = name
        form["gender"] = gender
        let browser = Browser(client)
        _ = try await browser.get("/register")
        let location = try #require(try await browser.post("/register", form: form).headers[.location])
        let token = String(try #require(location.split(separator: "?t=").last))
        let row = try #require(try await NotificationOutbox(services.database.sql).recent().first { $0.message.purpose == .oneTimeCode })
        let code = String(try #require(row.message.body.firstMatch(of: /\d{6}/)).output)
        #expect(try await browser.post("/register/verify", form: ["token": token, "code": code]).status == .found)
        return browser
    }

    @Test func aCitizenFilesOnlineAndTheDeskReceivesIt() async throws {
        try await withApp { client, services in
            try await DemoCatalogue.load(on: services.database, at: Date())
            let ward = try #require(try await services.units.find(code: "00070", validOn: LocalDate(iso: "2026-01-01")!))
            _ = try await services.accounts.create(
                username: "motcua", displayName: "Một cửa", password: testPassword,
                grants: [Grant(role: .deskOfficer, unitID: ward.id)], actorID: nil)
            // Anonymous readers are asked to sign in; desk-only procedures offer no filing.
            #expect(
                try await client.execute(uri: "/procedures/DEMO-HT-05", method: .get).text.contains("Đăng nhập để nộp hồ sơ trực tuyến"))
            #expect(try await client.execute(uri: "/procedures/DEMO-CT-01", method: .get).text.contains("tiếp nhận trực tiếp"))

            let nam = try await citizen(client, services)
            #expect(try await nam.get("/procedures/DEMO-HT-05").text.contains("/procedures/DEMO-HT-05/file"))
            #expect(try await nam.post("/procedures/DEMO-CT-01/file", form: [:]).status == .badRequest)
            let started = try await nam.post("/procedures/DEMO-HT-05/file", form: [:])
            let draftPath = try #require(started.headers[.location])
            #expect(draftPath.hasPrefix("/my/drafts/"))
            let draft = try await nam.get(draftPath)
            #expect(draft.text.contains("Tờ khai") && draft.text.contains("Giấy tờ làm căn cứ thay đổi"))

            #expect(
                try await nam.postFile(
                    draftPath + "/files", field: "file", filename: "to-khai.pdf", data: Self.pdf, form: ["document": "Tờ khai"]
                ).status == .seeOther)
            let notPDF = try await nam.postFile(
                draftPath + "/files", field: "file", filename: "anh.pdf", data: Array("hello".utf8), form: ["document": "Tờ khai"])
            #expect(notPDF.status == .badRequest)
            // The problem is shown next to that document's file field.
            #expect(
                notPDF.text.contains("id=\"doc-0-error\" class=\"field-error\">")
                    && notPDF.text.contains("aria-describedby=\"doc-0-error\""))
            let missing = try await nam.post(
                draftPath + "/review", form: ["unit": String(ward.id), "phone": "0912345678", "delivery": "atDesk"])
            #expect(missing.status == .badRequest && missing.text.contains("Còn thiếu: Giấy tờ làm căn cứ thay đổi"))
            #expect(try await nam.get(draftPath + "/review").status == .badRequest)  // the review says what is missing too
            #expect(missing.text.contains("id=\"doc-1-error\" class=\"field-error\">Chưa có tệp cho giấy tờ này."))
            #expect(!missing.text.contains("id=\"doc-0-error\""))
            #expect(
                try await nam.postFile(
                    draftPath + "/files", field: "file", filename: "can-cu.pdf", data: Self.pdf,
                    form: ["document": "Giấy tờ làm căn cứ thay đổi"]
                ).status == .seeOther)

            // Someone else cannot see or change the draft.
            let other = try await citizen(client, services, id: "001195012346", name: "Trần Thị Hoa", gender: "female")
            #expect(try await other.get(draftPath).status == .notFound)
            #expect(try await other.post(draftPath + "/submit", form: ["unit": String(ward.id)]).status == .notFound)

            // "Tiếp tục" checks the details (a bad phone is refused at its field, what was typed kept), then the review.
            let badPhone = try await nam.post(
                draftPath + "/review", form: ["unit": String(ward.id), "phone": "số máy", "delivery": "atDesk"])
            #expect(
                badPhone.status == .badRequest
                    && badPhone.text.contains(#"id="phone-error" class="field-error">Số điện thoại không hợp lệ."#))
            #expect(badPhone.text.contains(#"value="số máy""#))
            let reviewed = try await nam.post(
                draftPath + "/review", form: ["unit": String(ward.id), "phone": "0912345678", "email": "", "delivery": "atDesk"])
            #expect(reviewed.status == .seeOther && reviewed.headers[.location] == draftPath + "/review")
            let review = try await nam.get(draftPath + "/review").text
            #expect(
                review.contains("Kiểm tra lại trước khi gửi") && review.contains("to-khai.pdf")
                    && review.contains("Nhận trực tiếp tại Bộ phận Một cửa"))
            #expect(review.contains(#"href="\#(draftPath)#details""#) && review.contains(">Gửi hồ sơ</button>"))
            let filed = try await nam.post(draftPath + "/submit", form: [:])
            #expect(filed.status == .found)
            let receiptPath = try #require(filed.headers[.location])
            let receipt = try await nam.get(receiptPath)
            #expect(receipt.text.contains("Hồ sơ đã được tiếp nhận") && receipt.text.contains("00070-"))
            #expect(receipt.text.contains("Tờ khai: to-khai.pdf"))
            #expect(try await nam.get("/my/dossiers").text.contains("Đăng ký thay đổi"))
            #expect(try await other.get(receiptPath.components(separatedBy: "?")[0]).status == .notFound)

            let namID = try #require(try await services.users.list(within: .everyUnit).first { $0.username == "001095012345" }).id
            let dossier = try #require(try await services.dossiers.filed(by: namID).first?.dossier)
            #expect(dossier.channel == .online && dossier.applicant.name == "Hoàng Văn Nam" && dossier.applicant.phone == "0912345678")
            let desk = try await Browser.signedIn(client, as: "motcua")
            let page = try await desk.get("/dossiers/\(dossier.id)")
            #expect(page.text.contains("to-khai.pdf") && page.text.contains("can-cu.pdf") && page.text.contains("Trực tuyến"))

            // A supplement request is answered online from "my dossiers"; only while it is pending.
            let mine = "/my/dossiers/\(dossier.id)"
            #expect(
                try await nam.postFile(mine + "/supplement", field: "file", filename: "bo-sung.pdf", data: Self.pdf).status == .badRequest)
            let deskActor = DossierWorkflow.Actor(
                userID: try #require(try await services.users.list(within: .everyUnit).first { $0.username == "motcua" }).id,
                roles: [.deskOfficer])
            _ = try await services.desk.act(
                .requestSupplement, on: dossier.id, seenLockVersion: dossier.lockVersion, by: deskActor,
                reason: "Thiếu bản sao giấy khai sinh", at: services.clock())
            let asked = try await nam.get(mine)
            #expect(
                asked.text.contains("id=\"supplement-reason\">Thiếu bản sao giấy khai sinh")
                    && asked.text.contains("Cần bổ sung, hoàn thiện hồ sơ"))
            let sent = try await nam.postFile(
                mine + "/supplement", field: "file", filename: "bo-sung.pdf", data: Self.pdf, form: ["note": "bản sao có chứng thực"])
            #expect(sent.status == .found)
            #expect(try await nam.get(mine + "?sent=1").text.contains("Đã gửi tệp bổ sung"))
            #expect(try await desk.get("/dossiers/\(dossier.id)").text.contains("Bổ sung trực tuyến: bản sao có chứng thực"))
            #expect(try await other.postFile(mine + "/supplement", field: "file", filename: "x.pdf", data: Self.pdf).status == .notFound)
        }
    }

    /// "Hồ sơ của tôi" says what to do next with each dossier; once the result is handed over the applicant rates it
    /// from their dossier's page, may change it, and sees the messages sent to them (issue 22).
    @Test func theApplicantRatesAReturnedDossierFromTheirAccount() async throws {
        try await withApp { client, services in
            try await DemoCatalogue.load(on: services.database, at: Date())
            let ward = try #require(try await services.units.find(code: "00070", validOn: LocalDate(iso: "2026-01-01")!))
            let desk = DossierWorkflow.Actor(
                userID: try await services.accounts.create(
                    username: "motcua", displayName: "Một cửa", password: testPassword,
                    grants: [Grant(role: .deskOfficer, unitID: ward.id)], actorID: nil),
                roles: [.deskOfficer])
            let nam = try await citizen(client, services)
            let namID = try #require(try await services.users.list(within: .everyUnit).first { $0.username == "001095012345" }).id
            var dossier = try await services.desk.receive(
                .init(
                    procedureCode: "DEMO-HT-01", receivingUnitID: ward.id, channel: .inPerson,
                    applicant: Applicant(
                        kind: .person, name: "Hoàng Văn Nam", identifier: "001095012345", phone: "0912 345 678", email: "nam@example.vn")),
                by: desk, at: services.clock(), day: services.today())
            // As if filed from the account (the filing pages are tested above).
            try await services.database.sql.update("dossiers").set("citizen_user_id", to: namID).where("id", .equal, dossier.id).run()
            let mine = "/my/dossiers/\(dossier.id)"
            #expect(try await nam.get("/my/dossiers").text.contains("Chờ giải quyết"))
            #expect(!(try await nam.get(mine).text.contains("rating-title")))
            #expect(try await nam.post(mine + "/rating", form: ["overall": "5"]).status == .badRequest)

            // A one-step procedure: the desk's button says it gives the result, and the history says what it did.
            let officer = try await Browser.signedIn(client, as: "motcua")
            #expect(try await officer.get("/dossiers/\(dossier.id)").text.contains(">Giải quyết xong tại Một cửa, có kết quả</button>"))
            #expect(!(try await officer.get("/dossiers/\(dossier.id)").text.contains(">Chuyển đơn vị giải quyết</button>")))
            for action in [DossierWorkflow.Action.transfer, .returnResult] {
                dossier = try await services.desk.act(
                    action, on: dossier.id, seenLockVersion: dossier.lockVersion, by: desk, reason: "", at: services.clock())
            }
            #expect(dossier.state.status == .returned)
            #expect(try await officer.get("/dossiers/\(dossier.id)").text.contains(">Giải quyết xong tại Một cửa, có kết quả</td>"))
            let list = try await nam.get("/my/dossiers").text
            #expect(list.contains(#"<a class="button" href="\#(mine)#rating-title">Đánh giá</a>"#))
            let page = try await nam.get(mine).text
            let rating = try #require(page.range(of: #"id="rating-title""#)),
                receipt = try #require(page.range(of: "Giấy tiếp nhận hồ sơ trực tuyến"))
            #expect(rating.lowerBound < receipt.lowerBound)
            // Incomplete: the message, the answers kept; complete: thanks, and the list says it is done.
            let incomplete = try await nam.post(mine + "/rating", form: ["c-TC1": "2"])
            #expect(incomplete.status == .badRequest && incomplete.text.contains("Vui lòng chọn mức đánh giá chung"))
            #expect(incomplete.text.contains(#"name="c-TC1" value="2" checked"#))
            let rated = try await nam.post(mine + "/rating", form: ["overall": "4", "comment": "Nhanh"])
            #expect(rated.status == .found && rated.headers[.location] == mine + "?rated=1")
            #expect(try await nam.get(mine + "?rated=1").text.contains("Cảm ơn ông/bà đã đánh giá"))
            #expect(try await nam.get("/my/dossiers").text.contains("Đã đánh giá"))
            let stored = try #require(try await services.ratings.rating(of: dossier.id))
            #expect(stored.rating.overall == 4 && stored.channel == .portal)
            // Changed within the 7 days; another citizen cannot rate it.
            #expect(try await nam.post(mine + "/rating", form: ["overall": "5"]).status == .found)
            #expect(try await services.ratings.rating(of: dossier.id)?.rating.overall == 5)
            let other = try await citizen(client, services, id: "001195012346", name: "Trần Thị Hoa", gender: "female")
            #expect(try await other.post(mine + "/rating", form: ["overall": "1"]).status == .notFound)
            // The messages sent about the dossier are listed.
            let service = NotificationService(
                services: services, transports: [.email: NotificationsTests.RecordingTransport()], logger: .init(label: "test"))
            _ = await service.runOnce()
            #expect(try await nam.get(mine).text.contains("Thông báo đã gửi cho ông/bà"))
        }
    }

    /// The birth registration's declaration is filled in on the page (issue 22): each bad answer refused next to its
    /// field with what was typed kept and nothing saved, no upload asked for the paper it replaces, the result by post
    /// needs an address, every answer checked on one page before sending, and the answers are on the dossier the desk
    /// opens and on the receipt it prints.
    @Test func aBirthIsDeclaredOnlineCheckedBeforeSendingAndPrintedOnTheReceipt() async throws {
        try await withApp { client, services in
            try await DemoCatalogue.load(on: services.database, at: Date())
            let ward = try #require(try await services.units.find(code: "00070", validOn: LocalDate(iso: "2026-01-01")!))
            _ = try await services.accounts.create(
                username: "motcua", displayName: "Một cửa", password: testPassword,
                grants: [Grant(role: .deskOfficer, unitID: ward.id)], actorID: nil)
            let nam = try await citizen(client, services)
            let draftPath = try #require(try await nam.post("/procedures/DEMO-HT-01/file", form: [:]).headers[.location])
            let draftID = try #require(Int64(draftPath.split(separator: "/").last ?? ""))
            let namID = try #require(try await services.users.list(within: .everyUnit).first { $0.username == "001095012345" }).id
            let empty = try await nam.get(draftPath).text
            #expect(
                empty.contains("1. Tờ khai đăng ký khai sinh") && empty.contains(#"name="f-ho-ten""#)
                    && empty.contains(#"name="f-gioi-tinh" value="Nữ""#))
            #expect(empty.contains("Tải lên tệp cho “Giấy chứng sinh”") && !empty.contains("Tải lên tệp cho “Tờ khai đăng ký khai sinh”"))
            let early = try await nam.post(draftPath + "/review", form: ["unit": String(ward.id), "delivery": "electronic"])
            #expect(early.status == .badRequest && early.text.contains("Còn thiếu: Tờ khai đăng ký khai sinh; Giấy chứng sinh."))

            var answers = [
                "f-nguoi-yeu-cau-ho-ten": "Hoàng Văn Nam", "f-nguoi-yeu-cau-dinh-danh": "001095012345",
                "f-nguoi-yeu-cau-noi-cu-tru": "12 Lý Thái Tổ, Hoàn Kiếm",
                "f-quan-he": "Cha", "f-ho-ten": "Hoàng Minh An", "f-ngay-sinh": "01/12/2026", "f-gioi-tinh": "Nam", "f-dan-toc": "Kinh",
                "f-quoc-tich": "Việt Nam", "f-noi-sinh": "Bệnh viện Phụ sản Hà Nội", "f-me-ho-ten": "Trần Thị Hoa", "f-me-nam-sinh": "1997",
                "f-me-dan-toc": "Kinh", "f-me-quoc-tich": "Việt Nam", "f-me-noi-cu-tru": "12 Lý Thái Tổ, Hoàn Kiếm",
            ]
            var wrong = answers
            wrong["f-nguoi-yeu-cau-dinh-danh"] = "00109501234"
            wrong["f-ngay-sinh"] = "01/12/2099"
            wrong["f-dan-toc"] = ""
            let refused = try await nam.post(draftPath + "/declaration", form: wrong)
            #expect(refused.status == .badRequest)
            #expect(
                refused.text.contains(
                    #"id="decl-nguoi-yeu-cau-dinh-danh-error" class="field-error">Số định danh cá nhân phải gồm đúng 12 chữ số."#))
            #expect(refused.text.contains(#"id="decl-ngay-sinh-error" class="field-error">Ngày không được sau hôm nay"#))
            #expect(refused.text.contains(#"id="decl-dan-toc-error" class="field-error">Vui lòng nhập dân tộc."#))
            #expect(refused.text.contains(#"value="Hoàng Minh An""#) && refused.text.contains(#"value="00109501234""#))
            #expect(
                try await OnlineDrafts(database: services.database, files: services.files).draft(draftID, of: namID)?.declaration == nil)

            answers["f-ngay-sinh"] = "1/12/2026"
            let saved = try await nam.post(draftPath + "/declaration", form: answers)
            #expect(saved.status == .seeOther && saved.headers[.location] == draftPath + "?saved=declaration#documents")
            let afterSave = try await nam.get(draftPath + "?saved=declaration").text
            #expect(
                afterSave.contains("Đã lưu tờ khai.") && afterSave.contains(#"value="01/12/2026""#)
                    && afterSave.contains("Lưu thay đổi tờ khai"))
            #expect(
                try await nam.postFile(
                    draftPath + "/files", field: "file", filename: "chung-sinh.pdf", data: Self.pdf,
                    form: ["document": "Giấy chứng sinh"]
                ).status == .seeOther)
            let noAddress = try await nam.post(draftPath + "/review", form: ["unit": String(ward.id), "delivery": "post", "address": " "])
            #expect(
                noAddress.status == .badRequest && noAddress.text.contains(#"id="address-error" class="field-error">Vui lòng nhập địa chỉ"#)
            )
            #expect(noAddress.text.contains(#"value="post" aria-describedby="delivery-post-hint" checked="checked""#))
            #expect(
                try await nam.post(
                    draftPath + "/review",
                    form: [
                        "unit": String(ward.id), "delivery": "post", "address": "12 Lý Thái Tổ, Hoàn Kiếm",
                        "phone": "0912345678",
                    ]
                ).status == .seeOther)
            let review = try await nam.get(draftPath + "/review").text
            #expect(review.contains("Hoàng Minh An") && review.contains("01/12/2026") && review.contains("Bệnh viện Phụ sản Hà Nội"))
            #expect(review.contains("Nhận qua dịch vụ bưu chính công ích: 12 Lý Thái Tổ, Hoàn Kiếm") && review.contains("chung-sinh.pdf"))
            #expect(review.contains(#"href="\#(draftPath)#declaration">Sửa tờ khai"#))

            let filed = try await nam.post(draftPath + "/submit", form: [:])
            let mine = try #require(filed.headers[.location])
            let receipt = try await nam.get(mine).text
            #expect(receipt.contains("Tờ khai đã khai trực tuyến") && receipt.contains("Hoàng Minh An") && receipt.contains("<svg"))
            #expect(receipt.contains("Nhận qua dịch vụ bưu chính công ích: 12 Lý Thái Tổ, Hoàn Kiếm"))
            let dossier = try #require(try await services.dossiers.filed(by: namID).first?.dossier)
            #expect(dossier.applicant.address == "12 Lý Thái Tổ, Hoàn Kiếm")
            let desk = try await Browser.signedIn(client, as: "motcua")
            let page = try await desk.get("/dossiers/\(dossier.id)").text
            #expect(
                page.contains("Tờ khai điện tử: Tờ khai đăng ký khai sinh") && page.contains("Trần Thị Hoa")
                    && page.contains("Cách nhận kết quả"))
            let form01 = try await desk.get("/dossiers/\(dossier.id)/forms/receipt").text
            #expect(
                form01.contains("Tờ khai đăng ký khai sinh: khai trực tuyến")
                    && form01.contains("Nội dung tờ khai đăng ký khai sinh (khai trực tuyến):"))
            #expect(form01.contains("Họ, chữ đệm, tên: Hoàng Minh An"))
            #expect(form01.contains("Đăng ký nhận kết quả qua dịch vụ bưu chính công ích, địa chỉ: 12 Lý Thái Tổ, Hoàn Kiếm."))
            // The draft is gone once sent: sending it again finds nothing.
            #expect(try await nam.post(draftPath + "/submit", form: [:]).status == .notFound)
        }
    }

    @Test func withoutConsentToTheHandlingOfTheirDataACitizenCannotFile() async throws {
        try await withApp { client, services in
            try await DemoCatalogue.load(on: services.database, at: Date())
            let nam = try await citizen(client, services)
            #expect(try await nam.post("/account/consents", form: ["purpose": "handling", "decision": "withdraw"]).status == .found)
            let refused = try await nam.post("/procedures/DEMO-HT-05/file", form: [:])
            #expect(refused.status == .badRequest && refused.text.contains("cần đồng ý cho xử lý dữ liệu cá nhân"))
        }
    }

    @Test func theDemoCitizenCanFileAtOnce() async throws {
        try await withApp { client, services in
            _ = try await DemoData.seed(services: services, scale: .wards)
            let citizen = Browser(client)
            #expect(try await citizen.signIn("congdan.mau", DemoData.password).status == .found)
            let started = try await citizen.post("/procedures/DEMO-HT-05/file", form: [:])
            #expect(started.status == .seeOther && started.headers[.location]?.hasPrefix("/my/drafts/") == true)
        }
    }
}
