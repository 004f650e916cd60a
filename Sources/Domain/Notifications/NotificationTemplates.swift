import Foundation

/// How a message reaches an applicant.
public enum NotificationChannel: String, Sendable, CaseIterable, Codable {
    case email, sms

    public var title: String {
        switch self {
        case .email: "Thư điện tử"
        case .sms: "Tin nhắn SMS"
        }
    }
}

/// Why someone is told something: the dossier events the citizen portal issue names, one-time codes, the
/// invitation of a person drawn for a SIPAS survey, and the working group's urging digest to a unit.
public enum NotificationPurpose: String, Sendable, CaseIterable, Codable {
    case received, supplementRequested, lateNotice, resultReady, oneTimeCode, surveyInvitation, reformDigest

    public var title: String {
        switch self {
        case .received: "Tiếp nhận hồ sơ"
        case .supplementRequested: "Yêu cầu bổ sung hồ sơ"
        case .lateNotice: "Thông báo trễ hẹn"
        case .resultReady: "Có kết quả giải quyết"
        case .oneTimeCode: "Mã xác thực"
        case .surveyInvitation: "Mời tham gia khảo sát sự hài lòng"
        case .reformDigest: "Đôn đốc nhiệm vụ cải cách hành chính"
        }
    }

    /// The placeholders a template of this purpose may use.
    public var placeholders: Set<String> {
        switch self {
        case .oneTimeCode: ["code", "minutes"]
        case .surveyInvitation: ["campaign", "agency", "surveyURL"]
        case .reformDigest: ["unit", "plan", "asOf", "tasks", "boardURL", "escalation"]
        default: ["code", "procedure", "appointment", "reason", "trackingURL", "agency", "ratingURL"]
        }
    }

    /// The purpose of a dossier event, if the applicant is told of it: receipt, a supplement request, an
    /// apology slip (late notice), and the result (ready, or the answer that the dossier is ineligible).
    public static func of(action: String, statusAfter: DossierStatus) -> NotificationPurpose? {
        switch action {
        case "receive": .received
        case "requestSupplement": .supplementRequested
        case "issueApology": .lateNotice
        case "declareIneligible": .resultReady
        default: statusAfter == .resultReady ? .resultReady : nil
        }
    }
}

/// The texts of the messages, per purpose and channel, with `{placeholder}`s — data, so that the
/// secretariat's wording can replace ours without a code change (Persistence/Seed/Data/notification-templates.json).
public struct NotificationTemplates: Sendable, Equatable {
    public struct Template: Sendable, Equatable, Codable {
        public var purpose: NotificationPurpose
        public var channel: NotificationChannel
        /// The e-mail subject; nil for SMS.
        public var subject: String?
        public var body: String
    }

    public let templates: [Template]

    public enum Problem: Error, Equatable, CustomStringConvertible {
        case malformed(String)
        case unknownPlaceholder(purpose: NotificationPurpose, channel: NotificationChannel, name: String)
        case missing(purpose: NotificationPurpose, channel: NotificationChannel)

        public var description: String {
            switch self {
            case .malformed(let detail): "notification templates: \(detail)"
            case .unknownPlaceholder(let purpose, let channel, let name):
                "template \(purpose.rawValue)/\(channel.rawValue) uses unknown {\(name)}"
            case .missing(let purpose, let channel): "no template for \(purpose.rawValue)/\(channel.rawValue)"
            }
        }
    }

    /// Reads `{"templates":[{"purpose":…,"channel":…,"subject":…,"body":…}]}`; every purpose needs a template
    /// on every channel, using only its own placeholders.
    public init(json: Data) throws(Problem) {
        struct File: Decodable { var templates: [Template] }
        let file: File
        do { file = try JSONDecoder().decode(File.self, from: json) } catch { throw .malformed(String(describing: error)) }
        for purpose in NotificationPurpose.allCases {
            for channel in NotificationChannel.allCases {
                guard let template = file.templates.first(where: { $0.purpose == purpose && $0.channel == channel }) else {
                    throw .missing(purpose: purpose, channel: channel)
                }
                for name in Self.placeholders(in: (template.subject ?? "") + template.body) where !purpose.placeholders.contains(name) {
                    throw .unknownPlaceholder(purpose: purpose, channel: channel, name: name)
                }
            }
        }
        templates = file.templates
    }

    /// The subject (e-mail only) and text of a message, with its placeholders filled.
    public func render(_ purpose: NotificationPurpose, _ channel: NotificationChannel, values: [String: String]) -> (
        subject: String?, body: String
    ) {
        guard let template = templates.first(where: { $0.purpose == purpose && $0.channel == channel }) else { return (nil, "") }
        return (template.subject.map { Self.fill($0, values) }, Self.fill(template.body, values))
    }

    static func placeholders(in text: String) -> [String] {
        var names: [String] = []
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            names.append(String(rest[rest.index(after: open)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return names
    }

    static func fill(_ text: String, _ values: [String: String]) -> String {
        var result = ""
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            result += rest[..<open]
            let name = String(rest[rest.index(after: open)..<close])
            result += values[name] ?? ""
            rest = rest[rest.index(after: close)...]
        }
        return result + rest
    }
}

/// When a failed delivery is tried again: after 1, 2, 4 … minutes, at most a day apart, given up after a
/// number of attempts. Shared by the portal outbox and the notifications.
public struct RetrySchedule: Sendable, Equatable {
    public var firstDelay: TimeInterval
    public var longestDelay: TimeInterval
    public var maximumAttempts: Int

    public init(firstDelay: TimeInterval = 60, longestDelay: TimeInterval = 86_400, maximumAttempts: Int = 12) {
        self.firstDelay = firstDelay
        self.longestDelay = longestDelay
        self.maximumAttempts = maximumAttempts
    }

    /// The wait after the `attempts`-th failed attempt (1 for the first), or nil when it is time to give up.
    public func delay(afterAttempts attempts: Int) -> TimeInterval? {
        guard attempts < maximumAttempts else { return nil }
        return min(firstDelay * pow(2, Double(max(attempts, 1) - 1)), longestDelay)
    }
}
