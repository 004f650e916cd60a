import Foundation

/// The deadline arithmetic of docs/CALENDAR.md (rules 1–5), as pure functions of a working calendar, office
/// hours and explicit instants — no clock. Instants are UTC `Date`s; days and sessions are local.
///
/// Working time is measured on one axis: the office seconds since the start of the calendar's span, so that
/// "working time between two instants" and "an instant plus working time" are a subtraction and an array
/// look-up.
public struct DeadlineCalculator: Sendable {
    public let calendar: WorkingCalendar
    public let officeHours: OfficeHours

    public init(calendar: WorkingCalendar, officeHours: OfficeHours = .standard) {
        self.calendar = calendar
        self.officeHours = officeHours
    }

    public enum Problem: Error, Equatable {
        /// The instant lies outside the years the calendar covers.
        case outsideCalendar(Date)
        /// A resume before its pause, or pauses that overlap or are out of order.
        case pauseOutOfOrder
        case limit(TimeLimit.Problem)
    }

    // MARK: Rule 1 — deemed receipt

    /// A dossier received inside office hours starts then; one received outside them (night, lunch, weekend,
    /// holiday) is deemed received at the start of the next working half-day.
    public func deemedReceipt(of received: Date) throws(Problem) -> Date {
        let position = try self.position(of: received)
        return try instant(at: position.halfDayStart, roundedToHalfDay: false, minimum: received)
    }

    // MARK: Rules 2–4 — the due instant

    /// The due instant of a limit counted from receipt.
    /// - Days (rules 2 and 3): the end of the half-day that lies `halfDays` working half-days after the
    ///   half-day of the deemed receipt (12:00 or 17:00).
    /// - 0 days ("trong ngày"): the end of the working day of the deemed receipt, or of the next working day when
    ///   it is at or after the procedure's cut-off (``SameDayRule``).
    /// - Hours (rule 4): the deemed receipt plus that many office minutes.
    public func due(receivedAt received: Date, limit: TimeLimit, sameDay: SameDayRule = .documented) throws(Problem) -> Date {
        let start = try position(of: received)
        switch limit {
        case .workingDays(0):
            let deemed = try deemedReceipt(of: received)
            let day = start.halfDayIndex / 2
            let beforeCutoff = LocalClock(utcOffsetMinutes: officeHours.utcOffsetMinutes).minuteOfDay(deemed) < sameDay.cutoffMinute
            return try endOfHalfDay(2 * (beforeCutoff ? day : day + 1) + 1)
        case .workingDays(let halfDays):
            guard halfDays >= 0 else { throw .limit(.negative) }
            return try endOfHalfDay(start.halfDayIndex + halfDays)
        case .workingHours(let minutes):
            guard minutes >= 0 else { throw .limit(.negative) }
            return try instant(at: start.seconds + Int64(minutes) * 60, roundedToHalfDay: false)
        }
    }

    // MARK: Rule 5 — working time between instants, pause and resume

    /// Office seconds between two instants (zero when `end` is not after `start`).
    public func workingSeconds(from start: Date, to end: Date) throws(Problem) -> Int64 {
        max(0, try position(of: end).seconds - position(of: start).seconds)
    }

    /// The new due instant after a pause: the working time left at the pause is added to the deemed resume
    /// time. Limits in days end at the end of the half-day reached; limits in hours end to the minute.
    public func resumedDue(due: Date, pausedAt pause: Date, resumedAt resume: Date, limit: TimeLimit) throws(Problem) -> Date {
        guard resume >= pause else { throw .pauseOutOfOrder }
        let remaining = try workingSeconds(from: pause, to: due)
        let start = try position(of: resume)
        if case .workingDays = limit {
            return try instant(at: start.seconds + remaining, roundedToHalfDay: true)
        }
        return try instant(at: start.seconds + remaining, roundedToHalfDay: false)
    }

    /// The instant `seconds` of office time after `start` (counted from its deemed receipt).
    public func instant(after seconds: Int64, from start: Date) throws(Problem) -> Date {
        try instant(at: try position(of: start).seconds + max(0, seconds), roundedToHalfDay: false)
    }

    // MARK: Positions on the working-time axis

    /// Where an instant falls: office seconds elapsed before it (within the span), the working half-day it
    /// counts in (the next one when outside office hours), and that half-day's start.
    struct Position {
        var seconds: Int64
        var halfDayIndex: Int
        var halfDayStart: Int64
    }

