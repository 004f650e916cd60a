import Domain
import Foundation

/// The demo catalogue (Seed/Data/demo-procedures.json, see SOURCES.md): about 30 procedures of communes and
/// demo departments, marked demo. Loading it again changes nothing.
public enum DemoProcedures {
    @discardableResult
    public static func seed(on database: Database, at time: Date) async throws -> ProcedureImport.Summary {
        guard let url = Bundle.module.url(forResource: "demo-procedures", withExtension: "json", subdirectory: "Data") else {
            throw PersistenceError.corrupt("Seed/Data/demo-procedures.json is missing")
        }
        // The communes named in the file are those of 1 Jul 2025.
        return try await ProcedureImport.run(
            try Data(contentsOf: url), format: .json, isDemo: true, actorID: nil, at: time,
            validOn: LocalDate(year: 2025, month: 7, day: 1)!, on: database)
    }
}
