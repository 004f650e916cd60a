import ArgumentParser
import Domain
import Foundation
import Persistence
import Services

/// `motcua index …`: the service index of Decision 766 computed from MotCua's own data (docs/SERVICE-INDEX.md).
struct IndexCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "index", abstract: "The service index (Decision 766/QĐ-TTg).",
        subcommands: [Service.self, Rank.self, StatisticsCommand.Rebuild.self, LoadFramework.self])

    struct Period: ParsableArguments {
        @Option(help: "First day (yyyy-MM-dd).") var from: String
        @Option(help: "Last day, included (yyyy-MM-dd).") var to: String

        func days() throws -> (LocalDate, LocalDate) {
            guard let from = LocalDate(iso: from), let to = LocalDate(iso: to) else { throw ValidationError("Dates are yyyy-MM-dd.") }
            return (from, to)
        }
    }

    struct Service: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "A unit's score (without --unit: the whole city).")
        @Option(help: "The unit's code.") var unit: String?
        @OptionGroup var period: Period
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let (from, to) = try period.days()
            let document = try await CommandEnvironment.withServices(CommandEnvironment.configuration()) { services, _ in
                let report = try await services.serviceIndex(from: from, through: to)
                guard let code = unit else {
                    return ServiceIndexDocument(unit: "ALL", name: "Toàn thành phố", report: report, score: report.city)
                }
                guard let found = report.units.first(where: { $0.code == code }) else {
                    throw ValidationError("No unit \(code) in force in the period.")
                }
                return ServiceIndexDocument(unit: found.code, name: found.name, report: report, score: report.score(of: found))
            }
            if json { return try IndexCommand.printJSON(document) }
            if let index = document.index, let total = document.total {
                print(
                    "\(document.name) \(document.from) – \(document.to): \(IndexCommand.number(index)) / 100 "
                        + "(\(IndexCommand.number(total)) / \(IndexCommand.number(document.measurableMax)) điểm đo được)")
            } else {
                print("\(document.name) \(document.from) – \(document.to): Chưa có dữ liệu (không có hồ sơ trong kỳ)")
            }
            for group in document.groups {
                print("  \(group.code) \(group.name): \(IndexCommand.number(group.points)) / \(IndexCommand.number(group.measurableMax))")
                for indicator in group.indicators {
                    let figure =
                        switch (indicator.numerator, indicator.denominator, indicator.points) {
                        case (let numerator?, let denominator?, let points?): "\(numerator)/\(denominator) → \(IndexCommand.number(points))"
                        case (let numerator?, let denominator?, nil): "\(numerator)/\(denominator) → không áp dụng"
                        default: "không có dữ liệu"
                        }
                    print("    \(indicator.code) \(indicator.name): \(figure) / \(IndexCommand.number(indicator.max))")
                }
            }
        }
    }

    struct Rank: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Units of a kind ranked by their score.")
        @Option(help: "department, commune (wards, communes and townships together) or district.") var kind: String
        @OptionGroup var period: Period
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let (from, to) = try period.days()
            guard let group = UnitKind(rawValue: kind)?.rankingGroup, ServiceIndexReport.rankedGroups.contains(group) else {
                throw ValidationError("--kind is department, commune, ward, township or district.")
            }
            let document = try await CommandEnvironment.withServices(CommandEnvironment.configuration()) { services, _ in
                let report = try await services.serviceIndex(from: from, through: to)
                return ServiceIndexRankingDocument(kind: kind, report: report, entries: report.ranking(of: group))
            }
            if json { return try IndexCommand.printJSON(document) }
            for entry in document.units { print("\(entry.rank)\t\(IndexCommand.number(entry.index))\t\(entry.unit)\t\(entry.name)") }
        }
    }

    struct LoadFramework: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "load-framework", abstract: "Load a framework version from a JSON file.")
        @Argument(help: "The framework file (the shape of Sources/Persistence/Seed/Data/service-index-766.json).") var file: String

        func run() async throws {
            let framework: ServiceIndexFramework
            do { framework = try ServiceIndexFramework(json: try Refusal.contents(of: file)) } catch let problem
                as ServiceIndexFramework.Problem
            {
                throw Refusal(problem.description)
            }
            try await CommandEnvironment.withServices(CommandEnvironment.configuration()) { services, _ in
                try await ServiceIndexStore(services.database.sql).load(framework, at: Date())
            }
            print("Loaded \(framework.id), in force from \(framework.validFrom.iso)\(framework.validTo.map { " to \($0.iso)" } ?? "").")
        }
    }

    static func printJSON(_ value: some Encodable) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .withoutEscapingSlashes]
        print(String(decoding: try encoder.encode(value), as: UTF8.self))
    }

    /// "95,70"
    static func number(_ value: Decimal) -> String { value.vietnamese() }
}
