import Domain
import Foundation
import Persistence
import SQLKit
import Testing
import Web

@testable import Services

/// Issue 21, point 9: every figure of the statistics tables (a unit's, a unit above others', the city's) and of
/// the service index equals its recount from the records, over random synthetic dossiers taken through the desk
/// (several seeds, on SQLite and on PostgreSQL with the suite); and a counter that drifted is named by unit,
/// period and figure.
@Suite struct StatisticsReconciliationTests {
    static func at(_ text: String) -> Date { LocalClock().instant(parsing: text)! }
    static let months = ReportingPeriod.months(covering: LocalDate(iso: "2026-07-01")!, LocalDate(iso: "2026-10-31")!)

    static func seed(_ services: AppServices, seed: UInt64) async throws {
        try await DemoCatalogue.load(on: services.database, at: at("2026-01-01T08:00"))
        try await SyntheticDossiers(database: services.database, desk: services.desk, calendar: try await services.workingCalendar())
            .make(
                count: 60, seed: seed, unitCodes: ["00070", "00073", "DEMO-STP"], from: LocalDate(iso: "2026-07-01")!,
                to: LocalDate(iso: "2026-09-30")!, now: at("2026-10-31T17:00"))
    }

    @Test(arguments: [11, 12, 13] as [UInt64])
    func everyFigureEqualsItsRecount(seed: UInt64) async throws {
        try await withApp { _, services in
            try await Self.seed(services, seed: seed)
            #expect(try await services.dossiers.count() > 0)
            let differences = try await services.reconcileStatistics(Self.months)
            #expect(differences.isEmpty, "\(differences.prefix(5))")
        }
    }

    @Test func aCounterThatDriftedIsNamed() async throws {
        try await withApp { _, services in
            try await Self.seed(services, seed: 7)
            let row = try #require(
                try await services.database.sql.select().columns("unit_id", "day").from("statistics_counters")
                    .where("counter", .equal, "newInPerson").where("day", .greaterThanOrEqual, "2026-08-01").where(
                        "day", .lessThan, "2026-09-01"
                    )
                    .orderBy("day").limit(1).first())
            let unitID = try row.decode(column: "unit_id", as: Int64.self), day = try row.decode(column: "day", as: String.self)
            try await services.database.sql.update("statistics_counters").set(SQLIdentifier("value"), to: SQLRaw("value + 1"))
                .where("unit_id", .equal, unitID).where("counter", .equal, "newInPerson").where("day", .equal, day).run()
            let unit = try #require(try await services.units.find(id: unitID))
            let differences = try await services.reconcileStatistics(Self.months)
            let named = differences.filter { $0.report == "statistics" && $0.unit == unit.code && $0.figure == "newInPerson" }
            #expect(named.count == 1 && named.first?.period == "2026-08-01..2026-08-31")
            #expect(named.first.map { $0.shown == $0.recounted + 1 } == true)
            #expect(differences.contains { $0.unit == HanoiUnitImport.cityCode && $0.figure == "newInPerson" }, "the city adds it up too")
            #expect(named.first?.description.contains("2026-08-01..2026-08-31, newInPerson: shown") == true)
        }
    }
}
