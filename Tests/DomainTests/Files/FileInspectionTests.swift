import Domain
import Testing

/// Files built to harm whoever opens them are refused by what is inside them (issue 10, figure 7).
@Suite struct FileInspectionTests {
    typealias Problem = FileType.Problem
    static let html = Array("<html><script>alert(1)</script></html>".utf8)

    static func pdf(_ body: String) -> [UInt8] {
        Array("%PDF-1.7\n1 0 obj\n\(body)\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n".utf8)
    }

    /// A PDF whose object 2 is a zlib stream holding `content` (a stored DEFLATE block: readers inflate it).
    static func pdf(stream content: String) -> [UInt8] {
        let data = Array(content.utf8)
        let deflated: [UInt8] =
            [
                0x78, 0x01, 0x01, UInt8(data.count & 0xFF), UInt8(data.count >> 8),
                UInt8(~data.count & 0xFF), UInt8((~data.count >> 8) & 0xFF),
            ] + data + [0, 0, 0, 0]
        return Array("%PDF-1.7\n2 0 obj\n<< /Length \(deflated.count) /Filter /FlateDecode >>\nstream\n".utf8) + deflated
            + Array("\nendstream\nendobj\ntrailer\n<< >>\n%%EOF\n".utf8)
    }

    static let docx = SampleFiles.docx
    static let contentTypes = SampleFiles.contentTypes
    static let refusedFiles: [(String, [UInt8], Problem)] = [
        ("anh.png", SampleFiles.png() + docx, .trailingData),
        ("anh.png", SampleFiles.png(width: 100_000, height: 10), .imageTooLarge(width: 100_000, height: 10)),
        ("anh.png", SampleFiles.png(width: 15_000, height: 15_000), .imageTooLarge(width: 15_000, height: 15_000)),
        ("anh.png", Array(SampleFiles.png().dropLast(12)), .damaged),
        ("anh.png", SampleFiles.png(width: 0, height: 5), .damaged),
        ("anh.jpg", SampleFiles.jpeg() + html, .trailingData),
        ("anh.jpg", SampleFiles.jpeg() + SampleFiles.docx, .trailingData),
        ("anh.jpg", SampleFiles.jpeg() + Array("MZ".utf8) + [UInt8](repeating: 0, count: 60), .trailingData),
        ("anh.jpg", SampleFiles.jpeg() + Array("\n<SCRIPT>alert(1)</SCRIPT>".utf8), .trailingData),
        ("anh.jpg", SampleFiles.jpeg(width: 30_000, height: 2), .imageTooLarge(width: 30_000, height: 2)),
        ("anh.jpg", [0xFF, 0xD8, 0xFF, 0xDA, 0, 2, 0xFF, 0xD9], .damaged),
        ("don.pdf", SampleFiles.pdf + html, .trailingData),
        ("don.pdf", pdf("<< /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>"), .activeContent("PDF /JavaScript")),
        ("don.pdf", pdf("<< /OpenAction << /S /J#61vaScript >> >>"), .activeContent("PDF /JavaScript")),
        ("don.pdf", pdf("<< /AA << /O << /S /Launch /F (cmd.exe) >> >> >>"), .activeContent("PDF /Launch")),
        ("don.pdf", pdf("<< /Names << /EmbeddedFiles 3 0 R >> >>"), .activeContent("PDF /EmbeddedFiles")),
        ("don.pdf", pdf(stream: "<< /S /JS /JS (this.print()) >>"), .activeContent("PDF /JS")),
        ("to-khai.docx", SampleFiles.zip([contentTypes, ("../../evil.sh", [0x23])]), .unsafeArchive("../../evil.sh")),
        ("to-khai.docx", SampleFiles.zip([contentTypes, ("/etc/cron.d/x", [0x23])]), .unsafeArchive("/etc/cron.d/x")),
        ("to-khai.docx", SampleFiles.zip([contentTypes, ("word\\..\\x", [0x23])]), .unsafeArchive("word\\..\\x")),
        ("to-khai.docx", SampleFiles.zip([contentTypes, contentTypes]), .unsafeArchive("[Content_Types].xml")),
        ("to-khai.docx", SampleFiles.zip([contentTypes, ("word/vbaProject.bin", [0])]), .activeContent("macro word/vbaProject.bin")),
        ("to-khai.docx", SampleFiles.zip([contentTypes], declaredSize: 200 * 1024 * 1024), .archiveBomb),
        ("to-khai.docx", SampleFiles.zip([("word/document.xml", [0x3C])]), .damaged),
        ("to-khai.docx", docx + html, .trailingData),
        ("to-khai.docx", SampleFiles.zip([contentTypes], comment: html), .trailingData),
    ]

    @Test(arguments: refusedFiles)
    func refused(name: String, bytes: [UInt8], problem: Problem) {
        #expect(throws: problem) { try FileType.check(name: name, bytes: bytes) }
    }

    static let acceptedFiles: [(String, [UInt8])] = [
        ("don.pdf", pdf("<< /Type /Catalog /JSON (not a script) /JSX 1 >>")),
        ("don.pdf", pdf(stream: "BT /F1 12 Tf (Giay khai sinh) Tj ET")),
        ("don.pdf", SampleFiles.pdf + Array("\r\n\n".utf8)),
        ("anh.png", SampleFiles.png(width: 20_000, height: 7_500)),
        ("anh.jpg", SampleFiles.jpeg(width: 4_000, height: 3_000)),
        // A phone's own data after the end of the image (Samsung's trailer) is not another file.
        ("anh.jpg", SampleFiles.jpeg() + Array("\u{0}\u{0}SEFH\u{1}\u{0}Image_UTC_Data1732760000000SEFT".utf8)),
    ]

    @Test(arguments: acceptedFiles)
    func accepted(name: String, bytes: [UInt8]) throws {
        _ = try FileType.check(name: name, bytes: bytes)
    }
}
