import Domain
import Foundation
import Persistence
import SQLKit
import TestSupport
import Testing

/// Intake and workflow on a real database: codes, events, due instants, audit rows, optimistic locking.
@Suite struct DossierDeskTests {
    static let clock = LocalClock()
    static let day = LocalDate(iso: "2026-03-02")!
    func at(_ text: String) -> Date { Self.clock.instant(parsing: text)! }

    struct Fixture {
        var database: Database
        var desk: DossierDesk
        var ward: Int64
        var deskOfficer: DossierWorkflow.Actor
        var caseOfficer: DossierWorkflow.Actor
        var head: DossierWorkflow.Actor
    }

    /// Hanoi's units, the demo catalogue and three officers of Phường Hoàn Kiếm.
    func withFixture(_ body: @Sendable (Fixture) async throws -> Void) async throws {
        try await TestDatabase.with { database in
            try await DemoCatalogue.load(on: database, at: Date())
            let ward = try #require(try await UnitStore(database.sql).find(code: "00070", validOn: Self.day)).id
            var ids: [Int64] = []
            for (name, role) in [("motcua", Role.deskOfficer), ("thuly", .caseOfficer), ("lanhdao", .unitHead)] {
                ids.append(
                    try await UserStore(database.sql).create(
                        username: name, displayName: name, email: nil, passwordHash: "x", grants: [Grant(role: role, unitID: ward)],
                        at: Date()))
            }
            let calendar = WorkingCalendar(rows: OfficialCalendar.rows)
            let notices = DossierNotices(templates: try DossierNotices.shippedTemplates()) { "https://motcua.test/track/\($0.text)" }
            let desk = DossierDesk(database: database, calculator: { _, _ in DeadlineCalculator(calendar: calendar) }, notices: notices)
            try await body(
                Fixture(
                    database: database, desk: desk, ward: ward, deskOfficer: .init(userID: ids[0], roles: [.deskOfficer]),
                    caseOfficer: .init(userID: ids[1], roles: [.caseOfficer]), head: .init(userID: ids[2], roles: [.unitHead])))
        }
    }

    func intake(_ fixture: Fixture, procedure: String = "DEMO-HT-05", identifier: String = "001095012345") -> DossierDesk.Intake {
        DossierDesk.Intake(
            procedureCode: procedure, receivingUnitID: fixture.ward, channel: .inPerson,
            applicant: Applicant(kind: .person, name: "Nguyễn Thị Bình", identifier: identifier, phone: "0912 345 678"))
    }

    @Test func aReceiptGetsACodeADueDateAnEventAndAnAuditRow() async throws {
        try await withFixture { fixture in
            let dossier = try await fixture.desk.receive(
                intake(fixture), by: fixture.deskOfficer, at: at("2026-03-02T09:10"), day: Self.day)
            #expect(dossier.code.text == "00070-260302-0001")
            // DEMO-HT-05 takes 3 working days: Monday 09:10 → Thursday 12:00.
            #expect(Self.clock.iso(dossier.firstDueAt) == "2026-03-05T12:00:00+07:00")
            let stored = try #require(try await DossierStore(fixture.database.sql).find(id: dossier.id))
            #expect(stored == dossier)
            #expect(try await DossierStore(fixture.database.sql).events(of: dossier).map(\.action) == ["receive"])
            let audit = try await AuditTrail.entries(objectType: "dossier", objectID: dossier.code.text, on: fixture.database.sql)
            #expect(audit.map(\.action) == ["dossier.receive"])
        }
    }

