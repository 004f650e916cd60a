import Domain
import Foundation
import HummingbirdTesting
import Persistence
import SQLKit
import Testing
import Web

@testable import Services

/// Collecting a campaign's answers: one link per drawn person sent once, the anonymous questionnaire saved for
/// later and sent once, the QR code of the result slip leading to the same invitation, paper forms counted
/// when two people's entries agree — and nothing that tells who answered what.
@Suite struct SIPASCollectionTests {
    static func at(_ text: String) -> Date { LocalClock().instant(parsing: text)! }

    /// Dossiers at two wards, a drawn campaign, and accounts: a secretariat member, an administrator, two surveyors.
    static func drawnCampaign(_ services: AppServices, size: Int = 40) async throws -> Int64 {
        try await DemoCatalogue.load(on: services.database, at: at("2026-01-01T08:00"))
        _ = try await SyntheticDossiers(database: services.database, desk: services.desk, calendar: try await services.workingCalendar())
            .bulk(
                count: 600, seed: 3, unitCodes: ["00070", "00073"], from: LocalDate(iso: "2026-08-01")!, to: LocalDate(iso: "2026-09-30")!,
                now: at("2026-10-31T17:00"))
        let city = try #require(try await HanoiUnitImport.cityID(on: services.database.sql))
        for (name, role) in [("thuky", Role.secretariat), ("quantri", .admin), ("dieutra1", .surveyor), ("dieutra2", .surveyor)] {
            _ = try await services.accounts.create(
                username: name, displayName: name, password: testPassword,
                grants: [Grant(role: role, unitID: role == .admin ? nil : city)], actorID: nil)
        }
        var wards: [Int64] = []
        for code in ["00070", "00073"] {
            wards.append(try #require(try await services.units.find(code: code, validOn: LocalDate(iso: "2026-09-01")!)).id)
        }
        let campaigns = SIPASCampaigns(services.database)
        try await campaigns.loadShippedQuestionnaireIfMissing(at: Date())
        let id = try await campaigns.create(
            name: "Quý III/2026", questionnaireID: "sipas-2022", serviceFrom: LocalDate(iso: "2026-08-01")!,
            serviceTo: LocalDate(iso: "2026-10-31")!, unitIDs: wards,
            design: .init(size: size, allocation: .equal, minimumPerStratum: 0), seed: 11, by: nil, at: Date())
        try await campaigns.draw(id, by: nil, at: Date())
        return id
    }

    /// The sampled dossiers, in invitation order.
    static func sampledDossiers(_ services: AppServices, _ id: Int64) async throws -> [Int64] {
        try await services.database.sql.select().column("dossier_id").from("sipas_invitations").where("campaign_id", .equal, id).orderBy(
            "id"
        ).all()
            .map { try $0.decode(column: "dossier_id", as: Int64.self) }
    }

    static func surveyLinks(_ services: AppServices) async throws -> [String] {
        try await NotificationOutbox(services.database.sql).recent(limit: 1000).filter {
            $0.message.purpose == .surveyInvitation && $0.message.channel == .sms
        }
        .compactMap { $0.message.body.firstMatch(of: /\/s\/[A-Za-z0-9_-]+/).map { String($0.output) } }
    }

    @Test func eachDrawnPersonIsInvitedOnceAndAnswersOnce() async throws {
        try await withApp { client, services in
            let id = try await Self.drawnCampaign(services)
            let sampled = try await Self.sampledDossiers(services, id)
            // Only the first ten drawn can be reached: a phone each, five an e-mail too; the others have no contact.
            try await services.database.sql.update("dossiers").set("applicant_phone", to: SQLBind(String?.none)).where("id", .in, sampled)
                .run()
            for (index, dossier) in sampled.prefix(10).enumerated() {
                try await services.database.sql.update("dossiers").set("applicant_phone", to: "091234567\(index)")
                    .set("applicant_email", to: index < 5 ? SQLBind("nguoi\(index)@example.vn") : SQLBind(String?.none)).where(
                        "id", .equal, dossier
                    ).run()
            }
            let secretariat = try await Browser.signedIn(client, as: "thuky")
            let invited = try await secretariat.post("/sipas/\(id)/invite", form: [:])
            let detailPath = try #require(invited.headers[.location])
            #expect(detailPath == "/sipas/\(id)?invited=10&withoutContact=\(sampled.count - 10)")
            #expect(try await secretariat.get(detailPath).text.contains("Đã gửi lời mời cho 10 người."))
            let outbox = try await NotificationOutbox(services.database.sql).recent(limit: 1000).filter {
                $0.message.purpose == .surveyInvitation
            }
            #expect(outbox.filter { $0.message.channel == .sms }.count == 10 && outbox.filter { $0.message.channel == .email }.count == 5)
            #expect(outbox.allSatisfy { $0.message.dossierID == nil })
            // Again: nobody is invited twice.
            #expect(
                try await secretariat.post("/sipas/\(id)/invite", form: [:]).headers[.location]
                    == "/sipas/\(id)?invited=0&withoutContact=\(sampled.count - 10)")
            let links = try await Self.surveyLinks(services)
            #expect(links.count == 10 && Set(links).count == 10)
            #expect(try await SIPASCampaigns(services.database).find(id: id)?.status == .collecting)

            // The person opens the link (no account), saves half the answers, comes back, sends, and cannot send again.
            let person = Browser(client)
            let opened = try await person.get(links[0])
            #expect(
                opened.status == .ok && opened.text.contains("name=\"S1.1\" value=\"4\"") && opened.text.contains("Không tham gia khảo sát")
            )
            let saved = try await person.post(links[0], form: ["action": "save", "S1.1": "4", "S1.2": "0"])
            #expect(saved.status == .ok && saved.text.contains("Đã lưu các câu trả lời"))
            let resumed = try await Browser(client).get(links[0])
            #expect(
                resumed.text.contains("id=\"S1.1-4\" name=\"S1.1\" value=\"4\" checked")
                    && resumed.text.contains("id=\"S1.2-0\" name=\"S1.2\" value=\"0\" checked"))
            let wrong = try await person.post(links[0], form: ["action": "submit", "S1.1": "7"])
            #expect(wrong.status == .badRequest && wrong.text.contains("Câu S1.1: \"7\" không phải là một mức trả lời"))
            let nothing = try await person.post(links[0], form: ["action": "submit"])
            #expect(nothing.status == .badRequest && nothing.text.contains("Vui lòng trả lời ít nhất một câu hỏi"))
            let sent = try await person.post(links[0], form: ["action": "submit", "S1.1": "4", "S1.2": "0", "S2.1": "5"])
            #expect(sent.status == .ok && sent.text.contains("Cảm ơn ông/bà đã trả lời phiếu khảo sát"))
            let twice = try await person.post(links[0], form: ["action": "submit", "S1.1": "1"])
            #expect(twice.text.contains("Phiếu khảo sát này đã được trả lời") && !twice.text.contains("name=\"S1.1\""))
            #expect(try await person.get(links[0]).text.contains("Phiếu khảo sát này đã được trả lời"))
            #expect(try await person.get("/s/khong-co-ma-nay").status == .notFound)

