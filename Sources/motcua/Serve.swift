import ArgumentParser
import Hummingbird
import Persistence
import ServiceLifecycle
import Services
import Web

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Start the web server (SQLite by default, PostgreSQL with DATABASE_URL).")

    @Option(help: "The address to listen on.") var hostname = "127.0.0.1"
    @Option(help: "The port to listen on.") var port = 8080
    @Flag(help: "Load demo data (Hanoi's units, demo departments, one account per role, a year of a city) before serving.") var demo = false
    @Option(
        help:
            "How much of the demo city --demo loads: city (a year of the whole city) or wards (two wards' last two months, for tests that bring their own data)."
    )
    var demoScale: DemoData.Scale = .city

    func run() async throws {
        let configuration = {
            var configuration = CommandEnvironment.configuration(hostname: hostname, port: port)
            configuration.demoOutbox = demo
            return configuration
        }()
        let logger = CommandEnvironment.logger(configuration)
        // The pool runs once for the server's whole life (PostgreSQL's client may run only once): through the
        // migrations, the demo data and the services, until they stop.
        try await Database.with(configuration.database, logger: logger) { database in
            let services = AppServices(database: database, configuration: configuration)
            let corrected = try await services.afterMigrations(try await MigrationRunner(database: database).migrate(logger: logger))
            if !corrected.isEmpty {
                logger.notice("Due instants recomputed with the corrected calendar", metadata: ["dossiers": "\(corrected.count)"])
            }
            if demo { CommandEnvironment.printLogins(try await DemoData.seed(services: services, scale: demoScale)) }
            let recounted = try await services.recountStatisticsIfMissing()
            if recounted > 0 { logger.notice("Statistics counters recounted", metadata: ["dossiers": "\(recounted)"]) }
            // Jobs whose instance died (their lease ran out) cannot finish any more; live instances' jobs are left alone.
            try await JobStore(database.sql).failInterrupted(at: services.clock())
            let app = try buildApplication(services: services, logger: logger)
            logger.notice(
                "MotCua starting", metadata: ["database": "\(configuration.database.redacted)", "address": "http://\(hostname):\(port)"])
            var background: [any Service] = [app, HousekeepingService(services: services, logger: logger)]
            background.append(
                NotificationService(services: services, transports: NotificationService.transports(configuration), logger: logger))
            if let url = configuration.portalURL {
                background.append(
                    PortalSyncService(
                        services: services, transport: HTTPPortalTransport(url: url, token: configuration.portalToken), logger: logger))
            }
            let group = ServiceGroup(
                configuration: .init(services: background, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
            try await group.run()
        }
    }
}

extension DemoData.Scale: ExpressibleByArgument {}
