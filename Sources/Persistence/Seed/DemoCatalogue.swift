import Foundation

/// Everything the demo catalogue stands on, loaded in order: Hanoi's units, the demo departments and the demo
/// procedures. Each step changes nothing when it was done before.
public enum DemoCatalogue {
    /// Loads it and returns the demo departments' ids by code.
    @discardableResult
    public static func load(on database: Database, at time: Date) async throws -> [String: Int64] {
        _ = try await HanoiUnitImport.run(on: database, actorID: nil, at: time)
        guard let cityID = try await HanoiUnitImport.cityID(on: database.sql) else {
            throw PersistenceError.corrupt("the city unit is missing after import")
        }
        let departments = try await DemoDepartments.ensure(on: database, cityID: cityID, actorID: nil, at: time)
        try await DemoProcedures.seed(on: database, at: time)
        return departments
    }
}
