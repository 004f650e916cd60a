import Domain
import Foundation
import HummingbirdTesting
import Persistence
import SQLKit
import Testing
import Web

@testable import Services

/// Reform plans on the pages, with who may do what: the secretariat creates a plan and imports tasks (a bad
/// file refused at its line, nothing kept), a unit reports progress with evidence on its own task only and
/// never on another unit's, reads only its own board, the secretariat decides; the urging run writes one
/// digest per unit with something to urge, once a day; the public news page searches without diacritics and
/// takes one rating per reader.
@Suite struct ReformPagesTests {
    static let pdf = Array("%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n".utf8)

    @Test func aPlanFromImportToUrging() async throws {
        try await withApp { client, services in
            let city = try #require(try await HanoiUnitImport.cityID(on: services.database.sql))
            let departments = try await DemoDepartments.ensure(on: services.database, cityID: city, actorID: nil, at: Date())
            let snv = try #require(departments["DEMO-SNV"]), stp = try #require(departments["DEMO-STP"])
            for (name, role, unit, email) in [
                ("thuky", Role.secretariat, city, "thuky@hanoi.gov.vn"), ("sonoivu", .caseOfficer, snv, "snv@hanoi.gov.vn"),
                ("sotuphap", .caseOfficer, stp, "stp@hanoi.gov.vn"), ("giamdoc.stp", .unitHead, stp, "gd.stp@hanoi.gov.vn"),
                ("congdan", .citizen, nil, "a@example.com"),
            ] {
                _ = try await services.accounts.create(
                    username: name, displayName: name, email: email, password: testPassword,
                    grants: [Grant(role: role, unitID: unit)], actorID: nil)
            }
            let secretariat = try await Browser.signedIn(client, as: "thuky")
            _ = try await secretariat.get("/reform")
            let created = try await secretariat.post("/reform/plans", form: ["year": "2031", "title": "Kế hoạch CCHC năm 2031"])
            let planPath = try #require(created.headers[.location])
            #expect(
                try await secretariat.post("/reform/plans", form: ["year": "2031", "title": "Lặp"]).text.contains(
                    "Đã có kế hoạch cải cách hành chính năm 2031"))

            let bad =
                "Nội dung,Văn bản giao,Đơn vị chủ trì,Đơn vị phối hợp,Thời hạn\nTập huấn,KH 1,Sở Nội vụ,,quý I/2031\nBáo cáo,KH 1,Sở Không Có,,quý I/2031\n"
            let refused = try await secretariat.postFile(
                planPath + "/import", field: "file", filename: "nhiem-vu.csv", data: Array(bad.utf8))
            #expect(
                refused.status == .badRequest && refused.text.contains("Dòng 3, cột Đơn vị chủ trì: không tìm thấy đơn vị “Sở Không Có”"))
            #expect(try await services.reform.tasks(of: try #require(Int64(planPath.split(separator: "/").last!))).isEmpty)
            let sheet =
                "Nội dung,Văn bản giao,Đơn vị chủ trì,Đơn vị phối hợp,Thời hạn,Loại\n"
                + "Tập huấn kiểm soát thủ tục,KH 1,so noi vu,Sở Tư pháp,quý I/2031,tập huấn\nRà soát văn bản,KH 1,Sở Tư pháp,,30/1/2031,\n"
            let imported = try await secretariat.postFile(
                planPath + "/import", field: "file", filename: "nhiem-vu.csv", data: Array(sheet.utf8))
            #expect(imported.status == .seeOther)
            let planID = try #require(Int64(planPath.split(separator: "/").last!))
            let tasks = try await services.reform.tasks(of: planID)
            #expect(tasks.map(\.leadUnitID) == [snv, stp] && tasks[0].kind == .training && tasks[0].supportingUnitIDs == [stp])

