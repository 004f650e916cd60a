import Domain
import Foundation
import Logging
import Persistence
import ServiceLifecycle

/// Sends the applicants' messages while the server runs: due messages claimed one at a time (so that several
/// instances never send one twice), sent on their channel's transport, marked sent or retried on the
/// schedule. A channel without a transport marks its messages skipped; a failing provider only delays its
/// own messages — the workflow never waits for them.
public struct NotificationService: Service {
    package let services: AppServices
    package let transports: [NotificationChannel: any NotificationTransport]
    package let schedule: RetrySchedule
    package let interval: Duration
    package let logger: Logger

    public init(
        services: AppServices, transports: [NotificationChannel: any NotificationTransport], schedule: RetrySchedule = RetrySchedule(),
        interval: Duration = .seconds(5), logger: Logger
    ) {
        self.services = services
        self.transports = transports
        self.schedule = schedule
        self.interval = interval
        self.logger = logger
    }

    /// The transports the configuration names.
    public static func transports(_ configuration: AppConfiguration) -> [NotificationChannel: any NotificationTransport] {
        var transports: [NotificationChannel: any NotificationTransport] = [:]
        if let url = configuration.smtpURL, let smtp = SMTPTransport(url: url, from: configuration.mailFrom) { transports[.email] = smtp }
        if let url = configuration.smsURL { transports[.sms] = HTTPSMSTransport(url: url, token: configuration.smsToken) }
        if configuration.demoOutbox {
            for channel in NotificationChannel.allCases where transports[channel] == nil { transports[channel] = DemoOutboxTransport() }
        }
        return transports
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                _ = await self.runOnce()
                try? await Task.sleep(for: self.interval)
            }
        }
    }

    /// One pass over the due messages; returns how many were sent.
    @discardableResult
    public func runOnce() async -> Int {
        let outbox = NotificationOutbox(services.database.sql)
        var sent = 0
        do {
            for row in try await outbox.due(at: services.clock()) {
                guard let transport = transports[row.message.channel] else {
                    try await outbox.markSkipped(
                        row.id, reason: "Chưa cấu hình kênh \(row.message.channel.title.lowercased()) trên máy chủ.")
                    continue
                }
                guard try await outbox.claim(row, until: services.clock().addingTimeInterval(120)) else { continue }
                do {
                    try await transport.send(row.message, id: row.id)
                    try await outbox.markSent(row.id, at: services.clock())
                    sent += 1
                } catch {
                    try await outbox.markFailed(row, error: String(describing: error), at: services.clock(), schedule: schedule)
                    logger.warning("notification failed", metadata: ["notification.id": "\(row.id)", "error": "\(error)"])
                }
            }
        } catch {
            logger.warning("notification round failed", metadata: ["error": "\(String(reflecting: error))"])
        }
        return sent
    }
}
