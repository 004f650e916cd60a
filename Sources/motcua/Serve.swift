import ArgumentParser
import Hummingbird
import Persistence
import ServiceLifecycle
import Web

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Start the web server (SQLite by default, PostgreSQL with DATABASE_URL).")

    @Option(help: "The address to listen on.") var hostname = "127.0.0.1"
    @Option(help: "The port to listen on.") var port = 8080
    @Flag(help: "Load demo data (Hanoi's units, demo departments, one account per role) before serving.") var demo = false

    func run() async throws {
        let configuration = CommandEnvironment.configuration(hostname: hostname, port: port)
        let logger = CommandEnvironment.logger(configuration)
        let database = try await Database.open(configuration.database, logger: logger)
        let services = AppServices(database: database, configuration: configuration)
        let app: any Service & ApplicationProtocol
        do {
            // The pool must run while migrating on PostgreSQL.
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await database.run() }
                try await MigrationRunner(database: database).migrate(logger: logger)
                if demo { CommandEnvironment.printLogins(try await DemoData.seed(services: services)) }
                let recounted = try await services.recountStatisticsIfMissing()
                if recounted > 0 { logger.notice("Statistics counters recounted", metadata: ["dossiers": "\(recounted)"]) }
                // Jobs whose instance died (their lease ran out) cannot finish any more; live instances' jobs are left alone.
                try await JobStore(database.sql).failInterrupted(at: services.clock())
                group.cancelAll()
            }
            app = try buildApplication(services: services, logger: logger)
        }
        logger.notice("MotCua starting", metadata: ["database": "\(configuration.database.redacted)", "address": "http://\(hostname):\(port)"])
        var background: [any Service] = [DatabaseService(database: database), app, HousekeepingService(services: services, logger: logger)]
        background.append(NotificationService(services: services, transports: NotificationService.transports(configuration), logger: logger))
        if let url = configuration.portalURL {
            background.append(PortalSyncService(services: services, transport: HTTPPortalTransport(url: url, token: configuration.portalToken), logger: logger))
        }
        let group = ServiceGroup(
            configuration: .init(services: background, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
        try await database.close()
    }
}

/// Keeps the database's background work running for as long as the server runs.
struct DatabaseService: Service {
    let database: Database
    func run() async throws {
        try await withTaskCancellationOrGracefulShutdownHandler {
            try await cancelWhenGracefulShutdown { try await database.run() }
        } onCancelOrGracefulShutdown: {}
    }
}
