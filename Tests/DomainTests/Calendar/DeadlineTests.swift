import Domain
import Foundation
import PropertyBased
import Testing

/// Rules 1–7 of docs/CALENDAR.md on the official 2024–2026 calendar, in local time (UTC+7).
@Suite struct DeadlineTests {
    static let calculator = DeadlineCalculator(calendar: WorkingCalendar(rows: OfficialCalendar.rows))
    static let clock = LocalClock()
    var calculator: DeadlineCalculator { Self.calculator }

    func at(_ text: String) -> Date { Self.clock.instant(parsing: text)! }
    func local(_ date: Date) -> String { String(Self.clock.iso(date).prefix(16)) }

    @Test(arguments: [
        ("2026-03-02T09:10", "2026-03-02T09:10"),  // Monday, in office hours
        ("2026-03-06T16:55", "2026-03-06T16:55"),  // Friday 16:55 starts then
        ("2026-03-06T17:00", "2026-03-09T08:00"),  // closing time → Monday morning
        ("2026-03-07T10:00", "2026-03-09T08:00"),  // Saturday
        ("2026-03-04T12:30", "2026-03-04T13:00"),  // lunch → afternoon
        ("2026-03-04T07:15", "2026-03-04T08:00"),  // before opening
        ("2026-02-13T23:00", "2026-02-23T08:00"),  // 23:00 before the Tết break
        ("2026-02-16T23:00", "2026-02-23T08:00"),  // 23:00 on the eve of Tết, inside the break
        ("2026-08-21T18:00", "2026-08-22T08:00"),  // Friday evening → the swapped Saturday worked
        ("2026-01-01T10:00", "2026-01-05T08:00"),  // New Year 2026: Thursday 1/1 and the swapped Friday 2/1 off
        ("2026-01-09T18:00", "2026-01-10T08:00"),  // Friday evening → Saturday 10/1/2026 worked (12729/VPCP-KGVX)
    ])
    func rule1DeemedReceipt(received: String, start: String) throws {
        #expect(local(try calculator.deemedReceipt(of: at(received))) == start)
    }

    @Test(arguments: [
        // Rule 2: N working days end at the end of the same half-day on the N-th working day.
        ("2026-03-02T09:10", 5.0, "2026-03-09T12:00"),
        ("2026-03-02T14:00", 5.0, "2026-03-09T17:00"),
        ("2026-03-06T16:55", 1.0, "2026-03-09T17:00"),
        ("2026-03-07T10:00", 1.0, "2026-03-10T12:00"),
        ("2026-02-12T09:30", 5.0, "2026-02-26T12:00"),  // across the 2026 Tết break
        ("2026-02-13T23:00", 1.0, "2026-02-24T12:00"),
        ("2026-08-27T10:00", 3.0, "2026-09-04T12:00"),  // across 29/8 – 2/9/2026
        ("2026-08-20T09:00", 2.0, "2026-08-22T12:00"),  // the swapped Saturday counts
        ("2025-04-24T15:00", 2.0, "2025-04-26T17:00"),
        ("2024-02-07T10:00", 1.0, "2024-02-15T12:00"),
        ("2026-04-24T10:00", 1.0, "2026-04-28T12:00"),  // Hùng Kings on Sunday → Monday 27/4 off
        ("2025-12-31T09:00", 1.0, "2026-01-05T12:00"),  // not Friday 2/1/2026: swapped off (12729/VPCP-KGVX)
        ("2026-01-08T09:00", 2.0, "2026-01-10T12:00"),  // Saturday 10/1/2026 is worked instead
        // Rule 3: half days and "trong ngày".
        ("2026-03-02T09:10", 0.5, "2026-03-02T17:00"),
        ("2026-03-02T14:00", 0.5, "2026-03-03T12:00"),
        // 0 days, "trong ngày": the end of the working day, or of the next one from the cut-off (15:00 by default).
        ("2026-03-02T09:10", 0.0, "2026-03-02T17:00"),
        ("2026-03-02T11:51", 0.0, "2026-03-02T17:00"),  // issue 21: was 12:00 ("0 giờ 7 phút")
        ("2026-03-02T14:00", 0.0, "2026-03-02T17:00"),
        ("2026-03-02T15:00", 0.0, "2026-03-03T17:00"),  // at the cut-off: the next working day
        ("2026-03-06T16:30", 0.0, "2026-03-09T17:00"),  // Friday after the cut-off → Monday
        ("2026-03-07T10:00", 0.0, "2026-03-09T17:00"),  // Saturday: deemed Monday 08:00, before the cut-off
        ("2026-02-13T15:30", 0.0, "2026-02-23T17:00"),  // the Friday before Tết, after the cut-off
        ("2026-03-02T09:10", 2.5, "2026-03-04T17:00"),
        ("2026-02-13T14:00", 0.5, "2026-02-23T12:00"),
    ])
    func rules2And3WorkingDays(received: String, days: Double, due: String) throws {
        #expect(local(try calculator.due(receivedAt: at(received), limit: .days(days))) == due)
    }

