/// The service index of one unit (or the city) for one period, from the counts of each measure
/// (indices.md): an indicator scores `max × min(1, numerator ÷ denominator)`; one whose denominator is 0 is not
/// applicable and scores its maximum, as the national portal does; one MotCua has no data for scores nothing
/// and is left out of the measurable maximum, so the total is shown both over that maximum and scaled to 100.
public struct ServiceIndexScore: Sendable, Equatable {
    public struct Count: Sendable, Equatable, Hashable, Codable {
        public var numerator: Int
        public var denominator: Int

        public init(numerator: Int, denominator: Int) {
            self.numerator = numerator
            self.denominator = denominator
        }
    }

    public struct Indicator: Sendable, Equatable {
        public var code: String
        public var name: String
        public var max: Double
        public var measure: ServiceIndexMeasure?
        /// nil: MotCua has no data for it ("không có dữ liệu").
        public var count: Count?
        public var points: Double?

        public var hasData: Bool { count != nil }
        public var isApplicable: Bool { count.map { $0.denominator > 0 } ?? false }
        /// numerator ÷ denominator, when there is one.
        public var ratio: Double? { count.flatMap { $0.denominator > 0 ? Double($0.numerator) / Double($0.denominator) : nil } }
        /// The points lost (0 when it has no data: nothing is known to be lost).
        public var lost: Double { points.map { max - $0 } ?? 0 }
    }

    public struct Group: Sendable, Equatable {
        public var code: String
        public var name: String
        public var max: Double
        public var indicators: [Indicator]

        public var points: Double { indicators.compactMap(\.points).reduce(0, +) }
        public var measurableMax: Double { indicators.filter(\.hasData).map(\.max).reduce(0, +) }
    }

    public var groups: [Group]

    public var total: Double { groups.map(\.points).reduce(0, +) }
    public var max: Double { groups.map(\.max).reduce(0, +) }
    /// The sum of the maxima of the indicators MotCua measures.
    public var measurableMax: Double { groups.map(\.measurableMax).reduce(0, +) }
    /// The total over the measurable maximum, scaled to 100 (nil when nothing is measurable).
    public var scaledTo100: Double? { measurableMax > 0 ? total / measurableMax * 100 : nil }
    public var indicators: [Indicator] { groups.flatMap(\.indicators) }

    public static func points(max: Double, count: Count) -> Double {
        guard count.denominator > 0 else { return max }
        return max * Swift.min(1, Double(count.numerator) / Double(count.denominator))
    }

    /// Scores the framework with the counts of each measure (a measure without a count has no data).
    public init(framework: ServiceIndexFramework, counts: [ServiceIndexMeasure: Count]) {
        groups = framework.groups.map { group in
            Group(code: group.code, name: group.name, max: group.max, indicators: group.indicators.map { indicator in
                let count = indicator.measure.flatMap { counts[$0] }
                return Indicator(code: indicator.code, name: indicator.name, max: indicator.max, measure: indicator.measure, count: count,
                                 points: count.map { Self.points(max: indicator.max, count: $0) })
            })
        }
    }

    /// The indicators that lost most points, worst first (ties by code).
    public func weakest(_ limit: Int) -> [Indicator] {
        Array(indicators.filter { $0.lost > 1e-9 }.sorted { ($1.lost, $0.code) < ($0.lost, $1.code) }.prefix(limit))
    }
}

/// Standard competition ranking ("1224"): equal values share a rank and the next rank skips; higher is better.
/// Values are compared unrounded.
public enum CompetitionRanking {
    public static func ranks(_ values: [Double]) -> [Int] {
        values.map { value in values.filter { $0 > value }.count + 1 }
    }

    /// Items in rank order (ties in the order given) with their ranks.
    public static func ranked<Item>(_ items: [Item], by value: (Item) -> Double) -> [(rank: Int, item: Item)] {
        let values = items.map(value)
        let ranks = ranks(values)
        return zip(ranks, items).enumerated().sorted { ($0.element.0, $0.offset) < ($1.element.0, $1.offset) }.map { ($0.element.0, $0.element.1) }
    }
}

extension ServiceIndexScore.Count {
    public static let zero = Self(numerator: 0, denominator: 0)

    public static func + (lhs: Self, rhs: Self) -> Self {
        Self(numerator: lhs.numerator + rhs.numerator, denominator: lhs.denominator + rhs.denominator)
    }
}
