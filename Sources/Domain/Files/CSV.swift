import Foundation

/// Comma-separated values as RFC 4180 writes them: fields in double quotes may hold commas, quotes (doubled)
/// and line breaks; lines end in CRLF or LF; a leading byte-order mark is ignored. Each record keeps the line
/// on which it starts, so that an import can say where a bad row is.
public enum CSV {
    public struct Record: Sendable, Equatable {
        public var line: Int
        public var fields: [String]

        public init(line: Int, fields: [String]) {
            self.line = line
            self.fields = fields
        }
    }

    public enum Problem: Error, Equatable {
        case unterminatedQuote(line: Int)
        case textAfterQuote(line: Int)

        public var message: String {
            switch self {
            case .unterminatedQuote(let line): "Dòng \(line): dấu ngoặc kép chưa được đóng."
            case .textAfterQuote(let line): "Dòng \(line): có ký tự sau dấu ngoặc kép đóng."
            }
        }
    }

    /// The words of the problems every importer of a headed CSV file shares.
    public enum Message {
        public static let noHeader = "Tệp không có dòng tiêu đề."
        public static func missingColumn(_ name: String) -> String { "Dòng 1: thiếu cột “\(name)”." }
        public static func fieldCount(line: Int, expected: Int, found: Int) -> String {
            "Dòng \(line): có \(found) cột, cần \(expected) cột như dòng tiêu đề."
        }
    }

    public static func parse(_ text: String) throws(Problem) -> [Record] {
        var records: [Record] = []
        var fields: [String] = []
        var field = ""
        var line = 1
        var recordLine = 1
        var inQuotes = false
        var afterQuote = false
        var characters = Substring(text)
        if characters.first == "\u{FEFF}" { characters = characters.dropFirst() }
        var iterator = characters.makeIterator()
        var pending: Character? = iterator.next()
        func endRecord() {
            fields.append(field)
            field = ""
            if !(fields.count == 1 && fields[0].isEmpty) { records.append(Record(line: recordLine, fields: fields)) }
            fields = []
            afterQuote = false
        }
        while let character = pending {
            pending = iterator.next()
            if inQuotes {
                if character == "\"" {
                    if pending == "\"" {
                        field.append("\"")
                        pending = iterator.next()
                    } else {
                        inQuotes = false
                        afterQuote = true
                    }
                } else {
                    if character == "\n" || character == "\r\n" { line += 1 }
                    field.append(character)
                }
                continue
            }
            switch character {
            case ",":
                fields.append(field)
                field = ""
                afterQuote = false
            case "\n", "\r\n", "\r":
                endRecord()
                line += 1
                recordLine = line
            case "\"" where field.isEmpty && !afterQuote:
                inQuotes = true
            default:
                if afterQuote { throw .textAfterQuote(line: line) }
                field.append(character)
            }
        }
        if inQuotes { throw .unterminatedQuote(line: recordLine) }
        if !field.isEmpty || !fields.isEmpty || afterQuote { endRecord() }
        return records
    }

    /// One record as a line (without its line break), quoting fields that need it. A text that a spreadsheet
    /// would run as a formula (starting with =, +, -, @, a tab or a carriage return, and not a number) is
    /// written after an apostrophe, so that free text typed by anyone opens as text (CSV injection).
    public static func line(_ fields: [String]) -> String {
        fields.map(neutralized).map { field in
            field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" })
                ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
        }.joined(separator: ",")
    }

    static func neutralized(_ field: String) -> String {
        guard let first = field.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first), Double(field) == nil else { return field }
        return "'" + field
    }

    /// A whole file: the records joined with CRLF, ending with one.
    public static func text(_ records: [[String]]) -> String {
        records.map(line).joined(separator: "\r\n") + "\r\n"
    }
}
