import Foundation

/// A change the secretariat makes to the yearly calendar table, checked before it is stored. Every change
/// names its legal reference (a decision or dispatch number) or, for a removal, its reason.
public enum CalendarEdit: Sendable, Equatable {
    /// Adds a row, or replaces the row of that date.
    case set(CalendarDay)
    /// Makes a weekday off in exchange for a weekend day worked (hoán đổi), as two rows.
    case swap(dayOff: LocalDate, workday: LocalDate, name: String, reference: String)
    /// Removes the row of a date.
    case remove(LocalDate, reason: String)
    /// Marks every provisional row of a year as official under the year's decision.
    case confirm(year: Int, reference: String)

    public enum Problem: Error, Equatable {
        case outsideYears
        case nameMissing
        case referenceMissing
        case reasonMissing
        case workdayNotOnWeekend
        case dayOffOnWeekend
        case swapAcrossYears
        case nothingToRemove
        case nothingToConfirm

        public var message: String {
            switch self {
            case .outsideYears: "Năm phải trong khoảng 2000–2100."
            case .nameMissing: "Vui lòng nhập tên ngày (ví dụ: Tết Âm lịch)."
            case .referenceMissing: "Vui lòng nhập căn cứ pháp lý (số văn bản, ngày ban hành)."
            case .reasonMissing: "Vui lòng ghi lý do."
            case .workdayNotOnWeekend: "Ngày làm bù phải là thứ Bảy hoặc Chủ nhật."
            case .dayOffOnWeekend: "Ngày nghỉ bù hoặc nghỉ do hoán đổi phải là ngày làm việc trong tuần (thứ Hai đến thứ Sáu)."
            case .swapAcrossYears: "Ngày nghỉ và ngày làm bù phải cùng một năm."
            case .nothingToRemove: "Ngày này không có trong lịch."
            case .nothingToConfirm: "Năm này không có ngày dự kiến nào cần xác nhận."
            }
        }
    }

    /// The years the product's calendar spans.
    public static let years = 2000...2100

    /// Checks the change on its own (whether a row exists is checked against the table when applied).
    public func validate() throws(Problem) {
        switch self {
        case .set(let row):
            guard Self.years.contains(row.date.year) else { throw .outsideYears }
            guard !row.name.trimmed.isEmpty else { throw .nameMissing }
            guard !row.reference.trimmed.isEmpty else { throw .referenceMissing }
            if row.kind == .swappedWorkday, !row.date.isWeekend { throw .workdayNotOnWeekend }
            if row.kind == .swappedOff || row.kind == .compensatory, row.date.isWeekend { throw .dayOffOnWeekend }
        case .swap(let dayOff, let workday, let name, let reference):
            guard Self.years.contains(dayOff.year) else { throw .outsideYears }
            guard dayOff.year == workday.year else { throw .swapAcrossYears }
            guard !name.trimmed.isEmpty else { throw .nameMissing }
            guard !reference.trimmed.isEmpty else { throw .referenceMissing }
            guard !dayOff.isWeekend else { throw .dayOffOnWeekend }
            guard workday.isWeekend else { throw .workdayNotOnWeekend }
        case .remove(let date, let reason):
            guard Self.years.contains(date.year) else { throw .outsideYears }
            guard !reason.trimmed.isEmpty else { throw .reasonMissing }
        case .confirm(let year, let reference):
            guard Self.years.contains(year) else { throw .outsideYears }
            guard !reference.trimmed.isEmpty else { throw .referenceMissing }
        }
    }

    /// The year the change belongs to.
    public var year: Int {
        switch self {
        case .set(let row): row.date.year
        case .swap(let dayOff, _, _, _): dayOff.year
        case .remove(let date, _): date.year
        case .confirm(let year, _): year
        }
    }

    /// The days whose kind the change may alter: only dossiers counting across them can see their due instant move.
    public var days: ClosedRange<LocalDate> {
        switch self {
        case .set(let row): row.date...row.date
        case .swap(let dayOff, let workday, _, _): min(dayOff, workday)...max(dayOff, workday)
        case .remove(let date, _): date...date
        case .confirm(let year, _): LocalDate(year: year, month: 1, day: 1)!...LocalDate(year: year, month: 12, day: 31)!
        }
    }
}

extension String {
    var trimmed: String { trimmingCharacters(in: .whitespacesAndNewlines) }
}
