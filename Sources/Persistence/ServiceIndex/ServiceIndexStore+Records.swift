import Domain
import Foundation
import SQLKit

/// The records behind an indicator's numerator or denominator (the drill-down): found by the same rules that
/// keep the counts — the dossiers' contributions to the counters, the ratings and feedback of the period.
extension ServiceIndexStore {
    public enum Part: String, Sendable, CaseIterable {
        /// The records that count for the indicator, all those it is measured on, and those of the
        /// denominator not in the numerator — the ones that cost the unit points.
        case numerator, denominator, lost

        public var title: String {
            switch self {
            case .numerator: "Tử số"
            case .denominator: "Mẫu số"
            case .lost: "Làm mất điểm"
            }
        }
    }

    /// Dossiers or feedback items, in the order received.
    public enum Records: Sendable {
        case dossiers([DossierQueueItem])
        case feedback([FeedbackItem])

        public var count: Int {
            switch self {
            case .dossiers(let items): items.count
            case .feedback(let items): items.count
            }
        }
    }

    /// The records behind one part of a measure for some processing units over [from, to) (local days; `start`
    /// and `end` the same bounds as instants).
    public func records(
        _ measure: ServiceIndexMeasure, _ part: Part, units: [Int64], from: LocalDate, to: LocalDate, start: Date, end: Date, now: Date,
        calculator: (Int64) async throws -> DeadlineCalculator
    ) async throws -> Records {
        guard part == .lost else {
            return try await counted(
                measure, part, units: units, from: from, to: to, start: start, end: end, now: now, calculator: calculator)
        }
        let all = try await counted(
            measure, .denominator, units: units, from: from, to: to, start: start, end: end, now: now, calculator: calculator)
        let kept = try await counted(
            measure, .numerator, units: units, from: from, to: to, start: start, end: end, now: now, calculator: calculator)
        switch (all, kept) {
        case (.dossiers(let all), .dossiers(let kept)):
            let counted = Set(kept.map(\.dossier.id))
            return .dossiers(all.filter { !counted.contains($0.dossier.id) })
        case (.feedback(let all), .feedback(let kept)):
            let counted = Set(kept.map(\.id))
            return .feedback(all.filter { !counted.contains($0.id) })
        default:
            return all
        }
    }

    private func counted(
        _ measure: ServiceIndexMeasure, _ part: Part, units: [Int64], from: LocalDate, to: LocalDate, start: Date, end: Date, now: Date,
        calculator: (Int64) async throws -> DeadlineCalculator
    ) async throws -> Records {
        let dossiers = DossierStore(database)
        switch measure {
        case .feedbackOnTime, .feedbackSatisfied:
            let items = try await database.select().column("*").from("feedback").where("unit_id", .in, units).all().map(
                FeedbackStore.decode)
            return .feedback(
                items.filter { item in
                    switch (measure, part) {
                    case (.feedbackOnTime, _):
                        guard start <= item.dueAt, item.dueAt < end,
                            FeedbackRules.isJudged(due: item.dueAt, answeredAt: item.answeredAt, now: now)
                        else { return false }
                        return part == .denominator
                            || item.answeredAt.map { FeedbackRules.isOnTime(answeredAt: $0, due: item.dueAt) } == true
                    default:
                        guard let rated = item.ratedAt, start <= rated, rated < end, let satisfied = item.satisfied else { return false }
                        return part == .denominator || satisfied
                    }
                }.sorted { $0.receivedAt < $1.receivedAt })
        case .ratingsSatisfied:
            let select = database.select().column("dossier_id").from("dossier_ratings").where("unit_id", .in, units)
                .where("created_at", .greaterThanOrEqual, start.milliseconds).where("created_at", .lessThan, end.milliseconds)
            if part == .numerator { select.where("overall", .greaterThanOrEqual, 4) }
            let ids = try await select.all().map { try $0.decode(column: "dossier_id", as: Int64.self) }
            return .dossiers(try await dossiers.dossiers(ids: ids))
        default:
            var ids: [Int64] = []
            let counters: [DossierStatistics.Counter]
            if measure == .syncedToNationalPortal {
                counters = DossierStatistics.Counter.new
            } else {
                let pair = measure.counters!
                counters = part == .numerator ? pair.numerator : pair.denominator
            }
            for unit in units {
                let facts = try await dossiers.statisticsFacts(processingUnitID: unit, from: start, to: end)
                ids += DossierStatistics.dossiers(
                    facts, counting: Set(counters), from: from, to: to, calculator: try await calculator(unit))
            }
            if measure == .syncedToNationalPortal, part == .numerator {
                var unsynced: Set<Int64> = []
                for chunk in stride(from: 0, to: ids.count, by: 500).map({ Array(ids[$0..<min($0 + 500, ids.count)]) }) {
                    for row in try await database.select().column("dossier_id").from("portal_outbox").where(
                        "status", .in, ["pending", "failed"]
                    )
                    .where("dossier_id", .in, chunk).all() {
                        unsynced.insert(try row.decode(column: "dossier_id", as: Int64.self))
                    }
                }
                ids = ids.filter { !unsynced.contains($0) }
            }
            return .dossiers(try await dossiers.dossiers(ids: ids))
        }
    }
}
