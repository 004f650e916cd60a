import Domain
import Foundation
import Persistence

/// The demo's dossiers: the two demo wards' last two months go through the real desk, acted on at Hoàn Kiếm by
/// the demo's own sign-ins, so that their queues, timelines and audit rows are what the product makes; for the
/// whole city, every commune, ward and demo department receives through the year before (written in bulk, with
/// its applicants' ratings).
package enum DemoDossiers {
    /// Dossiers a year across the city, about 170 a unit: enough for every page's figures to look like a city's
    /// while `serve --demo` stays within a minute on SQLite (docs/FOUNDATION.md, "The demo", has the measurement).
    package static let yearly = 24_000
    package static let demoWards = ["00070", "00073"]

    /// `cityYear`: the dossiers of the whole city's year (0: the two wards' last two months only).
    package static func seed(services: AppServices, staff: [String: SyntheticDossiers.Staff], cityYear: Int, now: Date) async throws {
        let today = services.today()
        let criteria = try RatingStore.shippedCriteria()
        let synthetic = SyntheticDossiers(database: services.database, desk: services.desk, calendar: try await services.workingCalendar())
        let yearAgo = today.adding(days: -365), twoMonthsAgo = today.adding(days: -60)
        if cityYear > 0 {
            let others = try await services.unitDirectory().list(.init(validOn: today)).map(\.code).filter { !demoWards.contains($0) }
            try await synthetic.bulk(count: cityYear, seed: 2026, unitCodes: others, from: yearAgo, to: today, now: now, ratings: criteria)
            try await synthetic.bulk(
                count: 500, seed: 2025, unitCodes: demoWards, from: yearAgo, to: twoMonthsAgo.adding(days: -1), now: now,
                ratings: criteria)
        }
        try await synthetic.make(
            count: 150, seed: 2026, unitCodes: demoWards, from: twoMonthsAgo, to: today, now: now, staff: staff,
            ratings: criteria)
    }
}
