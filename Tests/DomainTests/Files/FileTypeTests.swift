import Domain
import Testing

@Suite struct FileTypeTests {
    static let pdf = Array("%PDF-1.7\n".utf8)
    static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0]
    static let jpeg: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10]
    static let zip: [UInt8] = [0x50, 0x4B, 0x03, 0x04, 0x14, 0]

    @Test(arguments: [
        ("don.pdf", pdf, FileType.pdf), ("Ảnh CCCD.JPG", jpeg, .jpeg), ("anh.jpeg", jpeg, .jpeg), ("so-do.png", png, .png),
        ("to-khai.docx", zip, .officeDocument), ("bang.xlsx", zip, .officeDocument),
    ])
    func accepted(name: String, bytes: [UInt8], type: FileType) throws {
        #expect(try FileType.check(name: name, bytes: bytes) == type)
    }

    @Test(arguments: [
        ("gia.pdf", png, FileType.Problem.contentDoesNotMatchName("gia.pdf")),
        ("virus.exe", Array("MZ".utf8), .unknownType),
        ("text.pdf", Array("hello".utf8), .contentDoesNotMatchName("text.pdf")),
        ("khong-ten", pdf, .unknownType),
        ("rong.pdf", [], .empty),
    ])
    func refused(name: String, bytes: [UInt8], problem: FileType.Problem) {
        #expect(throws: problem) { try FileType.check(name: name, bytes: bytes) }
    }

    @Test func tooLarge() {
        #expect(throws: FileType.Problem.tooLarge) { try FileType.check(name: "lon.pdf", bytes: Self.pdf + [UInt8](repeating: 0, count: FileType.maximumSize)) }
    }
}
