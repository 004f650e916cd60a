/// The figures the public sees for a unit and a period (no personal data): dossiers received, completed and
/// on time, the online share, and the applicants' satisfaction — all from the statistics counters.
public struct PublicStatistics: Sendable, Equatable, Codable {
    public var received: Int
    public var receivedOnline: Int
    public var completed: Int
    public var completedOnTime: Int
    public var rated: Int
    public var ratedSatisfied: Int

    public init(_ sums: [DossierStatistics.Counter: Int64]) {
        func sum(_ list: [DossierStatistics.Counter]) -> Int { list.reduce(0) { $0 + Int(sums[$1] ?? 0) } }
        received = sum(DossierStatistics.Counter.new)
        receivedOnline = sum([.newOnline])
        completed = sum(DossierStatistics.Counter.completed)
        completedOnTime = sum([.early, .onTime])
        rated = sum([.rated])
        ratedSatisfied = sum([.ratedSatisfied])
    }

    /// Completed early or on time, of those completed (nil when none was).
    public var onTimeRate: Double? { completed > 0 ? Double(completedOnTime) / Double(completed) : nil }
    /// Received online, of those received.
    public var onlineShare: Double? { received > 0 ? Double(receivedOnline) / Double(received) : nil }
    /// Rated 4–5 overall, of the ratings given.
    public var satisfaction: Double? { rated > 0 ? Double(ratedSatisfied) / Double(rated) : nil }

    public var isEmpty: Bool { received == 0 && completed == 0 && rated == 0 }
}
