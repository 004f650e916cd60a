import Domain
import Foundation
import HummingbirdTesting
import Persistence
import SQLKit
import Testing
import Web

@testable import Services

/// A PAR round on the pages, with who may do what: the secretariat loads the sample framework and opens a
/// round; a department's head self-assesses its own unit only (with evidence) and submits; council members
/// appraise but never edit a self-score; the chair approves and publishes; the public page shows the ranking
/// without the internal comments; nobody edits a published round.
@Suite struct PARPagesTests {
    static let pdf = Array("%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n".utf8)

    @Test func aRoundFromFrameworkToPublication() async throws {
        try await withApp { client, services in
            let city = try #require(try await HanoiUnitImport.cityID(on: services.database.sql))
            let departments = try await DemoDepartments.ensure(on: services.database, cityID: city, actorID: nil, at: Date())
            let snv = try #require(departments["DEMO-SNV"]), stc = try #require(departments["DEMO-STC"])
            for (name, role, unit) in [
                ("thuky", Role.secretariat, city), ("hoidong", .appraisalCouncil, city), ("chutich", .cityLeader, city),
                ("sonoivu", .unitHead, snv), ("sotaichinh", .unitHead, stc),
            ] {
                _ = try await services.accounts.create(
                    username: name, displayName: name, password: testPassword, grants: [Grant(role: role, unitID: unit)],
                    actorID: nil)
            }
            let secretariat = try await Browser.signedIn(client, as: "thuky")
            #expect(try await secretariat.get("/par").status == .ok)
            let loaded = try await secretariat.post("/par/frameworks?sample=1", form: [:])
            let frameworkPath = try #require(loaded.headers[.location]).split(separator: "?")[0]
            let frameworkPage = try await secretariat.get(String(frameworkPath))
            #expect(frameworkPage.text.contains("id=\"sample-warning\"") && frameworkPage.text.contains("name=\"definition\""))
            let structure = try PARFrameworks.shippedSample().structure
            #expect(
                frameworkPage.text.contains(
                    "Cấu trúc: 8 lĩnh vực, \(structure.criteria) tiêu chí, \(structure.subCriteria) tiêu chí thành phần")
                    && frameworkPage.text.contains("chưa ghi văn bản gốc để đối chiếu (basis)"))
            let frameworkID = String(frameworkPath.split(separator: "/").last!)
            // A bad edit is refused with its reason, the text kept.
            let badEdit = try await secretariat.post(
                String(frameworkPath), form: ["definition": "{\n\"year\": 2025,\n\"unitKind\": \"ministry\"\n}"])
            #expect(
                badEdit.status == .badRequest
                    && badEdit.text.contains("Dòng 3: Tệp bộ tiêu chí không đúng cấu trúc: “unitKind” không nhận giá trị “ministry”."))
            // The table editor: rename a criterion, add one; a row without its parent is refused, what was typed kept.
            var fields = ["mode": "table"]
            for (index, row) in PARFrameworkTable.rows(of: try PARFrameworks.shippedSample()).enumerated() {
                fields["code-\(index)"] = row.code
                fields["name-\(index)"] = row.code == "1.1" ? "Kế hoạch cải cách hành chính năm (sửa)" : row.name
                for (key, value) in [("max", row.max), ("method", row.method), ("source", row.source), ("rule", row.rule)] {
                    fields["\(key)-\(index)"] = value
                }
            }
            let count = fields.keys.filter { $0.hasPrefix("code-") }.count
            for (key, value) in [("code", "1.4"), ("name", "Tuyên truyền cải cách hành chính"), ("max", "1"), ("method", "manual")] {
                fields["\(key)-\(count)"] = value
            }
            #expect(try await secretariat.post(String(frameworkPath), form: fields).status == .seeOther)
            let edited = try await secretariat.get(String(frameworkPath))
            #expect(
                edited.text.contains("Kế hoạch cải cách hành chính năm (sửa)") && edited.text.contains("Tuyên truyền cải cách hành chính"))
            fields["code-\(count)"] = "9.1"
            let orphan = try await secretariat.post(String(frameworkPath), form: fields)
            #expect(
                orphan.status == .badRequest && orphan.text.contains("Dòng 9.1: không có lĩnh vực hoặc tiêu chí cha")
                    && orphan.text.contains("value=\"9.1\""))
            let opened = try await secretariat.post("/par/rounds", form: ["framework": frameworkID, "selfDays": "10", "responseDays": "5"])
            let roundPath = try #require(opened.headers[.location])
            #expect(try await secretariat.get(String(frameworkPath)).text.contains("Đã khóa"))
            #expect(try await secretariat.post(String(frameworkPath), form: ["definition": "{}"]).status == .badRequest)

            // The department self-assesses its own unit, never another's; its head's home page leads there with the day.
            let unit = try await Browser.signedIn(client, as: "sonoivu")
            let home = try await unit.get("/")
            #expect(
                home.text.contains("href=\"\(roundPath)/units/\(snv)\">Tự đánh giá Chỉ số CCHC (PAR INDEX) của Sở Nội vụ</a>, hạn "),
                "\(home.text)")
            let own = try await unit.get(roundPath + "/units/\(snv)")
            #expect(own.status == .ok && own.text.contains("Điểm tự chấm 1.1"))
            #expect(own.text.contains("id=\"assessment-next\">Đã chấm 0/") && own.text.contains("trước hết ngày"))
            #expect(try await unit.get(roundPath + "/units/\(stc)").status == .notFound)
            let entry = try #require(own.text.firstMatch(of: /action="\/par\/entries\/(\d+)\/self"/)).output.1
            #expect(
                try await unit.post("/par/entries/\(entry)/self", form: ["score": "nhiều", "explanation": "", "version": "0"]).text
                    .contains("Điểm tự chấm phải là một số"))
            #expect(
                try await unit.post(
                    "/par/entries/\(entry)/self", form: ["score": "2,5", "explanation": "Kế hoạch 12/KH-SNV", "version": "0"]
                ).status == .seeOther)
            #expect(
                try await unit.post("/par/entries/\(entry)/self", form: ["score": "1", "explanation": "", "version": "0"]).text
                    .contains("vừa được người khác cập nhật"))
            let uploaded = try await unit.postFile("/par/entries/\(entry)/files", field: "file", filename: "ke-hoach.pdf", data: Self.pdf)
            #expect(
                uploaded.status == .seeOther,
                "\(uploaded.status) \(uploaded.text.firstMatch(of: /id="form-error"[^<]*/).map { String($0.output) } ?? "")")
            let withFile = try await unit.get(roundPath + "/units/\(snv)")
            #expect(withFile.text.contains("ke-hoach.pdf") && withFile.text.contains(">2,5<") && withFile.text.contains(">Đã chấm 1/"))
            // The council does not edit self-scores; the other department cannot act on this one.
            let council = try await Browser.signedIn(client, as: "hoidong")
            _ = try await council.get(roundPath)
            #expect(try await council.post("/par/entries/\(entry)/self", form: ["score": "4", "version": "1"]).status == .forbidden)
            let other = try await Browser.signedIn(client, as: "sotaichinh")
            _ = try await other.get("/par")
            #expect(try await other.post("/par/entries/\(entry)/self", form: ["score": "4", "version": "1"]).status == .forbidden)
            #expect(try await unit.post(roundPath + "/units/\(snv)/submit", form: [:]).status == .seeOther)
            #expect(try await unit.get(roundPath + "/units/\(snv)").text.contains("Đã gửi bản tự đánh giá."))
            #expect(!(try await unit.get("/").text.contains("Tự đánh giá Chỉ số CCHC")), "a submitted self-assessment is no longer waiting")

            // Appraisal: one criterion adjusted with its reason, the rest accepted; then the chair approves and publishes.
            #expect(try await secretariat.post(roundPath + "/advance", form: ["to": "appraisal"]).status == .seeOther)
            // The council asks for more evidence first: the unit's head is told on the home page and the assessment, and answers.
            #expect(
                try await council.post(
                    "/par/entries/\(entry)/review", form: ["decision": "moreEvidence", "reason": "Thiếu báo cáo", "version": "1"]
                ).status
                    == .seeOther)
            #expect(
                try await unit.get("/").text.contains(
                    ">Bổ sung tài liệu kiểm chứng cho 1 tiêu chí PAR INDEX của Sở Nội vụ theo yêu cầu của Hội đồng thẩm định</a>"))
            #expect(try await unit.get(roundPath + "/units/\(snv)").text.contains("yêu cầu bổ sung tài liệu kiểm chứng cho tiêu chí 1.1: "))
            #expect(
                try await unit.post("/par/entries/\(entry)/respond", form: ["response": "Đã bổ sung báo cáo 30/BC-SNV", "version": "2"])
                    .status == .seeOther)
            #expect(!(try await unit.get("/").text.contains("Bổ sung tài liệu kiểm chứng")))
            let review = try await council.post(
                "/par/entries/\(entry)/review",
                form: ["decision": "adjusted", "score": "2", "reason": "Kế hoạch ban hành muộn", "version": "3"])
            #expect(review.status == .seeOther)
            #expect(try await council.post(roundPath + "/units/\(snv)/accept-rest", form: [:]).status == .seeOther)
            let chair = try await Browser.signedIn(client, as: "chutich")
            _ = try await chair.get(roundPath)
            #expect(try await council.post(roundPath + "/advance", form: ["to": "approved"]).status == .forbidden)
            #expect(try await chair.post(roundPath + "/advance", form: ["to": "approved"]).status == .seeOther)
            let published = try await chair.post(roundPath + "/publish", form: [:])
            let publicPath = try #require(published.headers[.location])
            let page = try await Browser(client).get(publicPath)
            #expect(page.status == .ok && page.text.contains("Sở Nội vụ") && page.text.contains("id=\"par-ranking\""))
            #expect(!page.text.contains("Kế hoạch ban hành muộn") && !page.text.contains("Sở Tài chính"))  // no comments; a unit that never submitted is not ranked
            let csv = try await Browser(client).get(publicPath + "/csv")
            #expect(csv.text.contains("rank,unit,name,total,index") && csv.text.contains("1,DEMO-SNV,Sở Nội vụ,"))

            // Published: nobody edits it.
            let late = try await council.post(
                "/par/entries/\(entry)/review", form: ["decision": "adjusted", "score": "1", "reason": "x", "version": "2"])
            #expect(late.status == .badRequest && late.text.contains("Đã công bố"))
            #expect(try await unit.post("/par/entries/\(entry)/self", form: ["score": "4", "version": "2"]).text.contains("Đã công bố"))
        }
    }

    @Test func theSecretariatPreparesTheCitysOwnSelfAssessment() async throws {
        try await withApp { client, services in
            let city = try #require(try await HanoiUnitImport.cityID(on: services.database.sql))
            let departments = try await DemoDepartments.ensure(on: services.database, cityID: city, actorID: nil, at: Date())
            _ = try await services.accounts.create(
                username: "thuky", displayName: "Thư ký", password: testPassword,
                grants: [Grant(role: .secretariat, unitID: departments["DEMO-SNV"])], actorID: nil)
            _ = try await services.accounts.create(
                username: "sonoivu", displayName: "Sở Nội vụ", password: testPassword,
                grants: [Grant(role: .unitHead, unitID: departments["DEMO-SNV"])], actorID: nil)
            let national = PARFramework(
                year: 2025, unitKind: .province, title: "Bộ chỉ số PAR INDEX cấp tỉnh (thử)",
                areas: [
                    .init(
                        code: "1", name: "Công tác chỉ đạo, điều hành", max: 10,
                        criteria: [.init(code: "1.1", name: "Kế hoạch", max: 10, method: .manual)])
                ])
            let secretariat = try await Browser.signedIn(client, as: "thuky")
            _ = try await secretariat.get("/par")
            let loaded = try await secretariat.postFile(
                "/par/frameworks", field: "file", filename: "tinh.json", data: Array(try national.json()))
            let frameworkID = try #require(loaded.headers[.location]).split(separator: "?")[0].split(separator: "/").last!
            let round = try #require(
                try await secretariat.post("/par/rounds", form: ["framework": String(frameworkID), "selfDays": "5", "responseDays": "5"])
                    .headers[.location])
            // The city is the one unit; the secretariat speaks for it; a department sees nothing of it.
            let page = try await secretariat.get(round)
            #expect(page.text.contains("Thành phố Hà Nội"))
            let own = try await secretariat.get(round + "/units/\(city)")
            let entry = try #require(own.text.firstMatch(of: /action="\/par\/entries\/(\d+)\/self"/)).output.1
            #expect(
                try await secretariat.post(
                    "/par/entries/\(entry)/self", form: ["score": "9", "explanation": "KH 01/KH-UBND", "version": "0"]
                ).status == .seeOther)
            #expect(try await secretariat.post(round + "/units/\(city)/submit", form: [:]).status == .seeOther)
            let department = try await Browser.signedIn(client, as: "sonoivu")
            #expect(try await department.get(round + "/units/\(city)").status == .notFound)
        }
    }
}
