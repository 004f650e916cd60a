import Domain
import Foundation
import HTTPTypes
import HummingbirdTesting
import Persistence
import Synchronization
import Testing
import Web

@testable import Services

/// The outbox for the national portal: one message per dossier event, written with the event; sent in
/// order by the sync service; retried with growing delays; shown to administrators.
@Suite struct PortalSyncTests {
    /// A transport that records what it sends and fails while told to.
    final class RecordingTransport: PortalTransport {
        let sent = Mutex<[PortalMessage]>([])
        let failing = Mutex(false)

        func send(_ message: PortalMessage) async throws {
            if failing.withLock({ $0 }) { throw HTTPPortalTransport.Refused(status: 503) }
            sent.withLock { $0.append(message) }
        }
    }

    func seed(_ services: AppServices) async throws -> (desk: DossierWorkflow.Actor, ward: Int64) {
        try await DemoCatalogue.load(on: services.database, at: Date())
        let ward = try #require(try await services.units.find(code: "00070", validOn: LocalDate(iso: "2026-01-01")!)).id
        let id = try await services.accounts.create(
            username: "motcua", displayName: "Một cửa", password: testPassword,
            grants: [Grant(role: .deskOfficer, unitID: ward)], actorID: nil)
        _ = try await services.accounts.create(
            username: "quantri", displayName: "Quản trị", password: testPassword,
            grants: [Grant(role: .admin, unitID: nil)], actorID: nil)
        return (DossierWorkflow.Actor(userID: id, roles: [.deskOfficer]), ward)
    }

    func receiveAndTransfer(_ services: AppServices, _ desk: DossierWorkflow.Actor, _ ward: Int64) async throws -> Dossier {
        let dossier = try await services.desk.receive(
            .init(
                procedureCode: "DEMO-HT-05", receivingUnitID: ward, channel: .online,
                applicant: Applicant(kind: .person, name: "Đỗ Minh", identifier: "001095012345")),
            by: desk, at: services.clock(), day: services.today())
        return try await services.desk.act(
            .transfer, on: dossier.id, seenLockVersion: dossier.lockVersion, by: desk, reason: "", at: services.clock())
    }

    @Test func everyEventIsQueuedAndSentInOrder() async throws {
        try await withApp { _, services in
            let (desk, ward) = try await seed(services)
            let dossier = try await receiveAndTransfer(services, desk, ward)
            let outbox = PortalOutbox(services.database.sql)
            #expect(try await outbox.rows(of: dossier.id).map(\.message.event.action) == ["receive", "transfer"])
            let transport = RecordingTransport()
            let sync = PortalSyncService(services: services, transport: transport, logger: .init(label: "test"))
            #expect(await sync.runOnce() == 2)
            let sent = transport.sent.withLock { $0 }
            #expect(sent.map(\.event.sequence) == [1, 2])
            #expect(
                sent[0].dossierCode == dossier.code.text && sent[0].procedureCode == "DEMO-HT-05" && sent[0].receivingUnitCode == "00070")
            #expect(sent[1].event.status == "inProgress")
            #expect(try await outbox.counts()[.sent] == 2)
            #expect(await sync.runOnce() == 0)
        }
    }

    @Test func failuresAreRetriedLaterAndKeepADossiersEventsInOrder() async throws {
        try await withApp { _, services in
            let (desk, ward) = try await seed(services)
            let dossier = try await receiveAndTransfer(services, desk, ward)
            let transport = RecordingTransport()
            transport.failing.withLock { $0 = true }
            let sync = PortalSyncService(services: services, transport: transport, logger: .init(label: "test"))
            #expect(await sync.runOnce() == 0)
            let rows = try await PortalOutbox(services.database.sql).rows(of: dossier.id)
            // The first event failed once and waits; the second was not tried before it.
            #expect(rows.map(\.attempts) == [1, 0])
            #expect(rows[0].status == .pending && rows[0].nextAttemptAt > services.clock())
            #expect(rows[0].lastError?.contains("503") == true)
            transport.failing.withLock { $0 = false }
            #expect(await sync.runOnce() == 0)  // not yet time for the retry
        }
    }

    @Test func givenUpMessagesCanBeRetriedByAnAdministrator() async throws {
        try await withApp { client, services in
            let (desk, ward) = try await seed(services)
            let dossier = try await receiveAndTransfer(services, desk, ward)
            let outbox = PortalOutbox(services.database.sql)
            for row in try await outbox.rows(of: dossier.id) {
                try await outbox.markFailed(row, error: "HTTP 500", at: services.clock(), schedule: RetrySchedule(maximumAttempts: 1))
            }
            #expect(try await outbox.counts()[.failed] == 2)
            let admin = try await Browser.signedIn(client, as: "quantri")
            let page = try await admin.get("/portal-sync")
            #expect(page.text.contains("Chưa cấu hình địa chỉ nhận"))
            #expect(page.text.contains("HTTP 500"))
            #expect(try await admin.post("/portal-sync/retry", form: [:]).status == .seeOther)
            #expect(try await outbox.counts()[.pending] == 2)
            let officer = try await Browser.signedIn(client, as: "motcua")
            #expect(try await officer.get("/portal-sync").status == .forbidden)
        }
    }
}
