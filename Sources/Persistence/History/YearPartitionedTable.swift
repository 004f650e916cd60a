/// A table that grows with every dossier and is range-partitioned by year on PostgreSQL: what its partitioned
/// form needs besides its columns (which it keeps). PostgreSQL requires the partition column in every primary
/// key and unique constraint, so each gains `column`; the keys without it stay unique by how rows are written
/// (an event's sequence under its dossier's lock version, an audit row's sequence under the chain head's lock).
struct YearPartitionedTable: Sendable {
    var name: String
    /// The instant (BIGINT milliseconds) whose year in Hanoi chooses the partition.
    var column: String
    /// The column numbered by a sequence, if any (an identity column before partitioning; PostgreSQL 15
    /// allows no identity column on a partitioned table).
    var numbered: String?
    var primaryKey: [String]
    var unique: [[String]] = []
    var references: [(column: String, table: String)] = []
    var indexes: [(name: String, columns: [String])] = []

    /// The catch-all partition: rows whose year has no partition yet (a restore, an import of old records)
    /// wait there until housekeeping gives their year one.
    var defaultPartition: String { name + "_default" }

    func partition(_ year: Int) -> String { name + "_y\(year)" }

    /// The year of a partition's name, if it is one of this table's year partitions.
    func year(ofPartition partition: String) -> Int? {
        guard partition.hasPrefix(name + "_y") else { return nil }
        let digits = partition.dropFirst(name.count + 2)
        return digits.count == 4 ? Int(digits) : nil
    }

    /// The history tables partitioned by year: dossiers' events and the audit trail. (Notifications are an
    /// outbox whose idempotency key names no date; dossiers are the current state that others reference.)
    static let all: [YearPartitionedTable] = [
        YearPartitionedTable(
            name: "dossier_events", column: "occurred_at", numbered: "id", primaryKey: ["id"], unique: [["dossier_id", "sequence"]],
            references: [("dossier_id", "dossiers"), ("actor_id", "users"), ("unit_id", "units")]),
        YearPartitionedTable(
            name: "audit_log", column: "occurred_at", primaryKey: ["sequence"],
            indexes: [("audit_log_object", ["object_type", "object_id"])]),
    ]
}
