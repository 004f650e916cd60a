import ArgumentParser
import Domain
import Foundation
import Persistence
import Services

/// `motcua sipas …`: the satisfaction survey's results from files alone, so that anyone can reproduce them.
struct SIPASCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sipas", abstract: "SIPAS satisfaction surveys.", subcommands: [Compute.self, LoadQuestionnaire.self])

    struct Compute: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Results per unit and for all units from a questionnaire file and a responses CSV (unit, optional weight, one column per item)."
        )
        @Option(help: "The questionnaire (JSON; without it, the one shipped with MotCua).") var questionnaire: String?
        @Option(help: "The responses (CSV).") var responses: String
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let form: SIPASQuestionnaire
            do {
                form =
                    try questionnaire.map { try SIPASQuestionnaire(json: try Refusal.contents(of: $0)) }
                    ?? SIPASSurveys.shippedQuestionnaire()
            } catch let problem as SIPASQuestionnaire.Problem {
                throw Refusal(problem.description)
            }
            let data = try Refusal.contents(of: responses)
            let read: SIPASResponses
            do { read = try SIPASResponses.read(csv: data, questionnaire: form) } catch { throw Refusal(error.description) }
            let results = SIPASResults.compute(form, read)
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                print(String(decoding: try encoder.encode(results), as: UTF8.self))
                return
            }
            print("\(read.count) phiếu, \(read.units.count) đơn vị.")
            for unit in read.units + [SIPASResults.all] {
                guard let figures = results.units[unit] else { continue }
                let sections = form.sections.compactMap { section in
                    figures.sections[section.code].map { "\(section.label) \(String(format: "%.2f", $0))%" }
                }
                print(
                    "\(unit): " + (figures.overall.map { String(format: "%.2f%%", $0) } ?? "—") + " (" + sections.joined(separator: "; ")
                        + ")")
            }
        }
    }

    struct LoadQuestionnaire: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "load-questionnaire",
            abstract: "Load a questionnaire version from a JSON file (a version a campaign uses is never changed).")
        @Argument(help: "The questionnaire file (the shape of Sources/Persistence/Seed/Data/sipas-2022-questionnaire.json).") var file:
            String

        func run() async throws {
            let questionnaire: SIPASQuestionnaire
            do { questionnaire = try SIPASQuestionnaire(json: try Refusal.contents(of: file)) } catch let problem
                as SIPASQuestionnaire.Problem
            {
                throw Refusal(problem.description)
            }
            do {
                try await CommandEnvironment.withServices(CommandEnvironment.configuration()) { services, _ in
                    try await SIPASCampaigns(services.database).load(questionnaire, at: Date())
                }
            } catch let problem as SIPASCampaigns.Problem {
                throw Refusal(problem.message)
            }
            print("Loaded \(questionnaire.id) (\(questionnaire.items.count) items).")
        }
    }
}
