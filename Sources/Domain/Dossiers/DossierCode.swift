import Foundation

/// The dossier code (mã số hồ sơ): `<agency code>-<YYMMDD>-<daily sequence of at least 4 digits>`, e.g.
/// `00070-260212-0001`. Unique, never reused, gap-free per agency and day (the store hands out sequences
/// under a lock). The pattern follows practice; TT 04/2025 prescribes a longer code for nationally
/// centralised services (see one-stop.md).
public struct DossierCode: Sendable, Hashable, Codable, CustomStringConvertible {
    public let text: String

    public init(agencyCode: String, day: LocalDate, sequence: Int) {
        let padded = LocalDate.padded
        text = "\(agencyCode)-\(padded(day.year % 100, 2))\(padded(day.month, 2))\(padded(day.day, 2))-\(padded(sequence, 4))"
    }

    /// Accepts a code as typed (spaces trimmed, letters upper-cased), or nil when it has not the shape
    /// `[A-Z0-9.]+(-[A-Z0-9.]+)*-dddddd-dddd…` (read without a regular expression: every dossier row read
    /// goes through here).
    public init?(parsing raw: String) {
        let text = raw.trimmingCharacters(in: .whitespaces).uppercased()
        let parts = text.utf8.split(separator: UInt8(ascii: "-"), omittingEmptySubsequences: false)
        guard parts.count >= 3 else { return nil }
        func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
        func isCodeByte(_ byte: UInt8) -> Bool {
            isDigit(byte) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")) || byte == UInt8(ascii: ".")
        }
        let sequence = parts[parts.count - 1], day = parts[parts.count - 2]
        guard sequence.count >= 4, sequence.allSatisfy(isDigit), day.count == 6, day.allSatisfy(isDigit),
            parts.dropLast(2).allSatisfy({ !$0.isEmpty && $0.allSatisfy(isCodeByte) })
        else { return nil }
        self.text = text
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let code = DossierCode(parsing: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a dossier code: \(text)"))
        }
        self = code
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }

    public var description: String { text }
}
