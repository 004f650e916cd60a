import Domain
import Testing

/// Deadlines as the working group writes them (quarters ending on a holiday or a weekend), and a task's status
/// on any day as a pure function of its history, with lateness in working days and carry-over at year end.
@Suite struct ReformTaskTests {
    let calendar = WorkingCalendar(rows: OfficialCalendar.rows)

    @Test(arguments: [
        ("quý I/2026", "2026-03-31", "Quý I/2026"),  // a Tuesday
        ("Quý 3/2026", "2026-09-30", "Quý III/2026"),
        ("quy IV nam 2026", "2026-12-31", "Quý IV/2026"),
        ("Quý II/2026", "2026-06-30", "Quý II/2026"),
        ("quý I/2023", "2023-03-31", "Quý I/2023"),  // outside the shipped years: Monday–Friday
        ("quý III/2024", "2024-09-30", "Quý III/2024"),
        ("tháng 8/2026", "2026-08-28", "Tháng 8/2026"),  // 31 Aug 2026 is off (National Day holiday), 29–30 the weekend
        ("tháng 2/2026", "2026-02-27", "Tháng 2/2026"),  // 28 Feb 2026 is a Saturday
        ("năm 2026", "2026-12-31", "Năm 2026"),
        ("30/6/2026", "2026-06-30", "30/06/2026"),
        ("2026-05-01", "2026-05-01", "01/05/2026"),  // a date is kept even on a holiday
    ])
    func aDeadlineIsTheLastWorkingDayOfItsPeriod(text: String, due: String, shown: String) throws {
        let deadline = try #require(ReformDeadline(parsing: text))
        #expect(deadline.dueDate(in: calendar).iso == due)
        #expect(deadline.text == shown)
    }

    @Test(arguments: ["quý V/2026", "quý I", "tháng 13/2026", "31/2/2026", "sớm", "", "năm 1999"])
    func aDeadlineThatIsNotOneIsRefused(text: String) {
        #expect(ReformDeadline(parsing: text) == nil)
    }

    static let due = LocalDate(iso: "2026-03-31")!
    static func day(_ iso: String) -> LocalDate { LocalDate(iso: iso)! }

    @Test(
        arguments: [
            // history, as of, status, working days late
            ([ReformTaskEvent](), "2026-03-01", ReformTaskStatus.notStarted, 0),
            ([.progress(on: day("2026-02-10"), percent: 40)], "2026-03-01", .inProgress, 0),
            ([.progress(on: day("2026-02-10"), percent: 40)], "2026-02-09", .notStarted, 0),  // not yet known that day
            ([.progress(on: day("2026-02-10"), percent: 40)], "2026-04-03", .overdue, 3),  // 1, 2, 3 April
            ([.completionReported(on: day("2026-03-30")), .completionAccepted(on: day("2026-04-06"))], "2026-04-10", .doneOnTime, 0),
            ([.completionReported(on: day("2026-03-30")), .completionAccepted(on: day("2026-04-06"))], "2026-04-01", .overdue, 1),  // accepted later
            ([.completionReported(on: day("2026-04-02")), .completionAccepted(on: day("2026-04-03"))], "2026-12-31", .doneLate, 2),
            ([.completionReported(on: day("2026-03-20")), .completionReturned(on: day("2026-03-25"))], "2026-04-01", .overdue, 1),
            (
                [
                    .completionReported(on: day("2026-03-20")), .completionReturned(on: day("2026-03-25")),
                    .completionReported(on: day("2026-04-30")),
                    .completionAccepted(on: day("2026-05-04")),
                ], "2026-05-05", .doneLate, 20
            ),  // April: 22 working days less 27 and 30 April (holidays)
        ] as [([ReformTaskEvent], String, ReformTaskStatus, Int)])
    func theStatusOnAnyDay(history: [ReformTaskEvent], asOf: String, status: ReformTaskStatus, daysLate: Int) {
        let derived = ReformTaskStatus.of(due: Self.due, history: history, asOf: Self.day(asOf), calendar: calendar)
        #expect(derived.status == status && derived.daysLate == daysLate)
    }

    @Test func unfinishedTasksAreCarriedOverAndCountAsLate() {
        let unfinished: [ReformTaskEvent] = [.progress(on: Self.day("2026-06-01"), percent: 80)]
        #expect(ReformTaskStatus.isCarriedOver(due: Self.due, history: unfinished, planYear: 2026, calendar: calendar))
        let done: [ReformTaskEvent] = [.completionReported(on: Self.day("2026-12-30")), .completionAccepted(on: Self.day("2026-12-31"))]
        #expect(!ReformTaskStatus.isCarriedOver(due: Self.due, history: done, planYear: 2026, calendar: calendar))
        // Finished next year under the new plan: done late, counted from its original deadline.
        let later = unfinished + [.completionReported(on: Self.day("2027-01-15")), .completionAccepted(on: Self.day("2027-01-20"))]
        #expect(ReformTaskStatus.of(due: Self.due, history: later, asOf: Self.day("2027-02-01"), calendar: calendar).status == .doneLate)
    }
}

