import Domain
import Foundation
import Persistence
import Synchronization
import Testing
import Web

@testable import Services

/// Issue 10: the notification outbox lives in the database, and several instances deliver from it at once —
/// here two delivery loops on one database (on PostgreSQL, through separate pooled connections), racing over
/// the same messages: each message is sent exactly once.
@Suite struct SeveralInstancesTests {
    final class CountingTransport: NotificationTransport {
        let sent = Mutex<[Int64]>([])

        func send(_ message: NotificationOutbox.Message, id: Int64) async throws {
            try await Task.sleep(for: .milliseconds(2))  // widen the window in which the other loop could take it too
            sent.withLock { $0.append(id) }
        }
    }

    @Test func twoDeliveryLoopsNeverSendAMessageTwice() async throws {
        try await withApp { _, services in
            let messages = (0..<120).map { index in
                NotificationOutbox.Message(
                    dossierID: nil, eventSequence: nil, purpose: .reformDigest, channel: .email,
                    recipient: "don-vi-\(index)@motcua.test", subject: "Đôn đốc", body: "Thư \(index)")
            }
            try await NotificationOutbox(services.database.sql).enqueue(messages, at: services.clock())
            let transport = CountingTransport()
            let first = NotificationService(services: services, transports: [.email: transport], logger: .init(label: "first"))
            let second = NotificationService(services: services, transports: [.email: transport], logger: .init(label: "second"))
            var total = 0
            for _ in 0..<10 {
                async let one = first.runOnce()
                async let two = second.runOnce()
                total += await one + two
                if try await NotificationOutbox(services.database.sql).counts()[.pending] ?? 0 == 0 { break }
            }
            let sent = transport.sent.withLock { $0 }
            #expect(total == 120 && sent.count == 120 && Set(sent).count == 120)
            #expect(try await NotificationOutbox(services.database.sql).counts()[.sent] == 120)
        }
    }
}
