import ArgumentParser
import Foundation
import Persistence
import Web

/// `motcua statistics …`: the counters behind the one-stop statistics table (and the service index:
/// `motcua index rebuild` is the same command).
struct StatisticsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "statistics", abstract: "The one-stop statistics counters.", subcommands: [Rebuild.self])

    struct Rebuild: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Recount every counter (statistics and service index, daily and monthly) from the dossiers and ratings (after a calendar or office-hours change, or a restore).")

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
}
