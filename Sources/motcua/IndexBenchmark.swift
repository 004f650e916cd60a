import ArgumentParser
import Domain
import Foundation
import Persistence
import SQLKit
import Services
import Web

extension BenchCommand {
    /// The service index at N synthetic dossiers spread over every ward and commune (SQLite file): the
    /// ranking of all units for a quarter, the leaders' dashboard, and a full rebuild of the counters — each
    /// against a plain `SELECT … COUNT(*) … GROUP BY` over the same dossiers in the same run.
    struct Index: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Service index ranking, dashboard and rebuild at N dossiers, against a plain GROUP BY count (SQLite file).")
        @Option(help: "Dossier counts to measure at, comma-separated.") var dossiers = "1000000,10000000"
        @Option(help: "Repetitions of each measurement (the median is printed).") var repeats = 9
        @Flag(help: "Skip the full rebuild (long at 10M).") var noRebuild = false

        func run() async throws {
            let sizes = dossiers.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
            guard !sizes.isEmpty, sizes.allSatisfy({ $0 > 0 }), repeats > 0 else {
                throw Refusal("--dossiers: số hồ sơ dương, cách nhau bằng dấu phẩy.")
            }
            for size in sizes { try await measure(size) }
        }

        private func measure(_ size: Int) async throws {
            let repeats = self.repeats, rebuild = !noRebuild
            try await BenchDatabase.with { database in
                let calendar = WorkingCalendar(rows: OfficialCalendar.rows)
                let clock = LocalClock()
                let lastDay = LocalDate(iso: "2026-10-30")!
                let locals = try await Self.spreadOverLocalUnits(database, on: lastDay)
                let bar = ProgressBar(label: "Tạo \(size) hồ sơ")
                let made = try await ContinuousClock().measure {
                    try await SyntheticDossiers(
                        database: database, desk: DossierDesk(database: database) { _, _ in DeadlineCalculator(calendar: calendar) },
                        calendar: calendar
                    )
                    .bulk(
                        count: size, seed: 1, unitCodes: nil, from: LocalDate(iso: "2023-11-01")!, to: lastDay,
                        now: clock.instant(parsing: "2026-10-31T17:00")!, progress: bar.update)
                }
                bar.finish()
                var configuration = try AppConfiguration.load(environment: [
                    "MOTCUA_DATA_DIR": FileManager.default.temporaryDirectory.appendingPathComponent("motcua-bench-\(UUID().uuidString)")
                        .path,
                    "MOTCUA_SECRET": String(repeating: "b", count: 40),
                ])
                configuration.logLevel = "error"
                let services = AppServices(database: database, configuration: configuration)
                let quarter = ReportingPeriod.quarter(of: LocalDate(iso: "2026-07-01")!)
                let (quarterStart, quarterEnd) = quarter.bounds(clock)

                // Baseline: received dossiers per processing unit for the quarter, counted from the dossiers.
                let baselineTimes = try await BenchTiming.times(repeats) {
                    _ = try await database.sql.select().column("processing_unit_id").column(
                        SQLFunction("COUNT", args: SQLLiteral.all), as: "n"
                    )
                    .from("dossiers").where("received_at", .greaterThanOrEqual, quarterStart.milliseconds)
                    .where("received_at", .lessThan, quarterEnd.milliseconds).groupBy("processing_unit_id").all()
                }
                var ranked = 0
                let rankingTimes = try await BenchTiming.times(repeats) {
                    let report = try await services.serviceIndex(from: quarter.from, through: quarter.through)
                    ranked = report.ranking(of: "local").count + report.ranking(of: "department").count
                }
                var bytes = 0
                let dashboardTimes = try await BenchTiming.times(repeats) {
                    bytes = try await services.serviceIndexDashboard(quarter, today: LocalDate(iso: "2026-10-31")!).html().utf8.count
                }
                let baselineMS = BenchTiming.median(baselineTimes), rankingMS = BenchTiming.median(rankingTimes),
                    dashboardMS = BenchTiming.median(dashboardTimes)
                print(
                    String(
                        format: "%@ dossiers over %d wards and communes (made in %.0f s)", size.formatted(), locals,
                        BenchTiming.seconds(made)))
                print(String(format: "  plain GROUP BY count of a quarter:        %9.2f ms  (baseline)", baselineMS))
                print(
                    String(
                        format: "  ranking of all units, Q3 2026 (%d ranked): %9.2f ms  ratio %.3f  (target ≤ 100 ms: %@)",
                        ranked, rankingMS, rankingMS / baselineMS, rankingMS <= 100 ? "met" : "NOT met"))
                print(
                    String(
                        format: "  dashboard page (%d bytes):            %9.2f ms  ratio %.3f  (target ≤ 150 ms: %@)",
                        bytes, dashboardMS, dashboardMS / baselineMS, dashboardMS <= 150 ? "met" : "NOT met"))
                guard rebuild else { return }
                // The rebuild against a plain count over every dossier; then the counts must be the same as kept.
                let before = try await services.serviceIndex(from: quarter.from, through: quarter.through).counts
                let fullCount = try await BenchTiming.times(1) {
                    _ = try await database.sql.select().column("processing_unit_id").column(
                        SQLFunction("COUNT", args: SQLLiteral.all), as: "n"
                    )
                    .from("dossiers").groupBy("processing_unit_id").all()
                }
                let rebuildTimes = try await BenchTiming.times(1) {
                    try await database.rebuildStatisticsCounters(calculator: services.deadlines)
                }
                let after = try await services.serviceIndex(from: quarter.from, through: quarter.through).counts
                print(String(format: "  plain GROUP BY count of all dossiers:     %9.0f ms  (baseline)", fullCount[0]))
                print(
                    String(
                        format: "  full rebuild of the counters:             %9.0f ms  ratio %.1f  same counts as kept: %@",
                        rebuildTimes[0], rebuildTimes[0] / fullCount[0], before == after ? "yes" : "NO"))
            }
        }

        /// Every demo procedure the demo wards receive is received and processed by every ward and commune in
        /// force, so that the dossiers spread over the city's local units as they would. Returns how many.
        static func spreadOverLocalUnits(_ database: Database, on day: LocalDate) async throws -> Int {
            let store = ProcedureStore(database.sql)
            let locals = try await UnitStore(database.sql).list(.init(validOn: day)).filter { $0.kind.rankingGroup == "local" }.map(\.code)
            for procedure in try await store.allCurrent() where procedure.receivingUnits.contains("00070") {
                var wider = procedure
                wider.receivingUnits = locals
                wider.processingUnits = locals
                var cache: [String: Int64?] = [:]
                guard let units = try await store.resolveUnits(of: wider, validOn: day, cache: &cache).units else { continue }
                _ = try await store.save(wider, units: units, isDemo: true, actorID: nil, at: Date())
            }
            return locals.count
        }
    }
}
