import Foundation

/// Survey responses held compactly for computing results over millions of them: for each response its unit,
/// its design weight and one small number per item (−1 not answered, 0 don't know, 1–5 the level), in the
/// questionnaire's item order.
public struct SIPASResponses: Sendable, Equatable {
    public static let notAnswered: Int8 = -1

    public let itemCodes: [String]
    /// The units met, in order of first appearance.
    public private(set) var units: [String] = []
    public private(set) var unitOfResponse: [Int32] = []
    public private(set) var weights: [Double] = []
    /// `count × itemCodes.count` answers, response after response.
    public private(set) var answers: [Int8] = []
    private var unitIndex: [String: Int32] = [:]

    public init(itemCodes: [String]) { self.itemCodes = itemCodes }

    public var count: Int { weights.count }

    /// Adds one response; `answers` in item order (as many as there are items).
    public mutating func append(unit: String, weight: Double = 1, answers values: [Int8]) {
        precondition(values.count == itemCodes.count, "one answer per item")
        let index: Int32
        if let known = unitIndex[unit] {
            index = known
        } else {
            index = Int32(units.count)
            units.append(unit)
            unitIndex[unit] = index
        }
        unitOfResponse.append(index)
        weights.append(weight)
        answers += values
    }

    /// Why a responses file was refused, with its line and column.
    public enum Problem: Error, Equatable, CustomStringConvertible {
        case csv(CSV.Problem)
        case empty
        case missingColumn(String)
        case unknownColumn(String)
        case fieldCount(line: Int, expected: Int, found: Int)
        case unknownUnit(line: Int, unit: String)
        case badWeight(line: Int, value: String)
        case badValue(line: Int, column: String, value: String)

        public var description: String {
            switch self {
            case .csv(let problem): problem.message
            case .empty: CSV.Message.noHeader
            case .missingColumn(let name): CSV.Message.missingColumn(name)
            case .unknownColumn(let name): "Dòng 1: cột “\(name)” không có trong phiếu khảo sát."
            case .fieldCount(let line, let expected, let found): CSV.Message.fieldCount(line: line, expected: expected, found: found)
            case .unknownUnit(let line, let unit): "Dòng \(line), cột unit: mã đơn vị “\(unit)” không thuộc đợt khảo sát."
            case .badWeight(let line, let value): "Dòng \(line), cột weight: trọng số “\(value)” phải là số dương."
            case .badValue(let line, let column, let value):
                "Dòng \(line), cột \(column): giá trị “\(value)” không hợp lệ (1–5; 0 là không biết; để trống nếu không trả lời)."
            }
        }
    }

    /// Reads a responses CSV (columns `unit`, optional `weight`, one per item; profile columns are allowed and
    /// ignored). With `units`, a unit code outside it is refused.
    public static func read(csv data: Data, questionnaire: SIPASQuestionnaire, units allowed: Set<String>? = nil) throws(Problem)
        -> SIPASResponses
    {
        let itemCodes = questionnaire.items.map(\.code)
        let profileCodes = Set(questionnaire.profile.map(\.code))
        var responses = SIPASResponses(itemCodes: itemCodes)
        var columnOfItem: [Int] = []
        var unitColumn = -1, weightColumn = -1, columns = 0
        var header: [String] = []
        var row = [Int8](repeating: notAnswered, count: itemCodes.count)
        var knownUnits: [UInt64: (bytes: [UInt8], code: String)] = [:]
        do {
            try CSV.scan(data) { line, fields in
                if columns == 0 {
                    header = (0..<fields.count).map { fields.string($0).trimmingCharacters(in: .whitespaces) }
                    columns = header.count
                    if let unknown = header.first(where: {
                        $0 != "unit" && $0 != "weight" && !profileCodes.contains($0) && !itemCodes.contains($0)
                    }) {
                        throw Problem.unknownColumn(unknown)
                    }
                    guard let unit = header.firstIndex(of: "unit") else { throw Problem.missingColumn("unit") }
                    unitColumn = unit
                    weightColumn = header.firstIndex(of: "weight") ?? -1
                    for code in itemCodes {
                        guard let column = header.firstIndex(of: code) else { throw Problem.missingColumn(code) }
                        columnOfItem.append(column)
                    }
                    return
                }
                guard fields.count == columns else { throw Problem.fieldCount(line: line, expected: columns, found: fields.count) }
                // Unit codes repeat: known ones are found by the hash of their bytes, without a string per row.
                let hash = fields.hash(unitColumn)
                let unit: String
                if let known = knownUnits[hash], fields.equals(unitColumn, known.bytes) {
                    unit = known.code
                } else {
                    unit = fields.string(unitColumn).trimmingCharacters(in: .whitespaces)
                    guard !unit.isEmpty, allowed?.contains(unit) ?? true else { throw Problem.unknownUnit(line: line, unit: unit) }
                    if knownUnits[hash] == nil, unit.utf8.count == fields.string(unitColumn).utf8.count {
                        knownUnits[hash] = (Array(unit.utf8), unit)
                    }
                }
                var weight = 1.0
                if weightColumn >= 0, !fields.isEmpty(weightColumn) {
                    guard let value = fields.double(weightColumn), value > 0, value.isFinite else {
                        throw Problem.badWeight(line: line, value: fields.string(weightColumn))
                    }
                    weight = value
                }
                for (item, column) in columnOfItem.enumerated() {
                    if fields.isEmpty(column) {
                        row[item] = notAnswered
                        continue
                    }
                    guard let value = fields.integer(column), value == Int(questionnaire.dontKnow.value) || (1...5).contains(value) else {
                        if fields.string(column).trimmingCharacters(in: .whitespaces).isEmpty {
                            row[item] = notAnswered
                            continue
                        }
                        throw Problem.badValue(line: line, column: itemCodes[item], value: fields.string(column))
                    }
                    row[item] = value == questionnaire.dontKnow.value ? 0 : Int8(value)
                }
                responses.append(unit: unit, weight: weight, answers: row)
            }
        } catch let problem as Problem {
            throw problem
        } catch let problem as CSV.Problem {
            throw .csv(problem)
        } catch {
            throw .empty
        }
        guard columns > 0 else { throw .empty }
        return responses
    }
}
