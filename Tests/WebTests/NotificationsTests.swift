import Domain
import Foundation
import Persistence
import Synchronization
import Testing

@testable import Services
@testable import Web

/// Messages to applicants: queued with the events, sent by the service on each channel's transport, retried
/// on failure, skipped where no transport is configured; and the e-mail and SMTP details.
@Suite struct NotificationsTests {
    /// A transport that records what it sends and fails the first `failures` attempts.
    final class RecordingTransport: NotificationTransport {
        let sent = Mutex<[NotificationOutbox.Message]>([])
        let failures: Mutex<Int>

        init(failures: Int = 0) { self.failures = Mutex(failures) }

        func send(_ message: NotificationOutbox.Message, id: Int64) async throws {
            if failures.withLock({ count in
                defer { count -= 1 }
                return count > 0
            }) {
                throw HTTPSMSTransport.Refused(status: 503)
            }
            sent.withLock { $0.append(message) }
        }
    }

    func receive(_ services: AppServices) async throws -> Dossier {
        try await DemoCatalogue.load(on: services.database, at: Date())
        let ward = try #require(try await services.units.find(code: "00070", validOn: LocalDate(iso: "2026-01-01")!)).id
        let id = try await services.accounts.create(
            username: "motcua", displayName: "Một cửa", password: testPassword,
            grants: [Grant(role: .deskOfficer, unitID: ward)], actorID: nil)
        return try await services.desk.receive(
            .init(
                procedureCode: "DEMO-HT-05", receivingUnitID: ward, channel: .inPerson,
                applicant: Applicant(
                    kind: .person, name: "Đỗ Minh", identifier: "001095012345", phone: "0912 345 678", email: "minh@example.vn")),
            by: DossierWorkflow.Actor(userID: id, roles: [.deskOfficer]), at: services.clock(), day: services.today())
    }

    @Test func messagesAreSentRetriedAndSkippedWithoutATransport() async throws {
        try await withApp { _, services in
            let dossier = try await receive(services)
            let outbox = NotificationOutbox(services.database.sql)
            let mail = RecordingTransport(failures: 1)
            let service = NotificationService(services: services, transports: [.email: mail], logger: .init(label: "test"))
            // First round: the e-mail fails once, the SMS has no transport.
            #expect(await service.runOnce() == 0)
            var rows = try await outbox.rows(of: dossier.id)
            #expect(rows.map(\.status) == [.pending, .skipped])
            #expect(rows[0].attempts == 1 && rows[0].lastError?.contains("503") == true && rows[0].nextAttemptAt > services.clock())
            #expect(rows[1].lastError?.contains("Chưa cấu hình kênh") == true)
            // Not due yet: nothing happens; due again after the delay: sent once.
            #expect(await service.runOnce() == 0)
            try await services.database.sql.update("notifications").set("next_attempt_at", to: Int64(0)).where("id", .equal, rows[0].id)
                .run()
            #expect(await service.runOnce() == 1)
            rows = try await outbox.rows(of: dossier.id)
            #expect(rows[0].status == .sent && rows[0].sentAt != nil)
            #expect(mail.sent.withLock { $0.map(\.recipient) } == ["minh@example.vn"])
            #expect(await service.runOnce() == 0)
        }
    }

    @Test func aProviderThatKeepsFailingIsGivenUpWithoutBlockingTheWorkflow() async throws {
        try await withApp { _, services in
            let dossier = try await receive(services)
            let service = NotificationService(
                services: services, transports: [.email: RecordingTransport(failures: 99), .sms: RecordingTransport()],
                schedule: RetrySchedule(firstDelay: 0, maximumAttempts: 2), logger: .init(label: "test"))
            #expect(await service.runOnce() == 1)
            #expect(await service.runOnce() == 0)
            let rows = try await NotificationOutbox(services.database.sql).rows(of: dossier.id)
            #expect(rows.map(\.status) == [.failed, .sent] && rows[0].attempts == 2)
        }
    }

    @Test func anEmailIsUTF8Base64WithAnEncodedSubject() throws {
        let mail = MailMessage(
            from: "no-reply@motcua.test", to: "minh@example.vn", subject: "Đã tiếp nhận hồ sơ", body: ".Dòng một\nDòng hai",
            date: Date(timeIntervalSince1970: 0), messageID: "n-1@motcua.test")
        let text = mail.dataText
        #expect(text.contains("Subject: =?UTF-8?B?\(Data("Đã tiếp nhận hồ sơ".utf8).base64EncodedString())?=\r\n"))
        #expect(text.contains("Date: Thu, 01 Jan 1970 00:00:00 +0000\r\n"))
        let body = try #require(text.components(separatedBy: "\r\n\r\n").last).replacingOccurrences(of: "\r\n", with: "")
        #expect(String(decoding: try #require(Data(base64Encoded: body)), as: UTF8.self) == ".Dòng một\r\nDòng hai")
        #expect(text.split(separator: "\r\n").allSatisfy { $0.count <= 998 && !$0.hasPrefix(".") || $0.hasPrefix("..") })
        #expect(MailMessage.isPlainAddress("minh@example.vn"))
        for bad in ["minh", "a@b@c", "<minh@example.vn>", "minh@example.vn\r\nRCPT TO:<x@y>", "minh @example.vn", "@example.vn"] {
            #expect(!MailMessage.isPlainAddress(bad), "\(bad)")
        }
    }

    @Test func smtpRepliesAreReadWholeAcrossLinesAndChunks() throws {
        var buffer = Array("250-motcua.test\r\n250-SIZE 1000\r\n".utf8)
        #expect(try SMTPReply.take(from: &buffer) == nil)
        buffer += Array("250 OK\r\n354 go".utf8)
        #expect(try SMTPReply.take(from: &buffer) == SMTPReply(code: 250, lines: ["motcua.test", "SIZE 1000", "OK"]))
        #expect(buffer == Array("354 go".utf8))
        var bad = Array("hello\r\n".utf8)
        #expect(throws: SMTPTransport.Failure.self) { try SMTPReply.take(from: &bad) }
    }

    @Test func theTransportsFollowTheConfiguration() throws {
        let configuration = try AppConfiguration.load(environment: [
            "MOTCUA_SMTP_URL": "smtps://user%40x:p%3Ass@mail.example.vn", "MOTCUA_MAIL_FROM": "no-reply@example.vn",
            "MOTCUA_SMS_URL": "https://sms.example.vn/send",
        ])
        let smtp = try #require(NotificationService.transports(configuration)[.email] as? SMTPTransport)
        #expect(smtp.port == 465 && smtp.usesTLS && smtp.username == "user@x" && smtp.password == "p:ss")
        #expect(NotificationService.transports(configuration)[.sms] is HTTPSMSTransport)
        #expect(throws: AppConfiguration.Problems.self) {
            try AppConfiguration.load(environment: ["MOTCUA_SMTP_URL": "http://mail.example.vn"])
        }
        #expect(throws: AppConfiguration.Problems.self) {
            try AppConfiguration.load(environment: ["MOTCUA_SMTP_URL": "smtp://mail.example.vn", "MOTCUA_MAIL_FROM": "not an address"])
        }
        #expect(NotificationService.transports(try AppConfiguration.load(environment: [:])).isEmpty)
    }
}
