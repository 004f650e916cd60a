import Domain
import Foundation
import HummingbirdTesting
import Persistence
import SQLKit
import Testing
import Web

@testable import Services

/// A SIPAS campaign's frame and sample from real dossiers: one entry per applicant of a dossier returned (or
/// answered ineligible) in the period at the campaign's units, opted-out people and citizens without
/// consent to surveys left out; the sample drawn once, reproducible from the seed, stored with its weights.
@Suite struct SIPASCampaignsTests {
    static func at(_ text: String) -> Date { LocalClock().instant(parsing: text)! }

    @Test func aFrameFromCompletedDossiersAndASampleDrawnOnce() async throws {
        try await withApp { _, services in
            try await DemoCatalogue.load(on: services.database, at: Self.at("2026-01-01T08:00"))
            _ = try await SyntheticDossiers(
                database: services.database, desk: services.desk, calendar: try await services.workingCalendar()
            )
            .bulk(
                count: 3000, seed: 5, unitCodes: ["00070", "00073"], from: LocalDate(iso: "2026-07-01")!, to: LocalDate(iso: "2026-09-30")!,
                now: Self.at("2026-10-31T17:00"))
            let campaigns = SIPASCampaigns(services.database)
            try await campaigns.loadShippedQuestionnaireIfMissing(at: Date())
            var wards: [Int64] = []
            for code in ["00070", "00073"] {
                wards.append(try #require(try await services.units.find(code: code, validOn: LocalDate(iso: "2026-09-01")!)).id)
            }
            let design = SIPASSample.Design(size: 200, allocation: .proportional, minimumPerStratum: 30)
            func create() async throws -> Int64 {
                try await campaigns.create(
                    name: "Khảo sát quý III/2026", questionnaireID: "sipas-2022", serviceFrom: LocalDate(iso: "2026-08-01")!,
                    serviceTo: LocalDate(iso: "2026-09-30")!, unitIDs: wards, design: design, seed: 2026, by: nil, at: Date())
            }
            let id = try await create()
            let campaign = try #require(try await campaigns.find(id: id))
            #expect(campaign.status == .draft && campaign.unitIDs == wards.sorted() && campaign.design == design && campaign.seed == 2026)

            // The frame: distinct applicants of the dossiers ended with a result handed over or ineligible in the period.
            let start = Self.at("2026-08-01T00:00"), end = Self.at("2026-10-01T00:00")
            let expected = try await services.database.sql.raw(
                """
                SELECT COUNT(DISTINCT applicant_identifier) AS n FROM dossiers
                WHERE status IN ('returned', 'ineligible') AND finished_at >= \(bind: start.milliseconds) AND finished_at < \(bind: end.milliseconds)
                  AND processing_unit_id IN (\(binds: wards))
                """
            ).first()!.decode(column: "n", as: Int.self)
            var frame = try await campaigns.frame(of: campaign)
            #expect(frame.count == expected && expected > 500)
            #expect(Set(frame.map(\.applicant)).count == frame.count)

            // One asked not to be surveyed; another has an account without consent to surveys: both left out.
            try await campaigns.optOut(identifier: frame[0].applicant, at: Date())
            let citizen = try await services.accounts.create(
                username: frame[1].applicant, displayName: "Công dân", password: testPassword,
                grants: [Grant(role: .citizen, unitID: nil)], actorID: nil)
            try await CitizenAccounts(services.database).recordProfile(
                of: citizen, personalID: frame[1].applicant, phone: nil, verifiedBy: "test",
                consents: [.handling], at: Date())
            let excluded = [frame[0].applicant, frame[1].applicant]
            frame = try await campaigns.frame(of: campaign)
            #expect(frame.count == expected - 2 && !frame.contains { excluded.contains($0.applicant) })

            let drawn = try await campaigns.draw(id, by: nil, at: Date())
            #expect(drawn.drawn.count == drawn.strata.map(\.allocated).reduce(0, +))
            #expect(abs(drawn.drawn.map(\.weight).reduce(0, +) - Double(frame.count)) < 1e-6)
            await #expect(throws: SIPASCampaigns.Problem.alreadyDrawn(.sampled)) { try await campaigns.draw(id, by: nil, at: Date()) }
            let stored = try await campaigns.strata(of: id)
            #expect(stored.map(\.key) == drawn.strata.map(\.key) && stored.map(\.allocated) == drawn.strata.map(\.allocated))
            #expect(stored.allSatisfy { $0.invited == 0 && $0.answered == 0 })
            #expect(try await campaigns.find(id: id)?.status == .sampled)

            // The same design and seed on the same frame draw the same dossiers.
            let again = try await campaigns.draw(try await create(), by: nil, at: Date())
            #expect(again.drawn.map(\.entry.dossierID) == drawn.drawn.map(\.entry.dossierID))
            // No personal data stored with the sample: dossier ids and weights only.
            let columns = try await services.database.sql.select().column("*").from("sipas_invitations").limit(1).first()!.allColumns
            #expect(
                Set(columns) == [
                    "id", "campaign_id", "stratum", "dossier_id", "weight", "token_hash", "invited_at", "answered_at", "draft",
                    "declined_at",
                ])
        }
    }

