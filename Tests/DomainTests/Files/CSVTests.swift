import Domain
import Foundation
import PropertyBased
import Testing

@Suite struct CSVTests {
    @Test(arguments: [
        ("a,b,c\n1,2,3\n", [["a", "b", "c"], ["1", "2", "3"]]),
        ("a,b\r\n1,2\r\n", [["a", "b"], ["1", "2"]]),
        ("\u{FEFF}x,y\n", [["x", "y"]]),
        ("\"a, b\",\"say \"\"hi\"\"\"\n", [["a, b", "say \"hi\""]]),
        ("\"two\nlines\",z\nnext,row", [["two\nlines", "z"], ["next", "row"]]),
        ("a,,c\n\n", [["a", "", "c"]]),
        ("Hộ tịch,Đăng ký khai sinh\n", [["Hộ tịch", "Đăng ký khai sinh"]]),
    ])
    func parses(text: String, expected: [[String]]) throws {
        #expect(try CSV.parse(text).map(\.fields) == expected)
    }

    /// The byte scanner reads what the parser reads, with the same lines, on the table above and on random text
    /// made of the characters that matter (commas, quotes, line breaks, letters with diacritics).
    @Test(arguments: [
        "a,b,c\n1,2,3\n", "a,b\r\n1,2\r\n", "\u{FEFF}x,y\n", "\"a, b\",\"say \"\"hi\"\"\"\n", "\"two\nlines\",z\nnext,row", "a,,c\n\n",
        "Hộ tịch,Đăng ký khai sinh\n", "a,\n", ",\n,", "\n\n\nx",
    ])
    func scansAsItParses(text: String) throws {
        #expect(try Self.scanned(text) == CSV.parse(text).map { ($0.line, $0.fields) }.map(Self.Pair.init))
    }

    @Test func scansAsItParsesRandomText() async {
        let alphabet: [Character] = ["a", "ế", ",", "\"", "\n", "\r\n", " ", "1"]
        await propertyCheck(count: 500, input: Gen.int(in: 0...Int(Int32.max))) { seed in
            var random = SeededRandom(seed: UInt64(seed))
            let text = String((0..<random.below(31)).map { _ in alphabet[random.below(alphabet.count)] })
            let parsed = Result { try CSV.parse(text).map { Self.Pair(line: $0.line, fields: $0.fields) } }
            let scanned = Result { try Self.scanned(text) }
            switch (parsed, scanned) {
            case (.success(let a), .success(let b)): #expect(a == b, "\(text.debugDescription)")
            case (.failure(let a), .failure(let b)): #expect(a as? CSV.Problem == b as? CSV.Problem, "\(text.debugDescription)")
            default: Issue.record("one read and the other refused: \(text.debugDescription)")
            }
        }
    }

    @Test(
        arguments: [("2", 2.0), ("0.75", 0.75), (" 3 ", 3.0), ("1e3", 1000.0), ("12.", 12.0), ("", nil), ("x", nil), ("1.2.3", nil)]
            as [(String, Double?)])
    func numbersAreReadFromTheBytes(text: String, expected: Double?) throws {
        try CSV.scan(Data("\(text),\"a\"\"b\"\n".utf8)) { _, fields in
            #expect(fields.double(0) == expected)
            #expect(
                fields.integer(0) == expected.flatMap { $0 == $0.rounded() && !text.contains(".") && !text.contains("e") ? Int($0) : nil })
            #expect(!fields.equals(1, Array("a\"b".utf8)), "an escaped field is compared as text, not bytes")
            #expect(fields.equals(0, Array(text.utf8)) && fields.hash(0) == CSVTests.fnv(Array(text.utf8)))
        }
    }

    static func fnv(_ bytes: [UInt8]) -> UInt64 {
        bytes.reduce(0xcbf2_9ce4_8422_2325 as UInt64) { ($0 ^ UInt64($1)) &* 0x0000_0100_0000_01B3 }
    }

    struct Pair: Equatable {
        var line: Int
        var fields: [String]
    }

    static func scanned(_ text: String) throws -> [Pair] {
        var result: [Pair] = []
        try CSV.scan(Data(text.utf8)) { line, fields in result.append(Pair(line: line, fields: (0..<fields.count).map(fields.string))) }
        return result
    }

    @Test func recordsKeepTheirStartingLine() throws {
        let records = try CSV.parse("h1,h2\n\"multi\nline\",x\nlast,y\n")
        #expect(records.map(\.line) == [1, 2, 4])
    }

    @Test func malformedQuotesAreRefused() {
        #expect(throws: CSV.Problem.unterminatedQuote(line: 2)) { try CSV.parse("a\n\"open,b\n") }
        #expect(throws: CSV.Problem.textAfterQuote(line: 1)) { try CSV.parse("\"a\"b,c\n") }
    }

    @Test func writingQuotesWhatNeedsIt() throws {
        let rows = [["plain", "with, comma", "with \"quote\"", "two\nlines"]]
        let text = CSV.text(rows)
        #expect(text == "plain,\"with, comma\",\"with \"\"quote\"\"\",\"two\nlines\"\r\n")
        #expect(try CSV.parse(text).map(\.fields) == rows)
    }

    /// Free text that a spreadsheet would run as a formula is written as text; numbers stay numbers.
    @Test(arguments: [
        ("=HYPERLINK(\"http://x.vn\",\"Bấm\")", "\"'=HYPERLINK(\"\"http://x.vn\"\",\"\"Bấm\"\")\""),
        ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"), ("+84 912 345 678", "'+84 912 345 678"), ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
        ("-2+3", "'-2+3"), ("\tlệnh", "'\tlệnh"), ("-0.5", "-0.5"), ("+1", "+1"), ("12.5", "12.5"),
        ("Phường Hoàn Kiếm", "Phường Hoàn Kiếm"),
    ])
    func formulasAreWrittenAsText(field: String, written: String) {
        #expect(CSV.line([field]) == written)
    }
}