            // Each unit reports on its own tasks only; supporting units read but do not report.
            let home = try await Browser.signedIn(client, as: "sonoivu")
            let taskPage = try await home.get("/reform/tasks/\(tasks[0].id)")
            #expect(taskPage.status == .ok && taskPage.text.contains("id=\"report-form\""))
            #expect(try await home.get("/reform/tasks/\(tasks[1].id)").status == .notFound)
            let justice = try await Browser.signedIn(client, as: "sotuphap")
            let supported = try await justice.get("/reform/tasks/\(tasks[0].id)")
            #expect(supported.status == .ok && !supported.text.contains("id=\"report-form\""))
            #expect(
                try await justice.postFile(
                    "/reform/tasks/\(tasks[0].id)/report", field: "file", filename: "x.pdf", data: Self.pdf,
                    form: ["percent": "50"]
                ).status == .forbidden)
            let wrongFile = try await home.postFile(
                "/reform/tasks/\(tasks[0].id)/report", field: "file", filename: "bien-ban.pdf", data: Array("MZ".utf8),
                form: ["percent": "40", "note": "Đã mở lớp 1"])
            #expect(wrongFile.status == .badRequest)
            #expect(try await services.reform.history(of: tasks[0]).isEmpty)
            // The training's sessions: added, held with its attendance (never more than were called).
            #expect(
                try await home.post(
                    "/reform/tasks/\(tasks[0].id)/items",
                    form: [
                        "kind": "session", "title": "Lớp 1", "plannedOn": "2031-01-15",
                        "registered": "40",
                    ]
                ).status == .seeOther)
            #expect(
                try await home.post("/reform/tasks/\(tasks[0].id)/items", form: ["kind": "site", "title": "Phường A"]).text
                    .contains("Nhiệm vụ loại này không theo dõi mục đó"))
            let item = try #require(try await services.reform.items(of: tasks[0].id).first)
            #expect(
                try await home.post("/reform/tasks/\(tasks[0].id)/items/\(item.id)", form: ["doneOn": "2031-01-15", "attended": "38"]).text
                    .contains("Ngày thực hiện không được sau hôm nay"))
            #expect(
                try await home.post("/reform/tasks/\(tasks[0].id)/items/\(item.id)", form: ["doneOn": "2026-01-15", "attended": "50"]).text
                    .contains("không được nhiều hơn số người được triệu tập"))
            #expect(
                try await home.post("/reform/tasks/\(tasks[0].id)/items/\(item.id)", form: ["doneOn": "2026-01-15", "attended": "38"])
                    .status == .seeOther)
            #expect(
                try await justice.post("/reform/tasks/\(tasks[0].id)/items", form: ["kind": "session", "title": "Lớp 2"]).status
                    == .forbidden)
            #expect(try await home.get("/reform/tasks/\(tasks[0].id)").text.contains("Đã tổ chức 1/1 lớp; 38/40 người tham dự (95,0%)."))
            #expect(
                try await home.postFile(
                    "/reform/tasks/\(tasks[0].id)/report", field: "file", filename: "bien-ban.pdf", data: Self.pdf,
                    form: ["percent": "100", "note": "Đã mở 3 lớp"]
                ).status == .seeOther)
            #expect(try await home.get("/reform/tasks/\(tasks[0].id)").text.contains("bien-ban.pdf"))
            #expect(try await home.get("/reform/plans/\(planID)/units/\(stp)").status == .notFound)
            #expect(try await home.get("/reform/plans/\(planID)/overdue").status == .forbidden)
            #expect(try await home.post("/reform/tasks/\(tasks[0].id)/decision", form: ["decision": "accept"]).status == .forbidden)
            // The secretariat sends it back without a reason: refused; with one: done.
            _ = try await secretariat.get("/reform/tasks/\(tasks[0].id)")
            #expect(
                try await secretariat.post("/reform/tasks/\(tasks[0].id)/decision", form: ["decision": "return"]).text.contains(
                    "Vui lòng ghi lý do trả lại"))
            #expect(try await secretariat.post("/reform/tasks/\(tasks[0].id)/decision", form: ["decision": "accept"]).status == .seeOther)

            // Urging on 10/02/2031: Sở Tư pháp's task (due 30/01) is overdue — one digest, to its officer; Sở Nội vụ's is done.
            let urged = try await secretariat.post(planPath + "/urge", form: ["asOf": "2031-02-10", "window": "10", "escalateAfter": "30"])
            #expect(urged.headers[.location]?.contains("urged=1") == true)
            #expect(
                try await secretariat.post(planPath + "/urge", form: ["asOf": "2031-02-10", "window": "10", "escalateAfter": "30"])
                    .headers[.location]?.contains("urged=0") == true)
            let mail = try await NotificationOutbox(services.database.sql).recent().filter { $0.message.purpose == .reformDigest }
            #expect(mail.map(\.message.recipient) == ["stp@hanoi.gov.vn"])
            #expect(
                mail.first?.message.body.contains("Rà soát văn bản") == true
                    && mail.first?.message.body.contains("/reform/plans/\(planID)/units/\(stp)") == true)
            let board = try await justice.get("/reform/plans/\(planID)/units/\(stp)")
            #expect(board.status == .ok && board.text.contains("Nhiệm vụ quá hạn (1)"))
            let overdue = try await secretariat.get("/reform/plans/\(planID)/overdue?ngay=2031-02-10")
            #expect(overdue.text.contains("Rà soát văn bản") && !overdue.text.contains("Tập huấn kiểm soát thủ tục"))
            let report = try await secretariat.get("/reform/plans/\(planID)/report.xlsx?quy=1")
            #expect(report.status == .ok && report.headers[.contentType]?.contains("spreadsheetml") == true)
            #expect(try XLSXReader.firstSheet(Data(report.body.readableBytesView)).contains { $0.first == "Rà soát văn bản" })
            #expect(try await secretariat.get("/reform/plans/\(planID)/timeline").text.contains("<svg"))
            #expect(try await Browser.signedIn(client, as: "congdan").get("/reform").status == .forbidden)
        }
    }

    @Test func publishedNewsIsSearchedAndRatedOncePerReader() async throws {
        try await withApp { client, services in
            let directives = services.directives
            let published = try await directives.create(
                ReformDirective(
                    kind: .news, number: "", issuedOn: LocalDate(iso: "2031-03-20")!, issuer: "Sở Nội vụ", signer: "",
                    title: "Công bố Chỉ số cải cách hành chính năm 2030", summary: "Hội nghị công bố", publishedAt: Date()), by: nil,
                at: Date())
            let draft = try await directives.create(
                ReformDirective(
                    kind: .urging, number: "12/CV-TCT", issuedOn: LocalDate(iso: "2031-03-21")!, issuer: "Tổ công tác", signer: "",
                    title: "Văn bản đôn đốc nội bộ", summary: ""), by: nil, at: Date())
            let reader = Browser(client)
            #expect(try await reader.get("/public/news?q=chi+so+cai+cach").text.contains("Công bố Chỉ số cải cách hành chính năm 2030"))
            #expect(try await reader.get("/public/news?ngay=2031-03-19").text.contains("id=\"news-empty\""))
            // Dates are typed day first; a day that does not exist is refused.
            #expect(try await reader.get("/public/news?ngay=20/03/2031").text.contains("Công bố Chỉ số cải cách hành chính năm 2030"))
            #expect(try await reader.get("/public/news?ngay=31/02/2031").text.contains("Ngày tìm kiếm không đúng dạng"))
            #expect(try await reader.get("/public/news/\(draft)").status == .notFound)
            #expect(try await reader.get("/public/news/\(published)").text.contains("id=\"rating-form\""))
            #expect(
                try await reader.post("/public/news/\(published)/rating", form: ["stars": "9"]).text.contains(
                    "Vui lòng chọn từ 1 đến 5 sao"))
            #expect(try await reader.post("/public/news/\(published)/rating", form: ["stars": "4"]).status == .seeOther)
            let after = try await reader.get("/public/news/\(published)")
            #expect(after.text.contains("Đánh giá 4,0/5 (1 lượt)") && !after.text.contains("id=\"rating-form\""))
            #expect(
                try await reader.post("/public/news/\(published)/rating", form: ["stars": "1"]).text.contains(
                    "mỗi người đọc đánh giá một lần"))
            let another = Browser(client)
            _ = try await another.get("/public/news/\(published)")
            #expect(try await another.post("/public/news/\(published)/rating", form: ["stars": "5"]).status == .seeOther)
            #expect(try await another.get("/public/news").text.contains("Đánh giá 4,5/5 (2 lượt)"))
        }
    }

    /// Issue 8's link: a PAR criterion lists the reform tasks that serve it, and overdue ones show the points at risk.
    @Test func overdueTasksShowThePARPointsAtRisk() async throws {
        try await withApp { client, services in
            let city = try #require(try await HanoiUnitImport.cityID(on: services.database.sql))
            let snv = try #require(
                try await DemoDepartments.ensure(on: services.database, cityID: city, actorID: nil, at: Date())["DEMO-SNV"])
            for (name, role, unit) in [("thuky", Role.secretariat, city), ("sonoivu", .unitHead, snv)] {
                _ = try await services.accounts.create(
                    username: name, displayName: name, password: testPassword, grants: [Grant(role: role, unitID: unit)],
                    actorID: nil)
            }
            let framework = try PARFrameworks.shippedSample()
            let criterion = try #require(framework.leaves.first)
            let plan = try await services.reform.createPlan(
                year: framework.year, title: "Kế hoạch CCHC năm \(framework.year)", by: nil, at: Date())
            try await services.reform.addTasks(
                [
                    ReformTaskSheet.Row(
                        content: "Ban hành kế hoạch CCHC", source: "KH", leadUnitID: snv,
                        deadline: .quarter(year: framework.year, quarter: 1), parCriteria: [criterion.code])
                ],
                to: plan, calendar: try await services.workingCalendar(), by: nil, at: Date())
            let secretariat = try await Browser.signedIn(client, as: "thuky")
            _ = try await secretariat.get("/par")
            let loaded = try await secretariat.post("/par/frameworks?sample=1", form: [:])
            let frameworkID = String(try #require(loaded.headers[.location]).split(separator: "?")[0].split(separator: "/").last!)
            let opened = try await secretariat.post("/par/rounds", form: ["framework": frameworkID, "selfDays": "10", "responseDays": "5"])
            let roundPath = try #require(opened.headers[.location])
            let page = try await Browser.signedIn(client, as: "sonoivu").get(roundPath + "/units/\(snv)")
            #expect(page.status == .ok && page.text.contains("id=\"points-at-risk\"") && page.text.contains("Ban hành kế hoạch CCHC"))
            #expect(page.text.contains("tổng \(String(format: "%g", criterion.max).replacingOccurrences(of: ".", with: ",")) điểm"))
        }
    }
}
