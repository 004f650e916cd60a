import Foundation

/// What happened to a reform task, in order: progress reports, a completion reported by the lead unit, the
/// secretariat's acceptance or return of it.
public enum ReformTaskEvent: Sendable, Equatable, Codable {
    case progress(on: LocalDate, percent: Int)
    case completionReported(on: LocalDate)
    case completionAccepted(on: LocalDate)
    case completionReturned(on: LocalDate)

    public var day: LocalDate {
        switch self {
        case .progress(let day, _), .completionReported(let day), .completionAccepted(let day), .completionReturned(let day): day
        }
    }
}

/// A task's status on any day, a pure function of its deadline and history (issue 9): done when the secretariat
/// accepted a completion — on time when the unit reported that completion by the due day; otherwise overdue
/// once the due day has passed, in progress once any progress was reported, else not started. Lateness is
/// counted in working days.
public enum ReformTaskStatus: String, Sendable, Codable, CaseIterable {
    case notStarted, inProgress, doneOnTime, doneLate, overdue

    public var title: String {
        switch self {
        case .notStarted: "Chưa thực hiện"
        case .inProgress: "Đang thực hiện"
        case .doneOnTime: "Hoàn thành đúng hạn"
        case .doneLate: "Hoàn thành trễ hạn"
        case .overdue: "Quá hạn"
        }
    }

    public var isDone: Bool { self == .doneOnTime || self == .doneLate }

    /// The status on `asOf` (events after it are not yet known) and the working days late (0 when not late).
    public static func of(due: LocalDate, history: [ReformTaskEvent], asOf: LocalDate, calendar: WorkingCalendar) -> (
        status: ReformTaskStatus, daysLate: Int
    ) {
        let known = history.filter { $0.day <= asOf }
        // The completion that counts: the last one reported before an acceptance, unless a return came after the acceptance.
        var reported: LocalDate?
        var completed: LocalDate?
        for event in known {
            switch event {
            case .completionReported(let day): reported = day
            case .completionAccepted: completed = reported ?? event.day
            case .completionReturned:
                completed = nil
                reported = nil
            case .progress: break
            }
        }
        if let completed {
            let late = workingDays(after: due, through: completed, calendar: calendar)
            return (late > 0 ? .doneLate : .doneOnTime, late)
        }
        if asOf > due { return (.overdue, workingDays(after: due, through: asOf, calendar: calendar)) }
        let started = known.contains { if case .progress(_, let percent) = $0 { percent > 0 } else { true } }
        return (started ? .inProgress : .notStarted, 0)
    }

    /// The working days in (after, through]; 0 when `through` is not after `after`.
    static func workingDays(after: LocalDate, through: LocalDate, calendar: WorkingCalendar) -> Int {
        guard through > after else { return 0 }
        var count = 0
        var day = after.adding(days: 1)
        while day <= through {
            if calendar.isWorkingDay(day) { count += 1 }
            day = day.adding(days: 1)
        }
        return count
    }

    /// Whether a task of a year's plan is carried over to the next year's plan: not done by the year's last day.
    /// A carried-over task keeps its deadline and history, so it counts as late.
    public static func isCarriedOver(due: LocalDate, history: [ReformTaskEvent], planYear: Int, calendar: WorkingCalendar) -> Bool {
        !of(due: due, history: history, asOf: LocalDate(year: planYear, month: 12, day: 31)!, calendar: calendar).status.isDone
    }
}
