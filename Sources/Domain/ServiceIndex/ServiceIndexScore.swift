import Foundation

/// The service index of one unit (or the city) for one period, from the counts of each measure
/// (indices.md), in exact decimals:
/// - an indicator scores `max × min(1, numerator ÷ denominator)`;
/// - one whose denominator is 0 in the period is **not applicable** ("không áp dụng"): no points, and it leaves
///   the measurable maximum — no official text was found that gives it full marks (docs/SERVICE-INDEX.md);
/// - one MotCua has no data for ("không có dữ liệu") scores nothing and leaves the measurable maximum too;
/// - the index is the points over the measurable maximum, scaled to 100 and published to two decimals;
/// - a unit or period without any dossier has **no index** ("Chưa có dữ liệu"): it is drawn as a gap and not ranked.
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
        public var max: Decimal
        public var measure: ServiceIndexMeasure?
        /// nil: MotCua has no data for it ("không có dữ liệu").
        public var count: Count?
        /// nil: no data, or not applicable.
        public var points: Decimal?

        public var hasData: Bool { count != nil }
        public var isApplicable: Bool { count.map { $0.denominator > 0 } ?? false }
        /// numerator ÷ denominator, when there is one.
        public var ratio: Double? { count.flatMap { $0.denominator > 0 ? Double($0.numerator) / Double($0.denominator) : nil } }
        /// The points lost (0 when it has no data or is not applicable: nothing is known to be lost).
        public var lost: Decimal { points.map { max - $0 } ?? 0 }
    }

    public struct Group: Sendable, Equatable {
        public var code: String
        public var name: String
        public var max: Decimal
        public var indicators: [Indicator]

        public var points: Decimal { indicators.compactMap(\.points).reduce(0, +) }
        /// The maxima of its applicable indicators.
        public var measurableMax: Decimal { indicators.filter(\.isApplicable).map(\.max).reduce(0, +) }
    }

    public var groups: [Group]

    /// The points of the applicable indicators, exact.
    public var total: Decimal { groups.map(\.points).reduce(0, +) }
    public var max: Decimal { groups.map(\.max).reduce(0, +) }
    /// The sum of the maxima of the indicators that could be scored in the period.
    public var measurableMax: Decimal { groups.map(\.measurableMax).reduce(0, +) }
    public var indicators: [Indicator] { groups.flatMap(\.indicators) }
    /// Whether the unit had any dossier to count in the period (received, completed or rated).
    public var hasDossiers: Bool { indicators.contains { ($0.measure?.countsDossiers ?? false) && $0.isApplicable } }
    /// The index: the total over the measurable maximum, scaled to 100 and published to two decimals; nil —
    /// "Chưa có dữ liệu" — without any dossier in the period.
    public var index: Decimal? {
        guard hasDossiers, measurableMax > 0 else { return nil }
        return (total / measurableMax * 100).published
    }

    public static func points(max: Decimal, count: Count) -> Decimal? {
        guard count.denominator > 0 else { return nil }
        guard count.numerator < count.denominator else { return max }
        return max * Decimal(count.numerator) / Decimal(count.denominator)
    }

    /// Scores the framework with the counts of each measure (a measure without a count has no data).
    public init(framework: ServiceIndexFramework, counts: [ServiceIndexMeasure: Count]) {
        groups = framework.groups.map { group in
            Group(
                code: group.code, name: group.name, max: Decimal(double: group.max),
                indicators: group.indicators.map { indicator in
                    let count = indicator.measure.flatMap { counts[$0] }
                    let max = Decimal(double: indicator.max)
                    return Indicator(
                        code: indicator.code, name: indicator.name, max: max, measure: indicator.measure, count: count,
                        points: count.flatMap { Self.points(max: max, count: $0) })
                })
        }
    }

    /// The indicators that lost most points, worst first (ties by code).
    public func weakest(_ limit: Int) -> [Indicator] {
        Array(indicators.filter { $0.lost.published > 0 }.sorted { ($1.lost, $0.code) < ($0.lost, $1.code) }.prefix(limit))
    }
}

/// Standard competition ranking ("1224"): equal values share a rank and the next rank skips; higher is better.
/// Callers pass the published values, so that units equal to the hundredth share their rank.
public enum CompetitionRanking {
    public static func ranks<Value: Comparable>(_ values: [Value]) -> [Int] {
        values.map { value in values.filter { $0 > value }.count + 1 }
    }

    /// Items in rank order (ties in the order given) with their ranks.
    public static func ranked<Item, Value: Comparable>(_ items: [Item], by value: (Item) -> Value) -> [(rank: Int, item: Item)] {
        let ranks = ranks(items.map(value))
        return zip(ranks, items).enumerated().sorted { ($0.element.0, $0.offset) < ($1.element.0, $1.offset) }.map {
            ($0.element.0, $0.element.1)
        }
    }
}

extension ServiceIndexScore.Count {
    public static let zero = Self(numerator: 0, denominator: 0)

    public static func + (lhs: Self, rhs: Self) -> Self {
        Self(numerator: lhs.numerator + rhs.numerator, denominator: lhs.denominator + rhs.denominator)
    }
}
