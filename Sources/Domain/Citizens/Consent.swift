import Foundation

/// The purposes a citizen's personal data is processed for, each consented to separately, shown and
/// withdrawable at any time (Decree 13/2023/NĐ-CP on personal data protection, Art. 11–12: consent is specific
/// to a purpose, given clearly, and can be withdrawn). Wording is ours, pending the city's legal review.
public enum ConsentPurpose: String, Sendable, CaseIterable, Codable {
    /// Handling the citizen's administrative procedures (filing online, tracking). Without it an account
    /// cannot file; withdrawing it closes online filing, not dossiers already filed.
    case handling
    /// Receiving notifications by e-mail and SMS about one's dossiers.
    case notifications
    /// Being invited to satisfaction surveys (SIPAS) sampled from one's dossiers.
    case surveys

    public var title: String {
        switch self {
        case .handling: "Xử lý dữ liệu cá nhân để giải quyết thủ tục hành chính trực tuyến"
        case .notifications: "Nhận thông báo về hồ sơ qua thư điện tử và tin nhắn SMS"
        case .surveys: "Được mời tham gia khảo sát mức độ hài lòng (SIPAS)"
        }
    }

    public var explanation: String {
        switch self {
        case .handling:
            "Họ tên, số định danh cá nhân, số điện thoại, thư điện tử và giấy tờ ông/bà nộp được dùng để tiếp nhận, giải quyết và trả kết quả thủ tục hành chính; chỉ cán bộ có thẩm quyền xem được."
        case .notifications: "Số điện thoại và thư điện tử được dùng để báo tiếp nhận, yêu cầu bổ sung, trễ hẹn và kết quả."
        case .surveys: "Số điện thoại hoặc thư điện tử có thể được dùng để gửi lời mời khảo sát; câu trả lời được xử lý ẩn danh."
        }
    }

    /// Needed to have an account that files online.
    public var isRequired: Bool { self == .handling }
}

/// One purpose's consent as recorded: when it was given and, if so, withdrawn.
public struct ConsentRecord: Sendable, Equatable {
    public var purpose: ConsentPurpose
    public var grantedAt: Date
    public var withdrawnAt: Date?

    public init(purpose: ConsentPurpose, grantedAt: Date, withdrawnAt: Date?) {
        self.purpose = purpose
        self.grantedAt = grantedAt
        self.withdrawnAt = withdrawnAt
    }

    public var isActive: Bool { withdrawnAt == nil }
}

/// One-time codes that verify a phone number or an e-mail address: six digits, valid for ten minutes, five
/// tries; a new code replaces the previous one, at most one a minute.
public struct OneTimeCodePolicy: Sendable, Equatable {
    public var digits = 6
    public var lifetime: TimeInterval = 600
    public var attempts = 5
    public var resendAfter: TimeInterval = 60

    public init() {}

    public static let standard = OneTimeCodePolicy()

    /// A fresh code from `random` (the system's secure generator in the product).
    public func code(using random: inout some RandomNumberGenerator) -> String {
        (0..<digits).map { _ in String(Int.random(in: 0...9, using: &random)) }.joined()
    }

    /// Whether a typed code has the right shape (digits only, spaces ignored).
    public func normalized(_ typed: String) -> String? {
        let text = typed.filter { !$0.isWhitespace }
        return text.count == digits && text.allSatisfy { $0.isASCII && $0.isNumber } ? text : nil
    }
}
