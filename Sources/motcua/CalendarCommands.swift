import ArgumentParser
import Domain
import Foundation
import Persistence
import Services

/// `motcua calendar …`: the lunar calendar, the year's days off and due dates, for scripts and for checks by
/// others. Each prints Vietnamese text, or JSON with `--json`; bad input exits with status 2.
struct CalendarCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calendar", abstract: "Lunar dates, days off and due dates.",
        subcommands: [Lunar.self, Solar.self, Holidays.self, Due.self, Load.self])

    struct Lunar: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The lunar date of a solar date (yyyy-MM-dd).")
        @Argument(help: "A solar date, yyyy-MM-dd.") var date: String
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            guard let solar = LocalDate(iso: date) else { throw Refusal("Ngày dương lịch không hợp lệ: \(date) (cần dạng yyyy-MM-dd).") }
            let lunar = LunarCalendar.vietnam.lunar(from: solar)
            if json { return try Output.json(lunar) }
            Output.line("Ngày \(lunar.day) tháng \(lunar.month)\(lunar.isLeapMonth ? " nhuận" : "") năm \(lunar.yearName) (\(lunar.year))")
        }
    }

    struct Solar: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The solar date of a lunar date (d/m/yyyy).")
        @Option(help: "A lunar date, d/m/yyyy.") var lunar: String
        @Flag(help: "The month is the leap month (tháng nhuận).") var leap = false
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let parts = lunar.split(separator: "/").map { Int($0) }
            guard parts.count == 3, let day = parts[0], let month = parts[1], let year = parts[2] else {
                throw Refusal("Ngày âm lịch không hợp lệ: \(lunar) (cần dạng ngày/tháng/năm, ví dụ 1/1/2027).")
            }
            let date: LocalDate
            do {
                date = try LunarCalendar.vietnam.solar(from: LunarDate(day: day, month: month, year: year, isLeapMonth: leap))
            } catch {
                throw Refusal(error.message)
            }
            if json { return try Output.json(["date": date.iso]) }
            Output.line(date.iso)
        }
    }

    struct Holidays: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The weekdays off and the Saturdays worked in a year, from the calendar table.")
        @Argument(help: "The year.") var year: Int
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            guard (2000...2100).contains(year) else { throw Refusal("Năm phải trong khoảng 2000–2100.") }
            let calendar = try await CommandEnvironment.withServices(CommandEnvironment.configuration()) { services, _ in
                try await CalendarStore(services.database.sql).workingCalendar()
            }
            let rows = calendar.rows(in: year).filter { !$0.date.isWeekend || $0.kind.isWorked }
            if json { return try Output.json(rows) }
            if calendar.isProvisional(year) {
                Output.line("Năm \(year) chưa có quyết định chính thức: các ngày dưới đây là dự kiến theo luật.")
            }
            for row in rows {
                Output.line(
                    "\(row.date.vietnamese)  \(row.kind.title.padding(toLength: 17, withPad: " ", startingAt: 0)) \(row.name) — \(row.reference)\(row.isProvisional ? " (dự kiến)" : "")"
                )
            }
        }
    }

    struct Load: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Replace the years a calendar file covers with its rows (the shape of Sources/Domain/Calendar/Data/official-days.json).",
            discussion:
                "All or nothing: a bad file is refused with its line and reason (exit status 2). Open dossiers whose due instant moves get it recomputed, shown and audited."
        )
        @Argument(help: "The calendar file (JSON).") var file: String

        func run() async throws {
            let calendar: CalendarFile
            do { calendar = try CalendarFile(json: try Refusal.contents(of: file)) } catch let problem as CalendarFile.Problem {
                throw Refusal(problem.description)
            }
            let corrected = try await CommandEnvironment.withServices(CommandEnvironment.configuration()) { services, _ in
                try await CalendarStore.load(calendar, actorID: nil, at: services.clock(), on: services.database)
                return try await services.desk.recomputeDueInstants(
                    reason: CalendarFile.correctionReason(calendar), actorID: nil,
                    at: services.clock(), days: calendar.span)
            }
            Output.line(
                "Đã nạp \(calendar.days.count) ngày của năm \(calendar.years.map(String.init).joined(separator: ", ")); "
                    + "\(corrected.count) hồ sơ đang giải quyết được tính lại ngày hẹn trả.")
        }
    }

    struct Due: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The due instant of a time limit, with the explanation of each step.",
            discussion:
                "Instants are ISO 8601 (2026-02-12T09:30:00+07:00, or local 2026-02-12T09:30). Pauses and resumes pair up in order; a last pause without resume means the dossier is paused."
        )
        @Option(help: "When the dossier was received.") var received: String
        @Option(help: "The limit in working days (steps of 0.5).") var days: Double?
        @Option(help: "The limit in working hours.") var hours: Double?
        @Option(help: "When processing was paused (repeatable).") var pause: [String] = []
        @Option(help: "When processing resumed (repeatable).") var resume: [String] = []
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let configuration = CommandEnvironment.configuration()
            let clock = configuration.localClock
            func instant(_ text: String) throws -> Date {
                guard let value = clock.instant(parsing: text) else {
                    throw Refusal("Thời điểm không hợp lệ: \(text) (cần dạng 2026-02-12T09:30:00+07:00).")
                }
                return value
            }
            let receivedAt = try instant(received)
            let limit: TimeLimit
            do {
                switch (days, hours) {
                case (let days?, nil): limit = try .days(days)
                case (nil, let hours?): limit = try .hours(hours)
                default: throw Refusal("Cần đúng một trong hai: --days hoặc --hours.")
                }
            } catch let problem as TimeLimit.Problem {
                throw Refusal(problem.message)
            }
            guard resume.count == pause.count || resume.count == pause.count - 1 else {
                throw Refusal("Mỗi lần tiếp tục (--resume) phải đi sau một lần tạm dừng (--pause).")
            }
            var pauses: [DeadlineSchedule.Pause] = []
            for (index, text) in pause.enumerated() {
                pauses.append(.init(pausedAt: try instant(text), resumedAt: index < resume.count ? try instant(resume[index]) : nil))
            }
            let calendar = try await CommandEnvironment.withServices(configuration) { services, _ in
                try await CalendarStore(services.database.sql).workingCalendar()
            }
            let schedule: DeadlineSchedule
            do {
                schedule = try DeadlineCalculator(calendar: calendar, officeHours: configuration.officeHours)
                    .schedule(receivedAt: receivedAt, limit: limit, pauses: pauses)
            } catch {
                throw Refusal(error.message)
            }
            if json {
                struct Answer: Encodable {
                    var received: String
                    var deemedReceipt: String
                    var limit: String
                    var firstDue: String
                    var due: String?
                    var steps: [DeadlineSchedule.Step]
                }
                return try Output.json(
                    Answer(
                        received: clock.iso(receivedAt), deemedReceipt: clock.iso(schedule.deemedReceipt),
                        limit: schedule.limit.description,
                        firstDue: clock.iso(schedule.firstDue), due: schedule.due.map(clock.iso), steps: schedule.steps))
            }
            for step in schedule.steps { Output.line("• " + step.text) }
        }
    }
}

/// Bad input on the command line: the reason in Vietnamese on standard error, exit status 2.
struct Refusal: Error, CustomStringConvertible {
    var description: String
    init(_ message: String) { description = message }

    /// The bytes of a file named on the command line, or a refusal that says it could not be read (exit status 2).
    static func contents(of path: String) throws -> Data {
        guard let data = FileManager.default.contents(atPath: path) else { throw Refusal("Không đọc được tệp \(path).") }
        return data
    }
}

enum Output {
    static func line(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    static func json(_ value: some Encodable) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        line(String(decoding: try encoder.encode(value), as: UTF8.self))
    }
}
