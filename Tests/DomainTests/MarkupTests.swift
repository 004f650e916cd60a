import Domain
import Testing

@Suite struct MarkupTests {
    static let cases: [(String, String)] = [
        ("Phường Hoàn Kiếm", "Phường Hoàn Kiếm"),
        ("", ""),
        ("a < b > c", "a &lt; b &gt; c"),
        ("\" onfocus=\"x", "&quot; onfocus=&quot;x"),
        ("O'Neil", "O&#39;Neil"),
        ("&lt; typed as it is", "&amp;lt; typed as it is"),
        ("A & B", "A &amp; B"),
        ("<img src=x onerror=\"a()\">Đ", "&lt;img src=x onerror=&quot;a()&quot;&gt;Đ"),
        ("e\u{0301}<", "e\u{0301}&lt;"),  // a combining mark before a special character stays with its letter
    ]

    @Test(arguments: cases)
    func escapesTheFiveCharacters(text: String, expected: String) {
        #expect(Markup.escaped(text) == expected)
    }

    @Test func anElementsContentKeepsItsQuotes() {
        #expect(Markup.escapedText("Câu \"7\" của O'Neil <b> & c") == "Câu \"7\" của O'Neil &lt;b&gt; &amp; c")
    }
}
