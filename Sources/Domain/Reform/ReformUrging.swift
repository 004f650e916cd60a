import Foundation

/// A task as the urging run sees it on its day: derived status, working days late, working days left.
public struct ReformTaskStanding: Sendable, Equatable {
    public var task: ReformTask
    public var status: ReformTaskStatus
    public var daysLate: Int
    public var percent: Int
    /// The unit reported it completed and the secretariat has not decided yet: it is not urged.
    public var awaitingDecision: Bool
    /// The day of the last progress report by the day looked at.
    public var lastReport: LocalDate?
    /// The day the task was set (entered or imported).
    public var setOn: LocalDate?

    public init(
        task: ReformTask, status: ReformTaskStatus, daysLate: Int, percent: Int, awaitingDecision: Bool = false,
        lastReport: LocalDate? = nil,
        setOn: LocalDate? = nil
    ) {
        self.task = task
        self.status = status
        self.daysLate = daysLate
        self.percent = percent
        self.awaitingDecision = awaitingDecision
        self.lastReport = lastReport
        self.setOn = setOn
    }
}

/// One unit's digest of an urging run (đôn đốc): its tasks due within the window and its overdue tasks, and
/// whether it is escalated to the unit's head and the working group's leader.
public struct ReformDigest: Sendable, Equatable {
    public struct Item: Sendable, Equatable {
        public var taskID: Int64
        public var content: String
        public var deadline: String
        public var due: LocalDate
        public var percent: Int
        /// Working days late (overdue items) or left until the due day, the due day counted (items due soon).
        public var workingDays: Int
        /// The last progress report (items without a recent one).
        public var lastReport: LocalDate?
    }

    public var unitID: Int64
    public var asOf: LocalDate
    public var dueSoon: [Item]
    public var overdue: [Item]
    /// Tasks neither overdue nor due soon whose progress was not reported within the reporting interval.
    public var silent: [Item] = []
    public var escalated: Bool

    /// The digest as plain text (the e-mail's body and the in-app record): the overdue tasks first, the most
    /// late first, then the tasks due soon, the nearest first.
    public var text: String {
        var lines: [String] = []
        if !overdue.isEmpty {
            lines.append("Nhiệm vụ quá hạn (\(overdue.count)):")
            for item in overdue {
                lines.append(
                    "- \(item.content) — hạn \(item.deadline) (\(item.due.vietnamese)), trễ \(item.workingDays) ngày làm việc, tiến độ \(item.percent)%."
                )
            }
        }
        if !dueSoon.isEmpty {
            if !lines.isEmpty { lines.append("") }
            lines.append("Nhiệm vụ sắp đến hạn (\(dueSoon.count)):")
            for item in dueSoon {
                lines.append(
                    "- \(item.content) — hạn \(item.due.vietnamese), còn \(item.workingDays) ngày làm việc, tiến độ \(item.percent)%.")
            }
        }
        if !silent.isEmpty {
            if !lines.isEmpty { lines.append("") }
            lines.append("Nhiệm vụ chưa báo cáo tiến độ theo định kỳ (\(silent.count)):")
            for item in silent {
                lines.append(
                    "- \(item.content) — hạn \(item.due.vietnamese), "
                        + (item.lastReport.map { "báo cáo gần nhất ngày \($0.vietnamese)." } ?? "chưa báo cáo lần nào."))
            }
        }
        return lines.joined(separator: "\n")
    }
}

/// The urging rules (issue 9): each run writes one digest per lead unit that has tasks due within `window`
/// working days or overdue — never an empty one; a unit with a task overdue by at least `escalateAfter`
/// working days is escalated. Both numbers are settings of the run (the working group chooses them), not law.
public struct ReformUrging: Sendable, Equatable {
    public var window: Int
    public var escalateAfter: Int
    /// The reporting interval in days: units report each task's progress at least this often (nil: not urged).
    public var reportEvery: Int?

    public init(window: Int = 10, escalateAfter: Int = 10, reportEvery: Int? = nil) {
        self.window = window
        self.escalateAfter = escalateAfter
        self.reportEvery = reportEvery
    }

    public func digests(_ standings: [ReformTaskStanding], asOf: LocalDate, calendar: WorkingCalendar) -> [ReformDigest] {
        var byUnit: [Int64: (soon: [ReformDigest.Item], overdue: [ReformDigest.Item], silent: [ReformDigest.Item], escalated: Bool)] = [:]
        for standing in standings where !standing.status.isDone && !standing.awaitingDecision {
            let task = standing.task
            if standing.status == .overdue {
                let item = ReformDigest.Item(
                    taskID: task.id, content: task.content, deadline: task.deadline.text, due: task.due, percent: standing.percent,
                    workingDays: standing.daysLate)
                byUnit[task.leadUnitID, default: ([], [], [], false)].overdue.append(item)
                if standing.daysLate >= escalateAfter { byUnit[task.leadUnitID]!.escalated = true }
            } else if task.due >= asOf {
                // Working days left with the due day itself counted: a task due today has 1 (or 0 on a day off).
                let left = ReformTaskStatus.workingDays(after: asOf.adding(days: -1), through: task.due, calendar: calendar)
                var item = ReformDigest.Item(
                    taskID: task.id, content: task.content, deadline: task.deadline.text, due: task.due, percent: standing.percent,
                    workingDays: left)
                if left <= window {
                    byUnit[task.leadUnitID, default: ([], [], [], false)].soon.append(item)
                } else if let reportEvery, let since = standing.lastReport ?? standing.setOn, since.adding(days: reportEvery) <= asOf {
                    item.lastReport = standing.lastReport
                    byUnit[task.leadUnitID, default: ([], [], [], false)].silent.append(item)
                }
            }
        }
        return byUnit.keys.sorted().compactMap { unitID in
            let parts = byUnit[unitID]!
            guard !parts.soon.isEmpty || !parts.overdue.isEmpty || !parts.silent.isEmpty else { return nil }
            return ReformDigest(
                unitID: unitID, asOf: asOf,
                dueSoon: parts.soon.sorted { ($0.due, $0.taskID) < ($1.due, $1.taskID) },
                overdue: parts.overdue.sorted { ($1.workingDays, $0.taskID) < ($0.workingDays, $1.taskID) },
                silent: parts.silent.sorted { ($0.due, $0.taskID) < ($1.due, $1.taskID) },
                escalated: parts.escalated)
        }
    }
}
