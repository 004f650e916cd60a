import Domain
import Foundation
import HTTPTypes
import HummingbirdTesting
import Persistence
import Testing
import Web

@testable import Services

/// The statistics pages on dossiers made through the desk with known times: the figures, the lists behind
/// them, the CSV file and the API agree.
@Suite struct StatisticsPagesTests {
    static let clock = LocalClock()
    func at(_ text: String) -> Date { Self.clock.instant(parsing: text)! }

    /// Three dossiers of Phường Hoàn Kiếm in March 2026: one early, one late with an apology, one open and overdue.
    func seed(_ services: AppServices) async throws -> (ward: Int64, codes: [String]) {
        try await DemoCatalogue.load(on: services.database, at: Date())
        let ward = try #require(try await services.units.find(code: "00070", validOn: LocalDate(iso: "2026-01-01")!)).id
        var ids: [Int64] = []
        for (name, role) in [("motcua", Role.deskOfficer), ("thuly", .caseOfficer), ("lanhdao", .unitHead)] {
            ids.append(
                try await services.accounts.create(
                    username: name, displayName: name, password: testPassword,
                    grants: [Grant(role: role, unitID: ward)], actorID: nil))
        }
        let desk = DossierWorkflow.Actor(userID: ids[0], roles: [.deskOfficer])
        let officer = DossierWorkflow.Actor(userID: ids[1], roles: [.caseOfficer])
        let head = DossierWorkflow.Actor(userID: ids[2], roles: [.unitHead])
        func receive(_ time: String) async throws -> Dossier {
            try await services.desk.receive(
                .init(
                    procedureCode: "DEMO-HT-05", receivingUnitID: ward, channel: .inPerson,
                    applicant: Applicant(kind: .person, name: "Phạm Thu Hà", identifier: "001301012345")),
                by: desk, at: at(time), day: Self.clock.localDate(at(time)))
        }
        func run(_ dossier: Dossier, _ steps: [(DossierWorkflow.Action, DossierWorkflow.Actor, String, String)]) async throws {
            var current = dossier
            for (action, actor, time, reason) in steps {
                current = try await services.desk.act(
                    action, on: current.id, seenLockVersion: current.lockVersion, by: actor, reason: reason,
                    newAppointment: action == .issueApology ? at("2026-03-13T17:00") : nil, at: at(time))
            }
        }
        // Due Thursday 5 March 12:00; finished Tuesday 3 March: early.
        let early = try await receive("2026-03-02T09:00")
        try await run(
            early,
            [
                (.transfer, desk, "2026-03-02T10:00", ""), (.completeStep, officer, "2026-03-03T09:00", ""),
                (.completeStep, head, "2026-03-03T10:00", ""), (.returnResult, desk, "2026-03-04T09:00", ""),
            ])
        // Due Tuesday 10 March 12:00; an apology, then finished Wednesday 11 March: late.
        let late = try await receive("2026-03-05T09:00")
        try await run(
            late,
            [
                (.transfer, desk, "2026-03-05T10:00", ""), (.issueApology, officer, "2026-03-09T10:00", "Chờ xác minh"),
                (.completeStep, officer, "2026-03-11T09:00", ""), (.completeStep, head, "2026-03-11T10:00", ""),
            ])
        // Due Thursday 19 March 12:00; still open at the end of March: overdue.
        let open = try await receive("2026-03-16T09:00")
        try await run(open, [(.transfer, desk, "2026-03-16T10:00", "")])
        return (ward, [early.code.text, late.code.text, open.code.text])
    }

