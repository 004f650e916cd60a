import Foundation
import Logging
import Persistence
import Services

/// Shared start-up for every command: configuration from the environment, a logger, a migrated database.
enum CommandEnvironment {
    static func configuration(hostname: String = "127.0.0.1", port: Int = 8080) -> AppConfiguration {
        do {
            return try AppConfiguration.load(environment: ProcessInfo.processInfo.environment, hostname: hostname, port: port)
        } catch {
            FileHandle.standardError.write(Data((error.description + "\n").utf8))
            exit(2)
        }
    }

    static func logger(_ configuration: AppConfiguration) -> Logger {
        var logger = Logger(label: "motcua")
        logger.logLevel = Logger.Level(rawValue: configuration.logLevel) ?? .info
        return logger
    }

    /// Opens and migrates the database, runs `body`, and closes it.
    static func withServices<T: Sendable>(_ configuration: AppConfiguration, _ body: @Sendable (AppServices, Logger) async throws -> T)
        async throws -> T
    {
        let logger = logger(configuration)
        return try await Database.with(configuration.database, logger: logger) { database in
            let applied = try await MigrationRunner(database: database).migrate(logger: logger)
            let services = AppServices(database: database, configuration: configuration)
            try await services.afterMigrations(applied)
            return try await body(services, logger)
        }
    }

    /// Written unbuffered, so the logins show before the server's own log lines, also when output goes to a file.
    static func printLogins(_ logins: [DemoData.Login]) {
        var text = "Tài khoản dùng thử (mật khẩu chung: \"\(DemoData.password)\"):\n"
        for login in logins {
            let unit = login.unitName.map { " — \($0)" } ?? ""
            text += "  \(login.username.padding(toLength: 20, withPad: " ", startingAt: 0)) \(login.role.title)\(unit)\n"
        }
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
