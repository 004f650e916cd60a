/// One row of the yearly calendar table (lịch nghỉ lễ, Tết): a day that differs from the ordinary week of
/// Monday–Friday work and Saturday–Sunday rest. The table is the truth; see docs/CALENDAR.md.
public struct CalendarDay: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// A statutory holiday (ngày nghỉ lễ, Tết) — Labour Code 2019 Art. 112.
        case holiday
        /// A holiday taken on the next working day because it fell on the weekly rest day (nghỉ bù, Art. 111.3).
        case compensatory
        /// A weekday made a day off by a swap (hoán đổi), worked back on a `swappedWorkday`.
        case swappedOff
        /// A Saturday (or Sunday) worked in exchange for a `swappedOff` day (làm bù).
        case swappedWorkday

        public var title: String {
            switch self {
            case .holiday: "Nghỉ lễ, Tết"
            case .compensatory: "Nghỉ bù"
            case .swappedOff: "Nghỉ do hoán đổi"
            case .swappedWorkday: "Làm bù"
            }
        }

        /// Whether the day is worked.
        public var isWorked: Bool { self == .swappedWorkday }
    }

    public var date: LocalDate
    public var kind: Kind
    /// What the day is, in Vietnamese ("Tết Âm lịch", "Quốc khánh").
    public var name: String
    /// The legal act that fixes the day (Labour Code article, the Government's notice for the year).
    public var reference: String
    /// True for a day pre-filled from the statutory rules, before the year's official decision is entered.
    public var isProvisional: Bool

    public init(date: LocalDate, kind: Kind, name: String, reference: String, isProvisional: Bool = false) {
        self.date = date
        self.kind = kind
        self.name = name
        self.reference = reference
        self.isProvisional = isProvisional
    }

    enum CodingKeys: String, CodingKey {
        case date, kind, name, reference
        case isProvisional = "provisional"
    }
}
