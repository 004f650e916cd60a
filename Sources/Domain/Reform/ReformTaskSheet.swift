import Foundation

/// Tasks from the working group's spreadsheet (CSV, or the first sheet of an Excel workbook): columns "Nội dung", "Văn bản giao", "Đơn vị chủ
/// trì", "Đơn vị phối hợp" (names or codes separated by ";"), "Thời hạn" ("quý I/2026", "30/6/2026"…), and
/// optionally "Loại" and "Tiêu chí PAR" (codes separated by ";"). Headers are matched without regard to case
/// or diacritics. A bad row is refused at its line and column; nothing is kept from a file with one.
public enum ReformTaskSheet {
    public struct Row: Sendable, Equatable {
        public var line: Int
        public var content: String
        public var source: String
        public var leadUnitID: Int64
        public var supportingUnitIDs: [Int64]
        public var deadline: ReformDeadline
        public var kind: ReformTaskKind
        public var parCriteria: [String]

        public init(
            line: Int = 0, content: String, source: String, leadUnitID: Int64, supportingUnitIDs: [Int64] = [], deadline: ReformDeadline,
            kind: ReformTaskKind = .task, parCriteria: [String] = []
        ) {
            self.line = line
            self.content = content
            self.source = source
            self.leadUnitID = leadUnitID
            self.supportingUnitIDs = supportingUnitIDs
            self.deadline = deadline
            self.kind = kind
            self.parCriteria = parCriteria
        }
    }

    public enum Problem: Error, Equatable, CustomStringConvertible {
        case csv(CSV.Problem)
        case empty
        case missingColumn(String)
        case fieldCount(line: Int, expected: Int, found: Int)
        case emptyContent(line: Int)
        case unknownUnit(line: Int, column: String, value: String)
        case badDeadline(line: Int, value: String)
        case badKind(line: Int, value: String)
        case notSpreadsheet(String)

        public var description: String {
            switch self {
            case .csv(let problem): problem.message
            case .empty: CSV.Message.noHeader
            case .missingColumn(let name): CSV.Message.missingColumn(name)
            case .fieldCount(let line, let expected, let found): CSV.Message.fieldCount(line: line, expected: expected, found: found)
            case .emptyContent(let line): "Dòng \(line), cột Nội dung: chưa có nội dung nhiệm vụ."
            case .unknownUnit(let line, let column, let value): "Dòng \(line), cột \(column): không tìm thấy đơn vị “\(value)”."
            case .badDeadline(let line, let value):
                "Dòng \(line), cột Thời hạn: “\(value)” không phải là thời hạn (ví dụ: 30/6/2026, tháng 6/2026, quý II/2026, năm 2026)."
            case .badKind(let line, let value): "Dòng \(line), cột Loại: “\(value)” không phải là loại nhiệm vụ."
            case .notSpreadsheet(let detail): "Tệp không phải là bảng tính CSV (UTF-8) hay Excel (.xlsx) đọc được: \(detail)."
            }
        }
    }

    static let required = ["Nội dung", "Văn bản giao", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời hạn"]

    /// The table of a file: the first sheet of an Excel workbook (.xlsx), or CSV text in UTF-8.
    public static func table(from data: Data) throws(Problem) -> [CSV.Record] {
        if data.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            do {
                // A sheet's row stops at its last filled cell: pad it to the header's width.
                let rows = try XLSXReader.firstSheet(data)
                let width = rows.first?.count ?? 0
                return rows.enumerated().map {
                    CSV.Record(line: $0.offset + 1, fields: $0.element + Array(repeating: "", count: max(0, width - $0.element.count)))
                }
            } catch {
                throw .notSpreadsheet(error.description)
            }
        }
        guard var text = String(data: data, encoding: .utf8) else { throw .notSpreadsheet("không phải văn bản UTF-8") }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        do { return try CSV.parse(text) } catch { throw .csv(error) }
    }

    /// Reads the rows of CSV text; `unit` finds a unit by its name or code (nil when there is none).
    public static func read(csv text: String, unit: (String) -> Int64?) throws(Problem) -> [Row] {
        let records: [CSV.Record]
        do { records = try CSV.parse(text) } catch { throw .csv(error) }
        return try read(table: records, unit: unit)
    }

    /// Reads the rows of a table whose first record is the header.
    public static func read(table records: [CSV.Record], unit: (String) -> Int64?) throws(Problem) -> [Row] {
        guard let header = records.first else { throw .empty }
        let names = header.fields.map { VietnameseText.folded($0).trimmingCharacters(in: .whitespaces) }
        func column(_ name: String) -> Int? { names.firstIndex(of: VietnameseText.folded(name)) }
        var indexes: [String: Int] = [:]
        for name in required {
            guard let index = column(name) else { throw .missingColumn(name) }
            indexes[name] = index
        }
        let kindColumn = column("Loại"), criteriaColumn = column("Tiêu chí PAR")
        var rows: [Row] = []
        for record in records.dropFirst() where !record.fields.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
            guard record.fields.count == names.count else {
                throw .fieldCount(line: record.line, expected: names.count, found: record.fields.count)
            }
            func cell(_ name: String) -> String { record.fields[indexes[name]!] }
            rows.append(
                try row(
                    line: record.line, content: cell("Nội dung"), source: cell("Văn bản giao"), lead: cell("Đơn vị chủ trì"),
                    supporting: cell("Đơn vị phối hợp"), deadline: cell("Thời hạn"), kind: kindColumn.map { record.fields[$0] } ?? "",
                    criteria: criteriaColumn.map { record.fields[$0] } ?? "", unit: unit))
        }
        return rows
    }

    /// A date cell of an Excel sheet read without its style: the serial number of days since 30/12/1899.
    static func excelDate(_ text: String) -> ReformDeadline? {
        guard let serial = Int(text), (36_526...73_050).contains(serial) else { return nil }  // 2000–2099
        return .date(LocalDate(dayNumber: LocalDate(year: 1899, month: 12, day: 30)!.dayNumber + serial))
    }

    /// One task from its cells (a spreadsheet row, or the form that adds one task).
    public static func row(
        line: Int = 0, content: String, source: String, lead: String, supporting: String, deadline: String, kind: String,
        criteria: String, unit: (String) -> Int64?
    ) throws(Problem) -> Row {
        func clean(_ text: String) -> String { VietnameseText.normalized(text).trimmingCharacters(in: .whitespacesAndNewlines) }
        let content = clean(content)
        guard !content.isEmpty else { throw .emptyContent(line: line) }
        guard let leadID = unit(clean(lead)) else { throw .unknownUnit(line: line, column: "Đơn vị chủ trì", value: clean(lead)) }
        var supportingIDs: [Int64] = []
        for name in supporting.split(separator: ";").map({ clean(String($0)) }) where !name.isEmpty {
            guard let id = unit(name) else { throw .unknownUnit(line: line, column: "Đơn vị phối hợp", value: name) }
            supportingIDs.append(id)
        }
        guard let due = ReformDeadline(parsing: clean(deadline)) ?? excelDate(clean(deadline)) else {
            throw .badDeadline(line: line, value: clean(deadline))
        }
        guard let kind = ReformTaskKind(cell: kind) else { throw .badKind(line: line, value: kind) }
        let codes = criteria.split(separator: ";").map { clean(String($0)) }.filter { !$0.isEmpty }
        return Row(
            line: line, content: content, source: clean(source), leadUnitID: leadID, supportingUnitIDs: supportingIDs, deadline: due,
            kind: kind,
            parCriteria: codes)
    }
}
