import Domain
import Foundation
import Logging
import Persistence
import ServiceLifecycle

/// Periodic clean-up while the server runs: expired sessions and sign-in failure counters that no longer
/// count, the jobs of instances that died (their lease ran out), and on PostgreSQL the history tables' year
/// partitions (this year's and next year's made ahead). Several instances may run it at once;
/// every step is idempotent.
public struct HousekeepingService: Service {
    package let services: AppServices
    package let interval: Duration
    package let logger: Logger

    public init(services: AppServices, interval: Duration = .seconds(3600), logger: Logger) {
        self.services = services
        self.interval = interval
        self.logger = logger
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                await self.runOnce()
                try? await Task.sleep(for: self.interval)
            }
        }
    }

    /// One round of clean-up; a failure is logged and retried at the next round.
    public func runOnce() async {
        let now = services.clock()
        do {
            try await SessionStore(services.database.sql).purgeExpired(at: now)
            let longestWindow = ThrottlePolicy.all.map(\.window).max() ?? 0
            try await FailureCounters(services.database).purgeStale(at: now, window: longestWindow)
            try await CitizenAccounts(services.database).purgeExpired(at: now)
            try await JobStore(services.database.sql).failInterrupted(at: now)
            let partitions = try await YearPartitions(services.database).ensure(at: now)
            if !partitions.isEmpty {
                logger.info("year partitions made", metadata: ["partitions": "\(partitions.joined(separator: ", "))"])
            }
        } catch {
            logger.warning("housekeeping failed", metadata: ["error": "\(String(reflecting: error))"])
        }
    }
}
