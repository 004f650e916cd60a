import ArgumentParser
import Domain
import Foundation
import Persistence
import Services

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Apply pending migrations (or revert the last one).")
    @Flag(help: "Revert the most recent migration instead.") var revertLast = false

    func run() async throws {
        let configuration = CommandEnvironment.configuration()
        let logger = CommandEnvironment.logger(configuration)
        try await Database.with(configuration.database, logger: logger) { database in
            let runner = MigrationRunner(database: database)
            if revertLast {
                print(try await runner.revertLast(logger: logger).map { "Reverted \($0)" } ?? "Nothing to revert")
            } else {
                let applied = try await runner.migrate(logger: logger)
                print(applied.isEmpty ? "The schema is up to date." : "Applied: \(applied.joined(separator: ", "))")
                let corrected = try await AppServices(database: database, configuration: configuration).afterMigrations(applied)
                if !corrected.isEmpty { print("Due instants recomputed with the corrected calendar: \(corrected.count) open dossiers.") }
            }
        }
    }
}

struct Seed: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Load data.", subcommands: [Units.self, Demo.self, Synthetic.self])

    struct Units: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import Hanoi's units (before and after 1 Jul 2025) and the reform mapping.")
        func run() async throws {
            let summary = try await CommandEnvironment.withServices(CommandEnvironment.configuration()) { services, _ in
                try await HanoiUnitImport.run(on: services.database, actorID: nil, at: services.clock())
            }
            if summary.alreadyPresent {
                print("Hanoi's units are already imported.")
            } else {
                print(
                    "Imported \(summary.districts) districts, \(summary.communesBefore2025) communes to 30/06/2025, \(summary.communesFrom2025) communes from 01/07/2025, \(summary.links) links."
                )
            }
        }
    }

    struct Synthetic: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make realistic demo dossiers through the desk, reproducibly from a seed (needs `seed demo` first).")
        @Option(help: "How many dossiers.") var dossiers = 1000
        @Option(help: "The random seed: the same seed makes the same dossiers.") var seed: UInt64 = 1
        @Option(help: "Receiving units by code, comma-separated.") var units = "00070,00073"
        @Option(help: "Days back from today over which receipts are spread.") var days = 90
        @Flag(
            help:
                "Write the dossiers' final rows directly (millions in minutes; no audit rows or portal messages) instead of acting through the desk."
        )
        var bulk = false

        func run() async throws {
            guard dossiers > 0, days > 0 else { throw Refusal("--dossiers và --days phải lớn hơn 0.") }
            let bar = ProgressBar(label: "Tạo hồ sơ")
            let summary = try await CommandEnvironment.withServices(CommandEnvironment.configuration()) { services, _ in
                let today = services.today()
                let synthetic = SyntheticDossiers(
                    database: services.database, desk: services.desk, calendar: try await services.workingCalendar())
                let codes = units.split(separator: ",").map(String.init)
                if bulk {
                    return try await synthetic.bulk(
                        count: dossiers, seed: seed, unitCodes: codes, from: today.adding(days: -days), to: today,
                        now: services.clock(), progress: bar.update)
                }
                return try await synthetic.make(
                    count: dossiers, seed: seed, unitCodes: codes, from: today.adding(days: -days),
                    to: today, now: services.clock(), progress: bar.update)
            }
            bar.finish()
            print("Made \(summary.dossiers) dossiers with \(summary.events) events.")
        }
    }

    struct Demo: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Load demo data: units, demo departments, one account per role and a year of a city (on a fresh database).")
        @Option(help: "How much of the city: city (a year of the whole city) or wards (two wards' last two months).")
        var scale: DemoData.Scale = .city
        func run() async throws {
            let scale = self.scale
            let logins = try await CommandEnvironment.withServices(CommandEnvironment.configuration()) { services, _ in
                try await DemoData.seed(services: services, scale: scale)
            }
            CommandEnvironment.printLogins(logins)
        }
    }
}

struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "user", abstract: "Manage accounts.", subcommands: [Create.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create an account. The password is read from MOTCUA_NEW_PASSWORD or, if unset, from standard input.")
        @Option(help: "Sign-in name (letters, digits, . _ - @).") var username: String
        @Option(help: "Full name as shown.") var name: String?
        @Option(help: "Role: \(Role.allCases.map(\.rawValue).joined(separator: ", ")).") var role: String
        @Option(help: "National or local code of the unit the role is granted on (not for admin or citizen).") var unit: String?

        func run() async throws {
            guard let role = Role(rawValue: role) else {
                throw ValidationError("Unknown role \(self.role). Use one of: \(Role.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            let password = ProcessInfo.processInfo.environment["MOTCUA_NEW_PASSWORD"] ?? readLine(strippingNewline: true) ?? ""
            let username = self.username
            let displayName = name ?? username
            let unitCode = unit
            let configuration = CommandEnvironment.configuration()
            let id = try await CommandEnvironment.withServices(configuration) { services, _ -> Int64 in
                var unitID: Int64?
                if let unitCode {
                    let units = try await services.units.list(.init(query: nil)).filter { $0.code == unitCode }
                    guard let unit = units.first(where: { $0.validTo == nil }) ?? units.first else {
                        throw ValidationError("No unit has the code \(unitCode).")
                    }
                    unitID = unit.id
                }
                do {
                    return try await services.accounts.create(
                        username: username, displayName: displayName, password: password,
                        grants: [Grant(role: role, unitID: role.needsUnit ? unitID : nil)], actorID: nil)
                } catch let error as AccountService.CreationError {
                    throw ValidationError(error.explanation)
                }
            }
            print("Created account \(username) (id \(id)) with role \(role.rawValue).")
        }
    }
}

struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "audit", abstract: "The audit trail.", subcommands: [Verify.self])

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Check the hash chain of the audit trail; exit status 1 if it is broken.")
        func run() async throws {
            let result = try await CommandEnvironment.withServices(CommandEnvironment.configuration()) { services, _ in
                try await AuditTrail.verify(on: services.database.sql)
            }
            if result.isIntact {
                print("Audit trail intact: \(result.rowsChecked) rows checked.")
            } else {
                print("Audit trail BROKEN at row \(result.firstBrokenSequence ?? 0): \(result.problem ?? "")")
                throw ExitCode(1)
            }
        }
    }
}
