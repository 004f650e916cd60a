import Foundation

/// Text rules for Vietnamese names (tên tiếng Việt): storage in NFC, folding for search, and sorting.
public enum VietnameseText {
    /// The locale of the search folding (ordering is `CollationKey`'s).
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
        return
            withoutDStroke
            .folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: locale)
            .lowercased()
    }

    /// Sorts by a name in the order a Vietnamese reader expects, each name's key computed once.
    public static func sorted<S: Sequence>(_ items: S, by name: (S.Element) -> String) -> [S.Element] {
        items.map { (CollationKey(name($0)), $0) }.sorted { $0.0 < $1.0 }.map(\.1)
    }
}

/// What Vietnamese alphabetical order compares, the way the Unicode collation algorithm does with the Vietnamese
/// tailoring of CLDR (case ignored): letters by the alphabet a ă â b c d đ e ê … o ô ơ … u ư … y, then — only
/// between names equal so far — tones in the order none, huyền, hỏi, ngã, sắc, nặng. Before letters come spaces,
/// punctuation (in the collation's order), symbols and digits (one by one, not as numbers); other marks are
/// ignored. It replaces Foundation's `compare(_:options:locale:)`, which built an ICU collator for each pair (most of
/// a catalogue search's time went to sorting the units) and found "Hoàng" equal to "Hồng". `VietnameseTextTests`
/// holds the order ICU gives for every vowel with every tone, punctuation and digits, and sorts every shipped name.
public struct CollationKey: Comparable, Sendable {
    private let primary: [UInt32]
    private let tones: [UInt8]

    public init(_ text: String) {
        var primary: [UInt32] = [], tones: [UInt8] = []
        primary.reserveCapacity(text.utf8.count)
        for character in text.lowercased().decomposedStringWithCanonicalMapping.unicodeScalars {
            let value = character.value
            if let tone = Self.tones[value] {
                if !tones.isEmpty { tones[tones.count - 1] = tone }
            } else if let modifier = Self.modifiers[value], let last = primary.last, let letter = Self.modified[last &* 8 &+ modifier] {
                primary[primary.count - 1] = letter
            } else if character.properties.generalCategory != .nonspacingMark {
                primary.append(Self.primary(of: character))
                tones.append(0)
            }
        }
        self.primary = primary
        self.tones = tones
    }

    public static func < (lhs: CollationKey, rhs: CollationKey) -> Bool {
        if lhs.primary != rhs.primary { return lhs.primary.lexicographicallyPrecedes(rhs.primary) }
        return lhs.tones.lexicographicallyPrecedes(rhs.tones)
    }

    /// Huyền, hỏi, ngã, sắc, nặng (combining grave, hook above, tilde, acute, dot below).
    private static let tones: [UInt32: UInt8] = [0x300: 1, 0x309: 2, 0x303: 3, 0x301: 4, 0x323: 5]
    /// Breve, circumflex and horn make letters of their own (ă, â, ê, ô, ơ, ư).
    private static let modifiers: [UInt32: UInt32] = [0x306: 1, 0x302: 2, 0x31B: 3]
    private static let alphabet = Array("aăâbcdđeêfghijklmnoôơpqrstuưvwxyz".unicodeScalars)
    private static let letterBase: UInt32 = 2_000

    /// A letter's weight with a modifier, by (the letter's weight × 8 + the modifier).
    private static let modified: [UInt32: UInt32] = {
        var table: [UInt32: UInt32] = [:]
        for (base, modifier, letter) in [("a", 1, "ă"), ("a", 2, "â"), ("e", 2, "ê"), ("o", 2, "ô"), ("o", 3, "ơ"), ("u", 3, "ư")] {
            table[weight(of: base) &* 8 &+ UInt32(modifier)] = weight(of: letter)
        }
        return table
    }()

    private static func weight(of letter: String) -> UInt32 {
        letterBase + UInt32(alphabet.firstIndex(of: letter.unicodeScalars.first!)!)
    }

    /// Spaces and punctuation in the collation's order; what is not listed sorts after them by code point.
    private static let punctuation: [UInt32: UInt32] = {
        let order = Array("\t\n\r _-‐‑‒–—―,;:!¡?¿.…·'‘’‚\"“”„«»()[]{}§¶@*/\\&#%‰†‡•`´˜^¨+±÷×<=>¬|¦~¤¢$£¥€".unicodeScalars)
        return Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1.value, UInt32($0 + 1)) })
    }()

    private static func primary(of scalar: Unicode.Scalar) -> UInt32 {
        if let index = alphabet.firstIndex(of: scalar) { return letterBase + UInt32(index) }
        if let weight = punctuation[scalar.value] { return weight }
        if scalar.properties.numericType == .decimal, let digit = scalar.properties.numericValue { return 1_000 + UInt32(digit) }
        if scalar.properties.isWhitespace { return 1 }
        if scalar.properties.isAlphabetic { return 0x1_0000 + scalar.value }
        return 200 + min(scalar.value, 799)
    }
}
