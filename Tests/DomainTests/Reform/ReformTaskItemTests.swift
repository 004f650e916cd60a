import Domain
import Testing

/// A training's sessions and a pilot's sites and milestones: what they add up to on a day, and what is refused.
@Suite struct ReformTaskItemTests {
    static func day(_ iso: String) -> LocalDate { LocalDate(iso: iso)! }

    static let items = [
        ReformTaskItem(
            taskID: 1, kind: .session, title: "Lớp 1", plannedOn: day("2023-05-10"), doneOn: day("2023-05-10"), registered: 120,
            attended: 114),
        ReformTaskItem(
            taskID: 1, kind: .session, title: "Lớp 2", plannedOn: day("2023-06-14"), doneOn: day("2023-06-14"), registered: 80, attended: 70
        ),
        ReformTaskItem(taskID: 1, kind: .session, title: "Lớp 3", plannedOn: day("2023-09-12")),
        ReformTaskItem(taskID: 2, kind: .site, title: "Quận Hoàn Kiếm", doneOn: day("2023-08-01")),
        ReformTaskItem(taskID: 2, kind: .site, title: "Phường Hàng Bạc"),
        ReformTaskItem(taskID: 2, kind: .milestone, title: "Khảo sát mặt bằng", plannedOn: day("2023-04-30"), doneOn: day("2023-04-28")),
        ReformTaskItem(taskID: 2, kind: .milestone, title: "Vận hành thử", plannedOn: day("2023-07-31")),
    ]

    static let cases: [(asOf: String, held: Int, attendance: Double?, sitesDone: Int, reached: Int, late: Int)] = [
        ("2023-04-01", 0, nil, 0, 0, 0),
        ("2023-05-31", 1, 95, 0, 1, 0),
        ("2023-08-15", 2, 92, 1, 1, 1),  // (114 + 70) / 200
    ]

    @Test(arguments: 0..<cases.count)
    func itemsAddUpOnAnyDay(index: Int) {
        let example = Self.cases[index]
        let summary = ReformTaskItemSummary(Self.items, asOf: Self.day(example.asOf))
        #expect(summary.sessions == 3 && summary.sites == 2 && summary.milestones == 2)
        #expect(summary.sessionsHeld == example.held && summary.sitesDone == example.sitesDone)
        #expect(summary.milestonesReached == example.reached && summary.milestonesLate == example.late)
        #expect(summary.attendanceRate == example.attendance)
    }

    static let refusals: [(item: ReformTaskItem, kind: ReformTaskKind, problem: ReformTaskItem.Problem)] = [
        (ReformTaskItem(taskID: 1, kind: .session, title: "  "), .training, .emptyTitle),
        (ReformTaskItem(taskID: 1, kind: .session, title: "Lớp 1", registered: 10, attended: 12), .training, .moreAttendedThanRegistered),
        (ReformTaskItem(taskID: 1, kind: .session, title: "Lớp 1", registered: -1), .training, .badCount),
        (ReformTaskItem(taskID: 1, kind: .site, title: "Phường A"), .training, .notThisKind),
        (ReformTaskItem(taskID: 1, kind: .session, title: "Lớp 1"), .task, .notThisKind),
    ]

    @Test(arguments: 0..<refusals.count)
    func badItemsAreRefused(index: Int) {
        let example = Self.refusals[index]
        #expect(throws: example.problem) { try example.item.validated(for: example.kind) }
    }
}
