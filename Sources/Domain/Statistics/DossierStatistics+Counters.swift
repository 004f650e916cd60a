import Foundation

/// The statistics table from counters kept per processing unit and local day, so that a unit-month costs a
/// sum over the unit's counter rows instead of a scan of its dossiers (docs/STATISTICS.md).
///
/// Every dossier *contributes* to counters as a pure function of its facts; the stored counters are the sum
/// of the contributions of every dossier. A change to a dossier adds the contributions of its new facts and
/// takes away those of its old ones, so the counters stay equal to a recount whatever the order of events.
/// Flows (new, completed, returned…) are sums over the period's days; stocks at an instant T (a day's
/// start) come from sums over the days before T: open at T = received before T − finished before T, and
/// open and overdue at T = due before T − (due and finished) before T, because a due instant never precedes
/// the receipt.
extension DossierStatistics {
    public enum Counter: String, Sendable, CaseIterable, Codable {
        /// On the receipt day, by channel.
        case newOnline, newInPerson, newPost
        /// On the day a result, an ineligibility answer or a withdrawal ended the dossier.
        case finished
        /// On the completion day, by timeliness.
        case early, onTime, late
        /// On the day of the withdrawal or stop on request.
        case withdrawn
        /// On the due instant's day (a paused dossier has none).
        case due
        /// On the later of the due day and the finishing day, for a finished dossier with a due instant.
        case dueAndFinished
        /// On the day the result was handed over; on each apology slip's day.
        case returned, apology
        /// On the completion day: completed dossiers whose working time is known, and that time in
        /// thousandths of a working day.
        case timed, workingMilliDays
        /// For the service index (`ServiceIndexMeasure`), on the receipt day: received for a procedure
        /// offered fully online, and of those received online; with a fee, and of those paid online; received
        /// in person and digitised; reusing digitised documents; of citizens, and of those checked against
        /// the population database.
        case fullyOnlineOffered, fullyOnlineReceived, withFee, paidOnline, digitised, reusedDocuments, ofCitizens, populationChecked
        /// On the completion day: completed with an electronic result, and of those synced to the applicant's store.
        case electronicResult, resultSynced
        /// On the day a dossier was first rated: rated, and rated 4–5 overall (the rating may change; its day does not).
        case rated, ratedSatisfied

        /// Received in the period, by any channel.
        public static let new: [Counter] = [.newOnline, .newInPerson, .newPost]
        /// Completed in the period (a result or an ineligibility answer), by timeliness.
        public static let completed: [Counter] = [.early, .onTime, .late]
    }

    /// One dossier's share of one counter on one day.
    public struct Contribution: Sendable, Hashable {
        public var day: LocalDate
        public var counter: Counter
        public var value: Int64

        public init(day: LocalDate, counter: Counter, value: Int64 = 1) {
            self.day = day
            self.counter = counter
            self.value = value
        }
    }

    /// What a dossier with these facts adds to its processing unit's counters. Dossiers refused at receipt
    /// add nothing.
    public static func contributions(_ dossier: Facts, calculator: DeadlineCalculator) -> [Contribution] {
        guard dossier.outcome != .rejected else { return [] }
        let clock = LocalClock(utcOffsetMinutes: calculator.officeHours.utcOffsetMinutes)
        func day(_ instant: Date) -> LocalDate { clock.localDate(instant) }
        var result: [Contribution] = []
        let newCounter: Counter =
            switch dossier.channel {
            case .online: .newOnline
            case .inPerson: .newInPerson
            case .post: .newPost
            }
        result.append(.init(day: day(dossier.receivedAt), counter: newCounter))
        if let due = dossier.dueAt { result.append(.init(day: day(due), counter: .due)) }
        if let finished = dossier.finishedAt, dossier.outcome != .open {
            result.append(.init(day: day(finished), counter: .finished))
            if let due = dossier.dueAt { result.append(.init(day: day(max(due, finished)), counter: .dueAndFinished)) }
            switch dossier.outcome {
            case .result, .ineligible:
                result.append(.init(day: day(finished), counter: counter(timeliness(finished: finished, due: dossier.dueAt, clock: clock))))
                if let days = workingDays(dossier, calculator: calculator) {
                    result.append(.init(day: day(finished), counter: .timed))
                    result.append(.init(day: day(finished), counter: .workingMilliDays, value: Int64((days * 1000).rounded())))
                }
            case .withdrawn:
                result.append(.init(day: day(finished), counter: .withdrawn))
            case .open, .rejected:
                break
            }
        }
        result += serviceContributions(dossier, day: day)
        if let returned = dossier.returnedAt { result.append(.init(day: day(returned), counter: .returned)) }
        for apology in dossier.apologies { result.append(.init(day: day(apology), counter: .apology)) }
        return result
    }

