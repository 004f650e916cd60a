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
            var generator = SeededGenerator(seed: UInt64(seed))
            let text = String((0..<Int.random(in: 0...30, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
            let parsed = Result { try CSV.parse(text).map { Self.Pair(line: $0.line, fields: $0.fields) } }
            let scanned = Result { try Self.scanned(text) }
            switch (parsed, scanned) {
            case (.success(let a), .success(let b)): #expect(a == b, "\(text.debugDescription)")
            case (.failure(let a), .failure(let b)): #expect(a as? CSV.Problem == b as? CSV.Problem, "\(text.debugDescription)")
            default: Issue.record("one read and the other refused: \(text.debugDescription)")
            }
        }
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
}
