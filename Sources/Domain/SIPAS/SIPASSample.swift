/// Drawing a SIPAS sample from the people who used a service (indices.md §2): the frame is one entry per
/// applicant of a completed dossier; it is stratified by unit (and, when asked, by procedure field and
/// channel); each stratum gets its allocation — proportional to its size or equal — with a minimum, and its
/// entries are drawn by a seeded shuffle, so the same frame, design and seed give the same sample. Each
/// entry drawn carries its design weight N_h ÷ n_h. A stratum smaller than the minimum is flagged, not merged.
public enum SIPASSample {
    public struct Entry: Sendable, Equatable, Hashable {
        /// Who (the applicant's identifier): the frame holds each once.
        public var applicant: String
        public var unit: String
        public var field: String
        public var channel: Channel
        /// The dossier that put the applicant in the frame (the latest).
        public var dossierID: Int64

        public init(applicant: String, unit: String, field: String, channel: Channel, dossierID: Int64) {
            self.applicant = applicant
            self.unit = unit
            self.field = field
            self.channel = channel
            self.dossierID = dossierID
        }
    }

    public enum Allocation: String, Sendable, Codable, CaseIterable {
        case proportional, equal

        public var title: String { self == .proportional ? "Tỷ lệ theo quy mô" : "Bằng nhau" }
    }

    public struct Design: Sendable, Equatable, Codable {
        public var size: Int
        public var allocation: Allocation
        public var minimumPerStratum: Int
        public var byField: Bool
        public var byChannel: Bool

        public init(size: Int, allocation: Allocation, minimumPerStratum: Int, byField: Bool = false, byChannel: Bool = false) {
            self.size = size
            self.allocation = allocation
            self.minimumPerStratum = minimumPerStratum
            self.byField = byField
            self.byChannel = byChannel
        }
    }

    public struct Stratum: Sendable, Equatable {
        public var key: String
        public var unit: String
        /// N_h, the people in the frame.
        public var population: Int
        /// n_h, the people drawn.
        public var allocated: Int
        /// Fewer people than the minimum per stratum: everyone is drawn and the stratum is flagged.
        public var tooFew: Bool
        public var weight: Double { allocated > 0 ? Double(population) / Double(allocated) : 0 }
    }

    public struct Drawn: Sendable, Equatable {
        public var entry: Entry
        public var stratum: String
        public var weight: Double
    }

    public struct Result: Sendable, Equatable {
        public var strata: [Stratum]
        public var drawn: [Drawn]
    }

    /// The frame from the applicants of completed dossiers, newest dossier first: one entry per applicant
    /// (the latest), without those who opted out.
    public static func frame(_ dossiers: [Entry], optedOut: Set<String>) -> [Entry] {
        var seen: Set<String> = []
        return dossiers.sorted { $0.dossierID > $1.dossierID }.filter { entry in
            !entry.applicant.isEmpty && !optedOut.contains(entry.applicant) && seen.insert(entry.applicant).inserted
        }.sorted { $0.dossierID < $1.dossierID }
    }

    public static func stratum(of entry: Entry, _ design: Design) -> String {
        [entry.unit, design.byField ? entry.field : nil, design.byChannel ? entry.channel.rawValue : nil].compactMap { $0 }.joined(
            separator: " · ")
    }

    /// The allocation of `size` over strata of these populations: proportional (largest remainders) or equal,
    /// at least `minimum` each, never more than a stratum holds.
    public static func allocate(_ populations: [Int], size: Int, allocation: Allocation, minimum: Int) -> [Int] {
        guard !populations.isEmpty else { return [] }
        let total = populations.reduce(0, +)
        var shares: [Int]
        switch allocation {
        case .equal:
            let each = size / populations.count
            shares = populations.indices.map { each + ($0 < size % populations.count ? 1 : 0) }
        case .proportional:
            guard total > 0 else { return populations.map { _ in 0 } }
            let exact = populations.map { Double(size) * Double($0) / Double(total) }
            shares = exact.map { Int($0.rounded(.down)) }
            let left = size - shares.reduce(0, +)
            for index in exact.indices.sorted(by: { (exact[$0] - Double(shares[$0]), -$0) > (exact[$1] - Double(shares[$1]), -$1) }).prefix(
                max(0, left))
            {
                shares[index] += 1
            }
        }
        return zip(shares, populations).map { share, population in min(population, max(share, minimum)) }
    }

    public static func draw(_ frame: [Entry], design: Design, seed: UInt64) -> Result {
        var byStratum: [String: [Entry]] = [:]
        for entry in frame { byStratum[stratum(of: entry, design), default: []].append(entry) }
        let keys = byStratum.keys.sorted()
        let allocated = allocate(
            keys.map { byStratum[$0]!.count }, size: design.size, allocation: design.allocation, minimum: design.minimumPerStratum)
        var strata: [Stratum] = [], drawn: [Drawn] = []
        for (key, count) in zip(keys, allocated) {
            // In a fixed order first, so that the order the frame came in does not change who is drawn.
            let members = byStratum[key]!.sorted { ($0.dossierID, $0.applicant) < ($1.dossierID, $1.applicant) }
            let stratum = Stratum(
                key: key, unit: members[0].unit, population: members.count, allocated: count,
                tooFew: members.count < design.minimumPerStratum)
            strata.append(stratum)
            // Each stratum its own stream from the seed and its key, so that one stratum's draw does not move another's.
            var random = SeededRandom(seed: seed ^ fnv(key))
            drawn += random.shuffled(members).prefix(count).map { Drawn(entry: $0, stratum: key, weight: stratum.weight) }
        }
        return Result(strata: strata, drawn: drawn)
    }

    static func fnv(_ text: String) -> UInt64 {
        text.utf8.reduce(0xcbf2_9ce4_8422_2325 as UInt64) { ($0 ^ UInt64($1)) &* 0x0000_0100_0000_01B3 }
    }
}
