import Foundation

/// The one-stop statistics table of a unit for a period (one-stop.md), computed from each dossier's facts so
/// that every figure comes with the dossiers behind it. Definitions marked [ours] in docs/STATISTICS.md:
/// - received in the period = carried over (open at its start) + new (received in it), by channel;
/// - completed = a result ready or an ineligibility answer in the period: **early** when it came on an
///   earlier day than the due instant's day, **on time** when on that day and not after it, **late** after;
/// - pending at the period's end: **within deadline** (or paused) or **overdue**;
/// - returned, withdrawn (or stopped on request), apology slips: acts in the period;
/// - average processing time: working days from receipt to completion over the completed dossiers.
/// Dossiers refused at receipt were never received and count nowhere.
public enum DossierStatistics {
    /// What the table needs to know about one dossier.
    public struct Facts: Sendable, Equatable {
        public enum Outcome: String, Sendable, Equatable {
            case open, result, ineligible, withdrawn, rejected
        }

        public var id: Int64
        public var channel: Channel
        public var receivedAt: Date
        public var dueAt: Date?
        public var finishedAt: Date?
        public var outcome: Outcome
        public var returnedAt: Date?
        public var apologies: [Date]
        /// What the service index measures of it.
        public var service: ServiceFacts
        /// The applicant is a person (the population database holds citizens, not organisations).
        public var ofCitizen: Bool

        public init(
            id: Int64, channel: Channel, receivedAt: Date, dueAt: Date?, finishedAt: Date?, outcome: Outcome,
            returnedAt: Date? = nil, apologies: [Date] = [], service: ServiceFacts = ServiceFacts(), ofCitizen: Bool = false
        ) {
            self.id = id
            self.channel = channel
            self.receivedAt = receivedAt
            self.dueAt = dueAt
            self.finishedAt = finishedAt
            self.outcome = outcome
            self.returnedAt = returnedAt
            self.apologies = apologies
            self.service = service
            self.ofCitizen = ofCitizen
        }
    }

    public enum Figure: String, Sendable, CaseIterable, Codable {
        case received, carriedOver, newOnline, newInPerson, newPost
        case completed, early, onTime, late
        case pending, pendingWithinDeadline, pendingOverdue
        case returned, withdrawn, apologies

        public var title: String {
            switch self {
            case .received: "Tổng số hồ sơ tiếp nhận"
            case .carriedOver: "Kỳ trước chuyển qua"
            case .newOnline: "Mới tiếp nhận trực tuyến"
            case .newInPerson: "Mới tiếp nhận trực tiếp"
            case .newPost: "Mới tiếp nhận qua bưu chính"
            case .completed: "Đã giải quyết"
            case .early: "Giải quyết trước hạn"
            case .onTime: "Giải quyết đúng hạn"
            case .late: "Giải quyết trễ hạn"
            case .pending: "Đang giải quyết"
            case .pendingWithinDeadline: "Chưa đến hạn"
            case .pendingOverdue: "Quá hạn"
            case .returned: "Đã trả kết quả"
            case .withdrawn: "Rút hồ sơ, dừng giải quyết"
            case .apologies: "Phiếu xin lỗi đã phát hành"
            }
        }
    }

    public struct Table: Sendable, Equatable {
        /// How many dossiers each figure counts (an apology figure counts a dossier once per slip).
        public var counts: [Figure: Int]
        /// The dossiers behind each figure, when the table was computed from the dossiers themselves; empty
        /// when it was read from the counters.
        public var dossiers: [Figure: [Int64]]
        /// Working days from receipt to completion, averaged over the completed dossiers; nil when none.
        public var averageWorkingDays: Double?

        public init(counts: [Figure: Int], dossiers: [Figure: [Int64]] = [:], averageWorkingDays: Double?) {
            self.counts = counts
            self.dossiers = dossiers
            self.averageWorkingDays = averageWorkingDays
        }

        public func count(_ figure: Figure) -> Int { counts[figure] ?? 0 }