    /// A procedure's own cut-off, with its source, replaces the documented 15:00 (issue 21, point 8).
    @Test(arguments: [
        ("2026-03-02T15:30", "16:00", "2026-03-02T17:00"), ("2026-03-02T16:00", "16:00", "2026-03-03T17:00"),
        ("2026-03-02T10:00", "10:00", "2026-03-03T17:00"), ("2026-03-02T09:59", "10:00", "2026-03-02T17:00"),
    ])
    func aProceduresOwnCutoff(received: String, cutoff: String, due: String) throws {
        let rule = try SameDayRule(cutoff: cutoff, source: "Văn bản thử nghiệm")
        #expect(local(try calculator.due(receivedAt: at(received), limit: .days(0), sameDay: rule)) == due)
        let schedule = try calculator.schedule(receivedAt: at(received), limit: .days(0), sameDay: rule)
        #expect(local(schedule.firstDue) == due && schedule.steps[1].text.hasPrefix("Trong ngày (nhận trước \(cutoff)"))
    }

    @Test func aSameDayRuleIsReadWithItsSource() throws {
        let procedure = #"{"cutoff": "15:30", "source": "Điều 16 Luật Hộ tịch (thử)"}"#
        let rule = try JSONDecoder().decode(SameDayRule.self, from: Data(procedure.utf8))
        #expect(rule.cutoffMinute == 15 * 60 + 30 && rule.cutoff == "15:30")
        #expect(throws: SameDayRule.Problem.unreadableCutoff("25:00")) { try SameDayRule(cutoff: "25:00", source: "x") }
        #expect(throws: SameDayRule.Problem.noSource) { try SameDayRule(cutoff: "15:00", source: " ") }
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(SameDayRule.self, from: Data(#"{"cutoff": "3pm", "source": "x"}"#.utf8))
        }
        #expect(TimeLimit.workingDays(halfDays: 0).description == "Trong ngày")
        #expect(
            SameDayRule.documented.description == "Trong ngày (nhận trước 15:00 trả trong ngày; từ 15:00 trả trong ngày làm việc tiếp theo)"
        )
    }

    @Test(arguments: [
        ("2026-03-02T09:10", 8.0, "2026-03-03T09:10"),
        ("2026-03-06T16:55", 8.0, "2026-03-09T16:55"),
        ("2026-03-02T10:00", 3.0, "2026-03-02T14:00"),
        ("2026-03-02T08:00", 4.0, "2026-03-02T12:00"),  // ends at noon, not at 13:00
        ("2026-03-02T13:00", 4.0, "2026-03-02T17:00"),
        ("2026-02-13T15:00", 4.0, "2026-02-23T10:00"),
    ])
    func rule4WorkingHours(received: String, hours: Double, due: String) throws {
        #expect(local(try calculator.due(receivedAt: at(received), limit: .hours(hours))) == due)
    }

