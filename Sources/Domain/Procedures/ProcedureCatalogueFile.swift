import Foundation

/// The catalogue as files, for import and export (docs/CATALOGUE.md documents both shapes):
/// - JSON: `{"procedures": [Procedure…]}`, a procedure as ``Procedure`` encodes it;
/// - CSV: one procedure per row with the columns of ``columns``; lists inside a cell are separated by `;`
///   and the parts of one item by `|` (a document `Tờ khai|1|0` is its name, originals and copies).
/// Reading reports every bad row with its line (CSV) or position (JSON) and reason; nothing is returned
/// unless every row is good, so an import is all or nothing.
public enum ProcedureCatalogueFile {
    public enum Format: String, Sendable, CaseIterable {
        case csv, json
    }

    /// A bad row: where it is and why.
    public struct RowProblem: Error, Equatable, Sendable {
        /// The CSV line, or the 1-based position in the JSON list (0 for the file as a whole).
        public var line: Int
        public var code: String?
        public var reasons: [String]

        public init(line: Int, code: String?, reasons: [String]) {
            self.line = line
            self.code = code
            self.reasons = reasons
        }

        public var message: String {
            let place = line == 0 ? "Tệp" : "Dòng \(line)"
            return "\(place)\(code.map { " (\($0))" } ?? ""): " + reasons.joined(separator: " ")
        }
    }

    /// A refused file: the problems of every bad row.
    public struct Refusal: Error, Equatable, Sendable {
        public var problems: [RowProblem]

        public init(_ problems: [RowProblem]) { self.problems = problems }
    }

    /// A file refused as a whole (line 0) or at one line.
    static func refused(line: Int = 0, _ reason: String) -> Result<[Row], Refusal> {
        .failure(Refusal([RowProblem(line: line, code: nil, reasons: [reason])]))
    }

    /// A good row with where it came from.
    public struct Row: Equatable, Sendable {
        public var line: Int
        public var procedure: Procedure
    }

    public static let columns = [
        "code", "name", "field", "level", "limit_days", "limit_hours", "online_level", "fees", "documents",
        "receiving_units", "processing_units", "boundary_free", "delegated_by", "delegated_until", "delegation_reference",
        "steps", "legal_basis",
    ]
    /// Columns a file may leave out (files made before them still read): a same-day procedure's cut-off and its source,
    /// and the online declaration form as the JSON that ``DeclarationForm`` encodes (one cell; empty: none).
    public static let optionalColumns = ["same_day_cutoff", "same_day_source", "declaration"]

    // MARK: Reading

    public static func read(_ data: Data, format: Format) -> Result<[Row], Refusal> {
        guard let text = String(data: data, encoding: .utf8) else {
            return refused("Tệp không phải văn bản UTF-8.")
        }
        switch format {
        case .json: return readJSON(text)
        case .csv: return readCSV(text)
        }
    }

    struct JSONFile: Codable {
        var procedures: [Procedure]
    }