            // Stored once, without the invitation: unit, weight, answers, where from.
            let responses = try await services.database.sql.select().column("*").from("sipas_responses").where("campaign_id", .equal, id)
                .all()
            #expect(responses.count == 1)
            let response = try #require(responses.first)
            #expect(Set(response.allColumns) == ["id", "campaign_id", "unit_code", "weight", "answers", "source", "created_at"])
            #expect(try response.decode(column: "source", as: String.self) == "web")
            #expect(try response.decode(column: "answers", as: String.self).hasPrefix("4,0,-1,-1,5,"))
            let strata = try await SIPASCampaigns(services.database).strata(of: id)
            #expect(strata.map(\.answered).reduce(0, +) == 1 && strata.map(\.invited).reduce(0, +) == 10)

            // Another declines: their invitation closes and they leave every later frame.
            let decliner = Browser(client)
            try await decliner.get(links[1])
            let declined = try await decliner.post(links[1], form: ["action": "decline"])
            #expect(declined.text.contains("không tham gia khảo sát; ông/bà sẽ không được mời lại"))
            let identifier = try await services.database.sql.raw(
                """
                SELECT d.applicant_identifier AS applicant FROM sipas_invitations i JOIN dossiers d ON d.id = i.dossier_id WHERE i.declined_at IS NOT NULL
                """
            ).all().map { try $0.decode(column: "applicant", as: String.self) }.first
            let campaign = try #require(try await SIPASCampaigns(services.database).find(id: id))
            let frame = try await SIPASCampaigns(services.database).frame(of: campaign)
            #expect(identifier != nil && !frame.contains { $0.applicant == identifier })