    @Test func rule5PauseCarriesTheRemainingTimeAndEndsAtTheHalfDay() throws {
        let schedule = try calculator.schedule(
            receivedAt: at("2026-03-02T09:00"), limit: .days(5),
            pauses: [.init(pausedAt: at("2026-03-04T10:00"), resumedAt: at("2026-03-16T14:00"))])
        #expect(local(schedule.firstDue) == "2026-03-09T12:00")
        // 26 office hours were left; from Monday 16/3 14:00 they end Thursday 16:00 → end of that afternoon.
        #expect(local(try #require(schedule.due)) == "2026-03-19T17:00")
        #expect(schedule.steps.map(\.rule) == ["receipt", "limit", "pause", "resume", "due"])
        #expect(schedule.steps[2].text.contains("26 giờ 0 phút"))
    }

    @Test func rule5HoursResumeToTheMinute() throws {
        let schedule = try calculator.schedule(
            receivedAt: at("2026-03-02T09:00"), limit: .hours(8),
            pauses: [.init(pausedAt: at("2026-03-02T11:00"), resumedAt: at("2026-03-02T15:00"))])
        #expect(local(try #require(schedule.due)) == "2026-03-03T12:00")
    }

    @Test func rule5APausedDossierHasNoDueDate() throws {
        let schedule = try calculator.schedule(
            receivedAt: at("2026-03-02T09:00"), limit: .days(1), pauses: [.init(pausedAt: at("2026-03-02T10:30"), resumedAt: nil)])
        #expect(schedule.due == nil)
        // Due Tuesday 12:00: Monday 10:30–12:00 and 13:00–17:00, Tuesday 08:00–12:00 are left.
        #expect(schedule.remainingWhilePaused == Int64((90 + 240 + 240) * 60))
    }