    @Test func concurrentIntakesGetConsecutiveCodesWithoutGaps() async throws {
        try await withFixture { fixture in
            let count = 24
            let codes = try await withThrowingTaskGroup(of: String.self) { group in
                for index in 0..<count {
                    group.addTask {
                        // Some intakes are refused while the others are being written — a bad ID before the
                        // write, an unknown procedure inside a shared transaction: neither may leave a gap or
                        // sink the intakes written with it.
                        let identifier = index % 3 == 2 ? "001095" : "001095012345"
                        let procedure = index % 4 == 1 ? "DEMO-KHONG-CO" : "DEMO-HT-05"
                        return try await outcome(of: intake(fixture, procedure: procedure, identifier: identifier), in: fixture)
                    }
                }
                return try await group.reduce(into: [String]()) { $0.append($1) }
            }
            let accepted = codes.filter { $0 != "refused" && $0 != "unknown" }.sorted()
            let refused = codes.filter { $0 == "refused" }.count, unknown = codes.filter { $0 == "unknown" }.count
            #expect(refused == 8 && unknown == 4)
            #expect(accepted == (1...12).map { String(format: "00070-260302-%04d", $0) })
            #expect(try await DossierStore(fixture.database.sql).codes(receivedBy: fixture.ward) == accepted)
            #expect(try await AuditTrail.verify(on: fixture.database.sql).isIntact)
            #expect(try await rows(in: "dossier_events", of: fixture) == 12)
            #expect(try await rows(in: "portal_outbox", of: fixture) == 12)
        }
    }

    @Test func theApplicantIsToldOfReceiptSupplementRequestAndResult() async throws {
        try await withFixture { fixture in
            var request = intake(fixture)
            request.applicant.email = "binh@example.vn"
            var dossier = try await fixture.desk.receive(request, by: fixture.deskOfficer, at: at("2026-03-02T09:10"), day: Self.day)
            let outbox = NotificationOutbox(fixture.database.sql)
            var rows = try await outbox.rows(of: dossier.id)
            #expect(rows.map(\.message.channel) == [.email, .sms])
            #expect(rows.allSatisfy { $0.message.purpose == .received && $0.status == .pending && $0.message.eventSequence == 1 })
            let mail = try #require(rows.first?.message)
            #expect(mail.recipient == "binh@example.vn" && mail.subject == "Đã tiếp nhận hồ sơ \(dossier.code.text)")
            #expect(mail.body.contains("https://motcua.test/track/\(dossier.code.text)") && mail.body.contains("Phường Hoàn Kiếm"))
            #expect(rows[1].message.recipient == "0912345678")
            for (action, actor, reason) in [
                (DossierWorkflow.Action.transfer, fixture.deskOfficer, ""),
                (.assign(userID: fixture.caseOfficer.userID), fixture.head, ""),
                (.requestSupplement, fixture.caseOfficer, "Thiếu bản sao giấy khai sinh"),
            ] {
                dossier = try await fixture.desk.act(
                    action, on: dossier.id, seenLockVersion: dossier.lockVersion, by: actor, reason: reason,
                    at: at("2026-03-02T10:00"))
            }
            rows = try await outbox.rows(of: dossier.id)
            // Transfer and assignment are not the applicant's business; the supplement request is.
            #expect(rows.map(\.message.purpose) == [.received, .received, .supplementRequested, .supplementRequested])
            #expect(rows[2].message.body.contains("Thiếu bản sao giấy khai sinh"))
            // The same event is never queued twice.
            try await outbox.enqueue([rows[2].message], at: at("2026-03-02T10:05"))
            #expect(try await outbox.rows(of: dossier.id).count == 4)
            // Demo dossiers carry made-up numbers: nobody is written to about them.
            request.isDemo = true
            let demo = try await fixture.desk.receive(request, by: fixture.deskOfficer, at: at("2026-03-02T11:00"), day: Self.day)
            #expect(try await outbox.rows(of: demo.id).isEmpty)
        }
    }

    /// The code handed out, or why the intake was refused.
    func outcome(of intake: DossierDesk.Intake, in fixture: Fixture) async throws -> String {
        do {
            return try await fixture.desk.receive(intake, by: fixture.deskOfficer, at: at("2026-03-02T09:10"), day: Self.day).code.text
        } catch DossierDesk.Problem.invalid {
            return "refused"
        } catch DossierDesk.Problem.unknownProcedure {
            return "unknown"
        }
    }

