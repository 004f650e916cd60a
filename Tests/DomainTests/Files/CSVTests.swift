import Domain
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
