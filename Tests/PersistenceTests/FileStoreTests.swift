import Domain
import Foundation
import Persistence
import Testing

/// Uploads pass the file checks and the malware scanner before anything is written (issue 10, figure 7).
@Suite struct FileStoreTests {
    static let pdf = Data("%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n".utf8)

    struct Scanner: MalwareScanner {
        var answer: @Sendable (Data) throws -> String?
        func findings(in data: Data) async throws -> String? { try answer(data) }
    }
    struct Down: Error {}

    static func withFolder(_ body: (String) async throws -> Void) async throws {
        let folder = NSTemporaryDirectory() + "motcua-files-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try await body(folder)
    }

    /// The files (not folders) under `folder`, by their paths inside it.
    static func storedFiles(_ folder: String) -> [String] {
        (FileManager.default.subpaths(atPath: folder) ?? []).filter { path in
            var directory: ObjCBool = false
            return FileManager.default.fileExists(atPath: folder + "/" + path, isDirectory: &directory) && !directory.boolValue
        }
    }

    @Test func aCleanFileIsStoredUnderItsHash() async throws {
        try await Self.withFolder { folder in
            let store = FileStore(dataDirectory: folder, scanner: Scanner { _ in nil })
            let file = try await store.admit(Self.pdf, name: "../../Giấy khai sinh.pdf")
            #expect(file.name == "Giấy khai sinh.pdf" && file.type == .pdf && file.size == Self.pdf.count)
            #expect(Self.storedFiles(folder) == ["files/\(file.sha256.prefix(2))/\(file.sha256.dropFirst(2).prefix(2))/\(file.sha256)"])
            #expect(try store.read(file.sha256) == Self.pdf)
        }
    }

    @Test func whatTheScannerFindsOrCannotScanIsNotKept() async throws {
        try await Self.withFolder { folder in
            let infected = FileStore(dataDirectory: folder, scanner: Scanner { _ in "Eicar-Test-Signature" })
            await #expect(throws: FileType.Problem.malware("Eicar-Test-Signature")) { try await infected.admit(Self.pdf, name: "don.pdf") }
            let down = FileStore(dataDirectory: folder, scanner: Scanner { _ in throw Down() })
            await #expect(throws: FileStore.Problem.scannerUnavailable(String(describing: Down()))) {
                try await down.admit(Self.pdf, name: "don.pdf")
            }
            await #expect(throws: FileType.Problem.trailingData) {
                try await FileStore(dataDirectory: folder).admit(Self.pdf + Data("<script>".utf8), name: "don.pdf")
            }
            #expect(Self.storedFiles(folder).isEmpty)
        }
    }

    /// A file that would eat into the reserve kept free on the data folder's disk is refused before a byte is
    /// written; the same file is stored once the reserve allows it (issue 20).
    @Test func aFileThatWouldEatIntoTheReserveIsRefused() async throws {
        try await Self.withFolder { folder in
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let free = try #require(StorageReserve(folder: folder, bytes: 0).freeBytes())
            #expect(free > 0)
            let beyondTheDisk = StorageReserve(folder: folder, bytes: free + (1 << 40))
            let refusal = #expect(throws: StorageReserve.Exhausted.self) { try beyondTheDisk.ensureRoom() }
            #expect(refusal.map(PersistenceError.isDiskFull) == true)
            let full = FileStore(dataDirectory: folder, reserve: beyondTheDisk)
            await #expect(throws: FileStore.Problem.noSpace) { try await full.admit(Self.pdf, name: "don.pdf") }
            #expect(Self.storedFiles(folder).isEmpty)
            // A file larger than all the room there is is refused even without a reserve.
            #expect(throws: StorageReserve.Exhausted.self) {
                try StorageReserve(folder: folder, bytes: 0).ensureRoom(adding: Int(free + (1 << 40)))
            }
            let roomy = FileStore(dataDirectory: folder, reserve: StorageReserve(folder: folder, bytes: 1 << 20))
            let file = try await roomy.admit(Self.pdf, name: "don.pdf")
            #expect(try roomy.read(file.sha256) == Self.pdf)
            // A folder that cannot be examined is not refused: the write meets the disk's own answer.
            #expect(StorageReserve(folder: folder + "/missing", bytes: 1 << 62).freeBytes() == nil)
            try StorageReserve(folder: folder + "/missing", bytes: 1 << 62).ensureRoom()
        }
    }

    static let names: [(String, String)] = [
        ("../../../etc/passwd.pdf", "passwd.pdf"),
        ("..\\..\\Windows\\system.ini.pdf", "system.ini.pdf"),
        ("C:\\Users\\an\\Desktop\\don.pdf", "don.pdf"),
        ("Gia\u{0302}\u{0301}y khai sinh.pdf", "Giấy khai sinh.pdf"),  // NFD, as macOS sends it
        ("anh\u{202E}gpj.exe.pdf", "anhgpj.exe.pdf"),  // a right-to-left override
        ("to\u{200B}khai\u{FEFF}.docx", "tokhai.docx"),  // zero-width characters
        ("ten \"co\" ngoac\u{0007}.pdf", "ten co ngoac.pdf"),
        ("dong\r\nmoi.pdf", "dong moi.pdf"),
        (String(repeating: "a", count: 300) + ".pdf", String(repeating: "a", count: 116) + ".pdf"),
    ]

    @Test(arguments: names)
    func namesAreMadeSafe(name: String, safe: String) {
        #expect(FileStore.safeName(name) == safe)
        #expect(FileStore.safeName(name).unicodeScalars.elementsEqual(safe.precomposedStringWithCanonicalMapping.unicodeScalars))
    }
}
