import Foundation

/// A dossier's due date with its history: receipt, the limit, each pause and resume (rule 5), and the
/// explanation of every step in Vietnamese, for the control sheet, the command line and the calendar page.
public struct DeadlineSchedule: Sendable, Equatable {
    /// A stop of the clock (tạm dừng): a supplement requested, awaiting financial obligations. A pause
    /// without resume means the dossier is paused now.
    public struct Pause: Sendable, Equatable {
        public var pausedAt: Date
        public var resumedAt: Date?
        public init(pausedAt: Date, resumedAt: Date?) {
            self.pausedAt = pausedAt
            self.resumedAt = resumedAt
        }
    }

    public struct Step: Sendable, Equatable, Codable {
        /// A stable key of the rule applied: receipt, limit, nonWorkingDay, swappedWorkday, pause, resume, due.
        public var rule: String
        public var text: String
    }

    public var receivedAt: Date
    public var deemedReceipt: Date
    public var limit: TimeLimit
    /// The due instant before any pause.
    public var firstDue: Date
    /// The due instant now in force; nil while paused.
    public var due: Date?
    /// Office seconds left when paused (nil when running).
    public var remainingWhilePaused: Int64?
    public var steps: [Step]
}

extension DeadlineCalculator {
    /// Computes the due instant of a limit received at an instant, through its pauses in order.
    public func schedule(
        receivedAt received: Date, limit: TimeLimit, pauses: [DeadlineSchedule.Pause] = [],
        sameDay: SameDayRule = .documented
    ) throws(Problem) -> DeadlineSchedule {
        let deemed = try deemedReceipt(of: received)
        let firstDue = try due(receivedAt: received, limit: limit, sameDay: sameDay)
        var steps: [DeadlineSchedule.Step] = []
        let clock = LocalClock(utcOffsetMinutes: officeHours.utcOffsetMinutes)
        if deemed == received {
            steps.append(
                .init(
                    rule: "receipt",
                    text: "Tiếp nhận lúc \(clock.text(received)), trong giờ làm việc: bắt đầu tính thời hạn từ thời điểm này."))
        } else {
            steps.append(
                .init(
                    rule: "receipt",
                    text:
                        "Tiếp nhận lúc \(clock.text(received)), ngoài giờ làm việc: coi như tiếp nhận lúc \(clock.text(deemed)) (đầu buổi làm việc kế tiếp)."
                ))
        }
        switch limit {
        case .workingDays(0):
            steps.append(.init(rule: "limit", text: "\(sameDay.description): hẹn trả lúc \(clock.text(firstDue))."))
        case .workingDays(let halfDays):
            let session = clock.isMorning(deemed, officeHours) ? "buổi sáng" : "buổi chiều"
            steps.append(
                .init(
                    rule: "limit",
                    text:
                        "Thời hạn \(limit): hẹn trả vào cuối buổi làm việc thứ \(halfDays) sau \(session) tiếp nhận, tức \(clock.text(firstDue))."
                ))
        case .workingHours:
            steps.append(
                .init(
                    rule: "limit",
                    text: "Thời hạn \(limit): cộng số phút làm việc từ thời điểm tiếp nhận, hết hạn lúc \(clock.text(firstDue))."))
        }
        steps += calendarSteps(from: deemed, to: firstDue, clock: clock)
        var current: Date? = firstDue
        var remaining: Int64?
        var previousResume = received
        for pause in pauses {
            guard let due = current, pause.pausedAt >= previousResume else { throw .pauseOutOfOrder }
            let left = try workingSeconds(from: pause.pausedAt, to: due)
            steps.append(
                .init(rule: "pause", text: "Tạm dừng lúc \(clock.text(pause.pausedAt)); thời gian còn lại: \(Self.duration(left))."))
            guard let resume = pause.resumedAt else {
                current = nil
                remaining = left
                break
            }
            let newDue = try resumedDue(due: due, pausedAt: pause.pausedAt, resumedAt: resume, limit: limit)
            steps.append(.init(rule: "resume", text: "Tiếp tục lúc \(clock.text(resume)); hạn mới: \(clock.text(newDue))."))
            steps += calendarSteps(from: resume, to: newDue, clock: clock)
            current = newDue
            previousResume = resume
        }
        if let current {
            steps.append(.init(rule: "due", text: "Hẹn trả kết quả: \(clock.text(current))."))
        } else {
            steps.append(.init(rule: "due", text: "Hồ sơ đang tạm dừng: hạn trả được tính lại khi tiếp tục."))
        }
        return DeadlineSchedule(
            receivedAt: received, deemedReceipt: deemed, limit: limit, firstDue: firstDue, due: current,
            remainingWhilePaused: remaining, steps: steps)
    }

    /// The days between two instants that the count skips (weekdays off) or includes (Saturdays worked).
    private func calendarSteps(from start: Date, to end: Date, clock: LocalClock) -> [DeadlineSchedule.Step] {
        let first = clock.localDate(start), last = clock.localDate(end)
        guard first <= last else { return [] }
        var steps: [DeadlineSchedule.Step] = []
        var run: (first: LocalDate, last: LocalDate, name: String)?
        func flush() {
            guard let current = run else { return }
            let span = current.first == current.last ? current.first.vietnamese : "\(current.first.vietnamese)–\(current.last.vietnamese)"
            steps.append(.init(rule: "nonWorkingDay", text: "Không tính \(span): \(current.name)."))
            run = nil
        }
        var date = first
        while date <= last {
            if let row = calendar.row(on: date), !date.isWeekend || row.kind.isWorked {
                if row.kind.isWorked {
                    flush()
                    steps.append(.init(rule: "swappedWorkday", text: "Tính \(date.vietnamese) (thứ Bảy làm bù): \(row.name)."))
                } else if let current = run, current.name == row.name,
                    current.last.adding(days: 1) == date || Self.onlyWeekendBetween(current.last, date)
                {
                    run = (current.first, date, current.name)
                } else {
                    flush()
                    run = (date, date, row.name)
                }
            }
            date = date.adding(days: 1)
        }
        flush()
        return steps
    }

