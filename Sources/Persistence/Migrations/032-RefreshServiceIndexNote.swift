import Foundation
import SQLKit

/// The shipped service index framework's note said that an indicator with denominator 0 "scores its maximum";
/// since issue 21 it is not applicable (docs/SERVICE-INDEX.md). The framework is stored on first use, so an older
/// database keeps the old note on its pages: this gives the stored shipped version the shipped note (now in
/// Vietnamese, as the pages are). Maxima and measures are not touched.
struct RefreshServiceIndexNote: Migration {
    let name = "032-refresh-service-index-note"

    func prepare(on database: any SQLDatabase) async throws {
        let shipped = try ServiceIndexStore.shippedFramework()
        let store = ServiceIndexStore(database)
        guard var stored = try await store.frameworks().first(where: { $0.id == shipped.id }), stored.note != shipped.note else { return }
        stored.note = shipped.note
        try await store.load(stored, at: Date())
    }

    /// The old note was wrong; it is not put back.
    func revert(on database: any SQLDatabase) async throws {}
}
