/// Tables that become cards on a phone (issue 22): every `<table class="table">` of three columns or more gets
/// the class `table--cards`, and each body cell the text of its column's heading as `data-label`, which the
/// stylesheet shows beside the cell's value below 40rem. Done once on the rendered page, so every table of every
/// page follows without each view repeating its headings; the markup stays a table for desk screens and
/// assistive technology reads the same headings there.
///
/// It reads the bytes of our own markup (Plot's output: lower-case tags, attributes in double quotes): a first
/// version on `String.range(of:)` took 21 s on a page with a 5,000-row table; this one is linear in the page.
enum ResponsiveTables {
    /// Fewer columns than this stay a table: two columns fit a phone.
    static let minimumColumns = 3

    private static let tableStart = Array(#"<table class="table"#.utf8)
    private static let tableEnd = Array("</table>".utf8)

    static func label(_ html: String) -> String {
        let bytes = Array(html.utf8)
        guard var start = find(tableStart, in: bytes[...], from: 0) else { return html }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + bytes.count / 4)
        var copied = 0
        repeat {
            guard let end = find(tableEnd, in: bytes[...], from: start) else { break }
            output += bytes[copied..<start]
            output += labelled(bytes[start..<end + tableEnd.count])
            copied = end + tableEnd.count
            start = find(tableStart, in: bytes[...], from: copied) ?? bytes.count
        } while start < bytes.count
        output += bytes[copied...]
        return String(decoding: output, as: UTF8.self)
    }

    /// One table: the headings of the last row of its `<thead>`, then every later row's `<td>` labelled.
    static func labelled(_ table: ArraySlice<UInt8>) -> [UInt8] {
        guard let headStart = find(Array("<thead".utf8), in: table, from: table.startIndex),
            let headEnd = find(Array("</thead>".utf8), in: table, from: headStart),
            let lastRow = lastIndex(of: Array("<tr".utf8), in: table, before: headEnd, after: headStart)
        else { return Array(table) }
        var headings: [[UInt8]] = []
        var position = lastRow
        while let cell = nextCell(in: table, from: position, before: headEnd) {
            guard let close = find(Array(cell.isHeading ? "</th>".utf8 : "</td>".utf8), in: table, from: cell.tagEnd) else { break }
            headings += Array(repeating: text(of: table[(cell.tagEnd + 1)..<close]), count: span(of: table[cell.start..<cell.tagEnd]))
            position = close
        }
        guard headings.count >= minimumColumns else { return Array(table) }

        var output: [UInt8] = Array("<table class=\"table--cards ".utf8)
        output.reserveCapacity(table.count + table.count / 2)
        var copied = table.startIndex + "<table class=\"".utf8.count
        position = headEnd
        var column = 0
        while position < table.endIndex {
            guard let next = nextTag(in: table, from: position) else { break }
            if next.isRow {
                column = 0
                position = next.start + 3
                continue
            }
            let tag = table[next.start..<next.tagEnd]
            if !next.isHeading, find(Array("data-label=".utf8), in: tag, from: tag.startIndex) == nil,
                column < headings.count, !headings[column].isEmpty
            {
                output += table[copied..<(next.start + 3)]
                output += Array(" data-label=\"".utf8) + headings[column] + [UInt8(ascii: "\"")]
                copied = next.start + 3
            }
            column += span(of: tag)
            position = next.tagEnd
        }
        output += table[copied...]
        return output
    }

    // MARK: Reading our own markup

    /// The next `<tr`, `<td` or `<th` (a cell or a row, not `<thead`, `<tbody`…) from `position`.
    private static func nextTag(in bytes: ArraySlice<UInt8>, from position: Int) -> (start: Int, tagEnd: Int, isRow: Bool, isHeading: Bool)?
    {
        var index = position
        while index + 3 < bytes.endIndex {
            if bytes[index] == UInt8(ascii: "<"), bytes[index + 1] == UInt8(ascii: "t") {
                let letter = bytes[index + 2], after = bytes[index + 3]
                if (letter == UInt8(ascii: "d") || letter == UInt8(ascii: "h") || letter == UInt8(ascii: "r"))
                    && (after == UInt8(ascii: " ") || after == UInt8(ascii: ">"))
                {
                    guard let end = bytes[index...].firstIndex(of: UInt8(ascii: ">")) else { return nil }
                    return (index, end, letter == UInt8(ascii: "r"), letter == UInt8(ascii: "h"))
                }
            }
            index += 1
        }
        return nil
    }

    private static func nextCell(in bytes: ArraySlice<UInt8>, from position: Int, before limit: Int)
        -> (start: Int, tagEnd: Int, isHeading: Bool)?
    {
        var index = position
        while let tag = nextTag(in: bytes, from: index), tag.start < limit {
            if !tag.isRow { return (tag.start, tag.tagEnd, tag.isHeading) }
            index = tag.tagEnd
        }
        return nil
    }

    /// Where `needle` first begins at or after `start`.
    static func find(_ needle: [UInt8], in bytes: ArraySlice<UInt8>, from start: Int) -> Int? {
        guard let first = needle.first else { return nil }
        var index = max(start, bytes.startIndex)
        let last = bytes.endIndex - needle.count
        while index <= last {
            if bytes[index] == first {
                var matched = true
                for offset in 1..<needle.count where bytes[index + offset] != needle[offset] {
                    matched = false
                    break
                }
                if matched { return index }
            }
            index += 1
        }
        return nil
    }

    private static func lastIndex(of needle: [UInt8], in bytes: ArraySlice<UInt8>, before limit: Int, after start: Int) -> Int? {
        var found: Int?
        var index = start
        while let next = find(needle, in: bytes, from: index), next < limit {
            found = next
            index = next + needle.count
        }
        return found
    }

    static func span(of tag: ArraySlice<UInt8>) -> Int {
        let key = Array(#"colspan=""#.utf8)
        guard let at = find(key, in: tag, from: tag.startIndex) else { return 1 }
        return Int(
            String(decoding: tag[(at + key.count)...].prefix { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }, as: UTF8.self)) ?? 1
    }

    /// The visible text of a heading as an attribute value: tags dropped, spaces folded, quotes escaped.
    static func text(of inner: ArraySlice<UInt8>) -> [UInt8] {
        var text: [UInt8] = []
        var inTag = false
        var space = false
        for byte in inner {
            switch byte {
            case UInt8(ascii: "<"): inTag = true
            case UInt8(ascii: ">"): inTag = false
            case _ where inTag: break
            case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\t"), UInt8(ascii: "\r"): space = !text.isEmpty
            case UInt8(ascii: "\""):
                if space {
                    text.append(UInt8(ascii: " "))
                    space = false
                }
                text += Array("&quot;".utf8)
            default:
                if space {
                    text.append(UInt8(ascii: " "))
                    space = false
                }
                text.append(byte)
            }
        }
        return text
    }
}
