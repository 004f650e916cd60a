import Foundation
import HummingbirdTesting
import Testing
import Web

@testable import Services

/// Words a visitor typed come back on the page that echoes them inside a field's value, as the visitor typed them:
/// a `"` cannot close the attribute (Plot writes attribute values unescaped; `Plot+Escaping.swift` escapes every
/// value and text the views write), and a typed "&lt;" is not read as an entity.
@Suite struct EchoedValuesTests {
    static let typed = "\" autofocus onfocus=\"x()\" data-injected='<b>&lt;"
    static let written = "&quot; autofocus onfocus=&quot;x()&quot; data-injected=&#39;&lt;b&gt;&amp;lt;"

    static let pages: [(String, String)] = [
        ("/procedures?q=", "name=\"q\" value=\""),
        ("/public/news?q=", "name=\"q\" value=\""),
        ("/calendar/due?received=2026-11-02T08%3A00&unit=days&amount=", "name=\"amount\" value=\""),
    ]

    @Test(arguments: pages)
    func aTypedValueStaysInsideItsAttribute(path: String, field: String) async throws {
        try await withApp { client, _ in
            let query = Self.typed.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            let page = try await client.execute(uri: path + query, method: .get)
            #expect(page.status == .ok || page.status == .badRequest)
            #expect(page.text.contains(field + Self.written + "\""), "\(page.text)")
            #expect(!page.text.contains("onfocus=\"") && !page.text.contains("data-injected='"))
        }
    }
}