    func position(of instant: Date) throws(Problem) -> Position {
        let local = Int64((instant.timeIntervalSince1970).rounded(.down)) + Int64(officeHours.utcOffsetMinutes) * 60
        let localDay = Int((Double(local) / 86_400).rounded(.down))
        let secondOfDay = Int(local - Int64(localDay) * 86_400)
        let dayNumber = localDay + 2_440_588  // 1970-01-01 is JDN 2 440 588
        guard let index = calendar.workingIndex(onOrAfter: dayNumber), calendar.workingDay(at: index) != nil else {
            throw .outsideCalendar(instant)
        }
        let day = Int64(officeHours.daySeconds)
        let morning = Int64(officeHours.morningSeconds)
        let base = Int64(index) * day
        guard calendar.workingDay(at: index) == dayNumber else {
            // Not a working day: counts from the next working day's morning.
            return Position(seconds: base, halfDayIndex: 2 * index, halfDayStart: base)
        }
        let hours = officeHours
        switch secondOfDay {
        case ..<(hours.morningStart * 60):
            return Position(seconds: base, halfDayIndex: 2 * index, halfDayStart: base)
        case ..<(hours.morningEnd * 60):
            return Position(seconds: base + Int64(secondOfDay - hours.morningStart * 60), halfDayIndex: 2 * index, halfDayStart: base)
        case ..<(hours.afternoonStart * 60):
            return Position(seconds: base + morning, halfDayIndex: 2 * index + 1, halfDayStart: base + morning)
        case ..<(hours.afternoonEnd * 60):
            return Position(
                seconds: base + morning + Int64(secondOfDay - hours.afternoonStart * 60), halfDayIndex: 2 * index + 1,
                halfDayStart: base + morning)
        default:
            let next = base + day
            return Position(seconds: next, halfDayIndex: 2 * index + 2, halfDayStart: next)
        }
    }

    /// The instant that ends a working half-day (12:00 for even indexes, 17:00 for odd ones).
    func endOfHalfDay(_ halfDayIndex: Int) throws(Problem) -> Date {
        guard let dayNumber = calendar.workingDay(at: halfDayIndex / 2) else { throw .outsideCalendar(Date.distantFuture) }
        let minute = halfDayIndex % 2 == 0 ? officeHours.morningEnd : officeHours.afternoonEnd
        return localInstant(dayNumber: dayNumber, second: minute * 60)
    }

    /// The instant at which `seconds` of office time have elapsed. A point that is both the end of one
    /// session and the start of the next is read as the end (a due time of 17:00, not 08:00 the next day),
    /// except for a start (`minimum` given), which is the beginning of the next session.
    func instant(at seconds: Int64, roundedToHalfDay: Bool, minimum: Date? = nil) throws(Problem) -> Date {
        let day = Int64(officeHours.daySeconds)
        let morning = Int64(officeHours.morningSeconds)
        var index = Int(seconds / day)
        var within = seconds % day
        if minimum == nil, within == 0, index > 0 {
            index -= 1
            within = day
        }
        if roundedToHalfDay { within = within <= morning ? (within == 0 ? 0 : morning) : day }
        guard let dayNumber = calendar.workingDay(at: index) else { throw .outsideCalendar(Date.distantFuture) }
        let second: Int
        if minimum != nil {
            second =
                within < morning ? officeHours.morningStart * 60 + Int(within) : officeHours.afternoonStart * 60 + Int(within - morning)
        } else {
            second =
                within <= morning ? officeHours.morningStart * 60 + Int(within) : officeHours.afternoonStart * 60 + Int(within - morning)
        }
        let result = localInstant(dayNumber: dayNumber, second: second)
        if let minimum, result < minimum { return minimum }
        return result
    }

    func localInstant(dayNumber: Int, second: Int) -> Date {
        let local = Int64(dayNumber - 2_440_588) * 86_400 + Int64(second)
        return Date(timeIntervalSince1970: TimeInterval(local - Int64(officeHours.utcOffsetMinutes) * 60))
    }
}

extension DeadlineCalculator.Problem {
    /// The reason in Vietnamese, for pages and the command line.
    public var message: String {
        switch self {
        case .outsideCalendar: "Thời điểm nằm ngoài khoảng năm của lịch làm việc (2000–2100)."
        case .pauseOutOfOrder: "Các lần tạm dừng và tiếp tục phải theo thứ tự thời gian, sau thời điểm tiếp nhận."
        case .limit(let problem): problem.message
        }
    }
}
