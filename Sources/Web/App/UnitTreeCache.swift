import Domain
import Persistence

/// The unit tree (who is whose parent) that every signed-in officer's scope is computed from, rebuilt only when
/// units were added — unit rows are never changed once written, so their count and largest id tell — with one
/// cheap query per use instead of reading all the units on every request.
actor UnitTreeCache {
    private var cached: (version: UnitStore.Version, tree: UnitTree)?

    func tree(from store: UnitStore) async throws -> UnitTree {
        let version = try await store.version()
        if let cached, cached.version == version { return cached.tree }
        let tree = try await store.tree()
        cached = (version, tree)
        return tree
    }
}
