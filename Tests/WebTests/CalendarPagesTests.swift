import Domain
import Foundation
import HTTPTypes
import HummingbirdTesting
import Persistence
import Testing
import Web

@testable import Services

/// The calendar year view, the due-date calculator, and the secretariat's audited changes to the table.
@Suite struct CalendarPagesTests {
    let password = testPassword

    func secretariat(_ services: AppServices) async throws -> Int64 {
        let unit = try #require(try await services.units.find(code: HanoiUnitImport.cityCode, validOn: LocalDate(iso: "2026-01-01")!))
        return try await services.accounts.create(
            username: "thuky", displayName: "Thư ký Tổ công tác", password: password, grants: [Grant(role: .secretariat, unitID: unit.id)],
            actorID: nil)
    }

    @Test func theYearViewShowsLunarDatesAndReasons() async throws {
        try await withApp { client, _ in
            let page = try await client.execute(uri: "/calendar?year=2026", method: .get)
            #expect(page.status == .ok)
            let html = page.text
            #expect(html.contains("Lịch làm việc năm 2026"))
            #expect(html.contains("Tháng 2/2026"))
            #expect(html.contains(#"title="Tết Âm lịch""#))
            #expect(html.contains("Thông báo 9441/TB-BNV"))
            #expect(html.contains("day--workday"))  // Saturday 22/8/2026 worked
            #expect(!html.contains("Cập nhật lịch"))  // the public sees no editing forms
            let future = try await client.execute(uri: "/calendar?year=2030", method: .get).text
            #expect(future.contains("ngày nghỉ dự kiến"))
            #expect(try await client.execute(uri: "/calendar?year=1800", method: .get).status == .badRequest)
        }
    }

    @Test(arguments: [
        ("received=2026-02-12T09:30&amount=5&unit=days", "Hẹn trả kết quả: 26/02/2026 12:00"),
        ("received=2026-03-06T16:55&amount=8&unit=hours", "Hẹn trả kết quả: 09/03/2026 16:55"),
        (
            "received=2026-03-02T09:00&amount=5&unit=days&pause1=2026-03-04T10:00&resume1=2026-03-16T14:00",
            "Hẹn trả kết quả: 19/03/2026 17:00"
        ),
        ("received=2026-03-02T09:00&amount=1&unit=days&pause1=2026-03-02T10:30", "Hồ sơ đang tạm dừng"),
        // Typed day first, as the fields show it.
        ("received=12%2F02%2F2026+09%3A30&amount=5&unit=days", "Hẹn trả kết quả: 26/02/2026 12:00"),
        (
            "received=02%2F03%2F2026+09%3A00&amount=5&unit=days&pause1=04%2F03%2F2026+10%3A00&resume1=16%2F03%2F2026+14h00",
            "Hẹn trả kết quả: 19/03/2026 17:00"
        ),
    ])
    func theCalculatorShowsTheDueDateAndItsSteps(query: String, expected: String) async throws {
        try await withApp { client, _ in
            let page = try await client.execute(uri: "/calendar/due?" + query, method: .get)
            #expect(page.status == .ok)
            #expect(page.text.contains(expected))
            #expect(page.text.contains("Tiếp nhận lúc"))
            // The moment shows day first whatever was sent (a link's stored form included), never as a native picker.
            #expect(page.text.contains(#"id="received" name="received" value=""#) && !page.text.contains("datetime-local"))
            #expect(page.text.firstMatch(of: /id="received" name="received" value="\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}"/) != nil)
        }
    }

    @Test(arguments: [
        ("received=hôm+qua&amount=5&unit=days", "Thời điểm tiếp nhận không hợp lệ."),
        ("received=2026-02-12T09:30&amount=-1&unit=days", "Thời hạn không được là số âm."),
        ("received=2026-02-12T09:30&amount=1,25&unit=days", "bội số của nửa ngày"),
        ("received=2026-02-12T09:30&amount=năm&unit=days", "Vui lòng nhập thời hạn là một số"),
        ("received=2026-03-02T09:00&amount=5&unit=days&pause1=2026-03-04T10:00&resume1=2026-03-03T14:00", "theo thứ tự thời gian"),
        (
            "received=2026-03-02T09:00&amount=5&unit=days&pause1=2026-03-04T10:00&pause2=2026-03-05T10:00&resume2=2026-03-06T10:00",
            "Chỉ lần tạm dừng cuối cùng"
        ),
        ("received=1990-03-02T09:00&amount=5&unit=days", "ngoài khoảng năm"),
    ])
    func badInputGetsAVietnameseMessage(query: String, message: String) async throws {
        try await withApp { client, _ in
            let page = try await client.execute(uri: "/calendar/due?" + query, method: .get)
            #expect(page.status == .badRequest)
            #expect(page.text.contains(message))
        }
    }