    /// The counters of the service index a dossier adds (not a refused one: the caller has returned already).
    private static func serviceContributions(_ dossier: Facts, day: (Date) -> LocalDate) -> [Contribution] {
        let received = day(dossier.receivedAt)
        let facts = dossier.service
        var counters: [Counter] = []
        if facts.fullyOnlineOffered {
            counters += dossier.channel == .online ? [.fullyOnlineOffered, .fullyOnlineReceived] : [.fullyOnlineOffered]
        }
        if facts.feeDue { counters += facts.feePaidOnline ? [.withFee, .paidOnline] : [.withFee] }
        if facts.digitised, dossier.channel == .inPerson { counters.append(.digitised) }
        if facts.reusedDocuments { counters.append(.reusedDocuments) }
        if dossier.ofCitizen { counters += facts.populationChecked ? [.ofCitizens, .populationChecked] : [.ofCitizens] }
        var result = counters.map { Contribution(day: received, counter: $0) }
        if let finished = dossier.finishedAt, dossier.outcome == .result || dossier.outcome == .ineligible, facts.electronicResult {
            result.append(.init(day: day(finished), counter: .electronicResult))
            if facts.resultSynced { result.append(.init(day: day(finished), counter: .resultSynced)) }
        }
        return result
    }

    /// What one dossier rating adds: rated on the day it was first given, and satisfied when its overall level is 4 or 5.
    public static func ratingContributions(firstRatedAt: Date, overall: Int, clock: LocalClock) -> [Contribution] {
        let day = clock.localDate(firstRatedAt)
        return overall >= 4
            ? [.init(day: day, counter: .rated), .init(day: day, counter: .ratedSatisfied)] : [.init(day: day, counter: .rated)]
    }

    private static func counter(_ timeliness: Figure) -> Counter {
        switch timeliness {
        case .early: .early
        case .late: .late
        default: .onTime
        }
    }

    /// What to add to the counters when a dossier's contributions change from `before` to `after` (zero
    /// changes left out).
    public static func change(from before: [Contribution], to after: [Contribution]) -> [Contribution] {
        var values: [Contribution: Int64] = [:]
        for item in after { values[.init(day: item.day, counter: item.counter, value: 0), default: 0] += item.value }
        for item in before { values[.init(day: item.day, counter: item.counter, value: 0), default: 0] -= item.value }
        return values.compactMap { key, value in value == 0 ? nil : Contribution(day: key.day, counter: key.counter, value: value) }
            .sorted { ($0.day, $0.counter.rawValue) < ($1.day, $1.counter.rawValue) }
    }

    /// A unit's counters summed over the days before the period, in it, and before its end.
    public struct Sums: Sendable, Equatable {
        public var beforeStart: [Counter: Int64]
        public var within: [Counter: Int64]
        public var beforeEnd: [Counter: Int64]

        public init(beforeStart: [Counter: Int64] = [:], within: [Counter: Int64] = [:], beforeEnd: [Counter: Int64] = [:]) {
            self.beforeStart = beforeStart
            self.within = within
            self.beforeEnd = beforeEnd
        }

        /// The sums of a unit's contributions for the period [start, end) of local days.
        public init(_ contributions: [Contribution], from start: LocalDate, to end: LocalDate) {
            self.init()
            for item in contributions where item.day < end {
                beforeEnd[item.counter, default: 0] += item.value
                if item.day < start {
                    beforeStart[item.counter, default: 0] += item.value
                } else {
                    within[item.counter, default: 0] += item.value
                }
            }
        }
    }

    /// The table's counts from the sums of a unit's counters (no dossier lists).
    public static func table(_ sums: Sums) -> Table {
        func before(_ counter: Counter) -> Int { Int(sums.beforeStart[counter] ?? 0) }
        func within(_ counter: Counter) -> Int { Int(sums.within[counter] ?? 0) }
        func beforeEnd(_ counter: Counter) -> Int { Int(sums.beforeEnd[counter] ?? 0) }
        let newCounters: [Counter] = [.newOnline, .newInPerson, .newPost]
        let carriedOver = newCounters.map(before).reduce(0, +) - before(.finished)
        let pending = newCounters.map(beforeEnd).reduce(0, +) - beforeEnd(.finished)
        let overdue = beforeEnd(.due) - beforeEnd(.dueAndFinished)
        var counts: [Figure: Int] = [
            .carriedOver: carriedOver, .newOnline: within(.newOnline), .newInPerson: within(.newInPerson), .newPost: within(.newPost),
            .early: within(.early), .onTime: within(.onTime), .late: within(.late), .withdrawn: within(.withdrawn),
            .pending: pending, .pendingOverdue: overdue, .pendingWithinDeadline: pending - overdue,
            .returned: within(.returned), .apologies: within(.apology),
        ]
        counts[.received] = carriedOver + newCounters.map(within).reduce(0, +)
        counts[.completed] = within(.early) + within(.onTime) + within(.late)
        let timed = within(.timed)
        return Table(
            counts: counts.filter { $0.value != 0 },
            averageWorkingDays: timed == 0 ? nil : Double(within(.workingMilliDays)) / 1000 / Double(timed))
    }
}

extension DossierStatistics {
    /// The dossiers whose contributions within [start, end) of local days include one of `counters` — the
    /// records behind a count taken from the counters, found by the same function that keeps them.
    public static func dossiers(
        _ facts: [Facts], counting counters: Set<Counter>, from start: LocalDate, to end: LocalDate,
        calculator: DeadlineCalculator
    ) -> [Int64] {
        facts.filter { dossier in
            contributions(dossier, calculator: calculator).contains { counters.contains($0.counter) && start <= $0.day && $0.day < end }
        }.map(\.id)
    }
}