@Suite struct ReformProgressTests {
    @Test(
        arguments: [
            ([(1.0, 100), (1.0, 0)], 50), ([(3.0, 100), (1.0, 0)], 75), ([(1.0, 100), (1.0, 100)], 100), ([(1.0, 99), (1.0, 100)], 99),
            ([(2.0, 50), (0.0, 100)], 50), ([], 0), ([(1.0, 130), (1.0, -5)], 50),
        ] as [([(Double, Int)], Int)])
    func aParentsProgressIsTheWeightedMeanOfItsParts(parts: [(Double, Int)], percent: Int) {
        #expect(ReformProgress.rollUp(parts.map { (weight: $0.0, percent: $0.1) }) == percent)
    }

    @Test(arguments: [
        ("", ReformTaskKind?.some(.task)), ("training", .training), ("Tập huấn", .training), ("tap huan, boi duong", .training),
        ("Báo cáo", .report), ("thí điểm", .pilot), ("họp", nil),
    ])
    func aKindIsReadFromACell(cell: String, kind: ReformTaskKind?) {
        #expect(ReformTaskKind(cell: cell) == kind)
    }
}

@Suite struct ReformTaskSheetTests {
    static let units: [String: Int64] = ["van phong ubnd thanh pho": 1, "so noi vu": 2, "phuong hoan kiem": 3, "00070": 3]
    static func unit(_ text: String) -> Int64? { units[VietnameseText.folded(text)] }
    static let header = "Nội dung,Văn bản giao,Đơn vị chủ trì,Đơn vị phối hợp,Thời hạn,Loại,Tiêu chí PAR"

    @Test func theWorkingGroupsSheetIsRead() throws {
        let text =
            Self.header + "\n"
            + "\"Tập huấn về kiểm soát thủ tục hành chính\",Thông báo 90/TB-VP,Văn phòng UBND Thành phố,Sở Nội vụ; 00070,quý III/2023,Tập huấn,3.1\n"
            + "Hoàn thành nhiệm vụ năm 2022 còn chậm,Thông báo 90/TB-VP,Sở Nội vụ,,quý I/2023,,1.2;1.3\n\n"
        let rows = try ReformTaskSheet.read(csv: text, unit: Self.unit)
        #expect(rows.count == 2)
        #expect(
            rows[0].leadUnitID == 1 && rows[0].supportingUnitIDs == [2, 3] && rows[0].kind == .training
                && rows[0].deadline == .quarter(year: 2023, quarter: 3))
        #expect(rows[1].kind == .task && rows[1].parCriteria == ["1.2", "1.3"] && rows[1].line == 3)
    }

    static let bad: [(String, ReformTaskSheet.Problem)] = {
        let header: String = Self.header + "\n"
        var cases: [(String, ReformTaskSheet.Problem)] = [("Nội dung,Đơn vị chủ trì\nx,Sở Nội vụ\n", .missingColumn("Văn bản giao"))]
        cases.append((header + "x,TB,Sở Tài chính,,quý I/2026,,\n", .unknownUnit(line: 2, column: "Đơn vị chủ trì", value: "Sở Tài chính")))
        cases.append(
            (
                header + "x,TB,Sở Nội vụ,Phường Ba Đình,quý I/2026,,\n",
                .unknownUnit(line: 2, column: "Đơn vị phối hợp", value: "Phường Ba Đình")
            ))
        cases.append((header + "x,TB,Sở Nội vụ,,sớm nhất có thể,,\n", .badDeadline(line: 2, value: "sớm nhất có thể")))
        cases.append((header + "x,TB,Sở Nội vụ,,quý I/2026,họp,\n", .badKind(line: 2, value: "họp")))
        cases.append((header + ",TB,Sở Nội vụ,,quý I/2026,,\n", .emptyContent(line: 2)))
        cases.append((header + "x,TB,Sở Nội vụ\n", .fieldCount(line: 2, expected: 7, found: 3)))
        return cases
    }()

    @Test(arguments: bad)
    func aBadSheetIsRefusedAtItsLine(text: String, problem: ReformTaskSheet.Problem) {
        #expect(throws: problem) { try ReformTaskSheet.read(csv: text, unit: Self.unit) }
    }
}
