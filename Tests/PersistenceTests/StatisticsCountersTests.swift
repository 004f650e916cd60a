import Domain
import Foundation
import Persistence
import SQLKit
import TestSupport
import Testing

/// The counters kept as dossiers are received and acted on give the same table as a recount of the dossiers,
/// and a rebuild from the dossiers stores exactly the same counters.
@Suite struct StatisticsCountersTests {
    static let clock = LocalClock()

    @Test func countersKeptAlongTheWorkflowMatchARecountAndARebuild() async throws {
        try await TestDatabase.with { database in
            try await DemoCatalogue.load(on: database, at: Date())
            let calendar = WorkingCalendar(rows: OfficialCalendar.rows)
            let calculator: DossierDesk.Calculator = { _, _ in DeadlineCalculator(calendar: calendar) }
            let desk = DossierDesk(database: database, calculator: calculator)
            let now = Self.clock.instant(parsing: "2026-06-30T17:00")!
            try await SyntheticDossiers(database: database, desk: desk, calendar: calendar)
                .make(
                    count: 120, seed: 7, unitCodes: ["00070", "00073"], from: LocalDate(iso: "2026-05-01")!,
                    to: LocalDate(iso: "2026-06-30")!, now: now)
            // One more, refused at receipt: it must vanish from every figure.
            let ward = try #require(try await UnitStore(database.sql).find(code: "00070", validOn: LocalDate(iso: "2026-06-30")!))
            let officer = try await UserStore(database.sql).create(
                username: "counters.desk", displayName: "Desk", email: nil, passwordHash: "!",
                grants: [Grant(role: .deskOfficer, unitID: ward.id)], at: now)
            let actor = DossierWorkflow.Actor(userID: officer, roles: [.deskOfficer])
            let refused = try await desk.receive(
                .init(
                    procedureCode: "DEMO-HT-05", receivingUnitID: ward.id, channel: .inPerson,
                    applicant: Applicant(kind: .person, name: "Trần Văn B", identifier: "001095012345")),
                by: actor, at: Self.clock.instant(parsing: "2026-06-02T09:00")!, day: LocalDate(iso: "2026-06-02")!)
            _ = try await desk.act(
                .refuseAtReceipt, on: refused.id, seenLockVersion: refused.lockVersion, by: actor, reason: "Thiếu giấy tờ",
                at: Self.clock.instant(parsing: "2026-06-02T09:20")!)

            try await expectCountersMatchARecount(
                database, calendar: calendar,
                periods: [
                    ("2026-05-01", "2026-06-01"), ("2026-06-01", "2026-07-01"), ("2026-05-15", "2026-06-11"), ("2026-06-02", "2026-06-03"),
                ])
            let kept = try await rows(database)
            #expect(kept.count > 20)
            #expect(try await database.rebuildStatisticsCounters(calculator: calculator) == 121)
            #expect(try await rows(database) == kept)
        }
    }

    @Test func bulkDossiersCarryTheirCountersAndContinueTheDaysCodes() async throws {
        try await TestDatabase.with { database in
            try await DemoCatalogue.load(on: database, at: Date())
            let calendar = WorkingCalendar(rows: OfficialCalendar.rows)
            let calculator: DossierDesk.Calculator = { _, _ in DeadlineCalculator(calendar: calendar) }
            let desk = DossierDesk(database: database, calculator: calculator)
            let now = Self.clock.instant(parsing: "2026-06-30T17:00")!
            let synthetic = SyntheticDossiers(database: database, desk: desk, calendar: calendar)
            // A few through the desk first: the bulk codes must continue their days' sequences.
            try await synthetic.make(
                count: 30, seed: 3, unitCodes: ["00070"], from: LocalDate(iso: "2026-06-01")!, to: LocalDate(iso: "2026-06-30")!, now: now)
            let summary = try await synthetic.bulk(
                count: 600, seed: 5, unitCodes: ["00070", "00073"], from: LocalDate(iso: "2026-05-01")!,
                to: LocalDate(iso: "2026-06-30")!, now: now)
            #expect(summary.dossiers == 600 && summary.events > 600)
            let codes = try await database.sql.select().column("code").from("dossiers").all().map {
                try $0.decode(column: "code", as: String.self)
            }
            #expect(codes.count == 630 && Set(codes).count == 630)
            try await expectCountersMatchARecount(
                database, calendar: calendar, periods: [("2026-05-01", "2026-06-01"), ("2026-06-01", "2026-07-01")])
            // Each dossier's events happen in the order of their sequence (no apology after the end).
            var last: [Int64: Int64] = [:]
            for row in try await database.sql.select().columns("dossier_id", "occurred_at").from("dossier_events").orderBy("dossier_id")
                .orderBy("sequence").all()
            {
                let id = try row.decode(column: "dossier_id", as: Int64.self), time = try row.decode(column: "occurred_at", as: Int64.self)
                #expect(time >= last[id, default: .min], "dossier \(id)")
                last[id] = time
            }
            // Every outcome of the model shows up.
            let statuses = Set(
                try await database.sql.select().distinct().column("status").from("dossiers").all()
                    .map { try $0.decode(column: "status", as: String.self) })
            #expect(statuses.isSuperset(of: ["returned", "resultReady", "inProgress", "withdrawn", "ineligible", "rejectedAtReceipt"]))
        }
    }

    /// For every processing unit and period [from, to), the counters' table has the counts and average of a
    /// recount of the dossiers.
    func expectCountersMatchARecount(_ database: Database, calendar: WorkingCalendar, periods: [(String, String)]) async throws {
        let units = try await database.sql.select().distinct().column("processing_unit_id").from("dossiers").all()
            .map { try $0.decode(column: "processing_unit_id", as: Int64.self) }
        #expect(!units.isEmpty)
        for unitID in units {
            for (from, to) in periods {
                let start = Self.clock.instant(parsing: from + "T00:00")!, end = Self.clock.instant(parsing: to + "T00:00")!
                let facts = try await DossierStore(database.sql).statisticsFacts(processingUnitID: unitID, from: start, to: end)
                let recount = DossierStatistics.table(
                    facts, from: start, to: end, clock: Self.clock, calculator: DeadlineCalculator(calendar: calendar))
                let counted = DossierStatistics.table(
                    try await StatisticsCounters(database.sql).sums(unitID: unitID, from: LocalDate(iso: from)!, to: LocalDate(iso: to)!))
                for figure in DossierStatistics.Figure.allCases {
                    #expect(counted.count(figure) == recount.count(figure), "unit \(unitID) \(from)..\(to) \(figure)")
                }
                #expect(abs((counted.averageWorkingDays ?? 0) - (recount.averageWorkingDays ?? 0)) < 0.001)
            }
        }
    }

    /// Every stored counter row that is not zero (a change taken back leaves a zero row), in order.
    func rows(_ database: Database) async throws -> [String] {
        try await database.sql.select().columns("unit_id", "counter", "day", "value").from("statistics_counters")
            .where("value", .notEqual, SQLBind(Int64(0))).orderBy("unit_id").orderBy("counter").orderBy("day").all().map { row in
                "\(try row.decode(column: "unit_id", as: Int64.self)) \(try row.decode(column: "counter", as: String.self)) "
                    + "\(try row.decode(column: "day", as: String.self)) \(try row.decode(column: "value", as: Int64.self))"
            }
    }
}
