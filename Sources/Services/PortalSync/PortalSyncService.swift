import Foundation
import Logging
import Persistence
import ServiceLifecycle

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// How a message reaches the national portal. The real exchange of TT 04/2025/TT-VPCP is not specified in
/// our sources (docs/PORTAL-SYNC.md), so the transport is a seam: HTTP POST of the JSON message today.
public protocol PortalTransport: Sendable {
    func send(_ message: PortalMessage) async throws
}

/// POSTs each message as JSON to the configured URL, with a bearer token when one is set; any answer but
/// 2xx is a failure to retry.
public struct HTTPPortalTransport: PortalTransport {
    package let url: URL
    package let token: String?

    public init(url: URL, token: String?) {
        self.url = url
        self.token = token
    }

    public struct Refused: Error, CustomStringConvertible {
        public var status: Int
        public init(status: Int) { self.status = status }
        public var description: String { "the portal answered HTTP \(status)" }
    }

    public func send(_ message: PortalMessage) async throws {
        var request = URLRequest(url: url, timeoutInterval: 30)
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        request.httpBody = try JSONEncoder().encode(message)
        let (_, response) = try await URLSession.shared.data(for: request)
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        guard (200..<300).contains(status) else { throw Refused(status: status) }
    }
}

/// Sends the outbox while the server runs: due rows in order, each claimed first so that several instances
/// never send one twice, marked sent or retried later.
public struct PortalSyncService: Service {
    package let services: AppServices
    package let transport: any PortalTransport
    package let interval: Duration
    package let logger: Logger

    public init(services: AppServices, transport: any PortalTransport, interval: Duration = .seconds(15), logger: Logger) {
        self.services = services
        self.transport = transport
        self.interval = interval
        self.logger = logger
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                _ = await self.runOnce()
                try? await Task.sleep(for: self.interval)
            }
        }
    }

    /// One round: passes over the due rows until nothing more can be sent (a dossier's next event becomes
    /// due once the one before it is sent); returns how many messages were sent.
    @discardableResult
    public func runOnce(maximumPasses: Int = 50) async -> Int {
        var total = 0
        for _ in 0..<maximumPasses {
            let sent = await pass()
            total += sent
            if sent == 0 { break }
        }
        return total
    }

    private func pass() async -> Int {
        let outbox = PortalOutbox(services.database.sql)
        var sent = 0
        do {
            var failedDossiers: Set<Int64> = []
            for row in try await outbox.due(at: services.clock()) {
                // Keep one dossier's events in order: after a failure, its later events wait.
                guard !failedDossiers.contains(row.dossierID) else { continue }
                guard try await outbox.claim(row, until: services.clock().addingTimeInterval(120)) else { continue }
                do {
                    try await transport.send(row.message)
                    try await outbox.markSent(row.id, at: services.clock())
                    sent += 1
                } catch {
                    failedDossiers.insert(row.dossierID)
                    try await outbox.markFailed(row, error: String(describing: error), at: services.clock())
                    logger.warning("portal sync failed", metadata: ["outbox.id": "\(row.id)", "error": "\(error)"])
                }
            }
        } catch {
            logger.warning("portal sync round failed", metadata: ["error": "\(String(reflecting: error))"])
        }
        return sent
    }
}
