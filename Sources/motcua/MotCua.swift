import ArgumentParser
import Foundation
import Services

/// The `motcua` command: serve the product and administer it.
@main
struct MotCua: AsyncParsableCommand {
    /// Bad input (``Refusal`` or a malformed command line) prints its reason and exits with status 2; anything
    /// else is reported as usual.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var command = command as? any AsyncParsableCommand {
                try await command.run()
            } else {
                try command.run()
            }
        } catch let refusal as Refusal {
            FileHandle.standardError.write(Data((refusal.description + "\n").utf8))
            Foundation.exit(2)
        } catch  where exitCode(for: error) == .validationFailure {
            // A malformed command line is bad input too: exit 2, like every other refusal.
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            Foundation.exit(2)
        } catch {
            exit(withError: error)
        }
    }

    static let configuration = CommandConfiguration(
        commandName: "motcua",
        abstract: "MotCua — one-stop public services and administrative-reform indices.",
        subcommands: [
            Serve.self, Migrate.self, Seed.self, UserCommand.self, AuditCommand.self, CalendarCommand.self, CatalogueCommand.self,
            StatisticsCommand.self, IndexCommand.self, SIPASCommand.self, PARCommand.self, ReformCommand.self, BackupCommand.self,
            RestoreCommand.self, BenchCommand.self,
        ]
    )
}
