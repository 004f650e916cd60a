import Foundation

/// What MotCua measures for a computed PAR criterion, over the assessment year and the unit.
public enum PARSource: String, Sendable, Codable, CaseIterable {
    /// Dossiers completed in the year early or on time, of those completed (%).
    case onTimeRate = "dossiers.onTimeRate"
    /// Dossiers received online for procedures offered fully online, of all received for them (%; the service
    /// index's indicator 3.1 over the year).
    case onlineShare = "dossiers.onlineShare"
    /// The service index of Decision 766 over the year, scaled to 100.
    case serviceIndex = "serviceIndex"
    /// SIPAS: the overall satisfaction index of the latest campaign about the year (%).
    case sipasOverall = "sipas.overall"
    /// SIPAS: satisfaction with the service (%).
    case sipasService = "sipas.service"
    /// Reform tasks of the year done on time, of those due (%).
    case taskCompletion = "tasks.completion"
    /// Reform tasks of the year done late or overdue (a count, for deductions).
    case lateTasks = "tasks.late"

    public var title: String {
        switch self {
        case .onTimeRate: "Tỷ lệ hồ sơ giải quyết đúng hạn (%)"
        case .onlineShare: "Tỷ lệ hồ sơ trực tuyến của thủ tục cung cấp trực tuyến toàn trình (%)"
        case .serviceIndex: "Chỉ số phục vụ người dân, doanh nghiệp (thang 100)"
        case .sipasOverall: "Chỉ số hài lòng SIPAS chung (%)"
        case .sipasService: "Hài lòng về cung ứng dịch vụ theo SIPAS (%)"
        case .taskCompletion: "Tỷ lệ nhiệm vụ cải cách hành chính hoàn thành đúng hạn (%)"
        case .lateTasks: "Số nhiệm vụ cải cách hành chính trễ hạn"
        }
    }
}

/// How a leaf criterion is scored (indices.md §3): points entered with evidence; computed from platform
/// data by a threshold table or a linear rule; from a survey's percent; or deducted per occurrence.
public enum PARMethod: Sendable, Equatable, Codable {
    case manual
    case computed(source: PARSource, rule: Rule)
    /// Points = maximum × percent ÷ 100 of the survey result (the unit's SIPAS figure, or a percent entered) — ours.
    case survey(source: PARSource?)
    /// Points = maximum − per occurrence × occurrences, never below 0.
    case deduction(source: PARSource?, perOccurrence: Double)

    public struct Threshold: Sendable, Equatable, Codable {
        public var atLeast: Double
        public var points: Double

        public init(atLeast: Double, points: Double) {
            self.atLeast = atLeast
            self.points = points
        }
    }

    public enum Rule: Sendable, Equatable {
        /// The points of the highest threshold the value reaches; 0 below them all; never above the maximum.
        case thresholds([Threshold])
        /// 0 points at `from`, the maximum at `to`, in proportion between, capped at both ends (`to` may be
        /// below `from` where less is better).
        case linear(from: Double, to: Double)
    }

    public var name: String {
        switch self {
        case .manual: "manual"
        case .computed: "computed"
        case .survey: "survey"
        case .deduction: "deduction"
        }
    }

    public var title: String {
        switch self {
        case .manual: "Tự chấm, có tài liệu kiểm chứng"
        case .computed: "Tính từ dữ liệu MotCua"
        case .survey: "Theo kết quả điều tra xã hội học"
        case .deduction: "Trừ điểm theo số lần vi phạm"
        }
    }

    public var source: PARSource? {
        switch self {
        case .manual: nil
        case .computed(let source, _): source
        case .survey(let source), .deduction(let source, _): source
        }
    }

    /// The points a measured value earns on a criterion with this maximum; nil for manual points.
    public func points(for value: Double, max: Double) -> Double? {
        switch self {
        case .manual:
            return nil
        case .computed(_, .thresholds(let thresholds)):
            let reached = thresholds.filter { value >= $0.atLeast }.max { $0.atLeast < $1.atLeast }
            return Swift.min(max, Swift.max(0, reached?.points ?? 0))
        case .computed(_, .linear(let from, let to)):
            return max * Swift.min(1, Swift.max(0, (value - from) / (to - from)))
        case .survey:
            return max * Swift.min(1, Swift.max(0, value / 100))
        case .deduction(_, let perOccurrence):
            return Swift.max(0, max - perOccurrence * Swift.max(0, value))
        }
    }

    /// Why the parameters cannot score, if they cannot.
    var problem: String? {
        switch self {
        case .manual, .survey: nil
        case .computed(_, .thresholds(let thresholds)):
            thresholds.isEmpty
                ? "cần ít nhất một ngưỡng" : thresholds.contains { $0.points < 0 || !$0.atLeast.isFinite } ? "ngưỡng không hợp lệ" : nil
        case .computed(_, .linear(let from, let to)):
            from == to || !from.isFinite || !to.isFinite ? "quy tắc tuyến tính cần hai giá trị from và to khác nhau" : nil
        case .deduction(_, let perOccurrence):
            perOccurrence > 0 && perOccurrence.isFinite ? nil : "số điểm trừ mỗi lần (perOccurrence) phải lớn hơn 0"
        }
    }

    // The method is written flat in its criterion: {"method": "computed", "source": …, "thresholds": […]}.
    enum CodingKeys: String, CodingKey { case method, source, thresholds, linear, perOccurrence }
    struct Linear: Codable {
        var from: Double
        var to: Double
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let source = try container.decodeIfPresent(PARSource.self, forKey: .source)
        switch try container.decode(String.self, forKey: .method) {
        case "manual":
            self = .manual
        case "computed":
            guard let source else {
                throw DecodingError.keyNotFound(
                    CodingKeys.source, .init(codingPath: decoder.codingPath, debugDescription: "computed needs a source"))
            }
            if let linear = try container.decodeIfPresent(Linear.self, forKey: .linear) {
                self = .computed(source: source, rule: .linear(from: linear.from, to: linear.to))
            } else {
                self = .computed(source: source, rule: .thresholds(try container.decode([Threshold].self, forKey: .thresholds)))
            }
        case "survey":
            self = .survey(source: source)
        case "deduction":
            self = .deduction(source: source, perOccurrence: try container.decode(Double.self, forKey: .perOccurrence))
        case let other:
            throw DecodingError.dataCorruptedError(forKey: .method, in: container, debugDescription: "unknown method \(other)")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .method)
        try container.encodeIfPresent(source, forKey: .source)
        switch self {
        case .computed(_, .thresholds(let thresholds)): try container.encode(thresholds, forKey: .thresholds)
        case .computed(_, .linear(let from, let to)): try container.encode(Linear(from: from, to: to), forKey: .linear)
        case .deduction(_, let perOccurrence): try container.encode(perOccurrence, forKey: .perOccurrence)
        case .manual, .survey: break
        }
    }
}