        /// The same table with the pending dossiers split by an overdue count judged at another moment (now,
        /// for a period not over: the counters hold due instants by day, and a period's end still ahead would
        /// make every dossier due before it overdue already).
        public func judgingOverdue(_ overdue: Int) -> Table {
            var counts = self.counts
            counts[.pendingOverdue] = overdue
            counts[.pendingWithinDeadline] = count(.pending) - overdue
            return Table(counts: counts.filter { $0.value != 0 }, dossiers: dossiers, averageWorkingDays: averageWorkingDays)
        }

        /// A share of the completed (early, on time, late) or of the pending, in percent.
        public func percent(_ figure: Figure) -> Double? {
            let base: Int
            switch figure {
            case .early, .onTime, .late: base = count(.completed)
            case .pendingWithinDeadline, .pendingOverdue: base = count(.pending)
            default: return nil
            }
            return base == 0 ? nil : Double(count(figure)) * 100 / Double(base)
        }
    }

    /// The table of a period [start, end) over the dossiers of one unit.
    public static func table(_ facts: [Facts], from start: Date, to end: Date, clock: LocalClock, calculator: DeadlineCalculator) -> Table {
        var lists: [Figure: [Int64]] = [:]
        func add(_ figure: Figure, _ id: Int64) { lists[figure, default: []].append(id) }
        var durations: [Double] = []
        for dossier in facts where dossier.outcome != .rejected && dossier.receivedAt < end {
            // A result handed over in the period counts even when it was ready before the period began.
            if let returned = dossier.returnedAt, returned >= start, returned < end { add(.returned, dossier.id) }
            let endedBeforeStart = dossier.finishedAt.map { $0 < start } ?? false
            if dossier.receivedAt < start {
                guard !endedBeforeStart else { continue }
                add(.carriedOver, dossier.id)
            } else {
                switch dossier.channel {
                case .online: add(.newOnline, dossier.id)
                case .inPerson: add(.newInPerson, dossier.id)
                case .post: add(.newPost, dossier.id)
                }
            }
            add(.received, dossier.id)
            let finishedInPeriod = dossier.finishedAt.map { $0 >= start && $0 < end } ?? false
            if finishedInPeriod, let finished = dossier.finishedAt, dossier.outcome == .result || dossier.outcome == .ineligible {
                add(.completed, dossier.id)
                add(timeliness(finished: finished, due: dossier.dueAt, clock: clock), dossier.id)
                if let days = workingDays(dossier, calculator: calculator) { durations.append(days) }
            } else if finishedInPeriod, dossier.outcome == .withdrawn {
                add(.withdrawn, dossier.id)
            } else if dossier.finishedAt.map({ $0 >= end }) ?? true {
                add(.pending, dossier.id)
                if let due = dossier.dueAt, due < end { add(.pendingOverdue, dossier.id) } else { add(.pendingWithinDeadline, dossier.id) }
            }
            for apology in dossier.apologies where apology >= start && apology < end { add(.apologies, dossier.id) }
        }
        return Table(
            counts: lists.mapValues(\.count), dossiers: lists,
            averageWorkingDays: durations.isEmpty ? nil : durations.reduce(0, +) / Double(durations.count))
    }

    /// Working days (office time ÷ a day's office time) from receipt to completion; nil when not completed or
    /// outside the calendar.
    static func workingDays(_ dossier: Facts, calculator: DeadlineCalculator) -> Double? {
        guard let finished = dossier.finishedAt, dossier.outcome == .result || dossier.outcome == .ineligible,
            let seconds = try? calculator.workingSeconds(from: dossier.receivedAt, to: finished)
        else { return nil }
        return Double(seconds) / Double(calculator.officeHours.daySeconds)
    }

    /// Early (an earlier day than the due day), on time (the due day, not after the due instant) or late.
    public static func timeliness(finished: Date, due: Date?, clock: LocalClock) -> Figure {
        guard let due else { return .onTime }
        if finished > due { return .late }
        return clock.localDate(finished) < clock.localDate(due) ? .early : .onTime
    }
}
