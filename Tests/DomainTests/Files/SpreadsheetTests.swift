import Foundation
import Testing

@testable import Domain

@Suite struct SpreadsheetTests {
    @Test func crc32MatchesTheStandardCheckValue() {
        #expect(CRC32.checksum(Data("123456789".utf8)) == 0xCBF4_3926)
    }

    @Test(arguments: [(0, "A"), (25, "Z"), (26, "AA"), (27, "AB"), (701, "ZZ"), (702, "AAA")])
    func columnNames(index: Int, name: String) {
        #expect(Spreadsheet.column(index) == name)
    }

    /// Reads the archive back by its central directory: every entry is where it says, with its CRC.
    @Test func theArchiveIsAWellFormedZip() throws {
        let data = Spreadsheet(sheetName: "Thống kê", rows: [[.text("Chỉ tiêu <1> & \"2\""), .number(3.5)]]).xlsx()
        let bytes = [UInt8](data)
        func le16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
        func le32(_ at: Int) -> Int { le16(at) | le16(at + 2) << 16 }
        let end = bytes.count - 22
        #expect(le32(end) == 0x0605_4B50)
        let entries = le16(end + 10)
        var cursor = le32(end + 16)
        var names: [String] = []
        for _ in 0..<entries {
            #expect(le32(cursor) == 0x0201_4B50)
            let size = le32(cursor + 20), nameLength = le16(cursor + 28), offset = le32(cursor + 42)
            let name = String(decoding: bytes[(cursor + 46)..<(cursor + 46 + nameLength)], as: UTF8.self)
            names.append(name)
            #expect(le32(offset) == 0x0403_4B50)
            let start = offset + 30 + le16(offset + 26)
            #expect(UInt32(le32(cursor + 16)) == CRC32.checksum(Data(bytes[start..<(start + size)])))
            if name == "xl/worksheets/sheet1.xml" {
                let sheet = String(decoding: bytes[start..<(start + size)], as: UTF8.self)
                #expect(sheet.contains("Chỉ tiêu &lt;1&gt; &amp; &quot;2&quot;"))
                #expect(sheet.contains("<c r=\"B1\"><v>3.5</v></c>"))
            }
            cursor += 46 + nameLength
        }
        #expect(
            names == ["[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/worksheets/sheet1.xml"])
    }
}
