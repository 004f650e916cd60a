import Domain
import Foundation
import Persistence
import TestSupport
import Testing

/// A plan's tasks through the store: imported, reported by the lead unit, accepted or sent back by the
/// secretariat, their status on any day, and those unfinished at year end carried over with their history.
@Suite struct ReformStoreTests {
    @Test func tasksFromImportToCarryOver() async throws {
        try await TestDatabase.with { database in
            let calendar = WorkingCalendar(rows: OfficialCalendar.rows)
            let units = UnitStore(database.sql)
            let office = try await units.insert(.init(code: "VP", name: "Văn phòng UBND Thành phố", kind: .department))
            let homeAffairs = try await units.insert(.init(code: "SNV", name: "Sở Nội vụ", kind: .department))
            let store = ReformStore(database)
            let plan = try await store.createPlan(year: 2026, title: "Kế hoạch CCHC năm 2026", by: nil, at: Date())
            await #expect(throws: ReformStore.Problem.planExists(2026)) {
                try await store.createPlan(year: 2026, title: "x", by: nil, at: Date())
            }
            let names = ["van phong ubnd thanh pho": office, "so noi vu": homeAffairs]
            let rows = try ReformTaskSheet.read(
                csv: """
                    Nội dung,Văn bản giao,Đơn vị chủ trì,Đơn vị phối hợp,Thời hạn
                    Đánh giá việc ủy quyền giải quyết thủ tục hành chính,Thông báo 90/TB-VP,Văn phòng UBND Thành phố,Sở Nội vụ,quý I/2026
                    Tổ chức Hội nghị công bố Chỉ số CCHC,Thông báo 90/TB-VP,Sở Nội vụ,,tháng 3/2026
                    Tập huấn một cửa liên thông,Thông báo 90/TB-VP,Văn phòng UBND Thành phố,,quý III/2026
                    """, unit: { names[VietnameseText.folded($0)] })
            let ids = try await store.addTasks(rows, to: plan, calendar: calendar, by: 1, at: Date())
            let tasks = try await store.tasks(of: plan)
            #expect(tasks.map(\.due.iso) == ["2026-03-31", "2026-03-31", "2026-09-30"] && tasks[0].supportingUnitIDs == [homeAffairs])

            // The first: done on time; the second: reported late, sent back once, then accepted; the third: never finished.
            let day = { (iso: String) in LocalDate(iso: iso)! }
            try await store.report(ids[0], percent: 50, note: "Đã lấy ý kiến", on: day("2026-02-10"), by: 2, at: Date())
            try await store.report(ids[0], percent: 100, note: "Báo cáo số 12", on: day("2026-03-30"), by: 2, at: Date())
            try await store.decide(ids[0], accept: true, note: "", on: day("2026-04-02"), by: 1, at: Date())
            await #expect(throws: ReformStore.Problem.alreadyDone) {
                try await store.decide(ids[0], accept: true, note: "", on: day("2026-04-03"), by: 1, at: Date())
            }
            await #expect(throws: ReformStore.Problem.alreadyDone) {
                try await store.report(ids[0], percent: 90, note: "", on: day("2026-04-03"), by: 2, at: Date())
            }
            await #expect(throws: ReformStore.Problem.noCompletion) {
                try await store.decide(ids[1], accept: true, note: "", on: day("2026-04-03"), by: 1, at: Date())
            }
            try await store.report(ids[1], percent: 100, note: "", on: day("2026-04-06"), by: 3, at: Date())
            try await store.decide(ids[1], accept: false, note: "Chưa có danh sách đại biểu", on: day("2026-04-07"), by: 1, at: Date())
            try await store.report(ids[1], percent: 100, note: "Đã bổ sung", on: day("2026-04-09"), by: 3, at: Date())
            try await store.decide(ids[1], accept: true, note: "", on: day("2026-04-10"), by: 1, at: Date())
            await #expect(throws: ReformStore.Problem.badPercent) {
                try await store.report(ids[2], percent: 120, note: "", on: day("2026-05-01"), by: 2, at: Date())
            }
            try await store.report(ids[2], percent: 60, note: "Đã tổ chức 2/3 lớp", on: day("2026-09-15"), by: 2, at: Date())

            let april = try await store.standings(of: plan, asOf: day("2026-04-08"), calendar: calendar)
            #expect(april.map(\.status) == [.doneOnTime, .overdue, .notStarted] && april[1].daysLate == 6)  // 1–3 and 6–8 April
            let october = try await store.standings(of: plan, asOf: day("2026-10-05"), calendar: calendar)
            #expect(october.map(\.status) == [.doneOnTime, .doneLate, .overdue] && october[2].percent == 60)

            // Year end: the unfinished one goes to the 2027 plan, once, with its history and its 2026 deadline.
            await #expect(throws: ReformStore.Problem.noNextPlan(2027)) {
                try await store.carryOver(from: plan, calendar: calendar, by: 1, at: Date())
            }
            let next = try await store.createPlan(year: 2027, title: "Kế hoạch CCHC năm 2027", by: nil, at: Date())
            #expect(try await store.carryOver(from: plan, calendar: calendar, by: 1, at: Date()) == 1)
            #expect(try await store.carryOver(from: plan, calendar: calendar, by: 1, at: Date()) == 0)
            let carried = try #require(try await store.tasks(of: next).first)
            #expect(carried.carriedFromID == ids[2] && carried.due.iso == "2026-09-30")
            #expect(try await store.history(of: carried).map(\.note) == ["Đã tổ chức 2/3 lớp"])
            try await store.report(carried.id, percent: 100, note: "Lớp thứ ba", on: day("2027-01-20"), by: 2, at: Date())
            try await store.decide(carried.id, accept: true, note: "", on: day("2027-01-22"), by: 1, at: Date())
            #expect(try await store.standings(of: next, asOf: day("2027-02-01"), calendar: calendar).first?.status == .doneLate)
        }
    }

    static let pdf = Data("%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n".utf8)

    @Test func subTasksRollUpReportsKeepEvidenceAndUrgesAreSentOncePerUnitAndDay() async throws {
        try await TestDatabase.with { database in
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("motcua-reform-\(UUID().uuidString)").path
            defer { try? FileManager.default.removeItem(atPath: folder) }
            let calendar = WorkingCalendar(rows: OfficialCalendar.rows)
            let office = try await UnitStore(database.sql).insert(.init(code: "VP", name: "Văn phòng UBND Thành phố", kind: .department))
            let store = ReformStore(database, files: FileStore(dataDirectory: folder))
            let plan = try await store.createPlan(year: 2026, title: "Kế hoạch CCHC năm 2026", by: nil, at: Date())
            func row(_ content: String, _ deadline: String) -> ReformTaskSheet.Row {
                ReformTaskSheet.Row(
                    line: 0, content: content, source: "Kế hoạch", leadUnitID: office, supportingUnitIDs: [],
                    deadline: ReformDeadline(parsing: deadline)!,
                    kind: .pilot, parCriteria: ["2.1"])
            }
            let parent = try await store.addTasks(
                [row("Thí điểm mô hình một cửa hiện đại", "quý IV/2026")], to: plan, calendar: calendar, by: 1, at: Date())[0]
            let parts =
                try await store.addTasks(
                    [row("Khảo sát", "tháng 3/2026")], to: plan, parentID: parent, weight: 1, calendar: calendar, by: 1, at: Date())
                + (try await store.addTasks(
                    [row("Vận hành thử", "tháng 9/2026")], to: plan, parentID: parent, weight: 3, calendar: calendar, by: 1, at: Date()))
            let day = { (iso: String) in LocalDate(iso: iso)! }
            try await store.report(
                parts[0], percent: 100, note: "Đã khảo sát", files: [(Self.pdf, "bao-cao.pdf")], on: day("2026-03-20"), by: 2, at: Date())
            try await store.report(parts[1], percent: 40, note: "Đang vận hành thử", on: day("2026-06-01"), by: 2, at: Date())
            await #expect(throws: FileType.Problem.self) {
                try await store.report(
                    parts[1], percent: 50, note: "", files: [(Data("MZ".utf8), "x.pdf")], on: day("2026-06-02"), by: 2, at: Date())
            }
            let june = try await store.standings(of: plan, asOf: day("2026-06-10"), calendar: calendar)
            #expect(june.map(\.percent) == [55, 100, 40])  // (1·100 + 3·40) / 4, rounded down
            #expect(try await store.history(of: try #require(try await store.task(id: parts[1]))).count == 1)  // the refused report wrote nothing
            let files = try await store.evidence(of: try #require(try await store.task(id: parts[0])))
            #expect(files.map(\.originalName) == ["bao-cao.pdf"])
            #expect(try store.evidenceFile(files[0]) == Self.pdf)
            #expect(
                try await store.lastNotes(of: plan, asOf: day("2026-06-10")) == [parts[0]: "Đã khảo sát", parts[1]: "Đang vận hành thử"])
            #expect(try await store.lastNotes(of: plan, asOf: day("2026-05-01")) == [parts[0]: "Đã khảo sát"])

            // An urging run on 2 October: the sub-task due in September is overdue; once per unit and day.
            let october = try await store.standings(of: plan, asOf: day("2026-10-02"), calendar: calendar)
            let digests = ReformUrging(window: 5, escalateAfter: 2).digests(october, asOf: day("2026-10-02"), calendar: calendar)
            #expect(digests.map(\.unitID) == [office] && digests[0].overdue.map(\.taskID) == [parts[1]] && digests[0].escalated)
            let message = NotificationOutbox.Message(
                dossierID: nil, eventSequence: nil, purpose: .reformDigest, channel: .email, recipient: "vp@hanoi.gov.vn",
                subject: "Đôn đốc", body: digests[0].text)
            let run = digests.map { ($0, ["vp@hanoi.gov.vn"], [message]) }
            #expect(try await store.recordUrges(run, plan: plan, by: 1, at: Date()).count == 1)
            #expect(try await store.recordUrges(run, plan: plan, by: 1, at: Date()).isEmpty)
            #expect(try await NotificationOutbox(database.sql).recent().filter { $0.message.purpose == .reformDigest }.count == 1)
            let urges = try await store.urges(plan: plan, unit: office)
            #expect(urges.count == 1 && urges[0].overdue == 1 && urges[0].escalated && urges[0].recipients == ["vp@hanoi.gov.vn"])
        }
    }

    @Test func directivesAreSearchedWithoutDiacriticsAndByDateAndRatedOncePerReader() async throws {
        try await TestDatabase.with { database in
            let directives = ReformDirectives(database)
            let notice = try await directives.create(
                ReformDirective(
                    kind: .notice, number: "90/TB-VP", issuedOn: LocalDate(iso: "2023-03-10")!, issuer: "Văn phòng UBND Thành phố",
                    signer: "Phó Chánh Văn phòng", title: "Kết luận của Phó Chủ tịch Thường trực về Chỉ số CCHC và SIPAS",
                    summary: "Đôn đốc các đơn vị"),
                by: 1, at: Date())
            let news = try await directives.create(
                ReformDirective(
                    kind: .news, number: "", issuedOn: LocalDate(iso: "2023-03-28")!, issuer: "Sở Nội vụ", signer: "",
                    title: "Hội nghị công bố Chỉ số cải cách hành chính năm 2022", summary: ""), by: 1, at: Date())
            await #expect(throws: ReformDirective.Problem.emptyTitle) {
                try await directives.create(
                    ReformDirective(
                        kind: .news, number: "", issuedOn: LocalDate(iso: "2023-03-28")!, issuer: "Sở Nội vụ", signer: "",
                        title: "  ", summary: ""), by: 1, at: Date())
            }
            #expect(try await directives.published().isEmpty)
            try await directives.setPublished(notice, true, by: 1, at: Date())
            try await directives.setPublished(news, true, by: 1, at: Date())
            #expect(try await directives.published(.init(words: "chi so cai cach")).map(\.id) == [news])
            #expect(try await directives.published(.init(words: "KET LUAN 90/tb")).map(\.id) == [notice])
            #expect(try await directives.published(.init(words: "100%")).isEmpty)
            #expect(try await directives.published(.init(on: LocalDate(iso: "2023-03-10")!)).map(\.id) == [notice])
            #expect(try await directives.published(.init(from: LocalDate(iso: "2023-03-11")!)).map(\.id) == [news])
            #expect(try await directives.published().map(\.id) == [news, notice])

            try await directives.rate(news, reader: "reader-a", stars: 5, at: Date())
            try await directives.rate(news, reader: "reader-b", stars: 4, at: Date())
            await #expect(throws: ReformDirectives.Problem.alreadyRated) {
                try await directives.rate(news, reader: "reader-a", stars: 1, at: Date())
            }
            await #expect(throws: ReformDirectives.Problem.badStars) {
                try await directives.rate(news, reader: "reader-c", stars: 6, at: Date())
            }
            let rating = try #require(try await directives.ratings(of: [news, notice])[news])
            #expect(rating.average == 4.5 && rating.count == 2)
            #expect(try await directives.hasRated(news, reader: "reader-a"))
            try await directives.setPublished(news, false, by: 1, at: Date())
            await #expect(throws: ReformDirectives.Problem.notFound) {
                try await directives.rate(news, reader: "reader-c", stars: 3, at: Date())
            }
        }
    }
}