    static func readJSON(_ text: String) -> Result<[Row], Refusal> {
        let file: JSONFile
        do {
            file = try JSONDecoder().decode(JSONFile.self, from: Data(text.utf8))
        } catch let DecodingError.dataCorrupted(context), let DecodingError.keyNotFound(_, context),
            let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context)
        {
            let position = context.codingPath.first { $0.intValue != nil }.flatMap(\.intValue).map { $0 + 1 } ?? 0
            let path = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
            return refused(line: position, "Không đọc được \(path): \(context.debugDescription)")
        } catch {
            return refused("Tệp JSON không hợp lệ.")
        }
        return checked(file.procedures.enumerated().map { ($0.offset + 1, .success($0.element)) })
    }

    static func readCSV(_ text: String) -> Result<[Row], Refusal> {
        let records: [CSV.Record]
        do {
            records = try CSV.parse(text)
        } catch {
            return refused(error.message)
        }
        guard let header = records.first else { return refused("Tệp trống.") }
        let names = header.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        let missing = columns.filter { !names.contains($0) }
        guard missing.isEmpty else {
            return refused(line: header.line, "Thiếu cột: \(missing.joined(separator: ", ")).")
        }
        let rows = records.dropFirst().map { record -> (Int, Result<Procedure, RowProblem>) in
            var cells: [String: String] = [:]
            for (index, name) in names.enumerated() where index < record.fields.count {
                cells[name] = record.fields[index].trimmingCharacters(in: .whitespacesAndNewlines)
            }
            return (record.line, procedure(from: cells, line: record.line))
        }
        return checked(rows)
    }

    /// Adds the definition's own problems to each row and fails if any row has one or a code repeats.
    static func checked(_ rows: [(Int, Result<Procedure, RowProblem>)]) -> Result<[Row], Refusal> {
        var problems: [RowProblem] = []
        var procedures: [Row] = []
        var seen: [String: Int] = [:]
        for (line, row) in rows {
            switch row {
            case .failure(let problem): problems.append(problem)
            case .success(let procedure):
                var reasons = procedure.problems.map(\.message)
                if let first = seen[procedure.code] {
                    reasons.append("Mã thủ tục trùng với dòng \(first).")
                } else {
                    seen[procedure.code] = line
                }
                if reasons.isEmpty {
                    procedures.append(Row(line: line, procedure: procedure))
                } else {
                    problems.append(RowProblem(line: line, code: procedure.code, reasons: reasons))
                }
            }
        }
        return problems.isEmpty ? .success(procedures) : .failure(Refusal(problems))
    }

    static func procedure(from cells: [String: String], line: Int) -> Result<Procedure, RowProblem> {
        var reasons: [String] = []
        let code = cells["code"] ?? ""
        func number(_ text: String) -> Double? { Double(text.replacingOccurrences(of: ",", with: ".")) }
        func items(_ column: String) -> [[String]] {
            (cells[column] ?? "").split(separator: ";").map {
                $0.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            }
            .filter { !($0.count == 1 && $0[0].isEmpty) }
        }
        let level = Procedure.Level(rawValue: cells["level"] ?? "")
        if level == nil { reasons.append("Cấp thực hiện phải là province hoặc commune.") }
        let online = Procedure.OnlineLevel(rawValue: cells["online_level"] ?? "")
        if online == nil { reasons.append("Mức trực tuyến phải là fullyOnline, partlyOnline hoặc inPerson.") }
        let inDays: Bool
        var limit: TimeLimit?
        switch (cells["limit_days"].flatMap { $0.isEmpty ? nil : $0 }, cells["limit_hours"].flatMap { $0.isEmpty ? nil : $0 }) {
        case (let days?, nil):
            inDays = true
            limit = number(days).flatMap { try? TimeLimit.days($0) }
        case (nil, let hours?):
            inDays = false
            limit = number(hours).flatMap { try? TimeLimit.hours($0) }
        default:
            inDays = true
        }
        if limit == nil { reasons.append("Thời hạn: ghi đúng một trong hai cột limit_days (bội số 0,5) hoặc limit_hours.") }
        var fees: [Procedure.Fee] = []
        for item in items("fees") {
            if item.count == 2, let amount = Int(item[1]) {
                fees.append(.init(name: item[0], amount: amount))
            } else {
                reasons.append("Phí không đọc được: “\(item.joined(separator: "|"))” (cần tên|số tiền).")
            }
        }
        var documents: [Procedure.RequiredDocument] = []
        for item in items("documents") {
            if item.count == 3, let originals = Int(item[1]), let copies = Int(item[2]) {
                documents.append(.init(name: item[0], originals: originals, copies: copies))
            } else {
                reasons.append("Thành phần hồ sơ không đọc được: “\(item.joined(separator: "|"))” (cần tên|số bản chính|số bản sao).")
            }
        }
        var steps: [Procedure.StepTemplate] = []
        for item in items("steps") {
            guard (3...4).contains(item.count), let role = Role(rawValue: item[1]), let amount = number(item[2]),
                let budget = try? (inDays ? TimeLimit.days(amount) : TimeLimit.hours(amount))
            else {
                reasons.append("Bước không đọc được: “\(item.joined(separator: "|"))” (cần tên|vai trò|thời gian[|cơ quan liên thông]).")
                continue
            }
            steps.append(.init(name: item[0], role: role, budget: budget, otherAgency: item.count == 4 && !item[3].isEmpty ? item[3] : nil))
        }
        let boundaryText = (cells["boundary_free"] ?? "").lowercased()
        let boundaryFree = ["1", "true", "yes", "có", "co"].contains(boundaryText)
        if !boundaryFree, !["", "0", "false", "no", "không", "khong"].contains(boundaryText) {
            reasons.append("boundary_free phải là có/không (true/false).")
        }
        var delegation: Procedure.Delegation?
        let delegatedBy = cells["delegated_by"] ?? ""
        if !delegatedBy.isEmpty || !(cells["delegated_until"] ?? "").isEmpty {
            if let until = LocalDate(iso: cells["delegated_until"] ?? "") {
                delegation = .init(authority: delegatedBy, until: until, reference: cells["delegation_reference"] ?? "")
            } else {
                reasons.append("Ủy quyền: delegated_until phải là ngày dạng yyyy-MM-dd.")
            }
        }
        var sameDay: SameDayRule?
        let cutoff = cells["same_day_cutoff"] ?? "", source = VietnameseText.normalized(cells["same_day_source"] ?? "")
        if !cutoff.isEmpty || !source.isEmpty {
            do { sameDay = try SameDayRule(cutoff: cutoff, source: source) } catch {
                reasons.append(
                    error == .noSource
                        ? "Thủ tục trong ngày: same_day_source phải ghi văn bản quy định giờ tiếp nhận."
                        : "Thủ tục trong ngày: same_day_cutoff phải là giờ dạng 15:00.")
            }
            if limit != .workingDays(halfDays: 0) { reasons.append("Chỉ thủ tục có thời hạn 0 ngày (trong ngày) mới ghi same_day_cutoff.") }
        }
        var declaration: DeclarationForm?
        if let text = cells["declaration"], !text.isEmpty {
            declaration = try? JSONDecoder().decode(DeclarationForm.self, from: Data(text.utf8))
            if declaration == nil { reasons.append("Cột declaration phải là tờ khai điện tử dạng JSON (docs/CATALOGUE.md).") }
        }
        guard reasons.isEmpty, let level, let online, let limit else {
            return .failure(RowProblem(line: line, code: code.isEmpty ? nil : code, reasons: reasons))
        }
        func codes(_ column: String) -> [String] {
            (cells[column] ?? "").split(whereSeparator: { $0 == ";" || $0 == " " }).map(String.init)
        }
        var procedure = Procedure(
            code: code, name: VietnameseText.normalized(cells["name"] ?? ""), field: VietnameseText.normalized(cells["field"] ?? ""),
            level: level, timeLimit: limit, fees: fees, documents: documents, onlineLevel: online,
            receivingUnits: codes("receiving_units"), processingUnits: codes("processing_units"), isBoundaryFree: boundaryFree,
            delegation: delegation, steps: steps, legalBasis: cells["legal_basis"] ?? "")
        procedure.sameDay = sameDay
        procedure.declaration = declaration
        return .success(procedure)
    }

    // MARK: Writing

    public static func write(_ procedures: [Procedure], format: Format) throws -> Data {
        switch format {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            return try encoder.encode(JSONFile(procedures: procedures))
        case .csv:
            return Data(CSV.text([columns + optionalColumns] + procedures.map(row)).utf8)
        }
    }

    static func row(_ procedure: Procedure) -> [String] {
        func amount(_ limit: TimeLimit) -> String {
            switch limit {
            case .workingDays(let halfDays): halfDays % 2 == 0 ? String(halfDays / 2) : String(Double(halfDays) / 2)
            case .workingHours(let minutes): minutes % 60 == 0 ? String(minutes / 60) : String(Double(minutes) / 60)
            }
        }
        let isDays = if case .workingDays = procedure.timeLimit { true } else { false }
        return [
            procedure.code, procedure.name, procedure.field, procedure.level.rawValue,
            isDays ? amount(procedure.timeLimit) : "", isDays ? "" : amount(procedure.timeLimit),
            procedure.onlineLevel.rawValue,
            procedure.fees.map { "\($0.name)|\($0.amount)" }.joined(separator: "; "),
            procedure.documents.map { "\($0.name)|\($0.originals)|\($0.copies)" }.joined(separator: "; "),
            procedure.receivingUnits.joined(separator: "; "), procedure.processingUnits.joined(separator: "; "),
            procedure.isBoundaryFree ? "có" : "không",
            procedure.delegation?.authority ?? "", procedure.delegation?.until.iso ?? "", procedure.delegation?.reference ?? "",
            procedure.steps.map {
                ([$0.name, $0.role.rawValue, amount($0.budget)] + ($0.otherAgency.map { [$0] } ?? [])).joined(separator: "|")
            }
            .joined(separator: "; "),
            procedure.legalBasis,
            procedure.sameDay?.cutoff ?? "", procedure.sameDay?.source ?? "",
            procedure.declaration.flatMap { form in
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
                return (try? encoder.encode(form)).map { String(decoding: $0, as: UTF8.self) }
            } ?? "",
        ]
    }
}
