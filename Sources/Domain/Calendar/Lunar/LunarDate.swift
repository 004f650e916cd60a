/// A date of the Vietnamese lunisolar calendar (âm lịch): day 1–30 of month 1–12 of a lunar year, with the flag
/// of an intercalary month (tháng nhuận), which repeats the number of the month before it.
public struct LunarDate: Sendable, Hashable, Codable, CustomStringConvertible {
    public var day: Int
    public var month: Int
    /// The Gregorian year in which this lunar year begins (Tết).
    public var year: Int
    public var isLeapMonth: Bool

    public init(day: Int, month: Int, year: Int, isLeapMonth: Bool = false) {
        self.day = day
        self.month = month
        self.year = year
        self.isLeapMonth = isLeapMonth
    }

    enum CodingKeys: String, CodingKey {
        case day, month, year
        case isLeapMonth = "leap"
    }

    /// "1/1/2026", with " (nhuận)" for an intercalary month.
    public var description: String { "\(day)/\(month)/\(year)" + (isLeapMonth ? " (nhuận)" : "") }

    /// The name of the year in the sexagenary cycle, e.g. "Bính Ngọ" for 2026.
    public var yearName: String {
        let stems = ["Canh", "Tân", "Nhâm", "Quý", "Giáp", "Ất", "Bính", "Đinh", "Mậu", "Kỷ"]
        let branches = ["Thân", "Dậu", "Tuất", "Hợi", "Tý", "Sửu", "Dần", "Mão", "Thìn", "Tỵ", "Ngọ", "Mùi"]
        return stems[((year % 10) + 10) % 10] + " " + branches[((year % 12) + 12) % 12]
    }
}