    @Test func theSecretariatConfirmsAProvisionalYearAndSwapsADay() async throws {
        try await withApp { client, services in
            let secretary = try await secretariat(services)
            let browser = try await Browser.signedIn(client, as: "thuky")
            let form = try await browser.get("/calendar?year=2027")
            #expect(form.text.contains("Cập nhật lịch"))
            // MUT: swap, then confirm the rest of the pre-filled year
            let swapped = try await browser.post(
                "/calendar/swaps",
                form: [
                    "dayOff": "2027-04-29", "workday": "2027-05-08", "name": "Hoán đổi dịp 30/4", "reference": "Thông báo thử nghiệm 1/TB",
                ])
            #expect(swapped.status == .seeOther)
            try await browser.get("/calendar?year=2027")
            let confirmed = try await browser.post(
                "/calendar/confirmations", form: ["year": "2027", "reference": "Thông báo thử nghiệm 2/TB"])
            #expect(confirmed.status == .seeOther)
            // validate: the table holds the pre-filled days (now official) and the swap; the calendar follows
            let rows = try await CalendarStore(services.database.sql).rows(in: 2027)
            #expect(rows.allSatisfy { !$0.isProvisional })
            #expect(
                rows.contains { $0.date.iso == "2027-02-08" && $0.name == "Tết Âm lịch" && $0.reference == "Thông báo thử nghiệm 2/TB" })
            #expect(
                rows.contains { $0.date.iso == "2027-05-08" && $0.kind == .swappedWorkday && $0.reference == "Thông báo thử nghiệm 1/TB" })
            let calendar = try await services.workingCalendar()
            #expect(!calendar.isWorkingDay(LocalDate(iso: "2027-04-29")!))
            #expect(calendar.isWorkingDay(LocalDate(iso: "2027-05-08")!))
            #expect(!calendar.isProvisional(2027))
            let audit = try await AuditTrail.entries(.init(actionPrefix: "calendar."), on: services.database.sql)
            #expect(Set(audit.map(\.action)) == ["calendar.swap", "calendar.confirm"])
            #expect(audit.allSatisfy { $0.actorID == secretary })
        }
    }

    @Test func aRemovalNeedsAReasonAndIsAudited() async throws {
        try await withApp { client, services in
            _ = try await secretariat(services)
            let browser = try await Browser.signedIn(client, as: "thuky")
            try await browser.get("/calendar?year=2026")
            let refused = try await browser.post("/calendar/removals", form: ["date": "2026-08-31", "reason": " "])
            #expect(refused.status == .badRequest)
            #expect(refused.text.contains("Vui lòng ghi lý do."))
            #expect(try await CalendarStore(services.database.sql).row(on: LocalDate(iso: "2026-08-31")!) != nil)
            let removed = try await browser.post("/calendar/removals", form: ["date": "2026-08-31", "reason": "Nhập nhầm"])
            #expect(removed.status == .seeOther)
            #expect(try await services.workingCalendar().isWorkingDay(LocalDate(iso: "2026-08-31")!))
            let audit = try await AuditTrail.entries(objectType: "calendarDay", objectID: "2026-08-31", on: services.database.sql)
            #expect(audit.first?.action == "calendar.remove")
            #expect(audit.first?.reason.contains("Nhập nhầm") == true)
        }
    }

    @Test(arguments: [
        (["date": "2026-03-07", "kind": "compensatory", "name": "Nghỉ bù", "reference": "X"], "phải là ngày làm việc trong tuần"),
        (["date": "2026-03-09", "kind": "swappedWorkday", "name": "Làm bù", "reference": "X"], "phải là thứ Bảy hoặc Chủ nhật"),
        (["date": "2026-03-09", "kind": "holiday", "name": "Ngày lễ", "reference": ""], "căn cứ pháp lý"),
        (["date": "2026-03-09", "kind": "holiday", "name": "", "reference": "X"], "tên ngày"),
        (["date": "2026-03-09", "kind": "bogus", "name": "Ngày lễ", "reference": "X"], "chọn loại ngày"),
    ])
    func aBadRowIsRefusedAndNothingChanges(form: [String: String], message: String) async throws {
        try await withApp { client, services in
            _ = try await secretariat(services)
            let browser = try await Browser.signedIn(client, as: "thuky")
            try await browser.get("/calendar?year=2026")
            let before = try await CalendarStore(services.database.sql).all()
            let response = try await browser.post("/calendar/days", form: form)
            #expect(response.status == .badRequest)
            #expect(response.text.contains(message))
            #expect(try await CalendarStore(services.database.sql).all() == before)
        }
    }

    @Test func onlyTheSecretariatAndAdministratorsEditTheCalendar() async throws {
        try await withApp { client, services in
            let ward = try #require(try await services.units.find(code: "00070", validOn: LocalDate(iso: "2026-01-01")!))
            _ = try await services.accounts.create(
                username: "motcua.hk", displayName: "Cán bộ", password: password, grants: [Grant(role: .deskOfficer, unitID: ward.id)],
                actorID: nil)
            let officer = try await Browser.signedIn(client, as: "motcua.hk")
            try await officer.get("/calendar")
            #expect(try await officer.post("/calendar/removals", form: ["date": "2026-08-31", "reason": "x"]).status == .forbidden)
            let anonymous = Browser(client)
            try await anonymous.get("/sign-in")  // a page with a form, for the CSRF token
            #expect(
                try await anonymous.post("/calendar/days", form: ["date": "2026-03-09", "kind": "holiday", "name": "x", "reference": "x"])
                    .status == .unauthorized)
            #expect(try await CalendarStore(services.database.sql).row(on: LocalDate(iso: "2026-08-31")!) != nil)
        }
    }
}

