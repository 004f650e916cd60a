import Foundation

/// "If these dossiers are completed by the end of the period, the score becomes …" — computed with the same
/// contributions that keep the counters: each dossier's contributions within the period as it is, and as it
/// would be completed at the given instant, and the difference applied to the counts.
public enum ServiceIndexWhatIf {
    /// A dossier still open, completed with a result at `time`.
    public static func completing(_ facts: DossierStatistics.Facts, at time: Date) -> DossierStatistics.Facts {
        var completed = facts
        completed.outcome = .result
        completed.finishedAt = time
        return completed
    }

    /// The change of each counter within [from, to) of local days between the dossiers as they are and as
    /// they would be.
    public static func changes(
        from before: [DossierStatistics.Facts], to after: [DossierStatistics.Facts], period from: LocalDate, _ to: LocalDate,
        calculator: DeadlineCalculator
    ) -> [DossierStatistics.Counter: Int] {
        var result: [DossierStatistics.Counter: Int] = [:]
        func add(_ facts: [DossierStatistics.Facts], _ sign: Int) {
            for dossier in facts {
                for item in DossierStatistics.contributions(dossier, calculator: calculator) where from <= item.day && item.day < to {
                    result[item.counter, default: 0] += sign * Int(item.value)
                }
            }
        }
        add(after, 1)
        add(before, -1)
        return result.filter { $0.value != 0 }
    }

    /// The counts of each measure after the counters change (live measures unchanged; the portal
    /// synchronisation's denominator follows the dossiers received).
    public static func adjusted(_ counts: [ServiceIndexMeasure: ServiceIndexScore.Count], by changes: [DossierStatistics.Counter: Int])
        -> [ServiceIndexMeasure: ServiceIndexScore.Count]
    {
        func sum(_ list: [DossierStatistics.Counter]) -> Int { list.reduce(0) { $0 + (changes[$1] ?? 0) } }
        var result = counts
        for measure in ServiceIndexMeasure.allCases {
            let count = counts[measure] ?? .zero
            if let pair = measure.counters {
                result[measure] = .init(
                    numerator: count.numerator + sum(pair.numerator), denominator: count.denominator + sum(pair.denominator))
            } else if measure == .syncedToNationalPortal {
                let received = sum(DossierStatistics.Counter.new)
                result[measure] = .init(numerator: count.numerator, denominator: count.denominator + received)
            }
        }
        return result
    }
}