    @Test func figuresListsCSVAndAPIAgree() async throws {
        try await withApp { client, services in
            let (ward, codes) = try await seed(services)
            let head = try await Browser.signedIn(client, as: "lanhdao")
            let range = "unit=\(ward)&from=2026-03-01&to=2026-03-31"
            let page = try await head.get("/statistics?\(range)")
            #expect(page.status == .ok)
            for (figure, count) in [
                ("received", 3), ("completed", 2), ("early", 1), ("late", 1), ("pendingOverdue", 1), ("returned", 1), ("apologies", 1),
            ] {
                #expect(
                    page.text.contains("figure=\(figure)\" aria-label=") && page.text.contains(": \(count) hồ sơ, xem danh sách"),
                    "\(figure)")
            }
            let late = try await head.get("/statistics/dossiers?\(range)&figure=late")
            #expect(late.text.contains(codes[1]) && !late.text.contains(codes[0]))
            let csv = try await head.get("/statistics.csv?\(range)")
            #expect(csv.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(csv.text.contains("Giải quyết trễ hạn,1,50\r\n"))
            let xlsx = try await head.get("/statistics.xlsx?\(range)")
            #expect(xlsx.headers[.contentType] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            #expect(Array(xlsx.body.readableBytesView.prefix(4)) == [0x50, 0x4B, 0x03, 0x04])
            #expect(String(decoding: xlsx.body.readableBytesView, as: UTF8.self).contains("Giải quyết trễ hạn</t></is></c><c r=\"B"))
            let api = try await head.get("/api/v1/statistics?unitId=\(ward)&from=2026-03-01&to=2026-03-31")
            let body = try JSONDecoder().decode(StatisticsBody.self, from: Data(buffer: api.body))
            #expect(body.figures["received"] == 3 && body.figures["early"] == 1 && body.figures["pendingOverdue"] == 1)
            // February: nothing yet.
            #expect(
                try await head.get("/statistics/dossiers?unit=\(ward)&from=2026-02-01&to=2026-02-28&figure=received").text.contains(
                    ": 0 hồ sơ"))
        }
    }

    @Test func aUnitOutsideTheReadersScopeIsNotFound() async throws {
        try await withApp { client, services in
            _ = try await seed(services)
            let other = try #require(try await services.units.find(code: "00073", validOn: LocalDate(iso: "2026-01-01")!))
            let head = try await Browser.signedIn(client, as: "lanhdao")
            #expect(try await head.get("/statistics?unit=\(other.id)").status == .notFound)
            #expect(try await head.get("/api/v1/statistics?unitId=\(other.id)").status == .notFound)
            #expect(try await head.get("/statistics?from=2026-04-01&to=2026-03-01").status == .badRequest)
            #expect(try await client.execute(uri: "/statistics", method: .get).status == .unauthorized)
        }
    }

    struct StatisticsBody: Decodable {
        var figures: [String: Int]
    }

    @Test func theDossierLogListsADesksDossiersWithTheirHandOvers() async throws {
        try await withApp { client, services in
            let (ward, codes) = try await seed(services)
            let desk = try await Browser.signedIn(client, as: "motcua")
            let log = try await desk.get("/dossier-log?unit=\(ward)&from=2026-03-01&to=2026-03-31")
            #expect(log.status == .ok)
            #expect(log.text.contains("SỔ THEO DÕI HỒ SƠ") && log.text.contains("Mẫu số 07"))
            for code in codes { #expect(log.text.contains(code)) }
            #expect(try await desk.get("/dossier-log?unit=\(ward)&from=2026-03-01&to=2028-03-31").status == .badRequest)
        }
    }

    @Test func theDelegationReportCountsTheDossiersOfEachDelegation() async throws {
        try await withApp { client, services in
            _ = try await seed(services)
            let justice = try #require(try await services.units.find(code: "DEMO-STP", validOn: LocalDate(iso: "2026-01-01")!)).id
            let officer = try await services.accounts.create(
                username: "motcua.stp", displayName: "Một cửa Sở Tư pháp", password: testPassword,
                grants: [Grant(role: .deskOfficer, unitID: justice)], actorID: nil)
            _ = try await services.desk.receive(
                .init(
                    procedureCode: "DEMO-TP-01", receivingUnitID: justice, channel: .online,
                    applicant: Applicant(kind: .person, name: "Vũ Lan", identifier: "001301012345")),
                by: .init(userID: officer, roles: [.deskOfficer]), at: at("2026-03-02T09:00"), day: LocalDate(iso: "2026-03-02")!)
            let cityID = try #require(try await HanoiUnitImport.cityID(on: services.database.sql))
            _ = try await services.accounts.create(
                username: "thuky", displayName: "Thư ký", password: testPassword,
                grants: [Grant(role: .secretariat, unitID: cityID)], actorID: nil)
            let secretary = try await Browser.signedIn(client, as: "thuky")
            let report = try await secretary.get("/delegations")
            #expect(report.status == .ok)
            #expect(report.text.contains("Cấp Phiếu lý lịch tư pháp") && report.text.contains("Quyết định ủy quyền mẫu số 01/QĐ-DEMO"))
            #expect(report.text.contains(#"<td data-label="Hồ sơ">1</td>"#))
            let desk = try await Browser.signedIn(client, as: "motcua")
            #expect(try await desk.get("/delegations").status == .forbidden)
        }
    }
}

extension StatisticsPagesTests {
    @Test func anAdministratorWithoutAUnitSeesTheCity() async throws {
        try await withApp { client, services in
            _ = try await seed(services)
            _ = try await services.accounts.create(
                username: "quantri", displayName: "Quản trị", password: testPassword,
                grants: [Grant(role: .admin, unitID: nil)], actorID: nil)
            let admin = try await Browser.signedIn(client, as: "quantri")
            let page = try await admin.get("/statistics")
            #expect(page.status == .ok)
            #expect(page.text.contains("Thành phố Hà Nội"))
            #expect(try await admin.get("/dossier-log").status == .ok)
        }
    }
}

