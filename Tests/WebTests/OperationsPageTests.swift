import Domain
import Foundation
import HummingbirdTesting
import Persistence
import SQLKit
import Testing
import Web

/// The administrators' operations page: version, database, migrations, queues, the messages given up on with
/// their retry, the last backup; nobody else sees it.
@Suite struct OperationsPageTests {
    @Test func administratorsSeeTheQueuesRetryFailuresAndTheLastBackup() async throws {
        try await withApp { client, services in
            let city = try await HanoiUnitImport.cityID(on: services.database.sql)
            for (name, role, unit) in [("quantri", Role.admin, nil), ("thuky", .secretariat, city)] {
                _ = try await services.accounts.create(username: name, displayName: name, password: testPassword, grants: [Grant(role: role, unitID: unit)],
                                                       actorID: nil)
            }
            let outbox = NotificationOutbox(services.database.sql)
            try await outbox.enqueue([NotificationOutbox.Message(dossierID: nil, eventSequence: nil, purpose: .reformDigest, channel: .email,
                                                                 recipient: "khong-ton-tai@motcua.test", subject: "Đôn đốc", body: "…")], at: Date())
            try await services.database.sql.update("notifications").set("status", to: "failed").set("attempts", to: Int64(12))
                .set("last_error", to: "550 mailbox unavailable").run()
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("motcua-ops-\(UUID().uuidString)").path
            defer { try? FileManager.default.removeItem(atPath: folder) }
            try await Backup(database: services.database, dataDirectory: folder + "/data").write(to: folder + "/backup", at: Date())

            let admin = try await Browser.signedIn(client, as: "quantri")
            let page = try await admin.get("/operations")
            #expect(page.status == .ok && page.text.contains("MotCua \(MotCuaVersion.current)") && page.text.contains("550 mailbox unavailable"))
            #expect(page.text.contains(folder + "/backup") && !page.text.contains("CHƯA CẬP NHẬT ĐỦ"))
            // The history tables' years: partitions on PostgreSQL, one table on SQLite.
            let year = HistoryYears.year(of: Date())
            #expect(services.database.kind == .sqlite ? page.text.contains("SQLite: lịch sử hồ sơ")
                                                      : page.text.contains("Nhật ký hệ thống") && page.text.contains("\(year)–\(year + 1)"))
            let retried = try await admin.post("/operations/retry-notifications", form: [:])
            #expect(retried.headers[.location]?.contains("retried=1") == true)
            let pending = try await outbox.counts()[.pending], failed = try await outbox.failed()
            #expect(pending == 1 && failed.isEmpty)
            let secretariat = try await Browser.signedIn(client, as: "thuky")
            #expect(try await secretariat.get("/operations").status == .forbidden)
        }
    }
}