    @Test func rule5PausesOutOfOrderAreRefused() {
        #expect(throws: DeadlineCalculator.Problem.pauseOutOfOrder) {
            try calculator.schedule(
                receivedAt: at("2026-03-02T09:00"), limit: .days(5),
                pauses: [.init(pausedAt: at("2026-03-04T10:00"), resumedAt: at("2026-03-03T10:00"))])
        }
        #expect(throws: DeadlineCalculator.Problem.pauseOutOfOrder) {
            try calculator.schedule(
                receivedAt: at("2026-03-02T09:00"), limit: .days(5),
                pauses: [.init(pausedAt: at("2026-03-01T10:00"), resumedAt: at("2026-03-03T10:00"))])
        }
    }

    @Test func theExplanationNamesTheSkippedDays() throws {
        let schedule = try calculator.schedule(receivedAt: at("2026-02-12T09:30"), limit: .days(5))
        let texts = schedule.steps.map(\.text)
        #expect(texts.contains("Không tính 16/02/2026–20/02/2026: Tết Âm lịch."))
        #expect(texts.last == "Hẹn trả kết quả: 26/02/2026 12:00.")
        let swapped = try calculator.schedule(receivedAt: at("2026-08-20T09:00"), limit: .days(2))
        #expect(swapped.steps.contains { $0.rule == "swappedWorkday" && $0.text.hasPrefix("Tính 22/08/2026") })
    }

    @Test func rule6StepBudgetsAddUpAndEachStepHasItsDue() throws {
        let steps = try StepBudgets([.days(0.5), .days(3), .days(1), .days(0.5)], total: .days(5))
        let dues = try steps.dues(receivedAt: at("2026-03-02T09:10"), calculator: calculator)
        #expect(dues.map(local) == ["2026-03-02T17:00", "2026-03-05T17:00", "2026-03-06T17:00", "2026-03-09T12:00"])
        #expect(StepBudgets.isLate(finished: at("2026-03-06T08:30"), due: dues[1]))
        #expect(throws: StepBudgets.Problem.doNotAddUp(expected: try .days(5))) { try StepBudgets([.days(2), .days(2)], total: .days(5)) }
        #expect(throws: StepBudgets.Problem.doNotAddUp(expected: try .days(1))) { try StepBudgets([.hours(8)], total: .days(1)) }
    }

    @Test func rule7AnExtensionNeverMovesTheOriginalDue() throws {
        var appointment = Appointment(originalDue: at("2026-03-09T12:00"))
        try appointment.extend(to: at("2026-03-12T17:00"), reason: "Cần xác minh thêm", decidedAt: at("2026-03-06T10:00"))
        #expect(appointment.currentDue == at("2026-03-12T17:00"))
        #expect(appointment.originalDue == at("2026-03-09T12:00"))
        #expect(!appointment.isOnTime(returnedAt: at("2026-03-11T09:00")))
        #expect(throws: Appointment.Problem.notLater) {
            try appointment.extend(to: at("2026-03-10T17:00"), reason: "x", decidedAt: at("2026-03-06T10:00"))
        }
        #expect(throws: Appointment.Problem.reasonMissing) {
            try appointment.extend(to: at("2026-03-20T17:00"), reason: " ", decidedAt: at("2026-03-06T10:00"))
        }
    }

    @Test(arguments: [-1.0, 0.3, 1.25])
    func badDayLimitsAreRefused(days: Double) {
        #expect(throws: TimeLimit.Problem.self) { try TimeLimit.days(days) }
    }

    @Test(arguments: [
        "2026-02-30T09:00", "2026-02-12 9:30", "2026-02-12T25:00", "yesterday", "2026-02-12T09:30+99:00",
        "2026-02-12T09:30:61", "2026-02-12T09:30+07", "2026-02-12T09:30 ", "2026-02-12T09:30Z+07:00", "2026/02/12T09:30", "",
    ])
    func malformedInstantsAreRefused(text: String) {
        #expect(Self.clock.instant(parsing: text) == nil)
    }

    @Test func instantsParseWithOffsets() {
        #expect(Self.clock.instant(parsing: "2026-02-12T02:30:00Z") == Self.clock.instant(parsing: "2026-02-12T09:30:00+07:00"))
        #expect(Self.clock.iso(at("2026-02-12T09:30")) == "2026-02-12T09:30:00+07:00")
        #expect(Self.clock.instant(parsing: "2026-02-12 09:30") == Self.clock.instant(parsing: "2026-02-12T02:30Z"))
        #expect(
            Self.clock.instant(parsing: "2026-02-12T09:30:15-01:30")?.timeIntervalSince1970
                == Self.clock.instant(parsing: "2026-02-12T11:00:15Z")?.timeIntervalSince1970)
    }

    /// More time never gives an earlier due date, and a due date is never before receipt.
    @Test func moreDaysNeverGiveAnEarlierDate() async {
        let start = at("2024-01-01T00:00").timeIntervalSince1970
        await propertyCheck(count: 500, input: Gen.int(in: 0...(3 * 365 * 24 * 60)), Gen.int(in: 0...120), Gen.int(in: 0...20)) {
            minute, halfDays, extra in
            let received = Date(timeIntervalSince1970: start + Double(minute) * 60)
            let shorter = try? calculator.due(receivedAt: received, limit: .workingDays(halfDays: halfDays))
            let longer = try? calculator.due(receivedAt: received, limit: .workingDays(halfDays: halfDays + extra))
            #expect(shorter != nil && longer != nil)
            if let shorter, let longer {
                #expect(shorter <= longer)
                #expect(shorter > received)
            }
        }
    }

    @Test func moreHoursNeverGiveAnEarlierInstant() async {
        let start = at("2024-01-01T00:00").timeIntervalSince1970
        await propertyCheck(count: 500, input: Gen.int(in: 0...(3 * 365 * 24 * 60)), Gen.int(in: 1...4000), Gen.int(in: 0...600)) {
            minute, minutes, extra in
            let received = Date(timeIntervalSince1970: start + Double(minute) * 60)
            let shorter = try? calculator.due(receivedAt: received, limit: .workingHours(minutes: minutes))
            let longer = try? calculator.due(receivedAt: received, limit: .workingHours(minutes: minutes + extra))
            if let shorter, let longer {
                #expect(shorter <= longer)
                #expect((try? calculator.workingSeconds(from: received, to: shorter)) == Int64(minutes) * 60)
            } else {
                Issue.record("no due date for \(received)")
            }
        }
    }
}
