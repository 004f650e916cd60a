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
}