    private static func onlyWeekendBetween(_ a: LocalDate, _ b: LocalDate) -> Bool {
        var day = a.adding(days: 1)
        while day < b {
            if !day.isWeekend { return false }
            day = day.adding(days: 1)
        }
        return true
    }

    static func duration(_ seconds: Int64) -> String {
        let minutes = (seconds + 59) / 60
        return "\(minutes / 60) giờ \(minutes % 60) phút làm việc"
    }
}

/// Local wall-clock reading of instants at a fixed UTC offset, without Foundation's formatters.
public struct LocalClock: Sendable {
    public var utcOffsetMinutes: Int

    public init(utcOffsetMinutes: Int = 7 * 60) { self.utcOffsetMinutes = utcOffsetMinutes }

    func localSeconds(_ instant: Date) -> Int64 {
        Int64(instant.timeIntervalSince1970.rounded(.down)) + Int64(utcOffsetMinutes) * 60
    }

    /// The instant a local day begins (midnight at this clock's offset).
    public func start(of day: LocalDate) -> Date {
        Date(timeIntervalSince1970: Double((day.dayNumber - 2_440_588) * 86_400 - utcOffsetMinutes * 60))
    }

    public func localDate(_ instant: Date) -> LocalDate {
        LocalDate(dayNumber: Int((Double(localSeconds(instant)) / 86_400).rounded(.down)) + 2_440_588)
    }

    /// Minutes after local midnight.
    public func minuteOfDay(_ instant: Date) -> Int {
        let seconds = localSeconds(instant)
        return Int(((seconds % 86_400) + 86_400) % 86_400) / 60
    }

    func isMorning(_ instant: Date, _ hours: OfficeHours) -> Bool { minuteOfDay(instant) < hours.morningEnd }

    /// "26/02/2026 12:00"
    public func text(_ instant: Date) -> String {
        let minute = minuteOfDay(instant)
        return localDate(instant).vietnamese + String(format: " %02d:%02d", minute / 60, minute % 60)
    }

    /// "2026-02-26T12:00:00+07:00"
    public func iso(_ instant: Date) -> String {
        let seconds = Int(((localSeconds(instant) % 86_400) + 86_400) % 86_400)
        let sign = utcOffsetMinutes >= 0 ? "+" : "-"
        let offset = abs(utcOffsetMinutes)
        return localDate(instant).iso
            + String(format: "T%02d:%02d:%02d%@%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60, sign, offset / 60, offset % 60)
    }

    /// Parses a local moment as a person types it in a form: the day as ``LocalDate/init(typed:)`` reads it, a space,
    /// and the time "9:30", "09:30" or "9h30" — "07/12/2026 09:30" as pages show it — or any form
    /// ``instant(parsing:)`` reads (links and older forms). Nil when malformed.
    public func instant(typed text: String) -> Date? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let stored = instant(parsing: trimmed) { return stored }
        let parts = trimmed.split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count == 2, let day = LocalDate(typed: parts[0]) else { return nil }
        let time = parts[1].split(omittingEmptySubsequences: false) { $0 == ":" || $0 == "h" || $0 == "H" }
        guard time.count == 2, (1...2).contains(time[0].count), time[1].count == 2,
            time.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }), let hour = Int(time[0]), let minute = Int(time[1]),
            hour < 24, minute < 60
        else { return nil }
        return instant(parsing: day.iso + String(format: "T%02d:%02d", hour, minute))
    }

    /// Parses "2026-02-12T09:30:00+07:00", "2026-02-12T09:30+07:00", "…Z", or a local "2026-02-12T09:30"
    /// (read at this clock's offset). Nil when malformed. Read byte by byte, without a regular expression:
    /// imports and seeds parse millions of these.
    public func instant(parsing text: String) -> Date? {
        let bytes = Array(text.utf8)
        func number(_ from: Int, _ count: Int) -> Int? {
            guard from + count <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[from..<from + count] {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        // yyyy-MM-ddTHH:mm
        guard bytes.count >= 16, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: " "), bytes[13] == UInt8(ascii: ":"),
            number(0, 4) != nil, number(5, 2) != nil, number(8, 2) != nil,
            let date = LocalDate(iso: String(decoding: bytes[0..<10], as: UTF8.self)),
            let hour = number(11, 2), let minute = number(14, 2), hour < 24, minute < 60
        else { return nil }
        var index = 16
        var second = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: ":") {
            guard let value = number(index + 1, 2), value < 60 else { return nil }
            second = value
            index += 3
        }
        var offset = utcOffsetMinutes
        if index < bytes.count {
            if bytes[index] == UInt8(ascii: "Z"), index + 1 == bytes.count {
                offset = 0
            } else {
                guard bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-"), index + 6 == bytes.count,
                    bytes[index + 3] == UInt8(ascii: ":"), let h = number(index + 1, 2), let m = number(index + 4, 2), h <= 14, m < 60
                else { return nil }
                offset = (bytes[index] == UInt8(ascii: "-") ? -1 : 1) * (h * 60 + m)
            }
        }
        let local = Int64(date.dayNumber - 2_440_588) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
        return Date(timeIntervalSince1970: TimeInterval(local - Int64(offset) * 60))
    }
}