extension CalendarPagesTests {
    /// Issue 21, point 7: when the calendar is corrected, the due instants of open dossiers are recomputed — with
    /// their pauses — shown on the dossier and the public tracking, audited, and counted once in the statistics.
    @Test func aCorrectedCalendarMovesTheDueInstantsOfOpenDossiers() async throws {
        try await withApp { client, services in
            try await DemoCatalogue.load(on: services.database, at: Date())
            let calendars = CalendarStore(services.database.sql)
            // A database from before the 2026 New Year swap.
            try await calendars.delete(on: LocalDate(iso: "2026-01-02")!)
            try await calendars.delete(on: LocalDate(iso: "2026-01-10")!)
            let ward = try #require(try await services.units.find(code: "00070", validOn: LocalDate(iso: "2026-01-01")!)).id
            let ids = try await [("motcua", Role.deskOfficer), ("thuly", .caseOfficer)].asyncMap { name, role in
                try await services.accounts.create(
                    username: name, displayName: name, password: testPassword, grants: [Grant(role: role, unitID: ward)], actorID: nil)
            }
            let desk = DossierWorkflow.Actor(userID: ids[0], roles: [.deskOfficer]),
                officer = DossierWorkflow.Actor(userID: ids[1], roles: [.caseOfficer])
            let clock = LocalClock()
            func receive(_ text: String) async throws -> Dossier {
                try await services.desk.receive(
                    .init(
                        procedureCode: "DEMO-HT-05", receivingUnitID: ward, channel: .inPerson,
                        applicant: Applicant(kind: .person, name: "Phạm Thu Hà", identifier: "001301012345")),
                    by: desk, at: clock.instant(parsing: text)!, day: clock.localDate(clock.instant(parsing: text)!))
            }
            let plain = try await receive("2025-12-31T09:00")
            var paused = try await receive("2025-12-30T09:00")
            paused = try await services.desk.act(
                .transfer, on: paused.id, seenLockVersion: paused.lockVersion, by: desk, reason: "",
                at: clock.instant(parsing: "2025-12-30T09:30")!)
            paused = try await services.desk.act(
                .requestSupplement, on: paused.id, seenLockVersion: paused.lockVersion, by: officer, reason: "Thiếu giấy tờ",
                at: clock.instant(parsing: "2025-12-30T10:00")!)
            paused = try await services.desk.act(
                .supplementReceived, on: paused.id, seenLockVersion: paused.lockVersion, by: desk, reason: "",
                at: clock.instant(parsing: "2025-12-31T14:00")!)
            let later = try await receive("2026-01-12T09:00")
            let limit = try #require(try await services.procedures.find(code: "DEMO-HT-05")).procedure.timeLimit
            let pauses = [
                DeadlineSchedule.Pause(
                    pausedAt: clock.instant(parsing: "2025-12-30T10:00")!, resumedAt: clock.instant(parsing: "2025-12-31T14:00")!)
            ]
            let official = DeadlineCalculator(calendar: WorkingCalendar(rows: OfficialCalendar.rows))
            let expected = [
                plain.id: try official.due(receivedAt: plain.receivedAt, limit: limit),
                paused.id: try #require(try official.schedule(receivedAt: paused.receivedAt, limit: limit, pauses: pauses).due),
            ]
            #expect(plain.dueAt != expected[plain.id] && paused.dueAt != expected[paused.id], "the old calendar gave other due instants")

            // The secretariat enters the swap on the calendar page.
            _ = try await secretariat(services)
            let secretary = try await Browser.signedIn(client, as: "thuky")
            try await secretary.get("/calendar?year=2026")
            let saved = try await secretary.post(
                "/calendar/swaps",
                form: [
                    "dayOff": "2026-01-02", "workday": "2026-01-10", "name": "Nghỉ hoán đổi dịp Tết Dương lịch",
                    "reference": "Công văn 12729/VPCP-KGVX",
                ])
            #expect(saved.status == .seeOther && saved.headers[.location]?.contains("recomputed=2") == true)
            let page = try await secretary.get(try #require(saved.headers[.location]))
            #expect(page.text.contains("Đã tính lại hạn giải quyết của 2 hồ sơ đang giải quyết theo lịch mới"))

            for dossier in [plain, paused] {
                let now = try #require(try await services.dossiers.find(id: dossier.id))
                #expect(now.dueAt == expected[dossier.id] && now.appointmentAt == expected[dossier.id])
                let events = try await services.dossiers.events(of: now)
                let event = try #require(events.last)
                #expect(event.action == DossierDesk.recomputeDueAction && event.reason.contains("hạn cũ \(clock.text(dossier.dueAt!))"))
                #expect(event.reason.contains("hạn mới \(clock.text(expected[dossier.id]!))"))
                #expect(PublicTimeline.entries(events).last?.text == "Hạn trả kết quả được tính lại theo lịch làm việc đã điều chỉnh")
                let audit = try await AuditTrail.entries(objectType: "dossier", objectID: now.code.text, on: services.database.sql)
                #expect(audit.contains { $0.action == "dossier.recomputeDue" })
            }
            #expect(try await services.dossiers.find(id: later.id)?.dueAt == later.dueAt, "a dossier after the change keeps its due")
            // Counted once: the counters equal a rebuild from the dossiers, and a second run corrects nothing.
            func counters() async throws -> [String] {
                try await services.database.sql.select().columns("unit_id", "counter", "day", "value").from("statistics_counters")
                    .where("value", .notEqual, 0).orderBy("unit_id").orderBy("counter").orderBy("day").all()
                    .map { row in
                        "\(try row.decode(column: "unit_id", as: Int64.self)) \(try row.decode(column: "counter", as: String.self)) "
                            + "\(try row.decode(column: "day", as: String.self)) \(try row.decode(column: "value", as: Int64.self))"
                    }
            }
            let counted = try await counters()
            try await services.database.rebuildStatisticsCounters(calculator: services.deadlines)
            #expect(try await counters() == counted)
            let again = try await services.desk.recomputeDueInstants(reason: "lần nữa", actorID: nil, at: Date())
            #expect(again.isEmpty, "\(again) plain \(plain.id) paused \(paused.id) later \(later.id)")
        }
    }
}

extension CalendarPagesTests {
    /// A year published by the Government is loaded from a file: the year is replaced whole and audited; a bad
    /// file changes nothing and says which line is wrong.
    @Test func theSecretariatLoadsAYearFromAFile() async throws {
        try await withApp { client, services in
            let secretary = try await secretariat(services)
            let browser = try await Browser.signedIn(client, as: "thuky")
            let page = try await browser.get("/calendar?year=2027")
            #expect(page.text.contains("Nạp lịch cả năm từ tệp") && page.text.contains("action=\"/calendar/files\""))
            // The year in force downloads as a file that loads back as it is (pre-filled days are marked provisional).
            let downloaded = try await browser.get("/calendar/file.json?year=2026")
            #expect(downloaded.status == .ok && downloaded.headers[.contentDisposition]?.contains("lich-lam-viec-2026.json") == true)
            let file2026 = try CalendarFile(json: Data(downloaded.text.utf8))
            #expect(file2026.days == (try await services.workingCalendar()).rows(in: 2026))
            #expect(
                try CalendarFile(json: Data(try await browser.get("/calendar/file.json?year=2027").text.utf8)).days.allSatisfy(
                    \.isProvisional))
            #expect(try await browser.get("/calendar/file.json?year=1800").status == .badRequest)
            let calendars = CalendarStore(services.database.sql)
            // A year edited by hand first: its pre-filled provisional rows are stored.
            try await browser.post("/calendar/days", form: ["date": "2027-03-08", "kind": "holiday", "name": "Thử", "reference": "Thử"])
            let before = try await calendars.all()
            #expect(before.contains { $0.date.iso == "2027-03-08" } && before.contains { $0.date.year == 2027 && $0.isProvisional })
            let file = """
                {
                  "source": "Thông báo thử nghiệm 3/TB về lịch nghỉ năm 2027",
                  "days": [
                    {"date": "2027-01-01", "kind": "holiday", "name": "Tết Dương lịch", "reference": "Bộ luật Lao động 2019"},
                    {"date": "2027-04-30", "kind": "swappedOff", "name": "Nghỉ hoán đổi", "reference": "Thông báo thử nghiệm 3/TB"},
                    {"date": "2027-05-08", "kind": "swappedWorkday", "name": "Làm bù", "reference": "Thông báo thử nghiệm 3/TB"}
                  ]
                }
                """
            let bad = try await browser.postFile(
                "/calendar/files", field: "file", filename: "2027.json",
                data: Array(file.replacingOccurrences(of: "2027-05-08", with: "2027-05-07").utf8))
            #expect(bad.status == .badRequest && bad.text.contains("Dòng 6: Ngày 07/05/2027: Ngày làm bù phải là thứ Bảy hoặc Chủ nhật."))
            #expect(try await calendars.all() == before)
            let loaded = try await browser.postFile("/calendar/files", field: "file", filename: "2027.json", data: Array(file.utf8))
            #expect(loaded.status == .seeOther && loaded.headers[.location]?.hasPrefix("/calendar?year=2027&saved=1") == true)
            let rows = try await calendars.rows(in: 2027)
            #expect(rows.map(\.date.iso) == ["2027-01-01", "2027-04-30", "2027-05-08"] && rows.allSatisfy { !$0.isProvisional })
            #expect(try await calendars.rows(in: 2026) == before.filter { $0.date.year == 2026 }, "other years are kept")
            let calendar = try await services.workingCalendar()
            #expect(!calendar.isWorkingDay(LocalDate(iso: "2027-04-30")!) && calendar.isWorkingDay(LocalDate(iso: "2027-05-08")!))
            #expect(calendar.isWorkingDay(LocalDate(iso: "2027-03-08")!), "the hand-entered day is replaced with the year")
            let audit = try await AuditTrail.entries(.init(actionPrefix: "calendar.load"), on: services.database.sql)
            #expect(
                audit.count == 1 && audit[0].actorID == secretary && audit[0].objectID == "2027"
                    && audit[0].reason.hasPrefix("3 ngày thay ")
                    && audit[0].reason.hasSuffix("Thông báo thử nghiệm 3/TB về lịch nghỉ năm 2027"))
            let empty = try await browser.postFile("/calendar/files", field: "file", filename: "x.json", data: [])
            #expect(empty.status == .badRequest && empty.text.contains("Vui lòng chọn tệp lịch (JSON)."))
        }
    }
}

extension Array {
    fileprivate func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var result: [T] = []
        for element in self { result.append(try await transform(element)) }
        return result
    }
}
