import Domain
import Foundation
import SQLKit

/// Imports a catalogue file all or nothing: every row is read and checked (definition and unit codes)
/// before anything is written (a refused file throws ``ProcedureCatalogueFile/Refusal`` with every bad row); then all rows are saved in one transaction with one audit row. Progress is
/// reported as rows are saved.
public enum ProcedureImport {
    public struct Summary: Sendable, Equatable {
        public var created = 0
        public var newVersions = 0
        public var unchanged = 0
        public var total: Int { created + newVersions + unchanged }

        public init() {}
    }

    @discardableResult
    public static func run(
        _ data: Data, format: ProcedureCatalogueFile.Format, isDemo: Bool = false, actorID: Int64?, at time: Date, validOn day: LocalDate,
        on database: Database, progress: @escaping @Sendable (_ done: Int, _ total: Int) -> Void = { _, _ in }
    ) async throws -> Summary {
        let rows: [ProcedureCatalogueFile.Row]
        switch ProcedureCatalogueFile.read(data, format: format) {
        case .failure(let refusal): throw refusal
        case .success(let good): rows = good
        }
        return try await database.transaction { session in
            let store = ProcedureStore(session)
            var cache: [String: Int64?] = [:]
            var resolved: [ProcedureStore.ResolvedUnits] = []
            var problems: [ProcedureCatalogueFile.RowProblem] = []
            for row in rows {
                let (units, unknown) = try await store.resolveUnits(of: row.procedure, validOn: day, cache: &cache)
                if let units {
                    resolved.append(units)
                } else {
                    problems.append(
                        .init(
                            line: row.line, code: row.procedure.code,
                            reasons: ["Không có đơn vị mã \(unknown.joined(separator: ", ")) vào ngày \(day.vietnamese)."]))
                }
            }
            guard problems.isEmpty else { throw ProcedureCatalogueFile.Refusal(problems) }
            var summary = Summary()
            for (index, row) in rows.enumerated() {
                switch try await store.save(row.procedure, units: resolved[index], isDemo: isDemo, actorID: actorID, at: time) {
                case .created: summary.created += 1
                case .newVersion: summary.newVersions += 1
                case .unchanged: summary.unchanged += 1
                }
                progress(index + 1, rows.count)
            }
            try await AuditTrail.append(
                AuditRecord(
                    actorID: actorID, action: "catalogue.import", objectType: "catalogue", objectID: "procedures",
                    reason:
                        "\(summary.created) thủ tục mới, \(summary.newVersions) phiên bản mới, \(summary.unchanged) không đổi (\(format.rawValue))"
                ),
                at: time, on: session)
            return summary
        }
    }
}
