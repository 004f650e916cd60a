/// The smallest well-formed files of each accepted type, and ways to spoil them, for the file checks' tests.
enum SampleFiles {
    static let pdf = Array("%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n".utf8)

    /// A PNG of the given size: its header, one (empty) data chunk and its end; the checksums are not read.
    static func png(width: Int = 2, height: Int = 2) -> [UInt8] {
        func u32(_ value: Int) -> [UInt8] { [24, 16, 8, 0].map { UInt8((value >> $0) & 0xFF) } }
        let header = u32(width) + u32(height) + [8, 2, 0, 0, 0]
        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
            + u32(13) + Array("IHDR".utf8) + header + [0, 0, 0, 0]
            + u32(0) + Array("IDAT".utf8) + [0, 0, 0, 0]
            + u32(0) + Array("IEND".utf8) + [0xAE, 0x42, 0x60, 0x82]
    }

    /// A JPEG of the given size: start, an application segment, a baseline frame header, a scan, the end.
    static func jpeg(width: Int = 2, height: Int = 2) -> [UInt8] {
        func u16(_ value: Int) -> [UInt8] { [UInt8(value >> 8), UInt8(value & 0xFF)] }
        return [0xFF, 0xD8, 0xFF, 0xE0] + u16(16) + Array("JFIF\0".utf8) + [1, 1, 0, 0, 1, 0, 1, 0, 0]
            + [0xFF, 0xC0] + u16(11) + [8] + u16(height) + u16(width) + [1, 1, 0x11, 0]
            + [0xFF, 0xDA] + u16(8) + [1, 1, 0, 0, 0x3F, 0] + [0x12, 0x34, 0xFF, 0x00, 0x56]
            + [0xFF, 0xD9]
    }

    /// A ZIP archive of stored (uncompressed) entries; `declaredSize` overrides the size an entry claims.
    static func zip(_ entries: [(name: String, content: [UInt8])], declaredSize: Int? = nil, comment: [UInt8] = []) -> [UInt8] {
        func u16(_ value: Int) -> [UInt8] { [UInt8(value & 0xFF), UInt8((value >> 8) & 0xFF)] }
        func u32(_ value: Int) -> [UInt8] { u16(value & 0xFFFF) + u16(value >> 16) }
        var body: [UInt8] = [], directory: [UInt8] = []
        for (name, content) in entries {
            let offset = body.count, nameBytes = Array(name.utf8), size = declaredSize ?? content.count
            body +=
                u32(0x0403_4B50) + u16(20) + u16(0) + u16(0) + u32(0) + u32(0) + u32(content.count) + u32(size)
                + u16(nameBytes.count) + u16(0) + nameBytes + content
            directory +=
                u32(0x0201_4B50) + u16(20) + u16(20) + u16(0) + u16(0) + u32(0) + u32(0) + u32(content.count) + u32(size)
                + u16(nameBytes.count) + u16(0) + u16(0) + u16(0) + u16(0) + u32(0) + u32(offset) + nameBytes
        }
        return body + directory + u32(0x0605_4B50) + u16(0) + u16(0) + u16(entries.count) + u16(entries.count)
            + u32(directory.count) + u32(body.count) + u16(comment.count) + comment
    }

    static let contentTypes = ("[Content_Types].xml", Array("<?xml version=\"1.0\"?><Types/>".utf8))
    static let docx = zip([contentTypes, ("word/document.xml", Array("<w:document/>".utf8))])
}
