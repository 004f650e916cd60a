import Domain
import Testing

@Suite struct FileTypeTests {
    static let pdf = SampleFiles.pdf
    static let png = SampleFiles.png()
    static let jpeg = SampleFiles.jpeg()
    static let zip = SampleFiles.docx
    static let acceptedFiles = [
        ("don.pdf", pdf, FileType.pdf), ("Ảnh CCCD.JPG", jpeg, .jpeg), ("anh.jpeg", jpeg, .jpeg), ("so-do.png", png, .png),
        ("to-khai.docx", zip, .officeDocument), ("bang.xlsx", zip, .officeDocument),
    ]

    @Test(arguments: acceptedFiles)
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
        #expect(throws: FileType.Problem.tooLarge) {
            try FileType.check(name: "lon.pdf", bytes: Self.pdf + [UInt8](repeating: 0, count: FileType.maximumSize))
        }
    }
}
