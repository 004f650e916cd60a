import Domain
import Foundation
import Persistence
import TestSupport
import Testing

/// A backup taken while rows are being written restores into an empty database with every table's canonical
/// hash equal to the manifest's and every stored file intact; a non-empty target, a damaged file or another
/// version's backup is refused.
@Suite struct BackupTests {
    static let pdf = Data("%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n".utf8)

    @Test func aBackupUnderWritesRestoresIdentically() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("motcua-backup-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        let calendar = WorkingCalendar(rows: OfficialCalendar.rows)
        let manifest = try await TestDatabase.with { database in
            let files = FileStore(dataDirectory: root + "/source")
            let unit = try await UnitStore(database.sql).insert(.init(code: "SNV", name: "Sở Nội vụ — “thử” \\ 100%", kind: .department))
            let store = ReformStore(database, files: files)
            let plan = try await store.createPlan(year: 2026, title: "Kế hoạch CCHC năm 2026", by: nil, at: Date())
            let row = ReformTaskSheet.Row(
                content: "Tập huấn", source: "KH", leadUnitID: unit, deadline: .quarter(year: 2026, quarter: 2), parCriteria: ["1.1"])
            let first = try await store.addTasks([row], to: plan, weight: 2.5, calendar: calendar, by: nil, at: Date())[0]
            try await store.report(
                first, percent: 40, note: "Đã mở lớp 1", files: [(Self.pdf, "bien-ban.pdf")], on: LocalDate(iso: "2026-04-02")!, by: nil,
                at: Date())
            // Writes go on while the backup is taken: it holds a snapshot, whatever their order.
            let writer = Task {
                for index in 0..<40 {
                    try await store.addTasks(
                        [ReformTaskSheet.Row(content: "Nhiệm vụ \(index)", source: "KH", leadUnitID: unit, deadline: .year(2026))],
                        to: plan, calendar: calendar, by: nil, at: Date())
                }
            }
            let manifest = try await Backup(database: database, dataDirectory: root + "/source").write(to: root + "/backup", at: Date())
            try await writer.value
            await #expect(throws: Backup.Problem.exists(root + "/backup")) {
                try await Backup(database: database, dataDirectory: root).write(to: root + "/backup", at: Date())
            }
            let tasks = try #require(manifest.tables["reform_tasks"])
            #expect((1...41).contains(tasks.rows) && manifest.files == 1 && manifest.tables["schema_migrations"] == nil)
            return manifest
        }
        let restoredTasks = try await TestDatabase.with { database in
            let backup = Backup(database: database, dataDirectory: root + "/target")
            try await backup.restore(from: root + "/backup")
            #expect(try await backup.tableHashes() == manifest.tables)
            await #expect(throws: Backup.Problem.self) { try await backup.restore(from: root + "/backup") }  // not empty any more
            let plan = try #require(try await ReformStore(database).plan(year: 2026))
            let task = try #require(try await ReformStore(database).tasks(of: plan.id).first)
            let evidence = try await ReformStore(database, files: FileStore(dataDirectory: root + "/target")).evidence(of: task)
            #expect(
                try ReformStore(database, files: FileStore(dataDirectory: root + "/target")).evidenceFile(try #require(evidence.first))
                    == Self.pdf)
            // New rows after a restore get new ids (PostgreSQL's sequences follow the restored rows).
            let next = try await ReformStore(database).createPlan(year: 2027, title: "Kế hoạch CCHC năm 2027", by: nil, at: Date())
            #expect(next > plan.id)
            return try await ReformStore(database).tasks(of: plan.id).count
        }
        #expect(restoredTasks == manifest.tables["reform_tasks"]?.rows)
    }

    @Test func onlyTheKnownTablesAreFilledByTheMigrations() async throws {
        try await TestDatabase.with { database in
            let hashes = try await Backup(database: database, dataDirectory: "/nonexistent").tableHashes()
            #expect(Set(hashes.filter { $0.value.rows > 0 }.keys) == Backup.seededByMigrations)
        }
    }

    @Test func aDamagedOrForeignBackupIsRefused() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("motcua-backup-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        _ = try await TestDatabase.with { database in
            let hash = try FileStore(dataDirectory: root + "/source").store(Self.pdf)
            try await Backup(database: database, dataDirectory: root + "/source").write(to: root + "/backup", at: Date())
            let copy = root + "/backup/files/\(hash.prefix(2))/\(hash.dropFirst(2).prefix(2))/\(hash)"
            try Data("not the same".utf8).write(to: URL(fileURLWithPath: copy))
        }
        _ = try await TestDatabase.with { database in
            await #expect(throws: Backup.Problem.self) {
                try await Backup(database: database, dataDirectory: root + "/target").restore(from: root + "/backup")
            }
        }
        // Another version's backup: a migration it does not know.
        let path = root + "/backup/manifest.json"
        var json = try String(contentsOfFile: path, encoding: .utf8)
        json = json.replacingOccurrences(of: "\"migrations\" : [", with: "\"migrations\" : [\n    \"999-from-the-future\",")
        try json.write(toFile: path, atomically: true, encoding: .utf8)
        _ = try await TestDatabase.with { database in
            await #expect(throws: Backup.Problem.otherVersion(missing: ["999-from-the-future"], extra: [])) {
                try await Backup(database: database, dataDirectory: root + "/target").restore(from: root + "/backup")
            }
        }
    }
}
