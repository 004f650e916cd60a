import Domain
import Foundation
import Testing

/// The working group's Excel files: a deflated workbook read through the ZIP reader and DEFLATE, shared and
/// inline strings, rich-text runs, skipped rows, date serials; broken and oversized archives refused.
@Suite struct XLSXReaderTests {
    /// A workbook written by Python's zipfile (deflated), with shared strings, a rich-text run, an inline
    /// string, a skipped row 2 and a date cell without its style (46203 = 30/06/2026).
    static let workbook = Data(
        base64Encoded:
            "UEsDBBQAAAAIALCme13qpRaoXwAAAGkAAAATAAAAW0NvbnRlbnRfVHlwZXNdLnhtbB3MTQqAIBBA4auE+xpr0SLMLtEFRKYfylGcIer2WcvHB89MdzirCzPvkUbVNlpN1sxPQq6KEI9qE0kDAPsNg+MmJqQiS8zBScm8QnL+cCtCp3UPPpIgSS3fQ1kD/8y+UEsDBBQAAAAIALCme13OnpgTDQAAAAsAAAAPAAAAeGwvd29ya2Jvb2sueG1ssynPL8pOys/P1rcDAFBLAwQUAAAACACwpntdh+Mv6REBAACuAQAAFAAAAHhsL3NoYXJlZFN0cmluZ3MueG1sfZGxasMwFEV/5aGhW+p0S1tbgVA6hg5OdkcWliB+FpZssnfs0o4dCjUhFEqzlE726JD/0J9UjqEloXTRcM954j7JH6/SJZQ81zLDgFycDwlwZFksMQnILLwdjMiY+lobcCLqgKwIsKxAE5ARcUBS39CpbZ4lxAUmvmeo73VpT+a7e4SFrdcIiYyyU7x73FcIpW0egAnbvIHJ249/JOWkJwnuXKtTLXTpS8fqCo9ZfsC23ioQha03CKkrbIDZZhtB7+a91m15pVXEeEBUzjXPS07oUrbvCEa0X5jAWZSqa4hdHSa6VhtgXf5zzVGlw8SirTK4HHrhZDC/+/OFlGg/nTibTG/ADb2i6Ff9lT33BfQbUEsDBBQAAAAIALCme137XJru7QAAADcCAAAYAAAAeGwvd29ya3NoZWV0cy9zaGVldDEueG1sfZJNjsIgFID3noKwV/rDOC5eMf5N0rV6AFPJSFSIFKvXMd7CxLjwJN5EOp20tJPpBnj5Hi/fewDD836HMq5ToWSE/Z6HEZeJWgv5HeHl4qs7wEMGJ6W36YZzw+Bnm67MinVAqxPS9hZmkOSHkY+RiXBq44x5QDIGJPllY5f5dTZxWVBnU5eFdTZzGS0ZsV6VXVjahU72R8POZf2Gncs+GwYFE3InJJ8bbXNEysCww/F5R3Eck8ALbD07OJKDv3q01KP/lBo/Lwol+bJ93R4GHY6v27VesuiBtvRAW3qgxfz6gRc2Z0iq5wZS/YI3UEsBAhQDFAAAAAgAsKZ7XeqlFqhfAAAAaQAAABMAAAAAAAAAAAAAAIABAAAAAFtDb250ZW50X1R5cGVzXS54bWxQSwECFAMUAAAACACwpntdzp6YEw0AAAALAAAADwAAAAAAAAAAAAAAgAGQAAAAeGwvd29ya2Jvb2sueG1sUEsBAhQDFAAAAAgAsKZ7XYfjL+kRAQAArgEAABQAAAAAAAAAAAAAAIABygAAAHhsL3NoYXJlZFN0cmluZ3MueG1sUEsBAhQDFAAAAAgAsKZ7Xftcmu7tAAAANwIAABgAAAAAAAAAAAAAAIABDQIAAHhsL3dvcmtzaGVldHMvc2hlZXQxLnhtbFBLBQYAAAAABAAEAAYBAAAwAwAAAAA="
    )!

    @Test func aDeflatedWorkbookIsReadCellByCell() throws {
        let rows = try XLSXReader.firstSheet(Self.workbook)
        #expect(rows.count == 4)
        #expect(rows[0] == ["Nội dung", "Văn bản giao", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời hạn"])
        #expect(rows[1].isEmpty)
        #expect(
            rows[2] == ["Tập huấn một cửa liên thông & dịch vụ công", "Thông báo 90/TB-VP", "Văn phòng UBND Thành phố", "", "quý III/2026"])
        #expect(rows[3][4] == "46203")
    }

    @Test func aWorkbookGivesTasksAtTheirSheetLines() throws {
        let table = try ReformTaskSheet.table(from: Self.workbook)
        let tasks = try ReformTaskSheet.read(table: table) { VietnameseText.folded($0) == "van phong ubnd thanh pho" ? 7 : nil }
        #expect(tasks.map(\.line) == [3, 4])
        #expect(tasks[0].deadline == .quarter(year: 2026, quarter: 3))
        #expect(tasks[1].deadline == .date(LocalDate(iso: "2026-06-30")!))
    }

    @Test func ourOwnSpreadsheetsReadBack() throws {
        let sheet = Spreadsheet(
            sheetName: "Nhiem vu",
            rows: [[.text("Nội dung"), .text("Điểm")], [.text("Tập huấn <một cửa> & \"liên thông\""), .number(2.5)]])
        #expect(try XLSXReader.firstSheet(sheet.xlsx()) == [["Nội dung", "Điểm"], ["Tập huấn <một cửa> & \"liên thông\"", "2.5"]])
        // An exported report can be attached again as evidence, and so can the deflated workbook of Excel.
        #expect(try FileType.check(name: "bao-cao.xlsx", bytes: [UInt8](sheet.xlsx())) == .officeDocument)
        #expect(try FileType.check(name: "ke-hoach.xlsx", bytes: [UInt8](Self.workbook)) == .officeDocument)
    }

    @Test func brokenArchivesAreRefused() {
        #expect(throws: XLSXReader.Problem.notZip) { try XLSXReader.firstSheet(Data("PK\u{03}\u{04} not really".utf8)) }
        var damaged = [UInt8](Self.workbook)
        for index in 200..<260 { damaged[index] ^= 0x5A }
        #expect(throws: (any Error).self) { try XLSXReader.firstSheet(Data(damaged)) }
        #expect(throws: ReformTaskSheet.Problem.self) { try ReformTaskSheet.table(from: Data([0xFF, 0xFE, 0x00])) }
    }

    @Test func inflatingBeyondTheLimitIsRefused() throws {
        // A stored block of 10 bytes, inflated with a limit of 5.
        let stored: [UInt8] = [0x01, 0x0A, 0x00, 0xF5, 0xFF] + Array("0123456789".utf8)
        #expect(try Inflate.inflate(stored, limit: 10) == Array("0123456789".utf8))
        #expect(throws: Inflate.Problem.tooLarge) { try Inflate.inflate(stored, limit: 5) }
        // Fixed-code block: "aaaaaaaaaa" as a literal and a back-reference (Python: zlib.compress(b"a"*10)[2:-4]).
        #expect(try Inflate.inflate([0x4B, 0x4C, 0x84, 0x01, 0x00], limit: 100) == Array(repeating: UInt8(ascii: "a"), count: 10))
        #expect(throws: Inflate.Problem.tooLarge) { try Inflate.inflate([0x4B, 0x4C, 0x84, 0x01, 0x00], limit: 4) }
    }
}
