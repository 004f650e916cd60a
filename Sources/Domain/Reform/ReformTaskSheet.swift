import Foundation

/// Tasks from the working group's spreadsheet (saved as CSV): columns "Nội dung", "Văn bản giao", "Đơn vị chủ
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

        public init(line: Int = 0, content: String, source: String, leadUnitID: Int64, supportingUnitIDs: [Int64] = [], deadline: ReformDeadline,
                    kind: ReformTaskKind = .task, parCriteria: [String] = []) {
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
            }
        }
    }

    static let required = ["Nội dung", "Văn bản giao", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời hạn"]

    /// Reads the rows; `unit` finds a unit by its name or code (nil when there is none).
    public static func read(csv text: String, unit: (String) -> Int64?) throws(Problem) -> [Row] {
        let records: [CSV.Record]
        do { records = try CSV.parse(text) } catch { throw .csv(error) }
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
            guard record.fields.count == names.count else { throw .fieldCount(line: record.line, expected: names.count, found: record.fields.count) }
            func cell(_ name: String) -> String { record.fields[indexes[name]!].trimmingCharacters(in: .whitespacesAndNewlines) }
            let content = VietnameseText.normalized(cell("Nội dung"))
            guard !content.isEmpty else { throw .emptyContent(line: record.line) }
            guard let lead = unit(cell("Đơn vị chủ trì")) else { throw .unknownUnit(line: record.line, column: "Đơn vị chủ trì", value: cell("Đơn vị chủ trì")) }
            var supporting: [Int64] = []
            for name in cell("Đơn vị phối hợp").split(separator: ";").map({ $0.trimmingCharacters(in: .whitespaces) }) where !name.isEmpty {
                guard let id = unit(name) else { throw .unknownUnit(line: record.line, column: "Đơn vị phối hợp", value: name) }
                supporting.append(id)
            }
            guard let deadline = ReformDeadline(parsing: cell("Thời hạn")) else { throw .badDeadline(line: record.line, value: cell("Thời hạn")) }
            let kindText = kindColumn.map { record.fields[$0] } ?? ""
            guard let kind = ReformTaskKind(cell: kindText) else { throw .badKind(line: record.line, value: kindText) }
            let criteria = criteriaColumn.map { record.fields[$0].split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } } ?? []
            rows.append(Row(line: record.line, content: content, source: VietnameseText.normalized(cell("Văn bản giao")), leadUnitID: lead,
                            supportingUnitIDs: supporting, deadline: deadline, kind: kind, parCriteria: criteria))
        }
        return rows
    }
}
