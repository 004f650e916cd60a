/// Pre-fills a year that has no official decision yet from the statutory rules, every row provisional:
/// - Labour Code 2019 (45/2019/QH14) Art. 112.1: 1 Jan; Tết Âm lịch 5 days; Hùng Kings 10/3 lunar; 30 Apr;
///   1 May; 2 Sep and one adjacent day.
/// - Art. 112.3 leaves the exact Tết days and the adjacent National Day to the Prime Minister each year; the
///   choices below are our assumptions (`tetDaysBefore`, ``nationalDayNeighbour(of:)``), to be replaced by the
///   official decision through the calendar page.
/// - Art. 111.3: a holiday on the weekly rest day is taken on the next working day (compensatory).
public struct StatutoryHolidays: Sendable {
    public var lunarCalendar: LunarCalendar
    /// Tết days before the first day of the lunar year (the rest follow it). The Government's choices:
    /// 2 before in 2024 and 2025, 1 before in 2026.
    public var tetDaysBefore: Int

    public init(lunarCalendar: LunarCalendar = .vietnam, tetDaysBefore: Int = 1) {
        self.lunarCalendar = lunarCalendar
        self.tetDaysBefore = tetDaysBefore
    }

    static let labourCode = "Bộ luật Lao động 2019 (45/2019/QH14), khoản 1 Điều 112"
    static let compensation = "Bộ luật Lao động 2019 (45/2019/QH14), khoản 3 Điều 111"

    /// The provisional rows of a year, by date.
    public func provisionalYear(_ year: Int) -> [CalendarDay] {
        var days: [CalendarDay] = []
        func holiday(_ date: LocalDate, _ name: String, _ reference: String = Self.labourCode) {
            days.append(CalendarDay(date: date, kind: .holiday, name: name, reference: reference, isProvisional: true))
        }
        holiday(LocalDate(unchecked: year, 1, 1), "Tết Dương lịch")
        if let tet = try? lunarCalendar.solar(from: LunarDate(day: 1, month: 1, year: year)) {
            for offset in -tetDaysBefore..<(5 - tetDaysBefore) {
                holiday(
                    tet.adding(days: offset), "Tết Âm lịch", Self.labourCode + "; ngày cụ thể do Thủ tướng quyết định (khoản 3 Điều 112)")
            }
        }
        if let hungKings = try? lunarCalendar.solar(from: LunarDate(day: 10, month: 3, year: year)) {
            holiday(hungKings, "Giỗ Tổ Hùng Vương (10/3 âm lịch)")
        }
        holiday(LocalDate(unchecked: year, 4, 30), "Ngày Chiến thắng")
        holiday(LocalDate(unchecked: year, 5, 1), "Ngày Quốc tế lao động")
        let nationalDay = LocalDate(unchecked: year, 9, 2)
        holiday(nationalDay, "Quốc khánh")
        holiday(
            Self.nationalDayNeighbour(of: nationalDay), "Quốc khánh (ngày liền kề)",
            Self.labourCode + "; ngày liền kề do Thủ tướng quyết định (khoản 3 Điều 112)")
        days.sort { $0.date < $1.date }
        return days + Self.compensatoryDays(for: days)
    }

    /// The day next to 2 Sep that makes the longest break with a weekend: Monday or Friday when 2 Sep is
    /// next to one, otherwise the day before. (2024: Mon → Tue 3 Sep; 2025: Tue → Mon 1 Sep.)
    static func nationalDayNeighbour(of date: LocalDate) -> LocalDate {
        switch date.weekday {
        case 1, 4, 7: date.adding(days: 1)  // Mon → Tue, Thu → Fri, Sun → Mon
        default: date.adding(days: -1)  // Tue → Mon, Wed → Tue, Fri → Thu, Sat → Fri
        }
    }

    /// Art. 111.3: each holiday on a Saturday or Sunday moves to the next weekday that is not already off.
    static func compensatoryDays(for holidays: [CalendarDay]) -> [CalendarDay] {
        var taken = Set(holidays.map(\.date))
        var result: [CalendarDay] = []
        for day in holidays where day.date.isWeekend {
            var candidate = day.date.adding(days: 1)
            while candidate.isWeekend || taken.contains(candidate) { candidate = candidate.adding(days: 1) }
            taken.insert(candidate)
            result.append(
                CalendarDay(
                    date: candidate, kind: .compensatory, name: "Nghỉ bù \(day.name) (\(day.date.vietnamese))",
                    reference: compensation, isProvisional: true))
        }
        return result
    }
}
