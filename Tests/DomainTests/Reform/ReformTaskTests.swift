import Domain
import Testing

/// Deadlines as the working group writes them (quarters ending on a holiday or a weekend), and a task's status
/// on any day as a pure function of its history, with lateness in working days and carry-over at year end.
@Suite struct ReformTaskTests {
    let calendar = WorkingCalendar(rows: OfficialCalendar.rows)

    @Test(arguments: [
        ("quý I/2026", "2026-03-31", "Quý I/2026"),        // a Tuesday
        ("Quý 3/2026", "2026-09-30", "Quý III/2026"),
        ("quy IV nam 2026", "2026-12-31", "Quý IV/2026"),
        ("Quý II/2026", "2026-06-30", "Quý II/2026"),
        ("quý I/2023", "2023-03-31", "Quý I/2023"),        // outside the shipped years: Monday–Friday
        ("quý III/2024", "2024-09-30", "Quý III/2024"),
        ("tháng 8/2026", "2026-08-28", "Tháng 8/2026"),     // 31 Aug 2026 is off (National Day holiday), 29–30 the weekend
        ("tháng 2/2026", "2026-02-27", "Tháng 2/2026"),     // 28 Feb 2026 is a Saturday
        ("năm 2026", "2026-12-31", "Năm 2026"),
        ("30/6/2026", "2026-06-30", "30/06/2026"),
        ("2026-05-01", "2026-05-01", "01/05/2026"),          // a date is kept even on a holiday
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

    @Test(arguments: [
        // history, as of, status, working days late
        ([ReformTaskEvent](), "2026-03-01", ReformTaskStatus.notStarted, 0),
        ([.progress(on: day("2026-02-10"), percent: 40)], "2026-03-01", .inProgress, 0),
        ([.progress(on: day("2026-02-10"), percent: 40)], "2026-02-09", .notStarted, 0),      // not yet known that day
        ([.progress(on: day("2026-02-10"), percent: 40)], "2026-04-03", .overdue, 3),         // 1, 2, 3 April
        ([.completionReported(on: day("2026-03-30")), .completionAccepted(on: day("2026-04-06"))], "2026-04-10", .doneOnTime, 0),
        ([.completionReported(on: day("2026-03-30")), .completionAccepted(on: day("2026-04-06"))], "2026-04-01", .overdue, 1),  // accepted later
        ([.completionReported(on: day("2026-04-02")), .completionAccepted(on: day("2026-04-03"))], "2026-12-31", .doneLate, 2),
        ([.completionReported(on: day("2026-03-20")), .completionReturned(on: day("2026-03-25"))], "2026-04-01", .overdue, 1),
        ([.completionReported(on: day("2026-03-20")), .completionReturned(on: day("2026-03-25")), .completionReported(on: day("2026-04-30")),
          .completionAccepted(on: day("2026-05-04"))], "2026-05-05", .doneLate, 20),          // April: 22 working days less 27 and 30 April (holidays)
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
