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
            await #expect(throws: ReformStore.Problem.planExists(2026)) { try await store.createPlan(year: 2026, title: "x", by: nil, at: Date()) }
            let names = ["van phong ubnd thanh pho": office, "so noi vu": homeAffairs]
            let rows = try ReformTaskSheet.read(csv: """
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
            await #expect(throws: ReformStore.Problem.alreadyDone) { try await store.decide(ids[0], accept: true, note: "", on: day("2026-04-03"), by: 1, at: Date()) }
            await #expect(throws: ReformStore.Problem.alreadyDone) { try await store.report(ids[0], percent: 90, note: "", on: day("2026-04-03"), by: 2, at: Date()) }
            await #expect(throws: ReformStore.Problem.noCompletion) { try await store.decide(ids[1], accept: true, note: "", on: day("2026-04-03"), by: 1, at: Date()) }
            try await store.report(ids[1], percent: 100, note: "", on: day("2026-04-06"), by: 3, at: Date())
            try await store.decide(ids[1], accept: false, note: "Chưa có danh sách đại biểu", on: day("2026-04-07"), by: 1, at: Date())
            try await store.report(ids[1], percent: 100, note: "Đã bổ sung", on: day("2026-04-09"), by: 3, at: Date())
            try await store.decide(ids[1], accept: true, note: "", on: day("2026-04-10"), by: 1, at: Date())
            await #expect(throws: ReformStore.Problem.badPercent) { try await store.report(ids[2], percent: 120, note: "", on: day("2026-05-01"), by: 2, at: Date()) }
            try await store.report(ids[2], percent: 60, note: "Đã tổ chức 2/3 lớp", on: day("2026-09-15"), by: 2, at: Date())

            let april = try await store.statuses(of: plan, asOf: day("2026-04-08"), calendar: calendar)
            #expect(april.map(\.status) == [.doneOnTime, .overdue, .notStarted] && april[1].daysLate == 6)  // 1–3 and 6–8 April
            let october = try await store.statuses(of: plan, asOf: day("2026-10-05"), calendar: calendar)
            #expect(october.map(\.status) == [.doneOnTime, .doneLate, .overdue] && october[2].percent == 60)

            // Year end: the unfinished one goes to the 2027 plan, once, with its history and its 2026 deadline.
            await #expect(throws: ReformStore.Problem.noNextPlan(2027)) { try await store.carryOver(from: plan, calendar: calendar, by: 1, at: Date()) }
            let next = try await store.createPlan(year: 2027, title: "Kế hoạch CCHC năm 2027", by: nil, at: Date())
            #expect(try await store.carryOver(from: plan, calendar: calendar, by: 1, at: Date()) == 1)
            #expect(try await store.carryOver(from: plan, calendar: calendar, by: 1, at: Date()) == 0)
            let carried = try #require(try await store.tasks(of: next).first)
            #expect(carried.carriedFromID == ids[2] && carried.due.iso == "2026-09-30")
            #expect(try await store.history(of: carried).map(\.note) == ["Đã tổ chức 2/3 lớp"])
            try await store.report(carried.id, percent: 100, note: "Lớp thứ ba", on: day("2027-01-20"), by: 2, at: Date())
            try await store.decide(carried.id, accept: true, note: "", on: day("2027-01-22"), by: 1, at: Date())
            #expect(try await store.statuses(of: next, asOf: day("2027-02-01"), calendar: calendar).first?.status == .doneLate)
        }
    }
}
