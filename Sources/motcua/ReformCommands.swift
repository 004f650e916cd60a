import ArgumentParser
import Domain
import Foundation
import Persistence
import Services

/// `motcua reform …`: the working group's urging run, for a scheduler (cron, a systemd timer) or by hand.
struct ReformCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "reform", abstract: "Reform plans and tasks.", subcommands: [Urge.self])

    struct Urge: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Urge the units of a year's plan: one digest per unit with tasks due soon or overdue (e-mailed by the running server), once a day."
        )
        @Option(help: "The plan's year (default: this year).") var year: Int?
        @Option(help: "The day the statuses are taken on, yyyy-MM-dd (default: today).") var asOf: String?
        @Option(help: "Tasks due within this many working days are urged.") var window = 10
        @Option(help: "Units with a task overdue by this many working days are escalated to their heads and the city's leaders.")
        var escalateAfter = 10
        @Option(help: "Tasks without a progress report for this many days are urged to report (0: not).") var reportEvery = 30

        func run() async throws {
            guard (0...250).contains(window), (1...250).contains(escalateAfter) else {
                throw Refusal("--window is 0–250 and --escalate-after 1–250 working days.")
            }
            let day: LocalDate? = try asOf.map {
                guard let day = LocalDate(iso: $0) else { throw Refusal("--as-of must be a date like 2026-04-10 (got \($0)).") }
                return day
            }
            let digests = try await CommandEnvironment.withServices(CommandEnvironment.configuration()) { services, _ in
                let asOf = day ?? services.today()
                guard let plan = try await services.reform.plan(year: year ?? asOf.year) else {
                    throw Refusal("No reform plan for \(year ?? asOf.year).")
                }
                let digests = try await services.urge(
                    plan: plan, asOf: asOf,
                    rules: ReformUrging(window: window, escalateAfter: escalateAfter, reportEvery: reportEvery > 0 ? reportEvery : nil),
                    by: nil)
                return try await digests.asyncMapped { digest in
                    "\(try await services.units.find(id: digest.unitID)?.name ?? String(digest.unitID)): \(digest.overdue.count) quá hạn, "
                        + "\(digest.dueSoon.count) sắp đến hạn, \(digest.silent.count) chưa báo cáo định kỳ"
                        + (digest.escalated ? ", báo cáo lãnh đạo" : "")
                }
            }
            print(digests.isEmpty ? "Không có đơn vị nào cần đôn đốc (hoặc đã được đôn đốc trong ngày)." : digests.joined(separator: "\n"))
        }
    }
}

extension Array {
    func asyncMapped<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var result: [T] = []
        for element in self { result.append(try await transform(element)) }
        return result
    }
}
