import Domain
import Foundation
import HTTPTypes
import HummingbirdTesting
import Persistence
import Testing
import Web

@testable import Services

/// Public tracking: the code alone shows the status without personal data; the last four digits of the
/// phone or ID open the details; guessing digits and walking codes are throttled.
@Suite struct TrackingTests {
    func receive(_ services: AppServices) async throws -> (Dossier, DossierWorkflow.Actor, DossierWorkflow.Actor) {
        try await DemoCatalogue.load(on: services.database, at: Date())
        let ward = try #require(try await services.units.find(code: "00070", validOn: LocalDate(iso: "2026-01-01")!)).id
        var actors: [DossierWorkflow.Actor] = []
        for (name, role) in [("motcua", Role.deskOfficer), ("lanhdao", .unitHead), ("thuly", .caseOfficer)] {
            let id = try await services.accounts.create(
                username: name, displayName: name, password: testPassword, grants: [Grant(role: role, unitID: ward)],
                actorID: nil)
            actors.append(DossierWorkflow.Actor(userID: id, roles: [role]))
        }
        let dossier = try await services.desk.receive(
            .init(
                procedureCode: "DEMO-HT-05", receivingUnitID: ward, channel: .inPerson,
                applicant: Applicant(kind: .person, name: "Vũ Thị Lan", identifier: "001195012345", phone: "0987 654 321")),
            by: actors[0], at: services.clock(), day: services.today())
        return (dossier, actors[0], actors[1])
    }

