import Domain
import Testing

/// Urging digests (one per unit, never empty, escalation after N overdue working days), the quarterly report's
/// counts and late list, the overdue list's order, and the PAR points at risk.
@Suite struct ReformUrgingTests {
    let calendar = WorkingCalendar(rows: OfficialCalendar.rows)

    static func day(_ iso: String) -> LocalDate { LocalDate(iso: iso)! }

    static func standing(
        _ id: Int64, unit: Int64, due: String, _ status: ReformTaskStatus, late: Int = 0, percent: Int = 0,
        criteria: [String] = [], awaiting: Bool = false
    ) -> ReformTaskStanding {
        let task = ReformTask(
            id: id, planID: 1, content: "Nhiệm vụ \(id)", source: "Thông báo 90/TB-VP", leadUnitID: unit,
            deadline: .date(day(due)), due: day(due), parCriteria: criteria)
        return ReformTaskStanding(task: task, status: status, daysLate: late, percent: percent, awaitingDecision: awaiting)
    }

    // As of Monday 16/11/2026; window 5 working days (through Friday 20/11), escalation at 10 working days late.
    static let asOf = day("2026-11-16")
    static let cases:
        [(name: String, standings: [ReformTaskStanding], units: [Int64], soon: [[Int64]], overdue: [[Int64]], escalated: [Bool])] = [
            ("nothing due: no digest at all", [standing(1, unit: 7, due: "2026-12-31", .inProgress)], [], [], [], []),
            (
                "a completion awaiting the decision is not urged",
                [standing(1, unit: 7, due: "2026-11-06", .overdue, late: 6, percent: 100, awaiting: true)],
                [], [], [], []
            ),
            ("done tasks are never urged", [standing(1, unit: 7, due: "2026-11-01", .doneLate, late: 3)], [], [], [], []),
            ("due on the window's last day", [standing(1, unit: 7, due: "2026-11-20", .notStarted)], [7], [[1]], [[]], [false]),
            ("the next Monday is outside", [standing(1, unit: 7, due: "2026-11-23", .notStarted)], [], [], [], []),
            ("due today is due soon", [standing(1, unit: 7, due: "2026-11-16", .inProgress)], [7], [[1]], [[]], [false]),
            ("overdue below the escalation", [standing(1, unit: 7, due: "2026-11-06", .overdue, late: 6)], [7], [[]], [[1]], [false]),
            ("overdue at the escalation", [standing(1, unit: 7, due: "2026-10-30", .overdue, late: 10)], [7], [[]], [[1]], [true]),
            (
                "one digest per unit, most late first, nearest first",
                [
                    standing(1, unit: 7, due: "2026-11-19", .notStarted), standing(2, unit: 7, due: "2026-11-06", .overdue, late: 6),
                    standing(3, unit: 9, due: "2026-11-17", .inProgress), standing(4, unit: 7, due: "2026-10-01", .overdue, late: 32),
                    standing(5, unit: 7, due: "2026-11-17", .notStarted),
                ],
                [7, 9], [[5, 1], [3]], [[4, 2], []], [true, false]
            ),
        ]

    @Test(arguments: 0..<cases.count)
    func digestsAreOnePerUnitAndNeverEmpty(index: Int) {
        let example = Self.cases[index]
        let digests = ReformUrging(window: 5, escalateAfter: 10).digests(example.standings, asOf: Self.asOf, calendar: calendar)
        #expect(digests.map(\.unitID) == example.units, "\(example.name)")
        #expect(digests.map { $0.dueSoon.map(\.taskID) } == example.soon, "\(example.name)")
        #expect(digests.map { $0.overdue.map(\.taskID) } == example.overdue, "\(example.name)")
        #expect(digests.map(\.escalated) == example.escalated, "\(example.name)")
        #expect(digests.allSatisfy { !$0.text.isEmpty })
    }