extension StatisticsPagesTests {
    /// Issue 21, point 1: the city's own statistics showed 0 for every row (only dossiers processed by the city
    /// itself were counted), and a ward showed every pending dossier of the current month as overdue (judged
    /// against the month's end, still ahead). A unit above others adds up every unit below it; a period not
    /// over judges overdue now; the lists behind the figures say the same.
    @Test func theCityAddsUpEveryUnitAndAPeriodNotOverJudgesOverdueNow() async throws {
        try await withApp { client, services in
            let (ward, codes) = try await seed(services)
            let justice = try #require(try await services.units.find(code: "DEMO-STP", validOn: LocalDate(iso: "2026-01-01")!)).id
            let officer = try await services.accounts.create(
                username: "motcua.stp", displayName: "Một cửa Sở Tư pháp", password: testPassword,
                grants: [Grant(role: .deskOfficer, unitID: justice)], actorID: nil)
            let other = try await services.desk.receive(
                .init(
                    procedureCode: "DEMO-TP-01", receivingUnitID: justice, channel: .online,
                    applicant: Applicant(kind: .person, name: "Vũ Lan", identifier: "001301012345")),
                by: .init(userID: officer, roles: [.deskOfficer]), at: at("2026-03-02T09:00"), day: LocalDate(iso: "2026-03-02")!)
            let cityID = try #require(try await HanoiUnitImport.cityID(on: services.database.sql))
            _ = try await services.accounts.create(
                username: "lanhdao.tp", displayName: "Lãnh đạo Thành phố", password: testPassword,
                grants: [Grant(role: .cityLeader, unitID: cityID)], actorID: nil)
            let leader = try await Browser.signedIn(client, as: "lanhdao.tp")
            let march = "from=2026-03-01&to=2026-03-31"
            let city = try await leader.get("/statistics?unit=\(cityID)&" + march)
            #expect(city.text.contains("Thành phố Hà Nội (gồm các đơn vị trực thuộc)"))
            #expect(city.text.contains("figure=received\" aria-label=\"\(DossierStatistics.Figure.received.title): 4 hồ sơ, xem danh sách"))
            let received = try await leader.get("/statistics/dossiers?unit=\(cityID)&\(march)&figure=received")
            for code in codes + [other.code.text] { #expect(received.text.contains(code), "\(code)") }
            let api = try JSONDecoder().decode(
                StatisticsBody.self, from: Data(buffer: try await leader.get("/api/v1/statistics?unitId=\(cityID)&" + march).body))
            let wardFigures = try JSONDecoder().decode(
                StatisticsBody.self, from: Data(buffer: try await leader.get("/api/v1/statistics?unitId=\(ward)&" + march).body))
            let justiceFigures = try JSONDecoder().decode(
                StatisticsBody.self, from: Data(buffer: try await leader.get("/api/v1/statistics?unitId=\(justice)&" + march).body))
            for figure in DossierStatistics.Figure.allCases.map(\.rawValue) {
                #expect(
                    (api.figures[figure] ?? 0) == (wardFigures.figures[figure] ?? 0) + (justiceFigures.figures[figure] ?? 0), "\(figure)")
            }
            #expect(api.figures["received"] == 4)

            // This month, not over: the March dossier still open is overdue now; one received now is not, though
            // its due instant is before the month's end.
            let desk = try #require(
                try await services.database.sql.select().column("id").from("users").where("username", .equal, "motcua").first()
            )
            .decode(column: "id", as: Int64.self)
            _ = try await services.desk.receive(
                .init(
                    procedureCode: "DEMO-HT-05", receivingUnitID: ward, channel: .inPerson,
                    applicant: Applicant(kind: .person, name: "Phạm Thu Hà", identifier: "001301012345")),
                by: .init(userID: desk, roles: [.deskOfficer]), at: services.clock(), day: services.today())
            let now = try JSONDecoder().decode(
                StatisticsBody.self, from: Data(buffer: try await leader.get("/api/v1/statistics?unitId=\(ward)").body))
            #expect(now.figures["pending"] == 2 && now.figures["pendingOverdue"] == 1 && now.figures["pendingWithinDeadline"] == 1)
            let page = try await leader.get("/statistics?unit=\(ward)")
            #expect(page.text.contains("hồ sơ đang giải quyết và quá hạn tính đến"))
            let overdue = try await leader.get(
                "/statistics/dossiers?unit=\(ward)&from=\(services.today().adding(days: -services.today().day + 1).iso)&to=\(services.today().iso)&figure=pendingOverdue"
            )
            #expect(overdue.text.contains(codes[2]) && overdue.text.contains(": 1 hồ sơ"))
        }
    }
}
