import Foundation

/// Stored files, named by the SHA-256 of their content under `<data folder>/files/ab/cd/<hash>`: the same
/// content is stored once, and a file is written, flushed to disk and renamed into place before any row
/// refers to it, so a crash never leaves a row pointing at a missing or partial file.
public struct FileStore: Sendable {
    public let root: String

    public init(dataDirectory: String) { root = (dataDirectory as NSString).appendingPathComponent("files") }

    public enum Problem: Error, Equatable {
        case cannotWrite(String)
        case missing(String)
    }

    func path(of hash: String) -> String {
        "\(root)/\(hash.prefix(2))/\(hash.dropFirst(2).prefix(2))/\(hash)"
    }

    /// Stores the bytes durably and returns their SHA-256 (hex).
    public func store(_ data: Data) throws -> String {
        let hash = sha256Hex(data)
        let target = path(of: hash)
        if FileManager.default.fileExists(atPath: target) { return hash }
        let folder = (target as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let temporary = folder + "/.incoming-" + UUID().uuidString
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else { throw Problem.cannotWrite(temporary) }
        let written = data.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        guard written == data.count, fsync(descriptor) == 0 else {
            close(descriptor)
            unlink(temporary)
            throw Problem.cannotWrite(temporary)
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

    public func read(_ hash: String) throws -> Data {
        guard hash.count == 64, hash.allSatisfy(\.isHexDigit), let data = FileManager.default.contents(atPath: path(of: hash)) else {
            throw Problem.missing(hash)
        }
        return data
    }
}