            // Once the collection ends, a link shows so and takes nothing.
            #expect(try await secretariat.post("/sipas/\(id)/close", form: [:]).status == .seeOther)
            let latecomer = Browser(client)
            #expect(try await latecomer.get(links[2]).text.contains("Đợt khảo sát này hiện không thu phiếu"))
            let invitation = try #require(try await SIPASCampaigns(services.database).invitation(token: String(links[2].dropFirst(3))))
            await #expect(throws: SIPASCampaigns.Problem.notCollecting(.closed)) {
                try await SIPASCampaigns(services.database).submit(
                    invitation, SIPASAnswerSheet(blankFor: try SIPASSurveys.shippedQuestionnaire()),
                    source: .web, at: Date())
            }
            #expect(try await services.database.sql.select().column("id").from("sipas_responses").all().count == 1)
        }
    }

    @Test func theResultSlipsQRCodeOpensTheApplicantsInvitation() async throws {
        try await withApp { client, services in
            let id = try await Self.drawnCampaign(services)
            let secretariat = try await Browser.signedIn(client, as: "thuky")
            #expect(try await secretariat.post("/sipas/\(id)/invite", form: [:]).status == .seeOther)
            let sampled = try await Self.sampledDossiers(services, id)
            let admin = try await Browser.signedIn(client, as: "quantri")
            // A returned dossier of the sample: its slip carries the survey link, which opens its invitation.
            let returned = try await services.database.sql.raw(
                """
                SELECT id FROM dossiers WHERE status = 'returned' AND id IN (\(binds: sampled)) ORDER BY id LIMIT 1
                """
            ).first()!.decode(column: "id", as: Int64.self)
            let slip = try await admin.get("/dossiers/\(returned)/forms/resultSlip")
            #expect(
                slip.status == .ok && slip.text.contains("PHIẾU TRẢ KẾT QUẢ GIẢI QUYẾT HỒ SƠ")
                    && slip.text.contains("Mã QR khảo sát sự hài lòng"))
            let url = try #require(slip.text.firstMatch(of: /class="survey-url">[^<]*(\/s\/d\/[^<?]+\?t=[A-Za-z0-9_-]+)/)).output.1
            let person = Browser(client)
            let opened = try await person.get(String(url))
            #expect(opened.status == .ok && opened.text.contains("name=\"S1.1\""))
            let sent = try await person.post(
                String(url.split(separator: "?")[0]), form: ["action": "submit", "S1.1": "5", "t": String(url.split(separator: "=").last!)])
            #expect(sent.text.contains("Cảm ơn ông/bà đã trả lời phiếu khảo sát"))
            #expect(try await person.get(String(url)).text.contains("Phiếu khảo sát này đã được trả lời"))
            // A wrong token opens nothing.
            #expect(try await person.get(String(url.dropLast(2)) + "xx").status == .notFound)

            // A returned dossier outside the sample: thanked, and pointed to the dossier's rating.
            let outside = try await services.database.sql.raw(
                """
                SELECT id FROM dossiers WHERE status = 'returned' AND id NOT IN (\(binds: sampled)) ORDER BY id LIMIT 1
                """
            ).first()!.decode(column: "id", as: Int64.self)
            let other = try await admin.get("/dossiers/\(outside)/forms/resultSlip")
            let otherURL = try #require(other.text.firstMatch(of: /class="survey-url">[^<]*(\/s\/d\/[^<?]+\?t=[A-Za-z0-9_-]+)/)).output.1
            let thanked = try await person.get(String(otherURL))
            #expect(thanked.text.contains("không thuộc mẫu của đợt khảo sát nào đang thu phiếu") && thanked.text.contains("/rate/"))
        }
    }

    @Test func aPaperFormCountsWhenTwoPeoplesEntriesAgree() async throws {
        try await withApp { client, services in
            let id = try await Self.drawnCampaign(services)
            let secretariat = try await Browser.signedIn(client, as: "thuky")
            #expect(try await secretariat.post("/sipas/\(id)/invite", form: [:]).status == .seeOther)
            let number = try await services.database.sql.select().column("id").from("sipas_invitations").where("campaign_id", .equal, id)
                .orderBy("id").first()!.decode(column: "id", as: Int64.self)
            let first = try await Browser.signedIn(client, as: "dieutra1")
            let second = try await Browser.signedIn(client, as: "dieutra2")
            // Surveyors enter forms; they see neither the campaign's page nor dossiers.
            #expect(try await first.get("/sipas/\(id)").status == .forbidden)
            #expect(try await first.get("/dossiers").status == .forbidden)
            #expect(try await first.get("/sipas").text.contains("/sipas/\(id)/paper"))
            #expect(try await first.get("/sipas/\(id)/paper").status == .ok)

            let entry = ["number": String(number), "S1.1": "4", "S1.2": "5", "S2.1": "0"]
            let once = try await first.post("/sipas/\(id)/paper", form: entry)
            #expect(once.text.contains("Đã lưu lần nhập thứ nhất của phiếu số \(number)") && once.text.contains("id=\"pending-forms\""))
            // The same person entering it again only replaces their own entry.
            #expect(try await first.post("/sipas/\(id)/paper", form: entry).text.contains("Cần một người khác nhập lại phiếu này"))
            var typo = entry
            typo["S1.2"] = "3"
            let differs = try await second.post("/sipas/\(id)/paper", form: typo)
            #expect(differs.text.contains("khác lần nhập của người kia ở các câu: S1.2."))
            #expect(try await services.database.sql.select().column("id").from("sipas_responses").all().isEmpty)
            let agreed = try await second.post("/sipas/\(id)/paper", form: entry)
            #expect(agreed.text.contains("Hai lần nhập phiếu số \(number) khớp nhau"))
            let stored = try await services.database.sql.select().columns("source", "answers").from("sipas_responses").all()
            #expect(stored.count == 1)
            #expect(try stored.first?.decode(column: "source", as: String.self) == "paper")
            #expect(try await services.database.sql.select().column("id").from("sipas_paper_entries").all().isEmpty)
            // The form is answered: entering it again is refused; so is a number outside the sample or a bad answer.
            #expect(try await first.post("/sipas/\(id)/paper", form: entry).text.contains("Phiếu khảo sát này đã được trả lời"))
            #expect(
                try await first.post("/sipas/\(id)/paper", form: ["number": "999999", "S1.1": "4"]).text.contains("Không có phiếu số này"))
            let bad = try await first.post("/sipas/\(id)/paper", form: ["number": String(number + 1), "S1.1": "9"])
            #expect(bad.status == .badRequest && bad.text.contains("Câu S1.1: \"9\""))
        }
    }

    @Test func surveyResultsAreShownBesideTheServiceIndex() async throws {
        try await withApp { client, services in
            let id = try await Self.drawnCampaign(services)
            let campaigns = SIPASCampaigns(services.database)
            let codes = try SIPASSurveys.shippedQuestionnaire().items.map(\.code)
            // 00070: both satisfied with the service, one not with the policies; nothing from 00073.
            let rows = [
                "00070,2," + codes.map { $0.hasPrefix("S") ? "5" : "4" }.joined(separator: ","),
                "00070,2," + codes.map { $0.hasPrefix("S") ? "4" : "2" }.joined(separator: ","),
            ]
            let csv = (["unit,weight," + codes.joined(separator: ",")] + rows).joined(separator: "\n") + "\n"
            try await campaigns.importResponses(Data(csv.utf8), into: id, by: nil, at: Date())
            let september = (LocalDate(iso: "2026-09-01")!, LocalDate(iso: "2026-09-30")!)
            let ward = try #require(try await campaigns.satisfaction(of: "00070", from: september.0, through: september.1))
            #expect(
                ward.campaignID == id && ward.responses == 2 && ward.service == 100 && ward.figures.sections["policy"] == 50
                    && ward.isTooSmall)
            #expect(try await campaigns.satisfaction(of: nil, from: september.0, through: september.1)?.responses == 2)
            #expect(try await campaigns.satisfaction(of: "00073", from: september.0, through: september.1) == nil)
            // A period the campaign did not survey has none.
            #expect(
                try await campaigns.satisfaction(of: "00070", from: LocalDate(iso: "2026-12-01")!, through: LocalDate(iso: "2026-12-31")!)
                    == nil)

            try await ServiceIndexStore(services.database.sql).loadShippedIfMissing(at: Date())
            let unitID = try #require(try await services.units.find(code: "00070", validOn: september.1)).id
            let secretariat = try await Browser.signedIn(client, as: "thuky")
            let page = try await secretariat.get("/index/units/\(unitID)?from=2026-09-01&to=2026-09-30")
            #expect(page.status == .ok && page.text.contains("hài lòng về cung ứng dịch vụ 100,0%</strong>, chỉ số hài lòng chung 75,0%"))
            #expect(page.text.contains("/sipas/\(id)/results?unit=00070"))
            let city = try await secretariat.get("/index?from=2026-09-01&to=2026-09-30")
            #expect(city.text.contains("Đối chiếu với khảo sát SIPAS") && city.text.contains("2 phiếu"))
        }
    }

    @Test func aNewQuestionnaireVersionIsLoadedWithoutCode() async throws {
        try await withApp { client, services in
            _ = try await Self.drawnCampaign(services)
            let secretariat = try await Browser.signedIn(client, as: "thuky")
            #expect(try await secretariat.get("/sipas").text.contains("sipas-2022 — "))
            var file =
                try JSONSerialization.jsonObject(with: try JSONEncoder().encode(try SIPASSurveys.shippedQuestionnaire())) as! [String: Any]
            file["id"] = "sipas-2026"
            file["title"] = "Phiếu khảo sát 2026 (thử)"
            let loaded = try await secretariat.postFile(
                "/sipas/questionnaires", field: "file", filename: "phieu-2026.json",
                data: Array(try JSONSerialization.data(withJSONObject: file)))
            #expect(loaded.headers[.location] == "/sipas?loaded=sipas-2026")
            #expect(
                try await secretariat.get("/sipas/new").text.contains("<option value=\"sipas-2026\">Phiếu khảo sát 2026 (thử)</option>"))
            // The version a campaign uses is never changed; a file that is not a questionnaire is refused.
            file["id"] = "sipas-2022"
            let changed = try await secretariat.postFile(
                "/sipas/questionnaires", field: "file", filename: "p.json",
                data: Array(try JSONSerialization.data(withJSONObject: file)))
            #expect(changed.status == .badRequest && changed.text.contains("đã được dùng cho một đợt khảo sát nên không được sửa"))
            let broken = try await secretariat.postFile(
                "/sipas/questionnaires", field: "file", filename: "p.json", data: Array("{\"id\": 1}".utf8))
            #expect(broken.status == .badRequest && broken.text.contains("Tệp không phải là một phiếu khảo sát hợp lệ"))
            #expect(
                try await SIPASCampaigns(services.database).questionnaire(id: "sipas-2022") == (try SIPASSurveys.shippedQuestionnaire()))
        }
    }
}
