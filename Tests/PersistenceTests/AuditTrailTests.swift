import Domain
import Foundation
import Persistence
import SQLKit
import TestSupport
import Testing

@Suite struct AuditTrailTests {
    func appendThree(_ database: Database) async throws {
        for index in 1...3 {
            try await database.transaction { session in
                try await AuditTrail.append(
                    AuditRecord(actorID: Int64(index), action: "user.read", objectType: "user", objectID: "\(index)", reason: "test"),
                    at: Date(timeIntervalSince1970: 1_790_000_000 + Double(index)), on: session)
            }
        }
    }

    @Test func anUntouchedChainVerifies() async throws {
        try await TestDatabase.with { database in
            try await appendThree(database)
            let result = try await AuditTrail.verify(on: database.sql)
            #expect(result.isIntact)
            #expect(result.rowsChecked == 3)
            #expect(try await AuditTrail.entries(objectType: "user", objectID: "2", on: database.sql).count == 1)
        }
    }

    @Test func anEditedRowIsDetected() async throws {
        try await TestDatabase.with { database in
            try await appendThree(database)
            try await database.sql.update("audit_log").set("reason", to: "edited").where("sequence", .equal, Int64(2)).run()
            let result = try await AuditTrail.verify(on: database.sql)
            #expect(result.firstBrokenSequence == 2)
        }
    }

    @Test func aDeletedMiddleRowIsDetected() async throws {
        try await TestDatabase.with { database in
            try await appendThree(database)
            try await database.sql.delete(from: "audit_log").where("sequence", .equal, Int64(2)).run()
            #expect(try await AuditTrail.verify(on: database.sql).firstBrokenSequence == 2)
        }
    }

    @Test func aDeletedLastRowIsDetected() async throws {
        try await TestDatabase.with { database in
            try await appendThree(database)
            try await database.sql.delete(from: "audit_log").where("sequence", .equal, Int64(3)).run()
            let result = try await AuditTrail.verify(on: database.sql)
            #expect(result.firstBrokenSequence == 3)
        }
    }

    @Test func concurrentAppendsKeepOneLinearChain() async throws {
        try await TestDatabase.with { database in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<20 {
                    group.addTask { () async throws -> Void in
                        try await database.transaction { session in
                            _ = try await AuditTrail.append(
                                AuditRecord(actorID: nil, action: "test", objectType: "t", objectID: "\(index)"), at: Date(), on: session)
                        }
                    }
                }
                try await group.waitForAll()
            }
            let result = try await AuditTrail.verify(on: database.sql)
            #expect(result.isIntact)
            #expect(result.rowsChecked == 20)
        }
    }
}
