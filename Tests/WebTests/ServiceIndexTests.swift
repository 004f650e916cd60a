import Domain
import Foundation
import HummingbirdTesting
import Persistence
import SQLKit
import Testing
import Web

@testable import Services

/// The service index from MotCua's own data, checked against a fixture computed by hand (docs/SERVICE-INDEX.md
/// has the table): five dossiers, two ratings and two feedback items in October 2026 at two wards.
@Suite struct ServiceIndexTests {
    static func at(_ text: String) -> Date { LocalClock().instant(parsing: text)! }

    struct Ward {
        var id: Int64
        var desk: DossierWorkflow.Actor
        var head: DossierWorkflow.Actor
        var officer: DossierWorkflow.Actor
    }

    static func ward(_ code: String, _ services: AppServices) async throws -> Ward {
        let id = try #require(try await services.units.find(code: code, validOn: LocalDate(iso: "2026-10-01")!)).id
        var actors: [DossierWorkflow.Actor] = []
        for role in [Role.deskOfficer, .unitHead, .caseOfficer] {
            let user = try await services.accounts.create(
                username: "\(role.rawValue)-\(code)", displayName: "\(role.rawValue) \(code)", password: testPassword,
                grants: [Grant(role: role, unitID: id)], actorID: nil)
            actors.append(DossierWorkflow.Actor(userID: user, roles: [role]))
        }
        return Ward(id: id, desk: actors[0], head: actors[1], officer: actors[2])
    }

    /// Receives a dossier and takes it as far as asked: completed (result ready) at `completed`, handed over at `returned`.
    static func dossier(
        _ services: AppServices, _ ward: Ward, _ procedure: String, channel: Channel, received: String, resultFile: Bool = false,
        completed: String? = nil, returned: String? = nil, record: [ServiceFacts.Recorded: Bool] = [:]
    ) async throws -> Dossier {
        let time = at(received)
        var dossier = try await services.desk.receive(
            .init(
                procedureCode: procedure, receivingUnitID: ward.id, channel: channel,
                applicant: Applicant(kind: .person, name: "Nguyễn Văn Bình", identifier: "001090012345", phone: "0912345678")),
            by: ward.desk, at: time, day: LocalClock().localDate(time))
        guard let completed else {
            if !record.isEmpty {
                dossier = try await services.desk.record(
                    record, on: dossier.id, seenLockVersion: dossier.lockVersion, by: ward.desk, at: time)
            }
            return dossier
        }
        let done = at(completed)
        for (action, actor) in [(DossierWorkflow.Action.transfer, ward.desk), (.assign(userID: ward.officer.userID), ward.head)] {
            dossier = try await services.desk.act(
                action, on: dossier.id, seenLockVersion: dossier.lockVersion, by: actor, reason: "", at: time)
        }
        if resultFile {
            _ = try await services.attachments.attach(
                Array("%PDF-1.4\n%%EOF".utf8).data, name: "ket-qua.pdf", description: "", purpose: .result,
                to: dossier, by: ward.officer.userID, at: time)
            dossier = try #require(try await services.dossiers.find(id: dossier.id))
        }
        if !record.isEmpty {
            dossier = try await services.desk.record(
                record, on: dossier.id, seenLockVersion: dossier.lockVersion, by: ward.officer, at: time)
        }
        for actor in [ward.officer, ward.head] {
            dossier = try await services.desk.act(
                .completeStep, on: dossier.id, seenLockVersion: dossier.lockVersion, by: actor, reason: "", at: done)
        }
        if let returned {
            dossier = try await services.desk.act(
                .returnResult, on: dossier.id, seenLockVersion: dossier.lockVersion, by: ward.desk, reason: "", at: at(returned))
        }
        return dossier
    }