    func rows(in table: String, of fixture: Fixture) async throws -> Int {
        let row = try await fixture.database.sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from(table).first()
        return try row?.decode(column: "n", as: Int.self) ?? -1
    }

    @Test func aDossierTravelsFromReceiptToReturnedResult() async throws {
        try await withFixture { fixture in
            var dossier = try await fixture.desk.receive(
                intake(fixture), by: fixture.deskOfficer, at: at("2026-03-02T09:10"), day: Self.day)
            let script: [(DossierWorkflow.Action, DossierWorkflow.Actor, String, String)] = [
                (.transfer, fixture.deskOfficer, "", "2026-03-02T10:00"),
                (.assign(userID: fixture.caseOfficer.userID), fixture.head, "", "2026-03-02T11:00"),
                (.completeStep, fixture.caseOfficer, "", "2026-03-03T15:00"),
                (.completeStep, fixture.head, "", "2026-03-04T09:00"),
                (.returnResult, fixture.deskOfficer, "", "2026-03-04T10:00"),
            ]
            for (action, actor, reason, time) in script {
                dossier = try await fixture.desk.act(
                    action, on: dossier.id, seenLockVersion: dossier.lockVersion, by: actor, reason: reason, at: at(time))
            }
            #expect(dossier.state.status == .returned)
            #expect(dossier.finishedAt == at("2026-03-04T09:00"))
            let events = try await DossierStore(fixture.database.sql).events(of: dossier)
            #expect(events.map(\.action) == ["receive", "transfer", "assign", "completeStep", "completeStep", "returnResult"])
            #expect(events.last?.statusAfter == .returned)
            #expect(try await AuditTrail.verify(on: fixture.database.sql).isIntact)
        }
    }

