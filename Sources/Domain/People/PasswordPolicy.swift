/// The password rules, after NIST SP 800-63B-4 §3.1.1.2 (passwords): at least 15 characters where the
/// password alone signs a person in, at least 64 allowed, any Unicode (spaces too, so Vietnamese passphrases
/// work), a check against common and context-specific passwords, and no composition rules.
public struct PasswordPolicy: Sendable {
    public var minimumLength: Int
    public var maximumLength: Int

    public init(minimumLength: Int = 15, maximumLength: Int = 128) {
        self.minimumLength = minimumLength
        self.maximumLength = maximumLength
    }

    /// Why a password is refused.
    public enum Violation: Error, Equatable, Sendable {
        case tooShort(minimum: Int)
        case tooLong(maximum: Int)
        case common
        case containsAccountName
        case repetitive

        /// The explanation shown to the person choosing the password.
        public var message: String {
            switch self {
            case .tooShort(let minimum): "Mật khẩu phải có ít nhất \(minimum) ký tự."
            case .tooLong(let maximum): "Mật khẩu không được dài quá \(maximum) ký tự."
            case .common: "Mật khẩu này quá phổ biến, dễ bị đoán. Hãy chọn một cụm từ khác."
            case .containsAccountName: "Mật khẩu không được chứa tên đăng nhập."
            case .repetitive: "Mật khẩu không được là một ký tự lặp lại hay một dãy liên tiếp."
            }
        }
    }

    /// Checks a candidate password for an account; nil when it is acceptable.
    public func violation(of password: String, accountName: String) -> Violation? {
        let length = password.count
        if length < minimumLength { return .tooShort(minimum: minimumLength) }
        if length > maximumLength { return .tooLong(maximum: maximumLength) }
        let folded = VietnameseText.folded(password).replacingOccurrences(of: " ", with: "")
        let account = VietnameseText.folded(accountName)
        if account.count >= 3, folded.contains(account) { return .containsAccountName }
        if Self.isRepetitiveOrSequential(folded) { return .repetitive }
        if CommonPasswords.contains(folded) { return .common }
        return nil
    }

    /// "aaaaaaaaaa", "abcdefghij", "9876543210", and digit runs that wrap ("123456789012345").
    static func isRepetitiveOrSequential(_ text: String) -> Bool {
        let scalars = text.unicodeScalars.map { Int($0.value) }
        guard scalars.count > 1 else { return true }
        let isDigits = text.allSatisfy(\.isASCII) && text.allSatisfy(\.isNumber)
        let steps = Set(zip(scalars, scalars.dropFirst()).map { isDigits ? (($1 - $0) % 10 + 10) % 10 : $1 - $0 })
        guard steps.count == 1, let step = steps.first else { return false }
        return isDigits ? [0, 1, 9].contains(step) : [-1, 0, 1].contains(step)
    }
}
