import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The room the product keeps free on the disk of a folder: below it, the product writes nothing more there
/// (``ensureRoom(adding:)`` throws ``Exhausted``, answered 507 with Retry-After like a full disk).
///
/// Without a reserve, a full disk was met by SQLite itself, and whether a small write still went through
/// depended on the room its write-ahead log happened to have — so an audited reading was served on one machine
/// and refused on another (issue 20). Stopping at a reserve makes the point the same whatever the timing, and
/// leaves SQLite room to checkpoint and the operator room to act (docs/RELIABILITY.md, "Disk full").
public struct StorageReserve: Sendable, Equatable {
    public let folder: String
    /// Bytes that stay free; 0 keeps no reserve (the disk's own limit is then the only one).
    public let bytes: Int64

    public init(folder: String, bytes: Int64) {
        self.folder = folder
        self.bytes = bytes
    }

    /// A write refused because it would leave less than the reserve free.
    public struct Exhausted: Error, Equatable, Sendable {
        public let freeBytes: Int64
        public let reserveBytes: Int64
    }

    /// The bytes an unprivileged writer may still use on the folder's disk; nil when the folder cannot be
    /// examined (it does not exist yet).
    public func freeBytes() -> Int64? {
        var info = statvfs()
        guard statvfs(folder, &info) == 0 else { return nil }
        return Int64(info.f_bavail) * Int64(info.f_frsize)
    }

    /// Throws when writing `size` more bytes would leave less than the reserve free. A folder that cannot be
    /// examined is not refused: the write then meets the disk's own answer.
    public func ensureRoom(adding size: Int = 0) throws(Exhausted) {
        guard let free = freeBytes() else { return }
        if free - Int64(size) < bytes { throw Exhausted(freeBytes: free, reserveBytes: bytes) }
    }
}
