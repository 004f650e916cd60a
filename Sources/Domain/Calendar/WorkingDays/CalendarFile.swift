import Foundation

/// The rows of one or more years of the calendar table as a file — the shape of the shipped
/// `Calendar/Data/official-days.json`: `{"source": "…", "days": [{"date": "2027-02-05", "kind": "holiday",
/// "name": "Tết Âm lịch", "reference": "…", "provisional": false}]}` (`provisional` may be left out). Loading it
/// replaces each year it covers, whole, when the Government publishes a year's days off (docs/CALENDAR.md).
/// A file is read entirely or refused with the line of its first problem.
public struct CalendarFile: Sendable, Equatable {
    /// Where the file's rows come from (the Government's notice, an official letter).
    public var source: String
    /// The rows, by date.
    public var days: [CalendarDay]

    /// The years the file replaces.
    public var years: [Int] { Array(Set(days.map(\.date.year))).sorted() }

    /// The dates the file may move a due instant across: every day of the years it replaces.
    public var span: ClosedRange<LocalDate> {
        LocalDate(year: years.first!, month: 1, day: 1)!...LocalDate(year: years.last!, month: 12, day: 31)!
    }

    public init(source: String, days: [CalendarDay]) {
        self.source = source
        self.days = days.sorted { $0.date < $1.date }
    }

    /// The file, one row per line: what `init(json:)` reads back, to download, edit and load again.
    public func json() -> Data {
        func string(_ text: String) -> String { String(decoding: try! JSONEncoder().encode(text), as: UTF8.self) }
        let rows = days.map { day in
            "    {\"date\": \"\(day.date.iso)\", \"kind\": \"\(day.kind.rawValue)\", \"name\": \(string(day.name)), "
                + "\"reference\": \(string(day.reference)), \"provisional\": \(day.isProvisional)}"
        }
        return Data("{\n  \"source\": \(string(source)),\n  \"days\": [\n\(rows.joined(separator: ",\n"))\n  ]\n}\n".utf8)
    }

    /// What the due instants recomputed after loading the file say, on each dossier's history.
    public static func correctionReason(_ file: CalendarFile) -> String {
        "Lịch làm việc năm \(file.years.map(String.init).joined(separator: ", ")) được nạp từ tệp (\(file.source))"
    }

    /// Why a file is refused, and the line to look at.
    public struct Problem: Error, Equatable, CustomStringConvertible {
        public var line: Int?
        public var reason: String

        public init(line: Int?, _ reason: String) {
            self.line = line
            self.reason = reason
        }

        public var description: String { (line.map { "Dòng \($0): " } ?? "") + reason }
    }

    private struct File: Decodable {
        struct Row: Decodable {
            var date: LocalDate
            var kind: CalendarDay.Kind
            var name: String
            var reference: String
            var provisional: Bool?
        }

        var source: String?
        var days: [Row]
    }

    public init(json: Data) throws(Problem) {
        // Lines are looked up only for a refusal: a good file (the shipped one at start-up) is not scanned twice.
        func line(_ path: [String]) -> Int? { JSONLocator(json).line(of: path) }
        let file: File
        do { file = try JSONDecoder().decode(File.self, from: json) } catch {
            let (line, reason) = JSONLocator(json).explain(error)
            throw Problem(line: line, "Tệp lịch không đúng cấu trúc: " + reason)
        }
        let source = VietnameseText.normalized(file.source ?? "")
        guard !source.isEmpty else {
            throw Problem(line: line(["source"]), "Vui lòng ghi nguồn của tệp (“source”: văn bản của Chính phủ cho năm).")
        }
        guard !file.days.isEmpty else { throw Problem(line: line(["days"]), "Tệp không có ngày nào (“days” trống).") }
        // The line of a row's field at fault (a row may span several lines).
        func line(row index: Int, _ field: String) -> Int? { line(["days", String(index), field]) }
        var seen: [LocalDate: Int] = [:]
        var days: [CalendarDay] = []
        for (index, row) in file.days.enumerated() {
            let day = CalendarDay(
                date: row.date, kind: row.kind, name: VietnameseText.normalized(row.name),
                reference: VietnameseText.normalized(row.reference), isProvisional: row.provisional ?? false)
            do { try CalendarEdit.set(day).validate() } catch {
                let field =
                    switch error {
                    case .nameMissing: "name"
                    case .referenceMissing: "reference"
                    default: "date"
                    }
                throw Problem(line: line(row: index, field), "Ngày \(row.date.vietnamese): \(error.message)")
            }
            if let first = seen[row.date] {
                throw Problem(line: line(row: index, "date"), "Ngày \(row.date.vietnamese) đã có ở dòng \(line(row: first, "date") ?? 0).")
            }
            seen[row.date] = index
            days.append(day)
        }
        // A swap (hoán đổi) is one weekday off for one weekend day worked, in the same year.
        for year in Set(days.map(\.date.year)).sorted() {
            let off = days.filter { $0.date.year == year && $0.kind == .swappedOff }
            let worked = days.filter { $0.date.year == year && $0.kind == .swappedWorkday }
            guard off.count == worked.count else {
                let first = (off + worked).map(\.date).min()!
                throw Problem(
                    line: seen[first].flatMap { line(row: $0, "date") },
                    "Năm \(year) có \(off.count) ngày nghỉ do hoán đổi nhưng \(worked.count) ngày làm bù: "
                        + "mỗi ngày nghỉ do hoán đổi phải có đúng một ngày làm bù trong cùng năm.")
            }
        }
        self.source = source
        self.days = days.sorted { $0.date < $1.date }
    }
}
