import Foundation

/// Text rules for Vietnamese names (tên tiếng Việt): storage in NFC, folding for search, and sorting.
public enum VietnameseText {
    /// The locale whose collation orders Vietnamese letters (a, ă, â, b, c, d, đ, e, ê, …) correctly.
    public static let locale = Locale(identifier: "vi_VN")

    /// Text as it is stored: Unicode NFC, trimmed, inner runs of white space collapsed to one space.
    public static func normalized(_ text: String) -> String {
        text.precomposedStringWithCanonicalMapping
            .split(whereSeparator: \.isWhitespace)
            .joined(separator: " ")
    }

    /// The form used for diacritics- and case-insensitive search: "Phường Hoàn Kiếm" → "phuong hoan kiem".
    ///
    /// Foundation's diacritic folding leaves đ/Đ alone (it is a separate letter, not d with a mark), so it is
    /// mapped to d first.
    public static func folded(_ text: String) -> String {
        let withoutDStroke = normalized(text)
            .replacingOccurrences(of: "đ", with: "d")
            .replacingOccurrences(of: "Đ", with: "D")
        return withoutDStroke
            .folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: locale)
            .lowercased()
    }

    /// Orders two names as a Vietnamese reader expects.
    public static func areInIncreasingOrder(_ lhs: String, _ rhs: String) -> Bool {
        lhs.compare(rhs, options: [.caseInsensitive], range: nil, locale: locale) == .orderedAscending
    }
}
