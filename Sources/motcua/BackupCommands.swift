import ArgumentParser
import Foundation
import Persistence
import Services

/// `motcua backup --to DIR`: the whole product (every table in one snapshot, the stored files) into a new
/// folder, while the server keeps running. `motcua restore --from DIR`: into a new, empty database (the
/// configured one), checked table by table against the backup. Both print what they did and how long it took.
struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup", abstract: "Back up the database and the stored files into a new folder.")
    @Option(help: "The folder to create.") var to: String

    func run() async throws {
        let configuration = CommandEnvironment.configuration()
        let started = Date()
        let manifest = try await CommandEnvironment.withServices(configuration) { services, _ in
            do {
                return try await Backup(database: services.database, dataDirectory: configuration.dataDirectory).write(to: to, at: Date())
            } catch let problem as Backup.Problem {
                throw Refusal(problem.description)
            }
        }
        let rows = manifest.tables.values.map(\.rows).reduce(0, +)
        print(
            "Backed up \(manifest.tables.count) tables (\(rows) rows) and \(manifest.files) files (\(manifest.fileBytes) bytes) from \(manifest.engine) "
                + "into \(to) in \(String(format: "%.2f", Date().timeIntervalSince(started))) s.")
    }
}

struct RestoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore", abstract: "Restore a backup into a new, empty database and data folder.")
    @Option(help: "The backup folder (made by motcua backup).") var from: String

    func run() async throws {
        let configuration = CommandEnvironment.configuration()
        let started = Date()
        let manifest = try await CommandEnvironment.withServices(configuration) { services, _ in
            do {
                return try await Backup(database: services.database, dataDirectory: configuration.dataDirectory).restore(from: from)
            } catch let problem as Backup.Problem {
                throw Refusal(problem.description)
            }
        }
        let rows = manifest.tables.values.map(\.rows).reduce(0, +)
        print(
            "Restored \(manifest.tables.count) tables (\(rows) rows, every table's SHA-256 equal to the backup's) and \(manifest.files) files "
                + "in \(String(format: "%.2f", Date().timeIntervalSince(started))) s.")
    }
}
