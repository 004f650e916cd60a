import Domain
import Foundation
import Testing

@Suite struct JSONLocatorTests {
    @Test func everyValueHasItsPathAndLine() {
        let text = "{\n \"a\": [1,\n  {\"b\": \"x\\\"y\\u00e9\\ud83d\\ude00\"}],\n \"c\": true\n}"
        let locator = JSONLocator(Data(text.utf8))
        #expect(locator.syntaxErrorLine == nil)
        #expect(locator.values.map(\.path) == [[], ["a"], ["a", "0"], ["a", "1"], ["a", "1", "b"], ["c"]])
        #expect(locator.values.map(\.line) == [1, 2, 2, 3, 3, 4])
        #expect(locator.string(at: ["a", "1", "b"]) == "x\"yé😀")
        #expect(locator.line(of: ["a", "1", "missing"]) == 3)  // the nearest ancestor found
        #expect(locator.objects(whereKey: "b", is: "x\"yé😀") == [["a", "1"]])
    }

    @Test(arguments: [
        ("{\"a\": 1,\n}", 2), ("[1,\n2,,3]", 2), ("{\"a\"\n 1}", 2), ("\"raw\nbreak\"", 1), ("{\"a\": tru}", 1), ("{\"a\": 1}\n\nx", 3),
        ("", 1), ("{\"a\": \"\\ud800\\u0041\"}", 1), (String(repeating: "[", count: 600) + String(repeating: "]", count: 600), 1),
    ])
    func notJSONStopsAtItsLine(text: String, line: Int) {
        #expect(JSONLocator(Data(text.utf8)).syntaxErrorLine == line)
    }

    struct Shape: Decodable {
        var count: Int
        var items: [String]
    }

    @Test(
        arguments: [
            ("{\n \"count\": \"2\",\n \"items\": []\n}", 2, "“count” phải là một số nguyên."),
            (
                "{\n \"count\": 2,\n \"items\": [\n  \"a\",\n  3]\n}", 5,
                "phần tử thứ 2 của “items” phải là một chuỗi văn bản trong dấu nháy."
            ),
            ("{\n \"count\": 2\n}", 1, "thiếu trường “items”."),
            // Foundation on Linux names neither the value nor its path for a decimal where an integer is expected.
            ("{\n \"count\": 2.5,\n \"items\": []\n}", nil, "có một giá trị không đúng kiểu (ví dụ số thập phân ở chỗ cần số nguyên)."),
        ] as [(String, Int?, String)])
    func whatTheDecoderRefusesIsExplainedInVietnamese(text: String, line: Int?, reason: String) {
        do {
            _ = try JSONDecoder().decode(Shape.self, from: Data(text.utf8))
            Issue.record("decoded")
        } catch {
            let explained = JSONLocator(Data(text.utf8)).explain(error)
            #expect(explained.line == line && explained.reason == reason)
        }
    }
}