    static func fixture(_ services: AppServices) async throws -> (hoanKiem: Ward, other: Ward, dossiers: [Dossier]) {
        try await DemoCatalogue.load(on: services.database, at: at("2026-09-01T08:00"))
        let hoanKiem = try await ward("00070", services)
        let other = try await ward("00073", services)
        // A: fully online procedure with a fee, filed online, early, paid online, electronic result synced, checked against the population database, rated 5.
        let a = try await dossier(
            services, hoanKiem, "DEMO-HKD-01", channel: .online, received: "2026-10-05T09:00", resultFile: true,
            completed: "2026-10-07T10:00", returned: "2026-10-07T15:00",
            record: [.feePaidOnline: true, .resultSynced: true, .populationChecked: true])
        // B: fully online procedure with a fee, at the desk, late, digitised, rated 2.
        let b = try await dossier(
            services, hoanKiem, "DEMO-HKD-02", channel: .inPerson, received: "2026-10-05T09:30",
            completed: "2026-10-20T10:00", returned: "2026-10-20T15:00", record: [.digitised: true])
        // C: not fully online, no fee, at the desk, still open, reused a digitised document.
        let c = try await dossier(
            services, hoanKiem, "DEMO-HT-05", channel: .inPerson, received: "2026-10-06T09:00", record: [.reusedDocuments: true])
        // D: fully online procedure without a fee, at the desk, on time, electronic result (not synced).
        let d = try await dossier(
            services, hoanKiem, "DEMO-HT-06", channel: .inPerson, received: "2026-10-06T10:00", resultFile: true,
            completed: "2026-10-08T09:00")
        // E, at the other ward: at the desk, on time, nothing else.
        let e = try await dossier(
            services, other, "DEMO-HT-05", channel: .inPerson, received: "2026-10-07T09:00", completed: "2026-10-08T09:00")
        // Received in September and completed in October: counts as completed in October, not as received.
        let f = try await dossier(
            services, other, "DEMO-HT-05", channel: .inPerson, received: "2026-09-30T09:00", completed: "2026-10-01T09:00")
        let criteria = try RatingStore.shippedCriteria()
        try await services.ratings.rate(
            a.id, DossierRating(overall: 5, answers: [:]), criteria: criteria, channel: .portal, at: at("2026-10-08T09:00"))
        try await services.ratings.rate(
            b.id, DossierRating(overall: 2, answers: [:]), criteria: criteria, channel: .desk, at: at("2026-10-21T09:00"))
        // The national portal accepted A's messages only.
        try await services.database.sql.update("portal_outbox").set("status", to: "sent").where("dossier_id", .equal, a.id).run()
        // Feedback: one answered on time and rated satisfied, one past its deadline without an answer.
        let feedback = FeedbackStore(services.database)
        func submit(_ received: String, due: String) async throws -> Int64 {
            try await feedback.submit(
                .init(
                    subject: .unit, unitID: hoanKiem.id, dossierID: nil, officer: "",
                    content: "Phản ánh về thời gian chờ tại bộ phận một cửa",
                    contactName: "Trần Thị Hà", contactPhone: "0987654321", contactEmail: nil, submittedBy: nil),
                tokenHash: UUID().uuidString, due: at(due), at: at(received))
        }
        let answered = try await submit("2026-10-01T09:00", due: "2026-10-15T17:00")
        try await feedback.answer(
            answered, text: "Đã bố trí thêm quầy", publishable: false, by: hoanKiem.head.userID, at: at("2026-10-02T09:00"))
        try await feedback.rate(answered, satisfied: true, at: at("2026-10-03T09:00"))
        _ = try await submit("2026-10-02T09:00", due: "2026-10-16T17:00")
        return (hoanKiem, other, [a, b, c, d, e, f])
    }

