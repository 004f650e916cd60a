/// What is looked at inside a file once its type is known, to refuse files built to harm whoever opens them:
/// polyglots (another file hidden after the end of an image, a PDF or an archive), images of absurd
/// dimensions (decompression bombs), PDFs that run code or carry other files, Office documents with macros,
/// paths that climb out of a folder, or entries that inflate beyond reason (zip bombs).
public enum FileInspection {
    /// The largest image accepted: a side of 20,000 pixels and 150 megapixels (an A0 scan at 300 dpi is ~140 MP).
    public static let largestImageSide = 20_000
    public static let largestImagePixels = 150_000_000
    /// An Office document may inflate to 100 MiB in all, 10,000 entries at most.
    public static let archiveLimit = 100 * 1024 * 1024
    static let archiveEntryLimit = 10_000
    /// A PDF's compressed non-image streams are read up to 64 MiB in all.
    static let pdfStreamLimit = 64 * 1024 * 1024
    /// PDF names that make a reader run code, open something else or carry files.
    static let activePDFNames: Set<String> = [
        "JavaScript", "JS", "Launch", "EmbeddedFile", "EmbeddedFiles", "RichMedia", "SubmitForm", "ImportData",
    ]

    static func inspect(_ type: FileType, _ bytes: [UInt8]) throws(FileType.Problem) {
        switch type {
        case .png: try png(bytes)
        case .jpeg: try jpeg(bytes)
        case .pdf: try pdf(bytes)
        case .officeDocument: try office(bytes)
        }
    }

    static func checkDimensions(width: Int, height: Int) throws(FileType.Problem) {
        guard width > 0, height > 0 else { throw .damaged }
        guard width <= largestImageSide, height <= largestImageSide, width * height <= largestImagePixels else {
            throw .imageTooLarge(width: width, height: height)
        }
    }

    static func u16(_ bytes: [UInt8], _ at: Int) -> Int { Int(bytes[at]) << 8 | Int(bytes[at + 1]) }
    static func u32(_ bytes: [UInt8], _ at: Int) -> Int { u16(bytes, at) << 16 | u16(bytes, at + 2) }

    /// PNG: chunks from IHDR to IEND, nothing after.
    static func png(_ bytes: [UInt8]) throws(FileType.Problem) {
        var at = 8
        var sawHeader = false
        while true {
            guard at + 12 <= bytes.count else { throw .damaged }
            let length = u32(bytes, at)
            let kind = String(decoding: bytes[(at + 4)..<(at + 8)], as: UTF8.self)
            guard length <= bytes.count, at + 12 + length <= bytes.count else { throw .damaged }
            if !sawHeader {
                guard kind == "IHDR", length == 13 else { throw .damaged }
                try checkDimensions(width: u32(bytes, at + 8), height: u32(bytes, at + 12))
                sawHeader = true
            }
            at += 12 + length
            if kind == "IEND" { break }
        }
        guard at == bytes.count else { throw .trailingData }
    }

    /// JPEG: segments and scans up to the end-of-image marker, a frame header with the dimensions before the
    /// first scan. Phones append their own data after the end (Samsung's "SEFT" trailer, for one), so what follows
    /// is refused only when it carries another kind of file (``foreignSignatures``).
    static func jpeg(_ bytes: [UInt8]) throws(FileType.Problem) {
        var at = 2
        var dimensions: (Int, Int)?
        var end: Int?
        while at + 2 <= bytes.count {
            guard bytes[at] == 0xFF else { throw .damaged }
            let marker = bytes[at + 1]
            if marker == 0xFF {
                at += 1
                continue
            }  // fill byte
            if marker == 0xD9 {
                end = at + 2
                break
            }
            if marker == 0xD8 || (0xD0...0xD7).contains(marker) || marker == 0x01 {
                at += 2
                continue
            }
            guard at + 4 <= bytes.count else { throw .damaged }
            let length = u16(bytes, at + 2)
            guard length >= 2, at + 2 + length <= bytes.count else { throw .damaged }
            if (0xC0...0xCF).contains(marker), ![0xC4, 0xC8, 0xCC].contains(marker) {
                guard length >= 7 else { throw .damaged }
                dimensions = (u16(bytes, at + 7), u16(bytes, at + 5))
            }
            at += 2 + length
            if marker == 0xDA {
                // The compressed scan: up to the next marker that is not a stuffed 0xFF00 or a restart marker.
                while at + 1 < bytes.count, !(bytes[at] == 0xFF && bytes[at + 1] != 0 && !(0xD0...0xD7).contains(bytes[at + 1])) { at += 1 }
            }
        }
        guard let (width, height) = dimensions, let end else { throw .damaged }
        try checkDimensions(width: width, height: height)
        if carriesAnotherFile(bytes[end...]) { throw .trailingData }
    }

    /// The beginnings of other kinds of file: archives, documents and executables (exactly), markup and scripts
    /// (case aside).
    static let foreignSignatures: [[UInt8]] =
        ["PK\u{03}\u{04}", "PK\u{05}\u{06}", "%PDF-", "\u{7F}ELF", "Rar!\u{1A}"].map { Array($0.utf8) }
        + [[0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C]]
    static let foreignMarkup: [[UInt8]] = ["<html", "<!doctype", "<script", "<svg", "<?php"].map { Array($0.utf8) }

