import Domain
import Foundation

/// Stored files, named by the SHA-256 of their content under `<data folder>/files/ab/cd/<hash>`: the same
/// content is stored once, and a file is written, flushed to disk and renamed into place before any row
/// refers to it, so a crash never leaves a row pointing at a missing or partial file. Uploads come in through
/// ``admit(_:name:)``: checked, scanned for malware when a scanner is set, then stored.
public struct FileStore: Sendable {
    public let root: String
    /// The malware scanner every upload passes (ClamAV in production); nil: none configured.
    public let scanner: (any MalwareScanner)?
    /// The room kept free on the data folder's disk: a file that would eat into it is refused (``Problem/noSpace``).
    public let reserve: StorageReserve?

    public init(dataDirectory: String, scanner: (any MalwareScanner)? = nil, reserve: StorageReserve? = nil) {
        root = (dataDirectory as NSString).appendingPathComponent("files")
        self.scanner = scanner
        self.reserve = reserve
    }

    public enum Problem: Error, Equatable {
        case cannotWrite(String)
        /// The disk (or the quota) is full: nothing was kept.
        case noSpace
        case missing(String)
        /// The scanner did not answer: the file is refused rather than kept unscanned.
        case scannerUnavailable(String)
    }

    /// An upload as it was kept: its safe name, its type, its size and its SHA-256.
    public struct Admitted: Sendable, Equatable {
        public var name: String
        public var type: FileType
        public var size: Int
        public var sha256: String
    }

    /// Checks an upload — its name made safe, its content against that name and its structure
    /// (``FileType/check(name:bytes:)``), the malware scanner's verdict — and stores it.
    public func admit(_ data: Data, name: String) async throws -> Admitted {
        let safe = Self.safeName(name)
        let type = try FileType.check(name: safe, bytes: data)
        if let scanner {
            let finding: String?
            do { finding = try await scanner.findings(in: data) } catch { throw Problem.scannerUnavailable(String(describing: error)) }
            if let finding { throw FileType.Problem.malware(finding) }
        }
        return Admitted(name: safe, type: type, size: data.count, sha256: try store(data))
    }

    /// A file name as shown and offered for download: its last path component only, in NFC, without control,
    /// format (bidirectional overrides, zero-width) or quote characters, at most 120 characters.
    public static func safeName(_ name: String) -> String {
        let last = name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let cleaned = VietnameseText.normalized(last).unicodeScalars.filter {
            $0.value >= 0x20 && $0 != "\"" && $0.properties.generalCategory != .format && $0.properties.generalCategory != .control
        }
        return String(String(String.UnicodeScalarView(cleaned)).suffix(120))
    }

    func path(of hash: String) -> String {
        "\(root)/\(hash.prefix(2))/\(hash.dropFirst(2).prefix(2))/\(hash)"
    }

    /// Stores the bytes durably and returns their SHA-256 (hex).
    public func store(_ data: Data) throws -> String {
        let hash = sha256Hex(data)
        let target = path(of: hash)
        if FileManager.default.fileExists(atPath: target) { return hash }
        do { try reserve?.ensureRoom(adding: data.count) } catch { throw Problem.noSpace }
        let folder = (target as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let temporary = folder + "/.incoming-" + UUID().uuidString
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else { throw Self.failure(temporary) }
        // write(2) may write less than asked (a disk nearly full): go on until all is written or it fails.
        let written = data.withUnsafeBytes { bytes in
            var done = 0
            while done < bytes.count {
                let count = write(descriptor, bytes.baseAddress! + done, bytes.count - done)
                if count < 0, errno == EINTR { continue }
                guard count > 0 else { break }
                done += count
            }
            return done
        }
        guard written == data.count, fsync(descriptor) == 0 else {
            let problem = Self.failure(temporary)
            close(descriptor)
            unlink(temporary)
            throw problem
        }
        close(descriptor)
        guard rename(temporary, target) == 0 else {
            unlink(temporary)
            throw Problem.cannotWrite(target)
        }
        // The rename is durable once the folder's entry is flushed too.
        let folderDescriptor = open(folder, O_RDONLY)
        if folderDescriptor >= 0 {
            fsync(folderDescriptor)
            close(folderDescriptor)
        }
        return hash
    }

    /// What a failed write means, from `errno`: a full disk or quota, or something else.
    static func failure(_ path: String) -> Problem {
        errno == ENOSPC || errno == EDQUOT ? .noSpace : .cannotWrite(path)
    }

    public func read(_ hash: String) throws -> Data {
        guard hash.count == 64, hash.allSatisfy(\.isHexDigit), let data = FileManager.default.contents(atPath: path(of: hash)) else {
            throw Problem.missing(hash)
        }
        return data
    }
}

/// A malware scanner: the name of what it found in the bytes, or nil when they are clean.
public protocol MalwareScanner: Sendable {
    func findings(in data: Data) async throws -> String?
}