    @Test(arguments: [
        // last report, set on, report every, urged to report
        ("2026-10-10", "2026-01-05", 30, true),
        ("2026-10-20", "2026-01-05", 30, false),
        ("", "2026-10-10", 30, true),  // never reported, set over 30 days ago
        ("", "2026-11-01", 30, false),
        ("2026-01-10", "2026-01-05", 0, false),  // no reporting interval: not urged
    ])
    func unitsAreRemindedToReportOnSchedule(last: String, setOn: String, every: Int, urged: Bool) throws {
        var standing = Self.standing(1, unit: 7, due: "2026-12-31", .inProgress, percent: 20)
        standing.lastReport = last.isEmpty ? nil : Self.day(last)
        standing.setOn = Self.day(setOn)
        let digests = ReformUrging(window: 5, escalateAfter: 10, reportEvery: every > 0 ? every : nil).digests(
            [standing], asOf: Self.asOf, calendar: calendar)
        #expect(digests.first?.silent.map(\.taskID) == (urged ? [1] : nil))
        if urged {
            #expect(
                try #require(digests.first).text.contains(
                    last.isEmpty ? "chưa báo cáo lần nào" : "báo cáo gần nhất ngày \(Self.day(last).vietnamese)"))
        }
    }

    @Test func aDigestSaysWhatIsLateAndWhatIsDue() throws {
        let digests = ReformUrging(window: 5, escalateAfter: 10).digests(
            [
                Self.standing(1, unit: 7, due: "2026-11-18", .inProgress, percent: 40),
                Self.standing(2, unit: 7, due: "2026-11-06", .overdue, late: 6),
            ],
            asOf: Self.asOf, calendar: calendar)
        let text = try #require(digests.first).text
        #expect(
            text == """
                Nhiệm vụ quá hạn (1):
                - Nhiệm vụ 2 — hạn 06/11/2026 (06/11/2026), trễ 6 ngày làm việc, tiến độ 0%.

                Nhiệm vụ sắp đến hạn (1):
                - Nhiệm vụ 1 — hạn 18/11/2026, còn 3 ngày làm việc, tiến độ 40%.
                """)
    }

    @Test func theReportCountsByUnitAndListsLateTasksWithReasons() {
        let standings = [
            Self.standing(1, unit: 7, due: "2026-03-31", .doneOnTime), Self.standing(2, unit: 7, due: "2026-03-31", .overdue, late: 4),
            Self.standing(3, unit: 9, due: "2026-02-27", .doneLate, late: 2),
            Self.standing(4, unit: 9, due: "2026-01-30", .overdue, late: 40),
            Self.standing(5, unit: 9, due: "2026-06-30", .inProgress),
        ]
        let report = ReformReport(standings, reasons: [2: "Chờ ý kiến của Sở Tài chính"], asOf: Self.day("2026-04-07"))
        #expect(report.units.map(\.unitID) == [7, 9])
        #expect(report.units[1].counts == [.doneLate: 1, .overdue: 1, .inProgress: 1])
        #expect(report.totals == [.doneOnTime: 1, .overdue: 2, .doneLate: 1, .inProgress: 1])
        #expect(report.late.map(\.standing.task.id) == [4, 2, 3])
        #expect(report.late.map(\.reason) == ["", "Chờ ý kiến của Sở Tài chính", ""])
        #expect(ReformReport.overdue(standings).map(\.task.id) == [4, 2])
        let sheet = report.spreadsheet(title: "Báo cáo quý I/2026") { "Đơn vị \($0)" }
        #expect(sheet.rows.contains([.text("Tổng cộng"), .number(5), .number(0), .number(1), .number(1), .number(1), .number(2)]))
    }

    @Test(arguments: [(1, "2026-03-31"), (2, "2026-06-30"), (3, "2026-09-30"), (4, "2026-12-31")])
    func aQuarterlyReportIsAsOfTheQuartersLastDay(quarter: Int, last: String) {
        #expect(ReformReport.quarterEnd(year: 2026, quarter: quarter).iso == last)
    }

    static let framework = PARFramework(
        year: 2026, unitKind: .department,
        areas: [
            .init(
                code: "1", name: "Công tác chỉ đạo", max: 10,
                criteria: [
                    .init(
                        code: "1.1", name: "Kế hoạch", max: 4,
                        subCriteria: [.init(code: "1.1.1", name: "Ban hành", max: 1.5), .init(code: "1.1.2", name: "Thực hiện", max: 2.5)]),
                    .init(code: "1.2", name: "Kiểm tra", max: 6),
                ]),
            .init(code: "2", name: "Thủ tục hành chính", max: 5, criteria: [.init(code: "2.1", name: "Công khai", max: 5)]),
        ])

    static let risks: [([String], Double)] = [
        ([], 0), (["1.1.2"], 2.5), (["1.1", "1.1.2"], 4), (["1.1.1", "1.2"], 7.5), (["2"], 5), (["9.9"], 0), (["1", "1.2", "2.1"], 15),
    ]

    @Test(arguments: risks)
    func pointsAtRiskCountEachCriterionOnce(codes: [String], points: Double) {
        #expect(Self.framework.pointsAtRisk(criteria: Set(codes)) == points)
    }
}
