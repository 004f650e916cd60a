import Domain
import Foundation
import HummingbirdTesting
import Persistence
import SQLKit
import Testing
import Web

@testable import Services

/// The administrators' operations page: version, database, migrations, queues, the messages given up on with
/// their retry, the last backup; nobody else sees it.
@Suite struct OperationsPageTests {
    @Test func administratorsSeeTheQueuesRetryFailuresAndTheLastBackup() async throws {
        try await withApp { client, services in
            let city = try await HanoiUnitImport.cityID(on: services.database.sql)
            for (name, role, unit) in [("quantri", Role.admin, nil), ("thuky", .secretariat, city)] {
                _ = try await services.accounts.create(
                    username: name, displayName: name, password: testPassword, grants: [Grant(role: role, unitID: unit)],
                    actorID: nil)
            }
            let outbox = NotificationOutbox(services.database.sql)
            try await outbox.enqueue(
                [
                    NotificationOutbox.Message(
                        dossierID: nil, eventSequence: nil, purpose: .reformDigest, channel: .email,
                        recipient: "khong-ton-tai@motcua.test", subject: "Đôn đốc", body: "…")
                ], at: Date())
            try await services.database.sql.update("notifications").set("status", to: "failed").set("attempts", to: Int64(12))
                .set("last_error", to: "550 mailbox unavailable").run()
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("motcua-ops-\(UUID().uuidString)").path
            defer { try? FileManager.default.removeItem(atPath: folder) }
            try await Backup(database: services.database, dataDirectory: folder + "/data").write(to: folder + "/backup", at: Date())

            let admin = try await Browser.signedIn(client, as: "quantri")
            let page = try await admin.get("/operations")
            #expect(
                page.status == .ok && page.text.contains("MotCua \(MotCuaVersion.current)") && page.text.contains("550 mailbox unavailable")
            )
            #expect(page.text.contains(folder + "/backup") && !page.text.contains("CHƯA CẬP NHẬT ĐỦ"))
            // The history tables' years: partitions on PostgreSQL, one table on SQLite.
            let year = HistoryYears.year(of: Date())
            #expect(
                services.database.kind == .sqlite
                    ? page.text.contains("SQLite: lịch sử hồ sơ")
                    : page.text.contains("Nhật ký hệ thống") && page.text.contains("\(year)–\(year + 1)"))
            let retried = try await admin.post("/operations/retry-notifications", form: [:])
            #expect(retried.headers[.location]?.contains("retried=1") == true)
            let pending = try await outbox.counts()[.pending], failed = try await outbox.failed()
            #expect(pending == 1 && failed.isEmpty)
            let secretariat = try await Browser.signedIn(client, as: "thuky")
            #expect(try await secretariat.get("/operations").status == .forbidden)
        }
    }

    /// "Sao lưu ngay": a background job writes a new backup folder under the configured backup folder, its page says
    /// what it wrote, the operations page lists the run, and the start is audited; only administrators may start one.
    @Test func anAdministratorBacksUpFromThePage() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("motcua-backups-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try await withApp(configure: { $0.backupDirectory = folder }) { client, services in
            let city = try await HanoiUnitImport.cityID(on: services.database.sql)
            for (name, role, unit) in [("quantri", Role.admin, nil), ("thuky", .secretariat, city)] {
                _ = try await services.accounts.create(
                    username: name, displayName: name, password: testPassword, grants: [Grant(role: role, unitID: unit)],
                    actorID: nil)
            }
            let admin = try await Browser.signedIn(client, as: "quantri")
            #expect(try await admin.get("/operations").text.contains(">Sao lưu ngay</button>"))
            let started = try await admin.post("/operations/backup", form: [:])
            let location = try #require(started.headers[.location])
            #expect(started.status == .seeOther && location.hasPrefix("/jobs/"))
            var page = ""
            for _ in 0..<600 {
                page = try await admin.get(location).text
                if !page.contains("data-refresh-seconds=\"2\"") { break }
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(
                page.contains("Hoàn thành") && page.contains("Đã sao lưu ") && page.contains(folder + "/motcua-"), "\(page.suffix(600))")
            let written = try FileManager.default.contentsOfDirectory(atPath: folder)
            #expect(written.count == 1)
            #expect(FileManager.default.fileExists(atPath: folder + "/" + written[0] + "/manifest.json"))
            #expect(try await admin.get("/operations").text.contains(folder + "/" + written[0]))
            let audit = try await services.database.sql.select().column("action").from("audit_log").where("action", .equal, "backup.start")
                .all()
            #expect(audit.count == 1)
            let secretariat = try await Browser.signedIn(client, as: "thuky")
            #expect(try await secretariat.post("/operations/backup", form: [:]).status == .forbidden)
        }
    }
}