    @Test func theApplicantRatesOnceTheResultIsReturnedAndMayChangeItForSevenDays() async throws {
        try await withFixture { fixture in
            let criteria = try RatingStore.shippedCriteria()
            #expect(criteria.criteria.count == 9 && criteria.overall.count == 5)
            let ratings = RatingStore(fixture.database)
            var dossier = try await fixture.desk.receive(
                intake(fixture), by: fixture.deskOfficer, at: at("2026-03-02T09:10"), day: Self.day)
            let good = DossierRating(overall: 5, answers: ["TC1": 2, "TC4": 2], comment: "Cán bộ tận tình")
            await #expect(throws: RatingStore.Problem.notYet) {
                try await ratings.rate(dossier.id, good, criteria: criteria, channel: .portal, at: at("2026-03-02T10:00"))
            }
            for (action, actor, time) in [
                (DossierWorkflow.Action.transfer, fixture.deskOfficer, "2026-03-02T10:00"),
                (.assign(userID: fixture.caseOfficer.userID), fixture.head, "2026-03-02T11:00"),
                (.completeStep, fixture.caseOfficer, "2026-03-03T15:00"), (.completeStep, fixture.head, "2026-03-04T09:00"),
                (.returnResult, fixture.deskOfficer, "2026-03-04T10:00"),
            ] {
                dossier = try await fixture.desk.act(
                    action, on: dossier.id, seenLockVersion: dossier.lockVersion, by: actor, reason: "", at: at(time))
            }
            for (bad, reason) in [
                (DossierRating(overall: 6, answers: [:]), "mức đánh giá chung"),
                (DossierRating(overall: 4, answers: ["TC1": 3]), "không hợp lệ"),
                (DossierRating(overall: 4, answers: ["TC99": 1]), "không có trong bộ tiêu chí"),
            ] {
                do {
                    try await ratings.rate(dossier.id, bad, criteria: criteria, channel: .portal, at: at("2026-03-04T11:00"))
                    Issue.record("accepted \(bad)")
                } catch let RatingStore.Problem.invalid(messages) {
                    #expect(messages.joined().contains(reason))
                }
            }
            try await ratings.rate(dossier.id, good, criteria: criteria, channel: .desk, at: at("2026-03-04T11:00"))
            let changed = DossierRating(overall: 3, answers: ["TC6": 1])
            try await ratings.rate(dossier.id, changed, criteria: criteria, channel: .portal, at: at("2026-03-10T11:00"))
            let stored = try #require(try await ratings.rating(of: dossier.id))
            #expect(stored.rating == changed && stored.channel == .portal && stored.createdAt == at("2026-03-04T11:00"))
            await #expect(throws: RatingStore.Problem.tooLate) {
                try await ratings.rate(dossier.id, good, criteria: criteria, channel: .portal, at: at("2026-03-11T11:01"))
            }
            let satisfaction = try await ratings.satisfaction(
                unitID: dossier.processingUnitID, from: at("2026-03-01T00:00"), to: at("2026-04-01T00:00"))
            #expect(satisfaction.rated == 1 && satisfaction.satisfied == 0)
            #expect(
                try await AuditTrail.entries(objectType: "dossier", objectID: dossier.code.text, on: fixture.database.sql)
                    .map(\.action).prefix(2) == ["dossier.rerate", "dossier.rate"])
        }
    }

    @Test func aCitizenFilesOnlineFromADraftWithItsFiles() async throws {
        try await withFixture { fixture in
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("motcua-files-\(UUID().uuidString)").path
            defer { try? FileManager.default.removeItem(atPath: folder) }
            let drafts = OnlineDrafts(database: fixture.database, files: FileStore(dataDirectory: folder))
            let citizen = try await UserStore(fixture.database.sql).create(
                username: "001095012345", displayName: "Nguyễn Thị Bình", email: nil, passwordHash: "x",
                grants: [Grant(role: .citizen, unitID: nil)],
                at: at("2026-03-02T18:00"))
            let draftID = try await drafts.create(
                for: citizen, procedureCode: "DEMO-HT-05", receivingUnitID: fixture.ward, at: at("2026-03-02T18:10"))
            var draft = try #require(try await drafts.draft(draftID, of: citizen))
            #expect(try await drafts.draft(draftID, of: fixture.deskOfficer.userID) == nil)
            let pdf = Data("%PDF-1.4\n%âãÏÓ\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF".utf8)
            try await drafts.add(
                pdf, name: "to-khai.pdf", for: "Tờ khai", to: draft, documents: ["Tờ khai", "Giấy tờ làm căn cứ thay đổi"],
                at: at("2026-03-02T18:12"))
            await #expect(throws: OnlineDrafts.Problem.unknownDocument) {
                try await drafts.add(pdf, name: "x.pdf", for: "Giấy khác", to: draft, documents: ["Tờ khai"], at: at("2026-03-02T18:13"))
            }
            await #expect(throws: FileType.Problem.self) {
                try await drafts.add(
                    Data("not a pdf".utf8), name: "x.pdf", for: "Tờ khai", to: draft, documents: ["Tờ khai"], at: at("2026-03-02T18:13"))
            }
            draft = try #require(try await drafts.draft(draftID, of: citizen))
            #expect(draft.files.map(\.document) == ["Tờ khai"])

            // Filed after hours: received as filed, due counted from the next working half-day, by the same desk.
            let dossier = try await fixture.desk.receiveOnline(intake(fixture), from: draft, at: at("2026-03-02T18:30"), day: Self.day)
            #expect(dossier.channel == .online && dossier.code.text == "00070-260302-0001")
            let atOpening = try DeadlineCalculator(calendar: WorkingCalendar(rows: OfficialCalendar.rows)).due(
                receivedAt: at("2026-03-03T08:00"), limit: .workingDays(halfDays: 6))
            #expect(dossier.dueAt == atOpening)
            let files = FileStore(dataDirectory: folder)
            let attachments = try await DossierAttachments(database: fixture.database, files: files).list(of: dossier.id)
            #expect(attachments.map(\.description) == ["Tờ khai"] && attachments.first?.uploadedBy == citizen)
            #expect(try await drafts.draft(draftID, of: citizen) == nil)
            #expect(try await DossierStore(fixture.database.sql).filed(by: citizen).map(\.dossier.id) == [dossier.id])
            #expect(try await DossierStore(fixture.database.sql).events(of: dossier).first?.actorID == citizen)

            // A procedure received only at the desk cannot be filed online; the draft stays.
            let deskOnly = try await drafts.create(
                for: citizen, procedureCode: "DEMO-CT-01", receivingUnitID: fixture.ward, at: at("2026-03-03T09:00"))
            let kept = try #require(try await drafts.draft(deskOnly, of: citizen))
            await #expect(throws: DossierDesk.Problem.notOnline) {
                try await fixture.desk.receiveOnline(
                    intake(fixture), from: kept, at: at("2026-03-03T09:05"), day: LocalDate(iso: "2026-03-03")!)
            }
            #expect(try await drafts.draft(deskOnly, of: citizen) != nil)
        }
    }

    @Test func twoOfficersActingOnTheSameCopyOneWinsTheOtherIsTold() async throws {
        try await withFixture { fixture in
            let dossier = try await fixture.desk.receive(
                intake(fixture), by: fixture.deskOfficer, at: at("2026-03-02T09:10"), day: Self.day)
            let outcomes = try await withThrowingTaskGroup(of: String.self) { group in
                for action in [DossierWorkflow.Action.transfer, .withdraw] {
                    group.addTask {
                        do {
                            _ = try await fixture.desk.act(
                                action, on: dossier.id, seenLockVersion: dossier.lockVersion, by: fixture.deskOfficer,
                                reason: "Người nộp rút", at: at("2026-03-02T10:00"))
                            return "ok"
                        } catch DossierDesk.Problem.staleCopy {
                            return "stale"
                        }
                    }
                }
                return try await group.reduce(into: [String]()) { $0.append($1) }
            }
            #expect(outcomes.sorted() == ["ok", "stale"])
            let stored = try #require(try await DossierStore(fixture.database.sql).find(id: dossier.id))
            let events = try await DossierStore(fixture.database.sql).events(of: dossier)
            #expect(events.count == 2)
            #expect(events.last?.statusAfter == stored.state.status)
            #expect(stored.lockVersion == 2)
        }
    }

    /// A dossier's events are read from its receipt on (the older years' partitions skipped): an action dated a
    /// little earlier (another instance's clock) is kept and read back; one dated days earlier is refused.
    @Test func anActionIsNotDatedBeforeTheReceipt() async throws {
        try await withFixture { fixture in
            var dossier = try await fixture.desk.receive(
                intake(fixture), by: fixture.deskOfficer, at: at("2026-03-02T09:10"), day: Self.day)
            dossier = try await fixture.desk.act(
                .transfer, on: dossier.id, seenLockVersion: dossier.lockVersion, by: fixture.deskOfficer, reason: "",
                at: at("2026-03-02T09:09"))
            await #expect(throws: DossierDesk.Problem.beforeReceipt) {
                try await fixture.desk.act(
                    .requestSupplement, on: dossier.id, seenLockVersion: dossier.lockVersion, by: fixture.caseOfficer,
                    reason: "Thiếu giấy tờ", at: at("2026-02-27T09:00"))
            }
            #expect(try await DossierStore(fixture.database.sql).events(of: dossier).map(\.action) == ["receive", "transfer"])
            #expect(try await DossierStore(fixture.database.sql).find(id: dossier.id)?.lockVersion == dossier.lockVersion)
        }
    }

    @Test func aPauseMovesTheDueDateAndAnApologyOnlyTheAppointment() async throws {
        try await withFixture { fixture in
            var dossier = try await fixture.desk.receive(
                intake(fixture), by: fixture.deskOfficer, at: at("2026-03-02T09:10"), day: Self.day)
            dossier = try await fixture.desk.act(
                .transfer, on: dossier.id, seenLockVersion: dossier.lockVersion, by: fixture.deskOfficer, reason: "",
                at: at("2026-03-02T10:00"))
            dossier = try await fixture.desk.act(
                .requestSupplement, on: dossier.id, seenLockVersion: dossier.lockVersion, by: fixture.caseOfficer,
                reason: "Thiếu giấy tờ", at: at("2026-03-03T10:00"))
            #expect(dossier.dueAt == nil)
            // Due Thursday 12:00; paused Tuesday 10:00 with 2 + 4 + 8 + 4 = 18 office hours left.
            dossier = try await fixture.desk.act(
                .supplementReceived, on: dossier.id, seenLockVersion: dossier.lockVersion, by: fixture.caseOfficer,
                reason: "", at: at("2026-03-09T08:00"))
            #expect(Self.clock.iso(dossier.dueAt!) == "2026-03-11T12:00:00+07:00")
            #expect(dossier.appointmentAt == dossier.dueAt)
            dossier = try await fixture.desk.act(
                .issueApology, on: dossier.id, seenLockVersion: dossier.lockVersion, by: fixture.head,
                reason: "Chờ xác minh", newAppointment: at("2026-03-13T17:00"), at: at("2026-03-10T09:00"))
            #expect(Self.clock.iso(dossier.appointmentAt!) == "2026-03-13T17:00:00+07:00")
            #expect(Self.clock.iso(dossier.dueAt!) == "2026-03-11T12:00:00+07:00")
            await #expect(throws: DossierDesk.Problem.appointmentNotLater) {
                try await fixture.desk.act(
                    .issueApology, on: dossier.id, seenLockVersion: dossier.lockVersion, by: fixture.head,
                    reason: "x", newAppointment: at("2026-03-12T17:00"), at: at("2026-03-10T10:00"))
            }
            // After the appointment has passed, no apology slip can be issued.
            await #expect(throws: DossierDesk.Problem.apologyAfterAppointment) {
                try await fixture.desk.act(
                    .issueApology, on: dossier.id, seenLockVersion: dossier.lockVersion, by: fixture.head,
                    reason: "x", newAppointment: at("2026-03-20T17:00"), at: at("2026-03-16T09:00"))
            }
        }
    }

    @Test func refusedIntakesStoreNothing() async throws {
        try await withFixture { fixture in
            await #expect(throws: DossierDesk.Problem.invalid(["Số định danh cá nhân phải gồm đúng 12 chữ số."])) {
                try await fixture.desk.receive(
                    intake(fixture, identifier: "12345"), by: fixture.deskOfficer, at: at("2026-03-02T09:10"), day: Self.day)
            }
            await #expect(throws: DossierDesk.Problem.notReceivedHere) {
                try await fixture.desk.receive(
                    intake(fixture, procedure: "DEMO-YT-01"), by: fixture.deskOfficer, at: at("2026-03-02T09:10"), day: Self.day)
            }
            await #expect(throws: DossierDesk.Problem.notADeskOfficerHere) {
                try await fixture.desk.receive(intake(fixture), by: fixture.caseOfficer, at: at("2026-03-02T09:10"), day: Self.day)
            }
            #expect(try await DossierStore(fixture.database.sql).codes(receivedBy: fixture.ward).isEmpty)
            let dossier = try await fixture.desk.receive(
                intake(fixture), by: fixture.deskOfficer, at: at("2026-03-02T09:10"), day: Self.day)
            #expect(dossier.code.text == "00070-260302-0001")
        }
    }
}