    @Test func theFiguresMatchTheHandComputedFixture() async throws {
        try await withApp { _, services in
            let fixture = try await Self.fixture(services)
            let report = try await services.serviceIndex(from: LocalDate(iso: "2026-10-01")!, through: LocalDate(iso: "2026-10-31")!)
            let hoanKiem = try #require(report.units.first { $0.id == fixture.hoanKiem.id })
            let score = report.score(of: hoanKiem)
            let expected: [String: (Int, Int)?] = [
                "1.1": nil, "1.2": nil, "1.3": nil, "1.4": (1, 4), "2.1": (2, 3), "3.1": (1, 3), "4.1": nil, "4.2": nil, "4.3": (1, 2),
                "5.1": (1, 2), "5.2": (1, 1), "5.3": (1, 2), "6.1": (2, 3), "6.2": (1, 3), "6.3": nil, "6.4": (1, 4), "6.5": (1, 2),
                "6.6": (1, 4), "6.7": nil,
            ]
            for indicator in score.indicators {
                let want = try #require(expected[indicator.code])
                #expect(indicator.count.map { [$0.numerator, $0.denominator] } == want.map { [$0.0, $0.1] }, "\(indicator.code)")
            }
            // 1.5 + 20·2/3 + 12/3 + 3 + 3 + 6 + 3 + 4 + 4/3 + 0.5 + 2 + 0.5 = 42.1666…, every measured indicator
            // applicable: over 80 points, 52.708… → 52.71.
            #expect(score.total.published == Decimal(string: "42.17"))
            #expect(score.measurableMax == 80 && score.max == 100)
            #expect(score.index == Decimal(string: "52.71"))

            // The other ward: 2 completed on time (20 of 20); E received (F was received in September), not synced
            // (0 of 6), not digitised (0 of 4), reusing nothing (0 of 2), not checked against the population
            // database (0 of 2); no electronic result of the 2 completed (0 of 6). Nothing with a fee, no
            // fully-online procedure, no feedback, no rating, no electronic result to sync: not applicable, out
            // of the maximum (they scored full marks before issue 21). 20 of 40 → 50.00.
            let other = try #require(report.units.first { $0.id == fixture.other.id })
            let otherScore = report.score(of: other)
            #expect(otherScore.indicators.first { $0.code == "2.1" }?.count == .init(numerator: 2, denominator: 2))
            #expect(otherScore.indicators.first { $0.code == "6.2" }?.count == .init(numerator: 0, denominator: 1))
            #expect(
                otherScore.indicators.filter { $0.hasData && !$0.isApplicable }.map(\.code) == ["3.1", "4.3", "5.1", "5.2", "5.3", "6.5"])
            #expect(otherScore.total == 20 && otherScore.measurableMax == 40 && otherScore.index == 50)

            // Ranked among the wards and communes with an index: Hoàn Kiếm first.
            let ranking = report.ranking(of: "local")
            #expect(ranking.map(\.unit.id) == [fixture.hoanKiem.id, fixture.other.id] && ranking.map(\.rank) == [1, 2])
            // The city: both wards together.
            let city = report.city
            #expect(city.indicators.first { $0.code == "2.1" }?.count == .init(numerator: 4, denominator: 5))
            #expect(city.indicators.first { $0.code == "6.2" }?.count == .init(numerator: 1, denominator: 4))

            // The trend's October (counted per month for the whole city at once) is the city's October.
            let trend = try await services.serviceIndexTrend(endingWith: LocalDate(iso: "2026-10-31")!, count: 3)
            #expect(trend.map(\.month.title) == ["08/2026", "09/2026", "10/2026"])
            #expect(trend.last?.score == city)
            #expect(trend[1].score.indicators.first { $0.code == "2.1" }?.count == .zero)
            let wardTrend = try await services.serviceIndexTrend(
                endingWith: LocalDate(iso: "2026-10-31")!, count: 2, units: [fixture.hoanKiem.id])
            #expect(wardTrend.last?.score == score)
            // A rebuild from the dossiers and ratings gives the same counts.
            try await services.database.rebuildStatisticsCounters(calculator: services.deadlines)
            let rebuilt = try await services.serviceIndex(from: LocalDate(iso: "2026-10-01")!, through: LocalDate(iso: "2026-10-31")!)
            #expect(rebuilt.counts == report.counts)
            // A range that is not whole months sums the edge days from the daily counters.
            let firstWeek = try await services.serviceIndex(from: LocalDate(iso: "2026-09-30")!, through: LocalDate(iso: "2026-10-06")!)
            #expect(firstWeek.score(of: other).indicators.first { $0.code == "6.2" }?.count == .init(numerator: 0, denominator: 1))
            #expect(firstWeek.score(of: hoanKiem).indicators.first { $0.code == "6.4" }?.count == .init(numerator: 1, denominator: 4))
        }
    }
}

