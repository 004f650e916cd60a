import ArgumentParser
import Domain
import Foundation
import Persistence
import Services

/// `motcua par …`: the PAR INDEX from files alone, so that anyone can reproduce a published ranking.
struct PARCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "par", abstract: "PAR INDEX (administrative reform index).", subcommands: [Compute.self, LoadFramework.self])

    struct Compute: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Totals, indices and ranks from a framework file and a scores CSV (unit, criterion, score).")
        @Option(help: "The framework (JSON; without it, the sample shipped with MotCua).") var framework: String?
        @Option(help: "The leaf scores (CSV with columns unit, criterion, score).") var scores: String
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let loaded: PARFramework
            do {
                loaded = try framework.map { try PARFramework(json: try Refusal.contents(of: $0)) } ?? PARFrameworks.shippedSample()
            } catch let problem as PARFramework.Problem {
                throw Refusal(problem.description)
            }
            let text = String(decoding: try Refusal.contents(of: scores), as: UTF8.self)
            let read: [String: [String: Double]]
            do { read = try PARScores.read(csv: text, framework: loaded) } catch { throw Refusal(error.description) }
            let results = PARResults.compute(loaded, scores: read)
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                print(String(decoding: try encoder.encode(results), as: UTF8.self))
                return
            }
            print(
                "\(loaded.title ?? "PAR INDEX") — \(loaded.year), \(loaded.unitKind.title): \(results.units.count) đơn vị, tối đa \(loaded.max) điểm."
            )
            for unit in results.units {
                print(
                    "\(unit.rank). \(unit.unit): \(unit.total.vietnamese()) điểm, \(unit.index.vietnamese())%"
                        + (unit.missing.isEmpty ? "" : " (thiếu \(unit.missing.count) tiêu chí)"))
            }
        }
    }

    struct LoadFramework: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "load-framework",
            abstract: "Load a year's framework for a kind of unit from a JSON file (refused once a round froze it).")
        @Argument(help: "The framework file (the shape of Sources/Persistence/Seed/Data/par-sample-2025-department.json).") var file: String

        func run() async throws {
            let framework: PARFramework
            do { framework = try PARFramework(json: try Refusal.contents(of: file)) } catch let problem as PARFramework.Problem {
                throw Refusal(problem.description)
            }
            do {
                _ = try await CommandEnvironment.withServices(CommandEnvironment.configuration()) { services, _ in
                    try await services.par.load(framework, by: nil, at: Date())
                }
            } catch let problem as PARStore.Problem {
                throw Refusal(problem.message)
            }
            print(
                "Loaded the \(framework.year) framework for \(framework.unitKind.rawValue) (\(framework.leaves.count) criteria, \(framework.max) points)."
            )
        }
    }
}
