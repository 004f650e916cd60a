import Domain
import Foundation
import Persistence
import SQLKit
import TestSupport
import Testing

@Suite struct MigrationTests {
    @Test func appliesEveryMigrationOnceAndCanRevert() async throws {
        try await TestDatabase.with { database in
            let runner = MigrationRunner(database: database)
            // setup: TestDatabase already migrated
            #expect(try await runner.applied() == Set(Migrations.all.map(\.name)))
            // MUT
            let again = try await runner.migrate(logger: TestDatabase.logger)
            let reverted = try await runner.revertLast(logger: TestDatabase.logger)
            let reapplied = try await runner.migrate(logger: TestDatabase.logger)
            // validate
            #expect(again.isEmpty)
            #expect(reverted == Migrations.all.last?.name)
            #expect(reapplied == [Migrations.all.last!.name])
        }
    }

    /// Each migration is one file named by its number, in the order they run: `Migrations/NNN-Name.swift` holds
    /// the migration named `NNN-…`, and no number is skipped or repeated.
    @Test func eachMigrationIsTheFileOfItsNumber() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
            "../../Sources/Persistence/Migrations"
        )
        .standardized
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.first?.isNumber == true }.sorted()
        #expect(files.count == Migrations.all.count)
        for (file, migration) in zip(files, Migrations.all) {
            let number = String(file.prefix(3))
            #expect(migration.name.hasPrefix(number + "-"), "\(file) runs as \(migration.name)")
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            #expect(text.contains("\"\(migration.name)\""), "\(file) does not hold \(migration.name)")
        }
        #expect(Migrations.all.enumerated().allSatisfy { index, migration in migration.name.hasPrefix(String(format: "%03d-", index + 1)) })
    }

    /// Migration 031 brings the 2026 New Year swap (12729/VPCP-KGVX) to a database made before it, and leaves a
    /// day on which the secretariat had already entered a row (issue 21, point 7).
    @Test func theNewYearSwapOf2026ReachesAnOlderDatabaseWithoutOverwritingARow() async throws {
        try await TestDatabase.with { database in
            let store = CalendarStore(database.sql)
            let friday = LocalDate(iso: "2026-01-02")!, saturday = LocalDate(iso: "2026-01-10")!
            #expect(try await store.row(on: friday)?.kind == .swappedOff)
            #expect(try await store.row(on: saturday)?.kind == .swappedWorkday)
            // An older database: no row on the Friday; the secretariat's own row on the Saturday.
            try await store.delete(on: friday)
            try await store.delete(on: saturday)
            let decided = CalendarDay(date: saturday, kind: .holiday, name: "Quyết định riêng", reference: "thử")
            try await store.insert(decided, at: Date())
            let migration = try #require(Migrations.all.first { $0.name == "031-add-2026-new-year-swap" })
            try await migration.prepare(on: database.sql)
            #expect(try await store.row(on: friday)?.reference.contains("12729/VPCP-KGVX") == true)
            #expect(try await store.row(on: saturday)?.name == "Quyết định riêng")
            let calendar = try await store.workingCalendar()
            #expect(!calendar.isWorkingDay(friday))
        }
    }

    /// Migration 032 gives a stored shipped service index framework the shipped note, which no longer says that
    /// an indicator with denominator 0 scores its maximum (issue 21, point 2).
    @Test func theStoredServiceIndexNoteNoLongerPromisesFullMarks() async throws {
        try await TestDatabase.with { database in
            let store = ServiceIndexStore(database.sql)
            var old = try ServiceIndexStore.shippedFramework()
            old.note = "An indicator with denominator 0 in the period is not applicable and scores its maximum."
            try await store.load(old, at: Date())
            let migration = try #require(Migrations.all.first { $0.name == "032-refresh-service-index-note" })
            try await migration.prepare(on: database.sql)
            let stored = try #require(try await store.frameworks().first { $0.id == old.id })
            #expect(stored.note == (try ServiceIndexStore.shippedFramework()).note && stored.note.contains("không áp dụng"))
            #expect(stored.groups == old.groups)
        }
    }

    /// Migration 033 gives stored copies of the sample PAR framework the shipped Vietnamese note, frozen or not;
    /// another framework with the same note is left alone unless it is a sample, and nothing else changes.
    @Test func theStoredPARSampleNoteSpeaksVietnamese() async throws {
        try await TestDatabase.with { database in
            let store = PARStore(
                database: database, files: FileStore(dataDirectory: FileManager.default.temporaryDirectory.path + "/motcua-033"))
            var old = try PARFrameworks.shippedSample()
            old.note =
                "SAMPLE, not an official framework. The 8 areas are those of the provincial PAR INDEX (docs/PAR.md, indices.md §3); "
                + "their point split, the criteria, sub-criteria, maxima and rules are MotCua's placeholders, written to exercise every scoring method, "
                + "until the secretariat enters the official annex of the year's decision."
            let sampleID = try await store.load(old, by: nil, at: Date())
            var official = old
            official.year = 2024
            official.sample = nil
            let officialID = try await store.load(official, by: nil, at: Date())
            let migration = try #require(Migrations.all.first { $0.name == "033-translate-par-sample-note" })
            try await migration.prepare(on: database.sql)
            let sample = try #require(try await store.framework(id: sampleID)).framework
            #expect(sample.note == (try PARFrameworks.shippedSample()).note && sample.note?.hasPrefix("MẪU, không phải") == true)
            #expect(sample.areas == old.areas)
            #expect(try await store.framework(id: officialID)?.framework.note == old.note)
        }
    }
}
