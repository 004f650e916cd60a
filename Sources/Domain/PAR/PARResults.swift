import Foundation

/// The PAR INDEX of the units of one framework (indices.md §3, issues 8 and 21): a leaf's score is capped at its
/// maximum (and floored at 0), every criterion's and area's sum at its own maximum; a missing leaf scores 0
/// and is reported; index = total ÷ the framework's maximum × 100. Every score and sum is an exact decimal (a
/// leaf's points are read to the hundred-thousandth, so a person's 0,1 stays 0,1), the index is published to two
/// decimals, and units are ranked on the published index (standard competition ranking: equal published indices
/// share their rank — Hanoi's 2023 districts had Nam Từ Liêm and Hoàn Kiếm both 2nd at 95.70), ties listed by unit
/// code. A unit for which the survey was not run (no survey leaf scored) is scored by the framework's
/// `withoutSurvey` rule: 0 for the survey (`zero`, the default), or its points over the maximum without the
/// survey's, scaled to 100 (`rescale`).
public struct PARResults: Sendable, Equatable, Codable {
    public struct Unit: Sendable, Equatable, Codable {
        public var unit: String
        /// The areas' points added, exact.
        public var total: Decimal
        /// Published: two decimals.
        public var index: Decimal
        public var rank: Int
        /// Each area's points.
        public var areas: [String: Decimal]
        /// Each criterion's and sub-criterion's points (leaves capped, nodes capped sums).
        public var criteria: [String: Decimal]
        /// Leaves without a score (counted as 0).
        public var missing: [String]
        /// The survey was not run for the unit and the framework rescales: the index is its other points over
        /// the maximum without the survey's (its survey leaves are then not listed as missing).
        public var rescaledWithoutSurvey: Bool
    }

    public var units: [Unit]

    public init(units: [Unit]) { self.units = units }

    /// Scores every unit named in `scores` (unit → leaf code → points).
    public static func compute(_ framework: PARFramework, scores: [String: [String: Double]]) -> PARResults {
        var units: [Unit] = []
        let surveyLeaves = framework.surveyLeaves
        let surveyCodes = Set(surveyLeaves.map(\.code))
        let surveyMax = surveyLeaves.map { Decimal(double: $0.max) }.reduce(0, +)
        for (unit, leaves) in scores {
            var criteria: [String: Decimal] = [:]
            var missing: [String] = []
            func score(_ criterion: PARFramework.Criterion) -> Decimal {
                let max = Decimal(double: criterion.max)
                let points: Decimal
                if criterion.isLeaf {
                    if leaves[criterion.code] == nil { missing.append(criterion.code) }
                    points = Swift.min(max, Swift.max(0, Decimal(double: leaves[criterion.code] ?? 0)))
                } else {
                    points = Swift.min(max, criterion.subCriteria!.map(score).reduce(0, +))
                }
                criteria[criterion.code] = points
                return points
            }
            var areas: [String: Decimal] = [:]
            for area in framework.areas { areas[area.code] = Swift.min(Decimal(double: area.max), area.criteria.map(score).reduce(0, +)) }
            let total = framework.areas.map { areas[$0.code]! }.reduce(0, +)
            var max = Decimal(double: framework.max)
            let rescaled =
                framework.withoutSurvey == .rescale && !surveyCodes.isEmpty && surveyCodes.allSatisfy { leaves[$0] == nil }
                && max > surveyMax
            if rescaled {
                max -= surveyMax
                missing.removeAll { surveyCodes.contains($0) }
            }
            units.append(
                Unit(
                    unit: unit, total: total, index: max > 0 ? (total / max * 100).published : 0, rank: 0, areas: areas,
                    criteria: criteria, missing: missing, rescaledWithoutSurvey: rescaled))
        }
        units.sort { $0.unit < $1.unit }
        let ranks = CompetitionRanking.ranks(units.map(\.index))
        for index in units.indices { units[index].rank = ranks[index] }
        units.sort { ($0.rank, $0.unit) < ($1.rank, $1.unit) }
        return PARResults(units: units)
    }
}

/// Leaf scores from a CSV file: columns `unit`, `criterion` (a leaf's code), `score` (points; a comma or a
/// dot for decimals). A bad file is refused at its line and column.
public enum PARScores {
    public enum Problem: Error, Equatable, CustomStringConvertible {
        case csv(CSV.Problem)
        case empty
        case missingColumn(String)
        case fieldCount(line: Int, expected: Int, found: Int)
        case emptyUnit(line: Int)
        case unknownCriterion(line: Int, code: String)
        case badScore(line: Int, value: String)
        case duplicate(line: Int, unit: String, code: String)

        public var description: String {
            switch self {
            case .csv(let problem): problem.message
            case .empty: CSV.Message.noHeader
            case .missingColumn(let name): CSV.Message.missingColumn(name)
            case .fieldCount(let line, let expected, let found): CSV.Message.fieldCount(line: line, expected: expected, found: found)
            case .emptyUnit(let line): "Dòng \(line), cột unit: thiếu mã đơn vị."
            case .unknownCriterion(let line, let code):
                "Dòng \(line), cột criterion: “\(code)” không phải là tiêu chí chấm điểm (tiêu chí lá) của bộ tiêu chí."
            case .badScore(let line, let value): "Dòng \(line), cột score: điểm “\(value)” phải là một số không âm."
            case .duplicate(let line, let unit, let code): "Dòng \(line): đơn vị \(unit) đã có điểm tiêu chí \(code) ở dòng trước."
            }
        }
    }

    public static func read(csv text: String, framework: PARFramework) throws(Problem) -> [String: [String: Double]] {
        let records: [CSV.Record]
        do { records = try CSV.parse(text) } catch { throw .csv(error) }
        guard let header = records.first else { throw .empty }
        let names = header.fields.map { $0.trimmingCharacters(in: .whitespaces) }
        var columns: [String: Int] = [:]
        for name in ["unit", "criterion", "score"] {
            guard let index = names.firstIndex(of: name) else { throw .missingColumn(name) }
            columns[name] = index
        }
        let leaves = Set(framework.leaves.map(\.code))
        var scores: [String: [String: Double]] = [:]
        for record in records.dropFirst() where !(record.fields.count == 1 && record.fields[0].isEmpty) {
            guard record.fields.count == names.count else {
                throw .fieldCount(line: record.line, expected: names.count, found: record.fields.count)
            }
            let unit = record.fields[columns["unit"]!].trimmingCharacters(in: .whitespaces)
            let code = record.fields[columns["criterion"]!].trimmingCharacters(in: .whitespaces)
            let text = record.fields[columns["score"]!].trimmingCharacters(in: .whitespaces)
            guard !unit.isEmpty else { throw .emptyUnit(line: record.line) }
            guard leaves.contains(code) else { throw .unknownCriterion(line: record.line, code: code) }
            guard let score = Double(text.replacingOccurrences(of: ",", with: ".")), score >= 0, score.isFinite else {
                throw .badScore(line: record.line, value: text)
            }
            guard scores[unit]?[code] == nil else { throw .duplicate(line: record.line, unit: unit, code: code) }
            scores[unit, default: [:]][code] = score
        }
        return scores
    }
}
