import Foundation

/// The dossier code (mã số hồ sơ): `<agency code>-<YYMMDD>-<daily sequence of at least 4 digits>`, e.g.
/// `00070-260212-0001`. Unique, never reused, gap-free per agency and day (the store hands out sequences
/// under a lock). The pattern follows practice; TT 04/2025 prescribes a longer code for nationally
/// centralised services (see one-stop.md).
public struct DossierCode: Sendable, Hashable, Codable, CustomStringConvertible {
    public let text: String

    public init(agencyCode: String, day: LocalDate, sequence: Int) {
        let yymmdd = String(format: "%02d%02d%02d", day.year % 100, day.month, day.day)
        text = "\(agencyCode)-\(yymmdd)-" + String(format: "%04d", sequence)
    }

    /// Accepts a code as typed (spaces trimmed, letters upper-cased), or nil when it has not the shape.
    public init?(parsing raw: String) {
        let text = raw.trimmingCharacters(in: .whitespaces).uppercased()
        guard text.wholeMatch(of: /[A-Z0-9.]+(?:-[A-Z0-9.]+)*-\d{6}-\d{4,}/) != nil else { return nil }
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
