/// The entries of a ZIP archive (the container of .docx and .xlsx files), read from its central directory, and
/// their contents — stored or deflated — each inflated under a limit.
public struct ZipArchive: Sendable {
    public struct Entry: Sendable, Equatable {
        public var name: String
        var method: Int
        var compressedSize: Int
        public var size: Int
        var localOffset: Int
    }

    public enum Problem: Error, Equatable {
        case notZip
        case missingPart(String)
        case unsupportedCompression(Int)
        case inflate(Inflate.Problem)
    }

    let bytes: [UInt8]
    /// The entries in the order of the central directory.
    public private(set) var entries: [Entry] = []
    /// The bytes after the end-of-central-directory record and its comment (none in an archive written whole).
    public private(set) var trailingBytes = 0
    /// The archive comment's length.
    public private(set) var commentLength = 0

    public init(bytes: [UInt8]) throws(Problem) {
        self.bytes = bytes
        func u16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
        func u32(_ at: Int) -> Int { u16(at) | u16(at + 2) << 16 }
        guard bytes.count >= 22 else { throw .notZip }
        var end = bytes.count - 22
        while end >= max(0, bytes.count - 22 - 65_535) && u32(end) != 0x0605_4B50 { end -= 1 }
        guard end >= 0, u32(end) == 0x0605_4B50 else { throw .notZip }
        commentLength = u16(end + 20)
        trailingBytes = max(0, bytes.count - (end + 22 + commentLength))
        let count = u16(end + 10)
        var at = u32(end + 16)
        for _ in 0..<count {
            guard at >= 0, at + 46 <= bytes.count, u32(at) == 0x0201_4B50 else { throw .notZip }
            let nameLength = u16(at + 28), extra = u16(at + 30), comment = u16(at + 32)
            guard at + 46 + nameLength <= bytes.count else { throw .notZip }
            let name = String(decoding: bytes[(at + 46)..<(at + 46 + nameLength)], as: UTF8.self)
            entries.append(
                Entry(name: name, method: u16(at + 10), compressedSize: u32(at + 20), size: u32(at + 24), localOffset: u32(at + 42)))
            at += 46 + nameLength + extra + comment
        }
    }

    public func entry(_ name: String) -> Entry? { entries.first { $0.name == name } }

    /// An entry's content, inflated to at most `limit` bytes.
    public func data(of entry: Entry, limit: Int) throws(Problem) -> [UInt8] {
        func u16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
        let at = entry.localOffset
        guard at + 30 <= bytes.count, u16(at) == 0x4B50 else { throw .notZip }
        let start = at + 30 + u16(at + 26) + u16(at + 28)
        guard start + entry.compressedSize <= bytes.count else { throw .notZip }
        let raw = Array(bytes[start..<(start + entry.compressedSize)])
        switch entry.method {
        case 0:
            guard raw.count <= limit else { throw .inflate(.tooLarge) }
            return raw
        case 8:
            do { return try Inflate.inflate(raw, limit: limit) } catch { throw .inflate(error) }
        default: throw .unsupportedCompression(entry.method)
        }
    }

    /// The text of the entry called `name`.
    public func text(of name: String, limit: Int) throws(Problem) -> String {
        guard let entry = entry(name) else { throw .missingPart(name) }
        return String(decoding: try data(of: entry, limit: limit), as: UTF8.self)
    }
}
