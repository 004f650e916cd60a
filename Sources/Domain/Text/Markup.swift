/// Text made safe in HTML and XML. A text without any character to replace is returned as it is, without copying
/// (most of a page's text).
public enum Markup {
    /// For anywhere, attribute values included (double- or single-quoted): `&`, `<`, `>`, `"` and `'` as
    /// character references.
    public static func escaped(_ text: String) -> String { replacing(in: text, quotes: true) }

    /// For an element's content only: `&`, `<` and `>`; quotes stay as typed.
    public static func escapedText(_ text: String) -> String { replacing(in: text, quotes: false) }

    private static func replacing(in text: String, quotes: Bool) -> String {
        let utf8 = text.utf8
        guard utf8.contains(where: { reference(for: $0, quotes: quotes) != nil }) else { return text }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count + 16)
        for byte in utf8 {
            if let reference = reference(for: byte, quotes: quotes) { bytes.append(contentsOf: reference) } else { bytes.append(byte) }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func reference(for byte: UInt8, quotes: Bool) -> String.UTF8View? {
        switch byte {
        case UInt8(ascii: "&"): "&amp;".utf8
        case UInt8(ascii: "<"): "&lt;".utf8
        case UInt8(ascii: ">"): "&gt;".utf8
        case UInt8(ascii: "\"") where quotes: "&quot;".utf8
        case UInt8(ascii: "'") where quotes: "&#39;".utf8
        default: nil
        }
    }
}
