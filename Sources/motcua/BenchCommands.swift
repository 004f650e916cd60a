import ArgumentParser
import Domain
import Foundation
import Logging
import Persistence
import Services

/// `motcua bench …`: throughput figures measured against a baseline in the same run, never against a clock
/// target in a unit test.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench", abstract: "Benchmarks.",
        subcommands: [Calendar.self, Intake.self, Statistics.self, Index.self, SIPAS.self, History.self])

    struct Calendar: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Due dates and lunar conversions per second, against a loop that only adds calendar days.")
        @Option(help: "Operations per measurement.") var count = 2_000_000

        func run() throws {
            let calculator = DeadlineCalculator(calendar: WorkingCalendar(rows: OfficialCalendar.rows))
            let start = LocalClock().instant(parsing: "2024-01-01T00:00")!.timeIntervalSince1970
            let span = 3 * 365 * 24 * 60
            // Inputs spread over 2024–2026 at every minute of the day, limits of 0–30 working days.
            func received(_ i: Int) -> Date { Date(timeIntervalSince1970: start + Double((i &* 7919) % span) * 60) }

            var checksum = 0
            let baseline = measure(count) { i in
                // The naive count a due date must beat: add calendar days to a date.
                checksum &+= LocalDate(dayNumber: 2_460_311 + (i % 1000)).adding(days: i % 61).day
            }
            let dues = try measure(count) { i in
                let due = try calculator.due(receivedAt: received(i), limit: .workingDays(halfDays: i % 61))
                checksum &+= Int(due.timeIntervalSince1970) & 1
            }
            let lunarCount = max(1, count / 10)
            let lunar = measure(lunarCount) { i in
                checksum &+= LunarCalendar.vietnam.lunar(from: LocalDate(dayNumber: 2_415_021 + (i &* 37) % 73_000)).day
            }
            func rate(_ seconds: Double, _ n: Int) -> Double { Double(n) / seconds }
            let baseRate = rate(baseline, count), dueRate = rate(dues, count), lunarRate = rate(lunar, lunarCount)
            print(String(format: "calendar-day additions: %12.0f /s  (baseline)", baseRate))
            print(
                String(
                    format: "due dates:              %12.0f /s  ratio to baseline %.3f  (target ≥ 1 000 000 /s: %@)",
                    dueRate, dueRate / baseRate, dueRate >= 1_000_000 ? "met" : "NOT met"))
            print(String(format: "lunar conversions:      %12.0f /s  ratio to baseline %.3f", lunarRate, lunarRate / baseRate))
            print("checksum \(checksum & 0xff)")
        }

        private func measure(_ n: Int, _ body: (Int) throws -> Void) rethrows -> Double {
            let clock = ContinuousClock()
            let elapsed = try clock.measure { for i in 0..<n { try body(i) } }
            return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        }
    }
}

/// A fresh SQLite file (WAL, synchronous=FULL) in a temporary folder, migrated and holding the demo catalogue,
/// for one benchmark; removed afterwards.
enum BenchDatabase {
    static func with(_ body: @Sendable (Database) async throws -> Void) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("motcua-bench-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let logger = {
            var logger = Logger(label: "bench")
            logger.logLevel = .error
            return logger
        }()
        try await Database.with(.sqliteFile(path: folder + "/bench.sqlite"), logger: logger) { database in
            try await MigrationRunner(database: database).migrate(logger: logger)
            try await DemoCatalogue.load(on: database, at: Date())
            try await body(database)
        }
    }
}

/// Timing helpers shared by the benchmarks: milliseconds per run, the median of several.
enum BenchTiming {
    static func times(_ count: Int, _ body: () async throws -> Void) async throws -> [Double] {
        var result: [Double] = []
        for _ in 0..<count { result.append(seconds(try await ContinuousClock().measure { try await body() }) * 1000) }
        return result
    }

    static func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
