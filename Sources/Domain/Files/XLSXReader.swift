import Foundation

/// Reads the first sheet of an Excel workbook (.xlsx) as rows of cell texts: the ZIP archive's entries
/// (stored or deflated), the shared strings, and the sheet's cells — text, inline text, numbers, formulas'
/// cached values. Rows are placed at their row numbers (an empty row is an empty array) and cells at their
/// columns. Styles are not read: a date cell gives its serial number.
public enum XLSXReader {
    public enum Problem: Error, Equatable, CustomStringConvertible {
        case notZip
        case missingPart(String)
        case unsupportedCompression(Int)
        case inflate(Inflate.Problem)
        case tooLarge

        public var description: String {
            switch self {
            case .notZip: "không phải tệp Excel (.xlsx)"
            case .missingPart(let name): "tệp Excel thiếu phần \(name)"
            case .unsupportedCompression(let method): "tệp Excel nén theo cách chưa hỗ trợ (\(method))"
            case .inflate(.tooLarge), .tooLarge: "tệp Excel giải nén quá lớn"
            case .inflate(.malformed(let detail)): "tệp Excel bị hỏng (\(detail))"
            }
        }
    }

    /// The most an entry may inflate to: far more than any plan's sheet, far less than a zip bomb.
    static let entryLimit = 32 * 1024 * 1024
    static let rowLimit = 100_000

    public static func firstSheet(_ data: Data) throws(Problem) -> [[String]] {
        let entries: ZipArchive
        do { entries = try ZipArchive(bytes: [UInt8](data)) } catch { throw .notZip }
        let names = entries.entries.map(\.name)
        let sheetName =
            names.contains("xl/worksheets/sheet1.xml")
            ? "xl/worksheets/sheet1.xml"
            : names.filter { $0.hasPrefix("xl/worksheets/") && $0.hasSuffix(".xml") }.sorted().first
        guard let sheetName else { throw .missingPart("xl/worksheets/sheet1.xml") }
        let shared = names.contains("xl/sharedStrings.xml") ? sharedStrings(try text(entries, "xl/sharedStrings.xml")) : []
        return try cells(try text(entries, sheetName), shared: shared)
    }

    /// The text of an entry of the workbook's archive.
    static func text(_ archive: ZipArchive, _ name: String) throws(Problem) -> String {
        do { return try archive.text(of: name, limit: entryLimit) } catch {
            switch error {
            case .notZip: throw .notZip
            case .missingPart(let part): throw .missingPart(part)
            case .unsupportedCompression(let method): throw .unsupportedCompression(method)
            case .inflate(let problem): throw .inflate(problem)
            }
        }
    }

    /// The texts of the shared-string table, in order (rich-text runs joined).
    static func sharedStrings(_ xml: String) -> [String] {
        elements("si", in: xml).map { item in elements("t", in: item).map(unescaped).joined() }
    }

    static func cells(_ xml: String, shared: [String]) throws(Problem) -> [[String]] {
        var rows: [[String]] = []
        for (attributes, content) in elementsWithAttributes("row", in: xml) {
            let number = attribute("r", in: attributes).flatMap(Int.init) ?? rows.count + 1
            guard number <= rowLimit else { throw .tooLarge }
            var row: [String] = []
            for (cellAttributes, cellContent) in elementsWithAttributes("c", in: content) {
                let column = attribute("r", in: cellAttributes).map(columnIndex) ?? row.count
                guard column < 1000 else { throw .tooLarge }
                let type = attribute("t", in: cellAttributes) ?? "n"
                let value: String
                switch type {
                case "s":
                    value = elements("v", in: cellContent).first.flatMap { Int($0) }.flatMap { $0 < shared.count ? shared[$0] : nil } ?? ""
                case "inlineStr": value = elements("t", in: cellContent).map(unescaped).joined()
                default: value = elements("v", in: cellContent).first.map(unescaped) ?? ""
                }
                if row.count <= column { row += Array(repeating: "", count: column - row.count + 1) }
                row[column] = value
            }
            if rows.count < number - 1 { rows += Array(repeating: [], count: number - 1 - rows.count) }
            rows.append(row)
        }
        return rows
    }

    /// "C12" → 2.
    static func columnIndex(_ reference: String) -> Int {
        var index = 0
        for scalar in reference.unicodeScalars {
            guard scalar.value >= 65 && scalar.value <= 90 else { break }
            index = index * 26 + Int(scalar.value - 64)
        }
        return max(0, index - 1)
    }

    // MARK: A small XML scanner (the parts of SpreadsheetML we read have no CDATA or comments)

    static func elements(_ name: String, in xml: String) -> [String] { elementsWithAttributes(name, in: xml).map(\.content) }

    static func elementsWithAttributes(_ name: String, in xml: String) -> [(attributes: String, content: String)] {
        var result: [(String, String)] = []
        var rest = xml[...]
        let open = "<\(name)", close = "</\(name)>"
        while let start = rest.range(of: open) {
            let after = rest[start.upperBound...]
            guard let next = after.first, next == ">" || next == " " || next == "/" || next == "\n" || next == "\t" || next == "\r",
                let end = after.firstIndex(of: ">")
            else {
                rest = after
                continue
            }
            let attributes = String(after[..<end])
            if attributes.hasSuffix("/") {
                result.append((String(attributes.dropLast()), ""))
                rest = after[after.index(after: end)...]
                continue
            }
            let body = after[after.index(after: end)...]
            guard let closing = body.range(of: close) else { break }
            result.append((attributes, String(body[..<closing.lowerBound])))
            rest = body[closing.upperBound...]
        }
        return result
    }

    static func attribute(_ name: String, in attributes: String) -> String? {
        for quote in ["\"", "'"] {
            if let range = attributes.range(of: " \(name)=\(quote)") ?? attributes.range(of: "\t\(name)=\(quote)"),
                let end = attributes[range.upperBound...].firstIndex(of: Character(quote))
            {
                return unescaped(String(attributes[range.upperBound..<end]))
            }
        }
        return nil
    }

    static func unescaped(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var result = ""
        var rest = text[...]
        while let amp = rest.firstIndex(of: "&") {
            result += rest[..<amp]
            guard let semicolon = rest[amp...].firstIndex(of: ";"), rest.distance(from: amp, to: semicolon) <= 10 else {
                result += "&"
                rest = rest[rest.index(after: amp)...]
                continue
            }
            let entity = rest[rest.index(after: amp)..<semicolon]
            switch entity {
            case "amp": result += "&"
            case "lt": result += "<"
            case "gt": result += ">"
            case "quot": result += "\""
            case "apos": result += "'"
            default:
                let number =
                    entity.hasPrefix("#x")
                    ? UInt32(entity.dropFirst(2), radix: 16) : entity.hasPrefix("#") ? UInt32(entity.dropFirst()) : nil
                if let scalar = number.flatMap(Unicode.Scalar.init) {
                    result.unicodeScalars.append(scalar)
                } else {
                    result += "&\(entity);"
                }
            }
            rest = rest[rest.index(after: semicolon)...]
        }
        return result + rest
    }
}