extension ServiceIndexTests {
    @Test func everyCountOnThePagesOpensTheRecordsBehindIt() async throws {
        try await withApp { client, services in
            let fixture = try await Self.fixture(services)
            _ = try await services.accounts.create(
                username: "lanhdao.tp", displayName: "Lãnh đạo Thành phố", password: testPassword,
                grants: [Grant(role: .cityLeader, unitID: try await HanoiUnitImport.cityID(on: services.database.sql))],
                actorID: nil)
            let leader = try await Browser.signedIn(client, as: "lanhdao.tp")
            let period = "from=2026-10-01&to=2026-10-31"
            let city = try await leader.get("/index?" + period)
            #expect(
                city.status == .ok && city.text.contains("kỳ 10/2026") && city.text.contains("Xếp hạng Phường, xã<")
                    && !city.text.contains("thị trấn"))
            #expect(city.text.contains("không có dữ liệu"))
            // Date fields show and read dd/mm/yyyy, whatever the browser's language (issue 22).
            #expect(city.text.contains(#"<input type="text" id="from" name="from" value="01/10/2026" inputmode="numeric""#))
            #expect(try await leader.get("/index?from=01/10/2026&to=31/10/2026").text.contains("kỳ 10/2026"))
            #expect(try await leader.get("/index?from=10/31/2026&to=31/10/2026").status == .badRequest)
            // The dashboard: the trend, satisfaction and overdue charts, each with its table of figures; the
            // overdue bar of the ward (C, open since October) opens the list of exactly those dossiers.
            #expect(
                city.text.contains("id=\"chart-trend\"") && city.text.contains("id=\"chart-satisfaction\"")
                    && city.text.contains("Xem bảng số liệu"))
            #expect(city.text.contains("<title id=\"chart-trend-title\">"))
            let overdueLink = try #require(city.text.firstMatch(of: /<a href="(\/statistics\/dossiers\?[^"]+)">1 hồ sơ</)).output.1
            let overdueList = try await leader.get(String(overdueLink).replacingOccurrences(of: "&amp;", with: "&"))
            #expect(overdueList.text.contains(fixture.dossiers[2].code.text) && overdueList.text.contains(": 1 hồ sơ"))
            // Every numerator and denominator link of the unit page lists as many records as it says.
            let unitPage = try await leader.get("/index/units/\(fixture.hoanKiem.id)?" + period)
            #expect(unitPage.text.contains("Xếp hạng 1/2") && unitPage.text.contains("id=\"chart-unit-trend\""))
            #expect(unitPage.text.contains("52,71 / 100 (42,17 / 80 điểm đo được)"))
            let links = unitPage.text.matches(of: /href="(\/index\/records\?[^"]+)"[^>]*>(\d+)</).map {
                (String($0.output.1), Int($0.output.2)!)
            }
            #expect(links.count == 24)
            for (href, shown) in links {
                let records = try await leader.get(href.replacingOccurrences(of: "&amp;", with: "&"))
                #expect(records.status == .ok)
                let listed = try #require(records.text.firstMatch(of: /id="record-count">(\d+)</)).output.1
                #expect(Int(listed) == shown, "\(href)")
            }
            // 2.1's numerator lists A and D, not B (late) nor C (open).
            let onTime = try await leader.get("/index/records?unit=\(fixture.hoanKiem.id)&indicator=2.1&part=numerator&" + period)
            #expect(onTime.text.contains(fixture.dossiers[0].code.text) && onTime.text.contains(fixture.dossiers[3].code.text))
            #expect(!onTime.text.contains(fixture.dossiers[1].code.text) && !onTime.text.contains(fixture.dossiers[2].code.text))
            // The dossiers that cost 2.1 its points: B, completed late.
            let lost = try await leader.get("/index/records?unit=\(fixture.hoanKiem.id)&indicator=2.1&part=lost&" + period)
            #expect(lost.text.contains("id=\"record-count\">1<") && lost.text.contains(fixture.dossiers[1].code.text))
            #expect(lost.text.contains("Hồ sơ giải quyết trong kỳ, trừ: hồ sơ giải quyết trong kỳ trước hạn hoặc đúng hạn"))
            #expect(unitPage.text.contains("part=lost"))
            // No data: said so, not invented.
            #expect(try await leader.get("/index/records?unit=city&indicator=1.1&part=numerator&" + period).status == .badRequest)

            // The API gives the same figures.
            let api = try await leader.get("/api/v1/index/service?unitId=\(fixture.hoanKiem.id)&" + period)
            let document = try JSONDecoder().decode(ServiceIndexDocument.self, from: Data(api.text.utf8))
            #expect(
                document.total == Decimal(string: "42.17") && document.index == Decimal(string: "52.71") && document.measurableMax == 80)
            let ranking = try JSONDecoder().decode(
                ServiceIndexRankingDocument.self,
                from: Data(try await leader.get("/api/v1/index/ranking?kind=ward&" + period).text.utf8))
            #expect(ranking.units.map(\.rank) == [1, 2] && ranking.units.map(\.unit) == ["00070", "00073"])

            // A ward's officer sees the ward's own score, not the city, another ward or its records.
            let officer = try await Browser.signedIn(client, as: "unitHead-00070")
            let own = try await officer.get("/index?" + period)
            #expect(own.status == .seeOther && own.headers[.location]?.hasPrefix("/index/units/\(fixture.hoanKiem.id)") == true)
            #expect(try await officer.get("/index/units/\(fixture.hoanKiem.id)?" + period).status == .ok)
            #expect(try await officer.get("/index/units/\(fixture.other.id)?" + period).status == .notFound)
            #expect(
                try await officer.get("/index/records?unit=\(fixture.other.id)&indicator=2.1&part=numerator&" + period).status == .notFound)
            #expect(try await officer.get("/index/records?unit=city&indicator=2.1&part=numerator&" + period).status == .forbidden)
            #expect(try await officer.get("/api/v1/index/ranking?kind=ward&" + period).status == .forbidden)
            #expect(try await leader.get("/index?from=2026-10-31&to=2026-10-01").status == .badRequest)

            // The officer records on the dossier page that C's papers were digitised: 6.2 becomes 2 of 3.
            let c = fixture.dossiers[2]
            let page = try await officer.get("/dossiers/\(c.id)")
            #expect(page.text.contains("name=\"digitised\"") && page.text.contains("Số hóa, thanh toán và khai thác dữ liệu"))
            #expect(
                try await officer.post(
                    "/dossiers/\(c.id)/service-facts", form: ["lockVersion": String(c.lockVersion - 1), "digitised": "true"]
                ).status == .conflict)
            let current = try #require(try await services.dossiers.find(id: c.id))
            #expect(
                try await officer.post(
                    "/dossiers/\(c.id)/service-facts",
                    form: ["lockVersion": String(current.lockVersion), "digitised": "true", "reusedDocuments": "true"]
                ).status == .seeOther)
            let after = try await services.serviceIndex(from: LocalDate(iso: "2026-10-01")!, through: LocalDate(iso: "2026-10-31")!)
            let hoanKiemUnit = try #require(after.units.first { $0.id == fixture.hoanKiem.id })
            #expect(after.score(of: hoanKiemUnit).indicators.first { $0.code == "6.2" }?.count == .init(numerator: 2, denominator: 3))
            #expect(after.score(of: hoanKiemUnit).indicators.first { $0.code == "6.4" }?.count == .init(numerator: 1, denominator: 4))
            // A city leader sees the dossier but does not record its facts.
            let refused = try await leader.post(
                "/dossiers/\(c.id)/service-facts", form: ["lockVersion": String(current.lockVersion + 1), "digitised": "false"])
            #expect(refused.status == .badRequest && refused.text.contains("Chỉ cán bộ của đơn vị tiếp nhận hoặc đơn vị giải quyết"))
            // Someone of another ward cannot.
            let stranger = try await Browser.signedIn(client, as: "unitHead-00073")
            #expect(
                try await stranger.post("/dossiers/\(c.id)/service-facts", form: ["lockVersion": "1", "digitised": "false"]).status
                    == .notFound)
        }
    }
}

