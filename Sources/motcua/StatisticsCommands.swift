import ArgumentParser
import Domain
import Foundation
import Persistence
import Services

/// `motcua statistics …`: the counters behind the one-stop statistics table (and the service index:
/// `motcua index rebuild` is the same command).
struct StatisticsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "statistics", abstract: "The one-stop statistics counters.", subcommands: [Rebuild.self, Verify.self])

    struct Rebuild: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Recount every counter (statistics and service index, daily and monthly) from the dossiers and ratings (after a calendar or office-hours change, or a restore)."
        )

        func run() async throws {
            let read = try await CommandEnvironment.withServices(CommandEnvironment.configuration()) { services, _ in
                try await services.database.rebuildStatisticsCounters(calculator: services.deadlines) { read in
                    FileHandle.standardError.write(Data("\r\(read) dossiers counted".utf8))
                }
            }
            FileHandle.standardError.write(Data("\n".utf8))
            print("Recounted the statistics counters from \(read) dossiers.")
        }
    }

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Recount every figure of the statistics tables and the service index, month by month, from the records themselves; exit status 1 on any difference, each named by unit, period and figure."
        )
        @Option(help: "First day (yyyy-MM-dd; default: the first of the month eleven months ago).") var from: String?
        @Option(help: "Last day, included (yyyy-MM-dd; default: today).") var to: String?

        func run() async throws {
            let configuration = CommandEnvironment.configuration()
            let (differences, months) = try await CommandEnvironment.withServices(configuration) { services, _ in
                let today = services.today()
                guard let through = to.map(LocalDate.init(iso:)) ?? today,
                    let first = from.map(LocalDate.init(iso:)) ?? ReportingPeriod.month(of: today).from.adding(days: -330)
                else { throw Refusal("Ngày phải có dạng yyyy-MM-dd.") }
                guard first <= through, first.days(to: through) <= 3660 else {
                    throw Refusal("Khoảng thời gian không hợp lệ: ngày bắt đầu phải trước ngày kết thúc, tối đa 10 năm.")
                }
                let months = ReportingPeriod.months(covering: first, through)
                return (try await services.reconcileStatistics(months), months.count)
            }
            guard differences.isEmpty else {
                for difference in differences { print(difference) }
                print("\(differences.count) figures differ from their recount over \(months) months.")
                throw ExitCode(1)
            }
            print("Every figure of \(months) months agrees with its recount from the records.")
        }
    }
}
