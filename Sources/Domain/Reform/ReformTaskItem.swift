import Foundation

/// The parts a training course or a pilot is followed by (issue 9): a training's sessions with participants
/// registered and attending; a pilot's or rollout's sites and milestones, planned and reached.
public struct ReformTaskItem: Sendable, Equatable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case session, site, milestone

        public var title: String {
            switch self {
            case .session: "Lớp, buổi tập huấn"
            case .site: "Địa điểm triển khai"
            case .milestone: "Mốc tiến độ"
            }
        }

        /// The kinds a task of this kind is followed by.
        public static func of(_ kind: ReformTaskKind) -> [Kind] {
            switch kind {
            case .training: [.session]
            case .pilot: [.site, .milestone]
            default: []
            }
        }
    }

    public var id: Int64
    public var taskID: Int64
    public var kind: Kind
    public var title: String
    /// The day planned (a session's day, a milestone's target).
    public var plannedOn: LocalDate?
    /// The day it was held or reached; nil while it is not.
    public var doneOn: LocalDate?
    /// Participants registered (sessions).
    public var registered: Int?
    /// Participants who attended (sessions).
    public var attended: Int?

    public init(
        id: Int64 = 0, taskID: Int64, kind: Kind, title: String, plannedOn: LocalDate? = nil, doneOn: LocalDate? = nil,
        registered: Int? = nil,
        attended: Int? = nil
    ) {
        self.id = id
        self.taskID = taskID
        self.kind = kind
        self.title = title
        self.plannedOn = plannedOn
        self.doneOn = doneOn
        self.registered = registered
        self.attended = attended
    }

    public enum Problem: Error, Equatable, CustomStringConvertible {
        case emptyTitle
        case badCount
        case moreAttendedThanRegistered
        case notThisKind

        public var description: String {
            switch self {
            case .emptyTitle: "Vui lòng nhập tên lớp, địa điểm hoặc mốc."
            case .badCount: "Số người là số nguyên không âm."
            case .moreAttendedThanRegistered: "Số người tham dự không được nhiều hơn số người được triệu tập."
            case .notThisKind: "Nhiệm vụ loại này không theo dõi mục đó."
            }
        }
    }

    public func validated(for task: ReformTaskKind) throws(Problem) -> ReformTaskItem {
        var copy = self
        copy.title = VietnameseText.normalized(title).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !copy.title.isEmpty else { throw .emptyTitle }
        guard Kind.of(task).contains(kind) else { throw .notThisKind }
        guard (registered ?? 0) >= 0, (attended ?? 0) >= 0 else { throw .badCount }
        if let registered, let attended, attended > registered { throw .moreAttendedThanRegistered }
        return copy
    }
}

/// What a task's items add up to on a day.
public struct ReformTaskItemSummary: Sendable, Equatable {
    public var sessionsHeld: Int
    public var sessions: Int
    public var registered: Int
    public var attended: Int
    public var sitesDone: Int
    public var sites: Int
    public var milestonesReached: Int
    public var milestones: Int
    /// Milestones past their planned day and not reached.
    public var milestonesLate: Int

    /// Attendance of the sessions held, in % (nil before any session with registrations).
    public var attendanceRate: Double? { registered > 0 ? Double(attended) * 100 / Double(registered) : nil }

    public init(_ items: [ReformTaskItem], asOf day: LocalDate) {
        func done(_ item: ReformTaskItem) -> Bool { item.doneOn.map { $0 <= day } ?? false }
        let sessions = items.filter { $0.kind == .session }, held = sessions.filter(done)
        let sites = items.filter { $0.kind == .site }, milestones = items.filter { $0.kind == .milestone }
        self.sessions = sessions.count
        sessionsHeld = held.count
        registered = held.compactMap(\.registered).reduce(0, +)
        attended = held.compactMap(\.attended).reduce(0, +)
        self.sites = sites.count
        sitesDone = sites.filter(done).count
        self.milestones = milestones.count
        milestonesReached = milestones.filter(done).count
        milestonesLate = milestones.filter { !done($0) && ($0.plannedOn.map { $0 < day } ?? false) }.count
    }
}