extension ServiceIndexTests {
    @Test func whatIfCompletingTheOpenDossiersByTheEndOfThePeriod() async throws {
        try await withApp { client, services in
            try await DemoCatalogue.load(on: services.database, at: Date())
            let ward = try await Self.ward("00070", services)
            let dossier = try await services.desk.receive(
                .init(
                    procedureCode: "DEMO-HT-05", receivingUnitID: ward.id, channel: .inPerson,
                    applicant: Applicant(kind: .person, name: "Nguyễn Văn Bình", identifier: "001090012345")),
                by: ward.desk, at: services.clock(), day: services.today())
            let head = try await Browser.signedIn(client, as: "unitHead-00070")
            // A period ending 40 days from now: the dossier, due in 3 working days, would be completed late.
            let period = "from=\(services.today().iso)&to=\(services.today().adding(days: 40).iso)"
            let unitPage = try await head.get("/index/units/\(ward.id)?" + period)
            #expect(unitPage.text.contains("/index/units/\(ward.id)/what-if?"))
            let whatIf = try await head.get("/index/units/\(ward.id)/what-if?" + period)
            #expect(whatIf.status == .ok && whatIf.text.contains("Nếu 1 hồ sơ được chọn"))
            #expect(whatIf.text.contains("id=\"d-\(dossier.id)\" name=\"dossier\" value=\"\(dossier.id)\" checked"))
            // Completing it late: 2.1 goes from nothing completed (not applicable) to 0 of 1.
            #expect(whatIf.text.contains("id=\"after-2.1\">0/1 → 0,00 điểm"))
            #expect(whatIf.text.contains("id=\"before-total\">") && whatIf.text.contains("id=\"after-total\">"))
            // None chosen by hand but another dossier id: nothing changes.
            let other = try await head.get("/index/units/\(ward.id)/what-if?\(period)&dossier=999999")
            #expect(other.text.contains("Nếu 0 hồ sơ được chọn") && other.text.contains("Không chỉ tiêu nào thay đổi."))
            // A period already over is refused with the reason.
            #expect(try await head.get("/index/units/\(ward.id)/what-if?from=2026-01-01&to=2026-01-31").status == .badRequest)
            #expect(try await head.get("/index/units/999999/what-if?" + period).status == .notFound)
        }
    }
}