    @Test func theDigitsOpenTheTimelineAndTheSupplementRequest() async throws {
        try await withApp { client, services in
            var (dossier, desk, head) = try await receive(services)
            let visitor = Browser(client)
            let path = "/track/\(dossier.code.text)"
            let plain = try await visitor.get(path)
            #expect(plain.status == .ok && plain.text.contains("Đã tiếp nhận") && plain.text.contains("name=\"digits\""))
            #expect(!plain.text.contains("Vũ Thị Lan") && !plain.text.contains("0987") && !plain.text.contains("001195012345"))

            let wrong = try await visitor.post(path, form: ["digits": "1111"])
            #expect(
                wrong.status == .badRequest && wrong.text.contains("Bốn chữ số không khớp") && wrong.text.contains("aria-invalid=\"true\""))
            #expect(!wrong.text.contains("Diễn biến"))
            let counting = try await visitor.post(path, form: ["digits": "4321"])
            #expect(counting.text.contains("id=\"countdown\">còn ") && counting.text.contains(" ngày làm việc"))

            dossier = try await services.desk.act(
                .transfer, on: dossier.id, seenLockVersion: dossier.lockVersion, by: desk, reason: "", at: services.clock())
            dossier = try await services.desk.act(
                .requestSupplement, on: dossier.id, seenLockVersion: dossier.lockVersion, by: head,
                reason: "Thiếu bản sao sổ hộ khẩu", at: services.clock())
            for digits in ["4321", "2345"] {
                let opened = try await visitor.post(path, form: ["digits": digits])
                #expect(opened.status == .ok)
                #expect(opened.text.contains("Hồ sơ đã được tiếp nhận") && opened.text.contains("Hồ sơ được chuyển đến đơn vị giải quyết"))
                #expect(opened.text.contains("id=\"supplement-reason\">Thiếu bản sao sổ hộ khẩu"))
                #expect(!opened.text.contains("Vũ Thị Lan") && !opened.text.contains("motcua") && !opened.text.contains("lanhdao"))
            }
        }
    }

    @Test func aReturnedDossierIsRatedOnThePortalAndAtTheDesk() async throws {
        try await withApp { client, services in
            var (dossier, desk, head) = try await receive(services)
            let officer = try #require(try await services.users.list(within: .everyUnit).first { $0.username == "thuly" }).id
            for (action, actor) in [
                (DossierWorkflow.Action.transfer, desk), (.assign(userID: officer), head),
                (.completeStep, DossierWorkflow.Actor(userID: officer, roles: [.caseOfficer])), (.completeStep, head),
            ] {
                dossier = try await services.desk.act(
                    action, on: dossier.id, seenLockVersion: dossier.lockVersion, by: actor, reason: "", at: services.clock())
            }
            let visitor = Browser(client)
            let path = "/track/\(dossier.code.text)"
            _ = try await visitor.get(path)
            // Ready but not handed over yet: no rating form.
            #expect(!(try await visitor.post(path, form: ["digits": "4321"])).text.contains("Đánh giá việc giải quyết hồ sơ"))
            dossier = try await services.desk.act(
                .returnResult, on: dossier.id, seenLockVersion: dossier.lockVersion, by: desk, reason: "", at: services.clock())
            let details = try await visitor.post(path, form: ["digits": "4321"])
            #expect(details.text.contains("Đánh giá việc giải quyết hồ sơ") && details.text.contains("name=\"overall\""))
            // A rating without the overall level is refused with the message; the right digits are needed again.
            let incomplete = try await visitor.post(path + "/rating", form: ["digits": "4321", "c-TC1": "2"])
            #expect(incomplete.text.contains("Vui lòng chọn mức đánh giá chung"))
            #expect(incomplete.text.contains("id=\"c-TC1-2\" name=\"c-TC1\" value=\"2\" checked"))
            #expect(try await visitor.post(path + "/rating", form: ["digits": "9999", "overall": "5"]).status == .badRequest)
            let rated = try await visitor.post(
                path + "/rating", form: ["digits": "4321", "overall": "4", "c-TC4": "2", "comment": "Nhanh gọn"])
            #expect(rated.text.contains("Cảm ơn ông/bà đã đánh giá."))
            #expect(
                try await RatingStore(services.database).rating(of: dossier.id)?.rating
                    == DossierRating(overall: 4, answers: ["TC4": 2], comment: "Nhanh gọn"))

            // At the desk the officer opens the tablet page; the applicant changes the rating there.
            let deskBrowser = try await Browser.signedIn(client, as: "motcua")
            #expect(try await deskBrowser.get("/dossiers/\(dossier.id)").text.contains("/dossiers/\(dossier.id)/rating"))
            let tablet = try await deskBrowser.get("/dossiers/\(dossier.id)/rating")
            #expect(tablet.status == .ok && tablet.text.contains("id=\"overall-4\" name=\"overall\" value=\"4\" checked"))
            // Turned to the applicant: no staff menu, no account; a free procedure asks nothing about fees (TC7).
            #expect(!tablet.text.contains("id=\"site-menu\"") && !tablet.text.contains("Đăng xuất") && !tablet.text.contains("site-footer"))
            #expect(tablet.text.contains("name=\"c-TC4\"") && !tablet.text.contains("name=\"c-TC7\""))
            #expect(
                try await deskBrowser.post("/dossiers/\(dossier.id)/rating", form: ["overall": "5", "c-TC7": "2"]).status == .badRequest)
            #expect(
                try await deskBrowser.post("/dossiers/\(dossier.id)/rating", form: ["overall": "5"]).text.contains(
                    "Cảm ơn ông/bà đã đánh giá."))
            let stored = try #require(try await RatingStore(services.database).rating(of: dossier.id))
            #expect(stored.rating.overall == 5 && stored.channel == .desk)
            // The unit head is not at the desk.
            let headBrowser = try await Browser.signedIn(client, as: "lanhdao")
            #expect(try await headBrowser.get("/dossiers/\(dossier.id)/rating").status == .forbidden)
        }
    }

    @Test func theResultNotificationCarriesARatingLinkThatOpensOnlyItsDossier() async throws {
        try await withApp { client, services in
            var (dossier, desk, head) = try await receive(services)
            let officer = try #require(try await services.users.list(within: .everyUnit).first { $0.username == "thuly" }).id
            for (action, actor) in [
                (DossierWorkflow.Action.transfer, desk), (.assign(userID: officer), head),
                (.completeStep, DossierWorkflow.Actor(userID: officer, roles: [.caseOfficer])), (.completeStep, head),
            ] {
                dossier = try await services.desk.act(
                    action, on: dossier.id, seenLockVersion: dossier.lockVersion, by: actor, reason: "", at: services.clock())
            }
            let result = try #require(
                try await NotificationOutbox(services.database.sql).rows(of: dossier.id).first { $0.message.purpose == .resultReady })
            let url = String(try #require(result.message.body.firstMatch(of: /https?:\/\/\S+\/rate\/\S+/)).output)
            let path = String(url[try #require(url.range(of: "/rate/")).lowerBound...])
            let visitor = Browser(client)
            #expect(try await visitor.get(path).text.contains("chỉ được đánh giá sau khi đã trả kết quả"))
            #expect(try await visitor.get(path.replacingOccurrences(of: "?t=", with: "?t=x")).status == .notFound)
            let otherCode = DossierCode(agencyCode: "00070", day: services.today(), sequence: 2).text
            #expect(try await visitor.get("/rate/\(otherCode)?" + path.split(separator: "?")[1]).status == .notFound)
            dossier = try await services.desk.act(
                .returnResult, on: dossier.id, seenLockVersion: dossier.lockVersion, by: desk, reason: "", at: services.clock())
            #expect(try await visitor.get(path).text.contains("name=\"overall\""))
            let token = String(path.split(separator: "=").last!)
            let rated = try await visitor.post(String(path.split(separator: "?")[0]), form: ["t": token, "overall": "5"])
            #expect(rated.text.contains("Cảm ơn ông/bà đã đánh giá."))
            #expect(try await RatingStore(services.database).rating(of: dossier.id)?.channel == .link)
        }
    }

    @Test func theElectronicResultIsDownloadedOnceReadyWithTheDigits() async throws {
        try await withApp { client, services in
            var (dossier, desk, head) = try await receive(services)
            let officerID = try #require(try await services.users.list(within: .everyUnit).first { $0.username == "thuly" }).id
            let officer = try await Browser.signedIn(client, as: "thuly")
            let attach = "/dossiers/\(dossier.id)/attachments"
            let result = Array("%PDF-1.4\nket qua\n%%EOF".utf8)
            let name = "kết-quả.pdf"
            // Not before the processing unit has the dossier.
            let early = try await officer.postFile(
                attach, field: "file", filename: "ket-qua.pdf", data: result, form: ["purpose": "result"])
            #expect(early.status == .forbidden || early.text.contains("Không thể đính kèm kết quả điện tử"))
            for (action, actor) in [(DossierWorkflow.Action.transfer, desk), (.assign(userID: officerID), head)] {
                dossier = try await services.desk.act(
                    action, on: dossier.id, seenLockVersion: dossier.lockVersion, by: actor, reason: "", at: services.clock())
            }
            #expect(try await officer.get("/dossiers/\(dossier.id)").text.contains("name=\"purpose\""))
            #expect(
                try await officer.postFile(attach, field: "file", filename: name, data: result, form: ["purpose": "result"]).status
                    == .seeOther)
            #expect(try await officer.postFile(attach, field: "file", filename: "phieu.pdf", data: FilingTests.pdf).status == .seeOther)
            #expect(
                try await officer.postFile(attach, field: "file", filename: "x.pdf", data: result, form: ["purpose": "other"]).status
                    == .badRequest)
            // The result file marked the dossier's electronic result: a new copy.
            dossier = try #require(try await services.dossiers.find(id: dossier.id))
            #expect(dossier.service.electronicResult)
            let files = try await services.attachments.list(of: dossier.id)
            let resultFile = try #require(files.first { $0.purpose == .result })
            let applicationFile = try #require(files.first { $0.purpose == .application })

            let visitor = Browser(client)
            let path = "/track/\(dossier.code.text)"
            _ = try await visitor.get(path)
            // While the dossier is being handled the file is not the applicant's yet.
            #expect(!(try await visitor.post(path, form: ["digits": "4321"])).text.contains(name))
            #expect(try await visitor.post(path + "/results/\(resultFile.id)", form: ["digits": "4321"]).status == .notFound)
            for actor in [DossierWorkflow.Actor(userID: officerID, roles: [.caseOfficer]), head] {
                dossier = try await services.desk.act(
                    .completeStep, on: dossier.id, seenLockVersion: dossier.lockVersion, by: actor, reason: "", at: services.clock())
            }
            #expect(dossier.state.status == .resultReady)
            let details = try await visitor.post(path, form: ["digits": "4321"])
            #expect(details.text.contains("Kết quả giải quyết (bản điện tử)") && details.text.contains("Tải về \(name)"))
            #expect(!details.text.contains("phieu.pdf"))
            let download = try await visitor.post(path + "/results/\(resultFile.id)", form: ["digits": "4321"])
            #expect(download.status == .ok && Array(download.body.readableBytesView) == result)
            #expect(download.headers[.contentDisposition]?.hasSuffix("filename*=UTF-8''k%E1%BA%BFt-qu%E1%BA%A3.pdf") == true)
            #expect(try await visitor.post(path + "/results/\(resultFile.id)", form: ["digits": "1111"]).status == .badRequest)
            #expect(try await visitor.post(path + "/results/\(applicationFile.id)", form: ["digits": "4321"]).status == .notFound)
            let audit = try await AuditTrail.entries(.init(actionPrefix: "dossier.attachResult"), on: services.database.sql)
            #expect(audit.count == 1)
        }
    }

    @Test func guessingTheDigitsIsStoppedForTheCode() async throws {
        try await withApp { client, services in
            let (dossier, _, _) = try await receive(services)
            let visitor = Browser(client)
            let path = "/track/\(dossier.code.text)"
            _ = try await visitor.get(path)
            for guess in ["0000", "0001", "0002", "0003", "0004"] {
                #expect(try await visitor.post(path, form: ["digits": guess]).status == .badRequest)
            }
            let locked = try await visitor.post(path, form: ["digits": "4321"])
            #expect(locked.status == .tooManyRequests && locked.text.contains("Đã nhập sai quá nhiều lần"))
            #expect(!locked.text.contains("Diễn biến"))
        }
    }

    @Test func walkingTheCodesIsSlowedForTheAddress() async throws {
        try await withApp { client, services in
            let (dossier, _, _) = try await receive(services)
            let visitor = Browser(client)
            for sequence in 1...30 {
                let code = DossierCode(agencyCode: "00070", day: services.today(), sequence: sequence).text
                #expect(try await visitor.get("/track/\(code)").status == (code == dossier.code.text ? .ok : .notFound))
            }
            let slowed = try await visitor.get("/track/\(dossier.code.text)")
            #expect(slowed.status == .tooManyRequests)
            #expect(slowed.headers[.retryAfter] != nil)
        }
    }
}
