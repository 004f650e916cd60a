/// The tax code of an organisation (mã số thuế): 10 digits, or 13 written `NNNNNNNNNN-NNN` for a branch
/// (Circular 86/2024/TT-BTC). The check digit rule commonly used (N10 = 10 − Σ dᵢ·wᵢ mod 11 with weights
/// 31, 29, 23, 19, 17, 13, 7, 5, 3) is not confirmed from the circular, so a mismatch is only a warning.
public struct TaxCode: Sendable, Hashable, CustomStringConvertible {
    public let text: String
    /// False when the tenth digit differs from the commonly used check rule (warn, never block).
    public let checkDigitMatches: Bool

    public enum Problem: Error, Equatable, Sendable {
        case malformed

        public var message: String { "Mã số thuế phải gồm 10 chữ số, hoặc 13 chữ số dạng 0123456789-001." }
    }

    public init(_ raw: String) throws(Problem) {
        let text = raw.filter { !$0.isWhitespace }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard (parts.count == 1 && parts[0].count == 10) || (parts.count == 2 && parts[0].count == 10 && parts[1].count == 3),
            parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } })
        else { throw .malformed }
        self.text = text
        let digits = parts[0].compactMap { Int(String($0)) }
        let weights = [31, 29, 23, 19, 17, 13, 7, 5, 3]
        let sum = zip(digits.prefix(9), weights).map(*).reduce(0, +)
        checkDigitMatches = (10 - sum % 11) % 10 == digits[9]
    }

    public var description: String { text }
}