extension ServiceIndexTests {
    @Test func publicStatisticsWithoutPersonalData() async throws {
        try await withApp { client, services in
            let fixture = try await Self.fixture(services)
            let period = "from=2026-10-01&to=2026-10-31"
            let page = try await client.execute(uri: "/public/statistics?" + period, method: .get)
            #expect(
                page.status == .ok && page.text.contains("Phường Hoàn Kiếm") && page.text.contains("66,7%") && page.text.contains("25,0%"))
            #expect(page.text.contains("50,0% (2 lượt)"))
            // Charts beside the table (issue 22): the city's twelve months to October, and the units compared.
            #expect(page.text.contains(#"id="chart-received""#) && page.text.contains("<title>10/2026: 5 hồ sơ</title>"))
            #expect(page.text.contains("<title>10/2026: 80,0% (4/5)</title>") && page.text.contains(#"<th scope="row">11/2025</th>"#))
            #expect(page.text.contains("<th scope=\"row\">09/2026</th><td>Chưa có hồ sơ giải quyết</td>"), "a month without data is a gap")
            #expect(page.text.contains("<title>Phường Hoàn Kiếm: 66,7% (2/3)</title>"))
            for dossier in fixture.dossiers { #expect(!page.text.contains(dossier.code.text)) }
            #expect(!page.text.contains("Nguyễn Văn Bình") && !page.text.contains("/dossiers/"))
            let json = try await client.execute(uri: "/public/statistics.json?" + period, method: .get)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(json.text.utf8)) as? [String: Any])
            let units = try #require(object["units"] as? [[String: Any]])
            let hoanKiem = try #require(units.first { $0["unit"] as? String == "00070" })
            #expect(hoanKiem["received"] as? Int == 4 && hoanKiem["receivedOnline"] as? Int == 1 && hoanKiem["completed"] as? Int == 3)
            #expect(hoanKiem["completedOnTime"] as? Int == 2 && hoanKiem["rated"] as? Int == 2 && hoanKiem["ratedSatisfied"] as? Int == 1)
            let city = try #require(object["city"] as? [String: Any])
            #expect(city["received"] as? Int == 5 && city["completed"] as? Int == 5 && city["completedOnTime"] as? Int == 4)
            #expect(units.count == 2, "units with nothing in the period are left out")
            let csv = try await client.execute(uri: "/public/statistics.csv?" + period, method: .get)
            #expect(csv.headers[.contentType] == "text/csv; charset=utf-8")
            let lines = csv.text.split(separator: "\r\n")
            #expect(
                lines.count == 4 && lines[0].contains("Tỷ lệ đúng hạn (%)")
                    && lines.contains { $0.hasPrefix("00070,Phường Hoàn Kiếm,ward,4,1,25.0,3,2,66.7,2,1,50.0") })
            #expect(try await client.execute(uri: "/public/statistics.json?from=2026-13-01", method: .get).status == .badRequest)
        }
    }
}

extension Array where Element == UInt8 {
    var data: Data { Data(self) }
}
