import Foundation

/// What kind of work a reform task is (issue 9): an ordinary task, a training course, a pilot or rollout, an
/// evaluation or a report.
public enum ReformTaskKind: String, Sendable, Codable, CaseIterable {
    case task, training, pilot, evaluation, report

    public var title: String {
        switch self {
        case .task: "Nhiệm vụ"
        case .training: "Tập huấn, bồi dưỡng"
        case .pilot: "Thí điểm, nhân rộng mô hình"
        case .evaluation: "Đánh giá"
        case .report: "Báo cáo"
        }
    }

    /// Reads a kind from a spreadsheet cell: its code or its Vietnamese title, without regard to diacritics.
    public init?(cell: String) {
        let folded = VietnameseText.folded(cell).trimmingCharacters(in: .whitespaces)
        if folded.isEmpty {
            self = .task
            return
        }
        guard
            let kind = Self.allCases.first(where: {
                $0.rawValue == folded || VietnameseText.folded($0.title) == folded
                    || VietnameseText.folded($0.title).split(separator: ",").first.map({ String($0) == folded }) == true
            })
        else { return nil }
        self = kind
    }
}

/// A task of a year's reform plan.
public struct ReformTask: Sendable, Equatable {
    public var id: Int64
    public var planID: Int64
    public var parentID: Int64?
    public var content: String
    /// The document that assigned it, e.g. "Thông báo 90/TB-VP ngày 10/3/2023".
    public var source: String
    public var leadUnitID: Int64
    public var supportingUnitIDs: [Int64]
    public var kind: ReformTaskKind
    public var deadline: ReformDeadline
    public var due: LocalDate
    /// Its share in its parent's progress.
    public var weight: Double
    /// The PAR criteria it serves (codes).
    public var parCriteria: [String]
    /// The task of an earlier plan it continues (carried over unfinished).
    public var carriedFromID: Int64?
    /// The directive (a notice of conclusions, a plan) the task was created from.
    public var directiveID: Int64?

    public init(
        id: Int64, planID: Int64, parentID: Int64? = nil, content: String, source: String, leadUnitID: Int64,
        supportingUnitIDs: [Int64] = [],
        kind: ReformTaskKind = .task, deadline: ReformDeadline, due: LocalDate, weight: Double = 1, parCriteria: [String] = [],
        carriedFromID: Int64? = nil, directiveID: Int64? = nil
    ) {
        self.id = id
        self.planID = planID
        self.parentID = parentID
        self.content = content
        self.source = source
        self.leadUnitID = leadUnitID
        self.supportingUnitIDs = supportingUnitIDs
        self.kind = kind
        self.deadline = deadline
        self.due = due
        self.weight = weight
        self.parCriteria = parCriteria
        self.carriedFromID = carriedFromID
        self.directiveID = directiveID
    }
}

/// Progress of a task with sub-tasks: the weighted mean of theirs (Decidim-style roll-up), rounded down so that
/// 100 % means every part done.
public enum ReformProgress {
    public static func rollUp(_ parts: [(weight: Double, percent: Int)]) -> Int {
        let total = parts.map { max(0, $0.weight) }.reduce(0, +)
        guard total > 0 else { return 0 }
        let mean = parts.map { max(0, $0.weight) * Double(min(100, max(0, $0.percent))) }.reduce(0, +) / total
        return Int((mean + 1e-9).rounded(.down))
    }
}
