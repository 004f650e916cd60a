import Foundation

/// Where an assessment round stands (indices.md §3): units self-assess, the council appraises (a unit may
/// answer a request for evidence once), the chair approves, the results are published, frozen and versioned.
public enum PARRoundStatus: String, Sendable, Codable, CaseIterable {
    case open, appraisal, approved, published

    public var title: String {
        switch self {
        case .open: "Đơn vị đang tự đánh giá"
        case .appraisal: "Hội đồng đang thẩm định"
        case .approved: "Đã phê duyệt"
        case .published: "Đã công bố"
        }
    }
}

/// The council's review of one criterion of one unit.
public enum PARReview: String, Sendable, Codable, CaseIterable {
    case pending, accepted, adjusted, moreEvidence, responded

    public var title: String {
        switch self {
        case .pending: "Chưa thẩm định"
        case .accepted: "Chấp nhận"
        case .adjusted: "Điều chỉnh điểm"
        case .moreEvidence: "Yêu cầu bổ sung tài liệu kiểm chứng"
        case .responded: "Đơn vị đã giải trình, chờ thẩm định lại"
        }
    }

    /// Whether the council has decided the criterion's score.
    public var isDecided: Bool { self == .accepted || self == .adjusted }
}

/// One leaf criterion of one unit's assessment.
public struct PAREntry: Sendable, Equatable {
    public var id: Int64
    public var criterion: String
    public var selfScore: Double?
    public var explanation: String
    /// The platform's figure (for a computed, survey or deduction criterion with a source) and its points.
    public var computedValue: Double?
    public var computedPoints: Double?
    public var review: PARReview
    public var adjustedScore: Double?
    public var reviewReason: String?
    public var response: String?
    public var respondedAt: Date?
    /// Incremented on every change: a form sent from an older copy is refused.
    public var version: Int

    public init(
        id: Int64, criterion: String, selfScore: Double? = nil, explanation: String = "", computedValue: Double? = nil,
        computedPoints: Double? = nil, review: PARReview = .pending, adjustedScore: Double? = nil, reviewReason: String? = nil,
        response: String? = nil, respondedAt: Date? = nil, version: Int = 0
    ) {
        self.id = id
        self.criterion = criterion
        self.selfScore = selfScore
        self.explanation = explanation
        self.computedValue = computedValue
        self.computedPoints = computedPoints
        self.review = review
        self.adjustedScore = adjustedScore
        self.reviewReason = reviewReason
        self.response = response
        self.respondedAt = respondedAt
        self.version = version
    }

    /// What the unit proposes: its own score, else the platform's points.
    public var proposed: Double? { selfScore ?? computedPoints }

    /// The score that counts once the council decided: the adjusted score, or the proposal accepted (0 when
    /// there is none).
    public var final: Double? {
        switch review {
        case .adjusted: adjustedScore
        case .accepted: proposed ?? 0
        default: nil
        }
    }

    /// Whether the unit's own score and the platform's points differ (shown highlighted to the council).
    public var differsFromPlatform: Bool {
        guard let selfScore, let computedPoints else { return false }
        return abs(selfScore - computedPoints) > 0.005
    }
}
