import Foundation

/// Rule 6: a procedure's steps each have a time budget (e.g. receipt 0.5 day, processing 3 days, signing
/// 1 day, return 0.5 day) that add up to the legal limit. Each step has its own due instant, counted from
/// the dossier's receipt through the budgets before it; a step is late when it ends after its own due
/// instant, even when the dossier is on time overall (the control sheet shows both).
public struct StepBudgets: Sendable, Equatable {
    public var budgets: [TimeLimit]

    public enum Problem: Error, Equatable {
        /// The budgets do not add up to the limit (in half days or minutes), or mix days with hours.
        case doNotAddUp(expected: TimeLimit)
    }

    /// Checks that the budgets add up to `total` in the same unit.
    public init(_ budgets: [TimeLimit], total: TimeLimit) throws(Problem) {
        switch total {
        case .workingDays(let halfDays):
            let parts = budgets.compactMap { if case .workingDays(let h) = $0 { h } else { nil } }
            guard parts.count == budgets.count, parts.reduce(0, +) == halfDays else { throw .doNotAddUp(expected: total) }
        case .workingHours(let minutes):
            let parts = budgets.compactMap { if case .workingHours(let m) = $0 { m } else { nil } }
            guard parts.count == budgets.count, parts.reduce(0, +) == minutes else { throw .doNotAddUp(expected: total) }
        }
        self.budgets = budgets
    }

    /// The due instant of each step: the due of the budgets up to and including it, from receipt.
    public func dues(receivedAt received: Date, calculator: DeadlineCalculator) throws(DeadlineCalculator.Problem) -> [Date] {
        var dues: [Date] = []
        var cumulative = 0
        for budget in budgets {
            switch budget {
            case .workingDays(let halfDays):
                cumulative += halfDays
                dues.append(try calculator.due(receivedAt: received, limit: .workingDays(halfDays: cumulative)))
            case .workingHours(let minutes):
                cumulative += minutes
                dues.append(try calculator.due(receivedAt: received, limit: .workingHours(minutes: cumulative)))
            }
        }
        return dues
    }

    /// Whether a step that ended at `finished` is late against its due instant.
    public static func isLate(finished: Date, due: Date) -> Bool { finished > due }
}

/// Rule 7: the appointment (ngày hẹn trả) of a dossier. An extension or a letter of apology sets a new
/// appointment, but the original due instant — the one the on-time statistics use — never moves.
public struct Appointment: Sendable, Equatable {
    public struct Extension: Sendable, Equatable {
        public var newDue: Date
        public var reason: String
        public var decidedAt: Date
    }

    public let originalDue: Date
    public private(set) var extensions: [Extension] = []

    public init(originalDue: Date) { self.originalDue = originalDue }

    /// The appointment in force: the last extension's, or the original.
    public var currentDue: Date { extensions.last?.newDue ?? originalDue }

    public enum Problem: Error, Equatable {
        case notLater
        case reasonMissing
    }

    /// Sets a later appointment with its reason; the original due instant is unchanged.
    public mutating func extend(to newDue: Date, reason: String, decidedAt: Date) throws(Problem) {
        guard newDue > currentDue else { throw .notLater }
        guard !reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw .reasonMissing }
        extensions.append(Extension(newDue: newDue, reason: reason, decidedAt: decidedAt))
    }

    /// Whether a result returned at `returned` counts as on time: against the original due instant.
    public func isOnTime(returnedAt returned: Date) -> Bool { returned <= originalDue }
}
