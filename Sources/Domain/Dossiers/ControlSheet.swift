import Foundation

/// The process control sheet (Phiếu kiểm soát quá trình giải quyết hồ sơ, form 06): for each step of the
/// template, when the dossier reached it, when it was handed on, the step's own due instant (rule 6), and
/// whether the step was on time — even when the dossier as a whole is on time.
public struct ControlSheet: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        public var step: Procedure.StepTemplate
        public var reached: Date?
        public var left: Date?
        public var due: Date?

        /// On time or late once the step is over; nil while it runs or before it starts.
        public var isLate: Bool? {
            guard let left, let due else { return nil }
            return left > due
        }
    }

    public var rows: [Row]

    /// Derives the sheet from the dossier's events (each records the step after it) and the steps' dues.
    public init(steps: [Procedure.StepTemplate], events: [DossierEvent], stepDues: [Date]) {
        rows = steps.enumerated().map { index, step in
            let due = stepDues.indices.contains(index) ? stepDues[index] : nil
            guard let start = events.firstIndex(where: { $0.stepAfter == index }) else { return Row(step: step, due: due) }
            let leaving = events[(start + 1)...].first { $0.stepAfter != index || $0.statusAfter.isFinal }
            return Row(step: step, reached: events[start].occurredAt, left: leaving?.occurredAt, due: due)
        }
    }
}
