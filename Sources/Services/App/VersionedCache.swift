/// A value rebuilt only when its version has changed, the version being read with one cheap query per use — so
/// that every instance sees a change at once. Serves the working calendar (the table's edits) and the unit tree
/// behind every officer's scope (unit rows are never changed once written: their count and largest id tell).
package actor VersionedCache<Version: Equatable & Sendable, Value: Sendable> {
    private var cached: (version: Version, value: Value)?

    package func value(version: @Sendable () async throws -> Version, build: @Sendable () async throws -> Value) async throws -> Value {
        let current = try await version()
        if let cached, cached.version == current { return cached.value }
        let value = try await build()
        cached = (current, value)
        return value
    }
}