    /// Whether data after a file's end holds another file: a signature of ``foreignSignatures`` or
    /// ``foreignMarkup`` anywhere in it, or an executable's "MZ" at its start.
    static func carriesAnotherFile(_ trailer: ArraySlice<UInt8>) -> Bool {
        guard !trailer.isEmpty else { return false }
        let bytes = Array(trailer)
        if bytes.starts(with: Array("MZ".utf8)) { return true }
        if foreignSignatures.contains(where: { find($0, in: bytes, from: 0) != nil }) { return true }
        let lowered = bytes.map { (0x41...0x5A).contains($0) ? $0 + 0x20 : $0 }
        return foreignMarkup.contains { find($0, in: lowered, from: 0) != nil }
    }

    /// PDF: `%%EOF` at the end (whitespace after it only); no name of active content, also not inside
    /// compressed streams, also not spelled with `#xx` escapes.
    static func pdf(_ bytes: [UInt8]) throws(FileType.Problem) {
        var end = bytes.count
        while end > 0, [0x20, 0x0A, 0x0D, 0x09, 0x00, 0x0C].contains(bytes[end - 1]) { end -= 1 }
        guard end >= 5, Array(bytes[(end - 5)..<end]) == Array("%%EOF".utf8) else { throw .trailingData }
        if let name = activeName(in: bytes[...]) { throw .activeContent("PDF /\(name)") }
        var inflated = 0
        for stream in flateStreams(bytes) {
            let content: [UInt8]
            do { content = try Inflate.inflate(stream, limit: pdfStreamLimit - inflated) } catch {
                if error == .tooLarge { throw .archiveBomb }
                continue  // a stream we cannot read is not executed by us; readers will find it damaged too
            }
            inflated += content.count
            if let name = activeName(in: content[...]) { throw .activeContent("PDF /\(name)") }
        }
    }

    /// The first PDF name among ``activePDFNames``, with `#xx` escapes decoded.
    static func activeName(in bytes: ArraySlice<UInt8>) -> String? {
        let delimiters: Set<UInt8> = Set(" \t\r\n\u{0C}\0()<>[]{}/%".utf8)
        var at = bytes.startIndex
        while let slash = bytes[at...].firstIndex(of: UInt8(ascii: "/")) {
            var name: [UInt8] = []
            var next = slash + 1
            while next < bytes.endIndex, !delimiters.contains(bytes[next]), name.count < 64 {
                if bytes[next] == UInt8(ascii: "#"), next + 2 < bytes.endIndex,
                    let value = UInt8(String(decoding: bytes[(next + 1)...(next + 2)], as: UTF8.self), radix: 16)
                {
                    name.append(value)
                    next += 3
                } else {
                    name.append(bytes[next])
                    next += 1
                }
            }
            let text = String(decoding: name, as: UTF8.self)
            if activePDFNames.contains(text) { return text }
            at = next > slash + 1 ? next : slash + 1
        }
        return nil
    }

    /// The raw data of the PDF's zlib streams whose dictionary is not an image's (images are large, and not run).
    static func flateStreams(_ bytes: [UInt8]) -> [[UInt8]] {
        var streams: [[UInt8]] = []
        let keyword = Array("stream".utf8), closing = Array("endstream".utf8)
        var at = 0
        while let start = find(keyword, in: bytes, from: at) {
            var data = start + keyword.count
            if data < bytes.count, bytes[data] == 0x0D { data += 1 }
            if data < bytes.count, bytes[data] == 0x0A { data += 1 }
            guard let stop = find(closing, in: bytes, from: data) else { break }
            at = stop + closing.count
            guard start < 3 || bytes[start - 3..<start] != ArraySlice("end".utf8) else { continue }
            let dictionary = String(decoding: bytes[max(0, start - 512)..<start], as: UTF8.self)
            let own = dictionary.components(separatedBy: "obj").last ?? dictionary
            guard own.contains("FlateDecode"), !own.contains("/Image"), data + 2 < stop, bytes[data] & 0x0F == 8 else { continue }
            streams.append(Array(bytes[(data + 2)..<stop]))  // past the zlib header
        }
        return streams
    }

    static func find(_ needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard let first = needle.first, start < bytes.count else { return nil }
        var at = start
        while let candidate = bytes[at...].firstIndex(of: first) {
            if candidate + needle.count > bytes.count { return nil }
            if bytes[candidate..<(candidate + needle.count)].elementsEqual(needle) { return candidate }
            at = candidate + 1
        }
        return nil
    }

    /// Office Open XML: a whole archive (nothing after it), safe entry names, no macros, every entry inflating
    /// within the limit.
    static func office(_ bytes: [UInt8]) throws(FileType.Problem) {
        let archive: ZipArchive
        do { archive = try ZipArchive(bytes: bytes) } catch { throw .damaged }
        guard archive.trailingBytes == 0, archive.commentLength == 0 else { throw .trailingData }
        guard archive.entries.count <= archiveEntryLimit else { throw .archiveBomb }
        var names = Set<String>()
        var inflated = 0
        for entry in archive.entries {
            let name = entry.name
            guard !name.hasPrefix("/"), !name.contains("\\"), !name.contains(":"), !name.split(separator: "/").contains(".."),
                names.insert(name).inserted
            else { throw .unsafeArchive(name) }
            if name.lowercased().hasSuffix("vbaproject.bin") || name.lowercased().hasSuffix(".bin") && name.contains("activeX") {
                throw .activeContent("macro \(name)")
            }
            guard inflated + entry.size <= archiveLimit else { throw .archiveBomb }
            let content: [UInt8]
            do { content = try archive.data(of: entry, limit: archiveLimit - inflated) } catch {
                throw error == .inflate(.tooLarge) ? .archiveBomb : .damaged
            }
            inflated += content.count
        }
        guard names.contains("[Content_Types].xml") else { throw .damaged }
    }
}
