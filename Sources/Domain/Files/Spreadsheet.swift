import Foundation

/// A one-sheet spreadsheet written as an Office Open XML workbook (.xlsx): a ZIP archive (entries stored,
/// not compressed) of the few XML parts a spreadsheet program needs. Cells are text or numbers; text is
/// written inline, so no shared-string table is needed.
public struct Spreadsheet: Sendable {
    public enum Cell: Sendable, Equatable {
        case text(String)
        case number(Double)

        /// The cell as CSV text: whole numbers without decimals, others with `decimals` places.
        public func csvText(decimals: Int) -> String {
            switch self {
            case .text(let text): text
            case .number(let value):
                value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(format: "%.\(decimals)f", value)
            }
        }
    }

    public var sheetName: String
    public var rows: [[Cell]]

    public init(sheetName: String, rows: [[Cell]]) {
        self.sheetName = sheetName
        self.rows = rows
    }

    /// The workbook file.
    public func xlsx() -> Data {
        var archive = StoredZip()
        archive.add(
            "[Content_Types].xml",
            """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
            <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
            <Default Extension="xml" ContentType="application/xml"/>\
            <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
            <Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>\
            </Types>
            """)
        archive.add(
            "_rels/.rels",
            """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>\
            </Relationships>
            """)
        archive.add(
            "xl/workbook.xml",
            """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
            xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
            <sheets><sheet name="\(Self.escape(String(sheetName.prefix(31))))" sheetId="1" r:id="rId1"/></sheets></workbook>
            """)
        archive.add(
            "xl/_rels/workbook.xml.rels",
            """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>\
            </Relationships>
            """)
        var sheet =
            #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#
            + #"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#
        for (rowIndex, row) in rows.enumerated() {
            sheet += "<row r=\"\(rowIndex + 1)\">"
            for (columnIndex, cell) in row.enumerated() {
                let reference = Self.column(columnIndex) + String(rowIndex + 1)
                switch cell {
                case .text(let text):
                    sheet += "<c r=\"\(reference)\" t=\"inlineStr\"><is><t xml:space=\"preserve\">\(Self.escape(text))</t></is></c>"
                case .number(let number): sheet += "<c r=\"\(reference)\"><v>\(number)</v></c>"
                }
            }
            sheet += "</row>"
        }
        sheet += "</sheetData></worksheet>"
        archive.add("xl/worksheets/sheet1.xml", sheet)
        return archive.data()
    }

    /// A, B, … Z, AA, AB, …
    static func column(_ index: Int) -> String {
        var index = index + 1
        var name = ""
        while index > 0 {
            let remainder = (index - 1) % 26
            name = String(UnicodeScalar(UInt8(65 + remainder))) + name
            index = (index - 1) / 26
        }
        return name
    }

    static func escape(_ text: String) -> String {
        let allowed = text.unicodeScalars.filter { $0.value == 0x9 || $0.value == 0xA || $0.value == 0xD || $0.value >= 0x20 }
        return Markup.escaped(String(String.UnicodeScalarView(allowed)))
    }
}

/// A ZIP archive whose entries are stored without compression (PKWARE APPNOTE: local headers, central
/// directory, end record), enough for an .xlsx file.
struct StoredZip {
    private var body = Data()
    private var directory = Data()
    private var count: UInt16 = 0

    mutating func add(_ name: String, _ text: String) {
        let content = Data(text.utf8)
        let nameBytes = Data(name.utf8)
        let checksum = CRC32.checksum(content)
        let offset = UInt32(body.count)
        // Local file header.
        body.append(le32: 0x0403_4B50)
        body.append(le16: 20)
        body.append(le16: 0x0800)
        body.append(le16: 0)  // version, UTF-8 names, stored
        body.append(le16: 0)
        body.append(le16: 0x21)  // time 00:00, date 1980-01-01
        body.append(le32: checksum)
        body.append(le32: UInt32(content.count))
        body.append(le32: UInt32(content.count))
        body.append(le16: UInt16(nameBytes.count))
        body.append(le16: 0)
        body.append(nameBytes)
        body.append(content)
        // Central directory entry.
        directory.append(le32: 0x0201_4B50)
        directory.append(le16: 20)
        directory.append(le16: 20)
        directory.append(le16: 0x0800)
        directory.append(le16: 0)
        directory.append(le16: 0)
        directory.append(le16: 0x21)
        directory.append(le32: checksum)
        directory.append(le32: UInt32(content.count))
        directory.append(le32: UInt32(content.count))
        directory.append(le16: UInt16(nameBytes.count))
        directory.append(le16: 0)
        directory.append(le16: 0)
        directory.append(le16: 0)
        directory.append(le16: 0)
        directory.append(le32: 0)
        directory.append(le32: offset)
        directory.append(nameBytes)
        count += 1
    }

    func data() -> Data {
        var result = body
        result.append(directory)
        result.append(le32: 0x0605_4B50)
        result.append(le16: 0)
        result.append(le16: 0)
        result.append(le16: count)
        result.append(le16: count)
        result.append(le32: UInt32(directory.count))
        result.append(le32: UInt32(body.count))
        result.append(le16: 0)
        return result
    }
}

/// CRC-32 (IEEE 802.3, reflected, polynomial 0xEDB88320), as ZIP uses it.
enum CRC32 {
    static let table: [UInt32] = (0..<256).map { index in
        var value = UInt32(index)
        for _ in 0..<8 { value = value & 1 == 1 ? 0xEDB8_8320 ^ (value >> 1) : value >> 1 }
        return value
    }

    static func checksum(_ data: Data) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in data { crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        return crc ^ 0xFFFF_FFFF
    }
}

extension Data {
    mutating func append(le16 value: UInt16) { Swift.withUnsafeBytes(of: value.littleEndian) { append(contentsOf: $0) } }
    mutating func append(le32 value: UInt32) { Swift.withUnsafeBytes(of: value.littleEndian) { append(contentsOf: $0) } }
}
