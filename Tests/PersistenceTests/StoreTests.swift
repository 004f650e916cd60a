import Domain
import Foundation
import Persistence
import TestSupport
import Testing

@Suite struct UserStoreTests {
    @Test func readsAreLimitedToTheCallersUnits() async throws {
        try await TestDatabase.with { database in
            // setup: two communes, an officer in each
            let units = UnitStore(database.sql)
            let a = try await units.insert(.init(code: "A", name: "Phường A", kind: .ward))
            let b = try await units.insert(.init(code: "B", name: "Phường B", kind: .ward))
            let users = UserStore(database.sql)
            let inA = try await users.create(
                username: "Officer.A", displayName: "Cán bộ A", email: nil, passwordHash: "x",
                grants: [Grant(role: .deskOfficer, unitID: a)], at: Date())
            let inB = try await users.create(
                username: "officer.b", displayName: "Cán bộ B", email: nil, passwordHash: "x",
                grants: [Grant(role: .deskOfficer, unitID: b)], at: Date())
            let scopeA = UnitScope.units([a])
            // MUT + validate
            #expect(try await users.find(id: inA, within: scopeA)?.username == "officer.a")
            #expect(try await users.find(id: inB, within: scopeA) == nil)
            #expect(try await users.find(id: inB, within: .everyUnit) != nil)
            #expect(try await users.find(id: inA, within: .nothing) == nil)
            #expect(try await users.list(within: scopeA).map(\.id) == [inA])
            #expect(try await users.list(within: .everyUnit, query: "officer.b").map(\.id) == [inB])
            #expect(try await users.list(within: .everyUnit, query: "CÁN BỘ").count == 2)
        }
    }

    @Test func usernamesAreUniqueWithoutRegardToCase() async throws {
        try await TestDatabase.with { database in
            let users = UserStore(database.sql)
            _ = try await users.create(username: "lan", displayName: "Lan", email: nil, passwordHash: "x", grants: [], at: Date())
            await #expect(throws: PersistenceError.duplicate("username")) {
                _ = try await users.create(username: " LAN ", displayName: "Lan 2", email: nil, passwordHash: "x", grants: [], at: Date())
            }
            #expect(try await users.credentials(username: "Lan")?.passwordHash == "x")
        }
    }
}

@Suite struct SessionStoreTests {
    @Test func keepsValuesUntilTheyExpire() async throws {
        try await TestDatabase.with { database in
            let sessions = SessionStore(database.sql)
            let now = Date(timeIntervalSince1970: 1_790_000_000)
            try await sessions.create(key: "k1", value: "{}", expiresAt: now.addingTimeInterval(60))
            await #expect(throws: PersistenceError.duplicate("session")) {
                try await sessions.create(key: "k1", value: "{}", expiresAt: nil)
            }
            #expect(try await sessions.get(key: "k1", at: now)?.value == "{}")
            #expect(try await sessions.get(key: "k1", at: now.addingTimeInterval(61)) == nil)
            try await sessions.set(key: "k1", value: "{\"a\":1}", expiresAt: nil)
            #expect(try await sessions.get(key: "k1", at: now)?.expiresAt == now.addingTimeInterval(60))
            try await sessions.remove(key: "k1")
            #expect(try await sessions.get(key: "k1", at: now) == nil)
        }
    }

    @Test func storesOnlyTheHashOfTheKey() async throws {
        try await TestDatabase.with { database in
            try await SessionStore(database.sql).create(key: "secret-cookie-value", value: "{}", expiresAt: nil)
            let row = try await database.sql.select().column("key_hash").from("sessions").first()
            let stored = try #require(try row?.decode(column: "key_hash", as: String.self))
            #expect(stored != "secret-cookie-value")
            #expect(stored.count == 64)
        }
    }
}

@Suite struct FailureCountersTests {
    @Test func locksAfterTheFreeAttemptsAndForgetsAfterTheWindow() async throws {
        try await TestDatabase.with { database in
            let failures = FailureCounters(database)
            let start = Date(timeIntervalSince1970: 1_790_000_000)
            for attempt in 1...4 {
                #expect(
                    try await failures.recordFailure("account:x", at: start.addingTimeInterval(Double(attempt)), policy: .perAccount) == nil
                )
            }
            let lock = try await failures.recordFailure("account:x", at: start.addingTimeInterval(5), policy: .perAccount)
            #expect(lock == start.addingTimeInterval(35))
            #expect(try await failures.lockedUntil("account:x", at: start.addingTimeInterval(10)) == lock)
            #expect(try await failures.lockedUntil("account:x", at: start.addingTimeInterval(36)) == nil)
            // A failure after the window starts a new count.
            #expect(try await failures.recordFailure("account:x", at: start.addingTimeInterval(4000), policy: .perAccount) == nil)
            try await failures.clear("account:x")
            #expect(try await failures.lockedUntil("account:x", at: start) == nil)
        }
    }
}

@Suite struct CalendarStoreTests {
    @Test func theOfficialRowsAreInTheTableAfterMigrating() async throws {
        try await TestDatabase.with { database in
            let store = CalendarStore(database.sql)
            #expect(try await store.all() == OfficialCalendar.rows)
            let calendar = try await store.workingCalendar()
            #expect(!calendar.isWorkingDay(LocalDate(iso: "2026-08-31")!))
            #expect(calendar.isWorkingDay(LocalDate(iso: "2026-08-22")!))
            #expect(calendar.isProvisional(2027))
        }
    }

    @Test func officeHoursPerUnit() async throws {
        try await TestDatabase.with { database in
            try await HanoiUnitImport.run(on: database, actorID: nil, at: Date())
            let unit = try #require(try await UnitStore(database.sql).find(code: "00070", validOn: LocalDate(iso: "2025-07-01")!))
            let store = CalendarStore(database.sql)
            #expect(try await store.officeHours(of: unit.id) == nil)
            let hours = try OfficeHours(parsing: "07:30-11:30,13:30-17:30")
            try await store.setOfficeHours(hours, of: unit.id)
            #expect(try await store.officeHours(of: unit.id) == hours)
        }
    }
}

@Suite struct JobStoreTests {
    @Test func onlyJobsWhoseLeaseRanOutAreMarkedInterrupted() async throws {
        try await TestDatabase.with { database in
            let store = JobStore(database.sql)
            let start = Date(timeIntervalSince1970: 1_800_000_000)
            let crashed = try await store.create(.catalogueImport, by: nil, at: start)
            let alive = try await store.create(.catalogueImport, by: nil, at: start)
            let done = try await store.create(.catalogueExport, by: nil, at: start)
            try await store.finish(done, status: .succeeded, message: "xong", at: start)
            // Another instance starts a minute later: both leases still hold.
            #expect(try await store.failInterrupted(at: start.addingTimeInterval(60)) == 0)
            // The live instance renews its job's lease; the crashed one cannot.
            try await store.renew(alive, at: start.addingTimeInterval(100))
            #expect(try await store.failInterrupted(at: start.addingTimeInterval(JobStore.lease + 1)) == 1)
            #expect(try await store.find(id: crashed)?.status == .failed)
            #expect(try await store.find(id: alive)?.status == .running)
            #expect(try await store.find(id: done)?.status == .succeeded)
            try await store.renew(done, at: start.addingTimeInterval(200))  // a finished job's lease is not renewed
            #expect(try await store.failInterrupted(at: start.addingTimeInterval(100 + JobStore.lease + 1)) == 1)
            #expect(try await store.find(id: done)?.status == .succeeded)
        }
    }
}
