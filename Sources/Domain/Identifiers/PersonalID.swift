/// The 12-digit personal identification number (số định danh cá nhân, on the CCCD / căn cước card):
/// `PPP G YY NNNNNN` — PPP the province where the birth was registered, G the century and gender
/// (0/1 = 1900s male/female, 2/3 = 2000s, 4/5 = 2100s, 6/7 = 2200s, 8/9 = 1800s), YY the birth year,
/// NNNNNN a random number. Rules from the domain notes (units-and-ids.md: "Hà Nội 001, TP HCM 079"). The
/// province list below is ours: the two-digit national codes of the 63 provinces before the 2025
/// reorganisation, zero-padded to three digits, as numbers already issued use them; it is data to be checked
/// against the Ministry of Public Security's list before relying on a refusal.
public struct PersonalID: Sendable, Hashable, CustomStringConvertible {
    public let digits: String

    public enum Gender: String, Sendable, Codable, CaseIterable {
        case male, female
    }

    public enum Problem: Error, Equatable, Sendable {
        case notTwelveDigits
        case unknownProvince(String)
        case birthYearMismatch
        case genderMismatch

        public var message: String {
            switch self {
            case .notTwelveDigits: "Số định danh cá nhân phải gồm đúng 12 chữ số."
            case .unknownProvince(let code): "Ba chữ số đầu (\(code)) không phải mã tỉnh, thành phố nơi đăng ký khai sinh."
            case .birthYearMismatch: "Chữ số thứ 4–6 của số định danh không khớp với năm sinh."
            case .genderMismatch: "Chữ số thứ 4 của số định danh không khớp với giới tính."
            }
        }
    }

    /// Checks the number alone, and against the birth year and gender when they are given.
    public init(_ text: String, birthYear: Int? = nil, gender: Gender? = nil) throws(Problem) {
        let digits = text.filter { !$0.isWhitespace }
        guard digits.count == 12, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { throw .notTwelveDigits }
        let province = String(digits.prefix(3))
        guard Self.provinceCodes.contains(province) else { throw .unknownProvince(province) }
        let centuryDigit = Int(String(digits[digits.index(digits.startIndex, offsetBy: 3)]))!
        let yearDigits = Int(digits.dropFirst(4).prefix(2))!
        if let birthYear {
            guard Self.century(of: centuryDigit) + yearDigits == birthYear else { throw .birthYearMismatch }
        }
        if let gender {
            guard (centuryDigit % 2 == 0 ? Gender.male : .female) == gender else { throw .genderMismatch }
        }
        self.digits = digits
    }

    /// The first year of the century that the gender digit names.
    static func century(of digit: Int) -> Int {
        switch digit {
        case 0, 1: 1900
        case 2, 3: 2000
        case 4, 5: 2100
        case 6, 7: 2200
        default: 1800
        }
    }

    public var birthYear: Int {
        let centuryDigit = Int(String(digits[digits.index(digits.startIndex, offsetBy: 3)]))!
        return Self.century(of: centuryDigit) + Int(digits.dropFirst(4).prefix(2))!
    }

    public var gender: Gender {
        Int(String(digits[digits.index(digits.startIndex, offsetBy: 3)]))! % 2 == 0 ? .male : .female
    }

    /// The number with all but the last three digits hidden, for lists and logs that must not show it.
    public var masked: String { String(repeating: "•", count: 9) + digits.suffix(3) }

    public var description: String { masked }

    /// The national codes of the 63 provinces and cities (Hà Nội 001 … Cà Mau 096).
    public static let provinceCodes: Set<String> = [
        "001", "002", "004", "006", "008", "010", "011", "012", "014", "015", "017", "019", "020", "022", "024", "025",
        "026", "027", "030", "031", "033", "034", "035", "036", "037", "038", "040", "042", "044", "045", "046", "048",
        "049", "051", "052", "054", "056", "058", "060", "062", "064", "066", "067", "068", "070", "072", "074", "075",
        "077", "079", "080", "082", "083", "084", "086", "087", "089", "091", "092", "093", "094", "095", "096",
    ]
}
