import ArgumentParser
import Domain
import Foundation
import Logging
import Persistence
import SQLKit
import Services

extension BenchCommand {
    /// The statistics table of the busiest processing unit for one month (October 2026), read from the
    /// counters, against the same table recounted from the dossiers, on SQLite files holding N synthetic
    /// dossiers received over three years — in the same run.
    struct Statistics: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Unit-month statistics from the counters against a recount of the dossiers, at 1M and 10M dossiers (SQLite file).")
        @Option(help: "Dossier counts to measure at, comma-separated.") var dossiers = "1000000,10000000"
        @Option(help: "Repetitions of each measurement (the median is printed).") var repeats = 15

        func run() async throws {
            let sizes = dossiers.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
            guard !sizes.isEmpty, sizes.allSatisfy({ $0 > 0 }), repeats > 0 else {
                throw Refusal("--dossiers: số hồ sơ dương, cách nhau bằng dấu phẩy.")
            }
            for size in sizes { try await measure(size) }
        }

        private func measure(_ size: Int) async throws {
            let repeats = self.repeats
            try await BenchDatabase.with { database in
                let calendar = WorkingCalendar(rows: OfficialCalendar.rows)
                let clock = LocalClock()
                let bar = ProgressBar(label: "Tạo \(size) hồ sơ")
                let made = try await ContinuousClock().measure {
                    try await SyntheticDossiers(
                        database: database, desk: DossierDesk(database: database) { _, _ in DeadlineCalculator(calendar: calendar) },
                        calendar: calendar
                    )
                    .bulk(
                        count: size, seed: 1, unitCodes: nil, from: LocalDate(iso: "2023-11-01")!, to: LocalDate(iso: "2026-10-30")!,
                        now: clock.instant(parsing: "2026-10-31T17:00")!, progress: bar.update)
                }
                bar.finish()
                let busiest = try await database.sql.select().column("processing_unit_id").column(
                    SQLFunction("COUNT", args: SQLLiteral.all), as: "n"
                )
                .from("dossiers").groupBy("processing_unit_id")
                .orderBy(SQLOrderBy(expression: SQLIdentifier("n"), direction: SQLDirection.descending)).limit(1).first()!
                let unitID = try busiest.decode(column: "processing_unit_id", as: Int64.self)
                let unitDossiers = try busiest.decode(column: "n", as: Int.self)
                let from = LocalDate(iso: "2026-10-01")!, to = LocalDate(iso: "2026-11-01")!
                let start = clock.instant(parsing: from.iso + "T00:00")!, end = clock.instant(parsing: to.iso + "T00:00")!
                let calculator = DeadlineCalculator(calendar: calendar)

                var counted = DossierStatistics.Table(counts: [:], averageWorkingDays: nil)
                let countersTimes = try await BenchTiming.times(repeats) {
                    counted = DossierStatistics.table(try await StatisticsCounters(database.sql).sums(unitID: unitID, from: from, to: to))
                }
                var recount = DossierStatistics.Table(counts: [:], averageWorkingDays: nil)
                let recountTimes = try await BenchTiming.times(max(1, min(repeats, 5))) {
                    let facts = try await DossierStore(database.sql).statisticsFacts(processingUnitID: unitID, from: start, to: end)
                    recount = DossierStatistics.table(facts, from: start, to: end, clock: clock, calculator: calculator)
                }
                let differences = DossierStatistics.Figure.allCases.filter { counted.count($0) != recount.count($0) }
                    .map { "\($0.rawValue) \(counted.count($0)) vs \(recount.count($0))" }
                let same = differences.isEmpty ? "yes" : "NO (" + differences.joined(separator: ", ") + ")"
                let countersMS = BenchTiming.median(countersTimes), recountMS = BenchTiming.median(recountTimes)
                print(
                    String(
                        format: "%@ dossiers (made in %.0f s); busiest unit: %d dossiers, %d received in October 2026",
                        size.formatted(), BenchTiming.seconds(made), unitDossiers, counted.count(.received)))
                print(String(format: "  recount from the dossiers:   %8.2f ms  (baseline)", recountMS))
                print(
                    String(
                        format: "  sum of the unit's counters:  %8.2f ms  ratio %.4f  (target ≤ 50 ms: %@)  same counts: %@",
                        countersMS, countersMS / recountMS, countersMS <= 50 ? "met" : "NOT met", same))
            }
        }
    }
}