    @Test func badCampaignsAreRefused() async throws {
        try await withApp { _, services in
            let campaigns = SIPASCampaigns(services.database)
            try await campaigns.loadShippedQuestionnaireIfMissing(at: Date())
            let design = SIPASSample.Design(size: 10, allocation: .equal, minimumPerStratum: 0)
            let day = LocalDate(iso: "2026-08-01")!
            await #expect(throws: SIPASCampaigns.Problem.noUnits) {
                try await campaigns.create(
                    name: "x", questionnaireID: "sipas-2022", serviceFrom: day, serviceTo: day, unitIDs: [], design: design, seed: 1,
                    by: nil, at: Date())
            }
            await #expect(throws: SIPASCampaigns.Problem.badPeriod) {
                try await campaigns.create(
                    name: "x", questionnaireID: "sipas-2022", serviceFrom: day, serviceTo: day.adding(days: -1), unitIDs: [1],
                    design: design,
                    seed: 1, by: nil, at: Date())
            }
            await #expect(throws: SIPASCampaigns.Problem.unknownQuestionnaire) {
                try await campaigns.create(
                    name: "x", questionnaireID: "nope", serviceFrom: day, serviceTo: day, unitIDs: [1], design: design, seed: 1, by: nil,
                    at: Date())
            }
        }
    }

    @Test func theSecretariatCreatesACampaignAndDrawsItsSampleOnThePages() async throws {
        try await withApp { client, services in
            try await DemoCatalogue.load(on: services.database, at: Self.at("2026-01-01T08:00"))
            _ = try await SyntheticDossiers(
                database: services.database, desk: services.desk, calendar: try await services.workingCalendar()
            )
            .bulk(
                count: 1500, seed: 9, unitCodes: ["00070", "00073"], from: LocalDate(iso: "2026-07-01")!, to: LocalDate(iso: "2026-09-30")!,
                now: Self.at("2026-10-31T17:00"))
            let city = try #require(try await HanoiUnitImport.cityID(on: services.database.sql))
            _ = try await services.accounts.create(
                username: "thuky", displayName: "Thư ký", password: testPassword,
                grants: [Grant(role: .secretariat, unitID: city)], actorID: nil)
            _ = try await services.accounts.create(
                username: "lanhdao", displayName: "Lãnh đạo", password: testPassword,
                grants: [Grant(role: .cityLeader, unitID: city)], actorID: nil)
            let ward = try #require(try await services.units.find(code: "00070", validOn: LocalDate(iso: "2026-09-01")!)).id
            let secretariat = try await Browser.signedIn(client, as: "thuky")
            let form = try await secretariat.get("/sipas/new")
            #expect(form.status == .ok && form.text.contains("id=\"unit-\(ward)\""))
            // No unit chosen: said next to the units, what was typed kept.
            var fields = [
                "name": "Quý III/2026", "questionnaire": "sipas-2022", "serviceFrom": "2026-08-01", "serviceTo": "2026-09-30",
                "size": "100", "allocation": "proportional", "minimum": "20", "seed": "77",
            ]
            let noUnits = try await secretariat.post("/sipas", form: fields)
            #expect(
                noUnits.status == .badRequest && noUnits.text.contains("id=\"units-error\" class=\"field-error\">Chọn ít nhất một đơn vị"))
            #expect(noUnits.text.contains("value=\"Quý III/2026\""))
            fields["unit-\(ward)"] = "on"
            fields["serviceTo"] = "2026-07-01"
            let badPeriod = try await secretariat.post("/sipas", form: fields)
            #expect(badPeriod.status == .badRequest && badPeriod.text.contains("id=\"serviceTo-error\""))
            #expect(badPeriod.text.contains("id=\"unit-\(ward)\" name=\"unit-\(ward)\" value=\"on\" checked"))
            fields["serviceTo"] = "2026-09-30"
            let created = try await secretariat.post("/sipas", form: fields)
            let path = try #require(created.headers[.location])
            let draft = try await secretariat.get(path)
            #expect(draft.text.contains("Đang chuẩn bị") && draft.text.contains("id=\"frame-size\">"))
            let drawn = try await secretariat.post(path + "/draw", form: [:])
            #expect(drawn.status == .seeOther)
            let sampled = try await secretariat.get(path)
            // Strata are named by their unit, not its code; the full size was drawn, so there is nothing to explain.
            #expect(
                sampled.text.contains("Đã chọn mẫu") && sampled.text.contains("id=\"strata\"")
                    && sampled.text.contains("<th scope=\"row\">Phường Hoàn Kiếm"))
            #expect(!sampled.text.contains("sample-size-note") && !sampled.text.contains("Hạt giống"))
            // A size larger than the frame: everyone is drawn, and the page says why the number is smaller.
            var larger = fields
            larger["name"] = "Quý III/2026, toàn bộ"
            larger["size"] = "5000"
            let whole = try #require(try await secretariat.post("/sipas", form: larger).headers[.location])
            #expect(try await secretariat.post(whole + "/draw", form: [:]).status == .seeOther)
            let note = try #require(try await secretariat.get(whole).text.firstMatch(of: /id="sample-size-note">([^<]*)</)).1
            #expect(note.hasPrefix("Cỡ mẫu yêu cầu là 5000 người nhưng khung mẫu chỉ có "))
            #expect(try await secretariat.post(path + "/draw", form: [:]).text.contains("mẫu chỉ chọn một lần"))
            // Responses imported from CSV: a unit outside the campaign is refused with its line; then the results.
            let codes = try SIPASSurveys.shippedQuestionnaire().items.map(\.code)
            func row(_ unit: String, _ value: String) -> String { unit + ",1," + codes.map { _ in value }.joined(separator: ",") }
            let header = "unit,weight," + codes.joined(separator: ",")
            let outside = [header, row("00070", "5"), row("00004", "4")].joined(separator: "\n") + "\n"
            let refused = try await secretariat.postFile(path + "/import", field: "file", filename: "phieu.csv", data: Array(outside.utf8))
            #expect(refused.status == .badRequest && refused.text.contains("Dòng 3, cột unit: mã đơn vị “00004” không thuộc đợt khảo sát."))
            let csv = [header, row("00070", "5"), row("00070", "4"), row("00070", "2"), row("00070", "0")].joined(separator: "\n") + "\n"
            let imported = try await secretariat.postFile(path + "/import", field: "file", filename: "phieu.csv", data: Array(csv.utf8))
            #expect(
                imported.status == .seeOther,
                "\(imported.status) \(imported.text.firstMatch(of: /id="form-error"[^<]*/).map { String($0.output) } ?? "")")
            let resultsPath = try #require(imported.headers[.location])
            #expect(resultsPath.hasSuffix("/results?imported=4"))
            let results = try await secretariat.get(resultsPath)
            // 00070: two of three satisfied on every item → 66.7 % (the fourth answered "don't know" everywhere).
            #expect(results.text.contains("Đã nhập 4 phiếu trả lời.") && results.text.contains("66,7%"))
            // The aggregation is named as ours, with the published example that differs from it (docs/SIPAS.md).
            #expect(
                results.text.contains("id=\"sipas-method\"") && results.text.contains("cách tính của MotCua")
                    && results.text.contains("Chung (cách tính MotCua)"))
            let ward70 = try await secretariat.get(path + "/results?unit=00070")
            #expect(ward70.text.contains("Cỡ mẫu hiệu dụng dưới 30: chưa đủ để công bố"))
            // Units are named as people know them, in the table, the chart and the heading; the code stays in the link.
            #expect(
                ward70.text.contains("Từng câu hỏi — Phường Hoàn Kiếm") && ward70.text.contains(">Phường Hoàn Kiếm</a>")
                    && !ward70.text.contains(">00070<"))
            let exported = try await secretariat.get(path + "/results.csv")
            #expect(exported.text.contains("00070,overall,,66.6667") && exported.text.contains("00070,item,S1.1,66.6667,53.3"))

            // The micro-data, without anything about the person, recomputes the same figures; the results also as XLSX.
            let microdata = try await secretariat.get(path + "/responses.csv")
            #expect(
                microdata.text.hasPrefix("unit,weight,S1.1,") && !microdata.text.contains("001") && microdata.text.contains("00070,1.0,5,5")
            )
            let recomputed = SIPASResults.compute(
                try SIPASSurveys.shippedQuestionnaire(),
                try SIPASResponses.read(csv: Data(microdata.text.utf8), questionnaire: try SIPASSurveys.shippedQuestionnaire()))
            #expect(abs((recomputed.units["00070"]?.overall ?? 0) - 200.0 / 3) < 1e-9)
            #expect(exported.text.contains("00070,item,S1.1,66.6667,53.3") && exported.text.contains(",3,3\r\n"))
            let workbook = try await secretariat.get(path + "/results.xlsx")
            #expect(Array(workbook.body.readableBytesView.prefix(2)) == [0x50, 0x4B])

            // A later campaign with everyone satisfied: +33.3 points, within the two margins (53.3 and 0).
            let later = try await SIPASCampaigns(services.database).create(
                name: "Quý IV/2026", questionnaireID: "sipas-2022", serviceFrom: LocalDate(iso: "2026-08-01")!,
                serviceTo: LocalDate(iso: "2026-09-30")!,
                unitIDs: [ward], design: .init(size: 10, allocation: .equal, minimumPerStratum: 0), seed: 1, by: nil, at: Date())
            let satisfied = [header, row("00070", "5"), row("00070", "4")].joined(separator: "\n") + "\n"
            #expect(
                try await secretariat.postFile("/sipas/\(later)/import", field: "file", filename: "p.csv", data: Array(satisfied.utf8))
                    .status == .seeOther)
            let compared = try await secretariat.get("/sipas/\(later)/results?unit=00070")
            #expect(compared.text.contains("So sánh với đợt trước: Quý III/2026") && compared.text.contains("+33,3 điểm (trong sai số)"))

            // A city leader looks but does not draw; a desk officer does not see campaigns.
            let leader = try await Browser.signedIn(client, as: "lanhdao")
            let seen = try await leader.get(path)
            #expect(seen.status == .ok && !seen.text.contains("/draw"))
            #expect(try await leader.post(path + "/draw", form: [:]).status == .forbidden)
            #expect(try await leader.get("/sipas/new").status == .forbidden)
            _ = try await services.accounts.create(
                username: "motcua", displayName: "Một cửa", password: testPassword,
                grants: [Grant(role: .deskOfficer, unitID: ward)], actorID: nil)
            #expect(try await Browser.signedIn(client, as: "motcua").get("/sipas").status == .forbidden)
        }
    }
}
