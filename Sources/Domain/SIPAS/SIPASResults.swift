import Foundation

/// SIPAS results (indices.md §2; issue 7): per unit and for all units together ("ALL"), for every item the
/// weighted percent satisfied — answers at a satisfied level over the valid answers 1–5, don't-knows and
/// blanks left out — with the number of valid answers and the 95 % margin of error from the Kish effective
/// sample size (n_eff = (Σw)² ÷ Σw²; moe = 1.96·√(p(1−p)/n_eff), in percentage points); an aspect is the
/// mean of its items' percents, a section the mean of its aspects', the overall index the mean of the
/// sections present. An item without valid answers is left out of the means and reported.
public struct SIPASResults: Sendable, Equatable, Codable {
    public struct Item: Sendable, Equatable, Codable {
        public var percent: Double
        public var valid: Int
        public var moe: Double
        public var effectiveSample: Double

        public init(percent: Double, valid: Int, moe: Double, effectiveSample: Double) {
            self.percent = percent
            self.valid = valid
            self.moe = moe
            self.effectiveSample = effectiveSample
        }
    }

    public struct Unit: Sendable, Equatable, Codable {
        public var items: [String: Item]
        public var aspects: [String: Double]
        public var sections: [String: Double]
        public var overall: Double?
        /// Items with no valid answer.
        public var missing: [String]
        /// Items whose effective sample is below the minimum to publish.
        public var tooSmall: [String]
    }

    public var units: [String: Unit]

    /// The code of all units together.
    public static let all = "ALL"

    /// n_eff below which a percentage is flagged as too uncertain to publish [ours: a common survey rule of
    /// thumb; no official threshold was found].
    public static let minimumEffectiveSample = 30.0

    public static func compute(
        _ questionnaire: SIPASQuestionnaire, _ responses: SIPASResponses,
        minimumEffectiveSample: Double = SIPASResults.minimumEffectiveSample
    ) -> SIPASResults {
        let itemCount = responses.itemCodes.count
        let groups = responses.units.count + 1
        let allGroup = responses.units.count
        // Per group and item: Σw, Σw², Σw of the satisfied, valid answers.
        var sumWeight = [Double](repeating: 0, count: groups * itemCount)
        var sumSquares = [Double](repeating: 0, count: groups * itemCount)
        var sumSatisfied = [Double](repeating: 0, count: groups * itemCount)
        var valid = [Int](repeating: 0, count: groups * itemCount)
        var satisfied = [Bool](repeating: false, count: 6)
        for value in questionnaire.satisfiedValues where (1...5).contains(value) { satisfied[value] = true }
        responses.answers.withUnsafeBufferPointer { answers in
            for response in 0..<responses.count {
                let weight = responses.weights[response], square = weight * weight
                let unitBase = Int(responses.unitOfResponse[response]) * itemCount, allBase = allGroup * itemCount
                let row = response * itemCount
                for item in 0..<itemCount {
                    let answer = answers[row + item]
                    guard answer >= 1 else { continue }
                    let counts = satisfied[Int(answer)]
                    sumWeight[unitBase + item] += weight
                    sumSquares[unitBase + item] += square
                    valid[unitBase + item] += 1
                    if counts { sumSatisfied[unitBase + item] += weight }
                    sumWeight[allBase + item] += weight
                    sumSquares[allBase + item] += square
                    valid[allBase + item] += 1
                    if counts { sumSatisfied[allBase + item] += weight }
                }
            }
        }
        var units: [String: Unit] = [:]
        for (group, code) in (responses.units + [all]).enumerated() {
            var items: [String: Item] = [:]
            var missing: [String] = [], tooSmall: [String] = []
            for (index, itemCode) in responses.itemCodes.enumerated() {
                let slot = group * itemCount + index
                guard valid[slot] > 0, sumWeight[slot] > 0 else {
                    missing.append(itemCode)
                    continue
                }
                let proportion = sumSatisfied[slot] / sumWeight[slot]
                let effective = sumWeight[slot] * sumWeight[slot] / sumSquares[slot]
                items[itemCode] = Item(
                    percent: proportion * 100, valid: valid[slot],
                    moe: 100 * 1.96 * (proportion * (1 - proportion) / effective).squareRoot(), effectiveSample: effective)
                if effective < minimumEffectiveSample { tooSmall.append(itemCode) }
            }
            units[code] = summarise(questionnaire, items: items, missing: missing, tooSmall: tooSmall)
        }
        return SIPASResults(units: units)
    }

    /// Aspects, sections and the overall index from the items' percents.
    static func summarise(_ questionnaire: SIPASQuestionnaire, items: [String: Item], missing: [String], tooSmall: [String]) -> Unit {
        func mean(_ values: [Double]) -> Double? { values.isEmpty ? nil : values.reduce(0, +) / Double(values.count) }
        var aspects: [String: Double] = [:], sections: [String: Double] = [:]
        for section in questionnaire.sections {
            var present: [Double] = []
            for aspect in section.aspects {
                if let value = mean(aspect.items.compactMap { items[$0.code]?.percent }) {
                    aspects[aspect.code] = value
                    present.append(value)
                }
            }
            if let value = mean(present) { sections[section.code] = value }
        }
        return Unit(
            items: items, aspects: aspects, sections: sections, overall: mean(questionnaire.sections.compactMap { sections[$0.code] }),
            missing: missing, tooSmall: tooSmall)
    }
}

/// How an item moved since the previous campaign: the change in percentage points, and whether it is larger
/// than the two margins together (√(moe₁² + moe₂²), the usual test for two independent samples at 95 % [ours:
/// no official rule was found]) — a change within it may be noise.
public struct SIPASChange: Sendable, Equatable {
    public var points: Double
    public var exceedsMargins: Bool

    public init(from previous: SIPASResults.Item, to current: SIPASResults.Item) {
        points = current.percent - previous.percent
        exceedsMargins = abs(points) > (previous.moe * previous.moe + current.moe * current.moe).squareRoot()
    }
}
