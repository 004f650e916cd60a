import Foundation

/// Phản ánh, kiến nghị: what a person reports about a dossier, a unit or an officer, routed to the unit to be
/// answered within a number of working days; the answer is rated by the person and, when the unit marks it
/// publishable, shown publicly without personal data. These feed the 766 indicators "feedback handled on
/// time" and "satisfaction with feedback handling" (indices.md).
public enum FeedbackSubject: String, Sendable, CaseIterable, Codable {
    case dossier, unit, officer

    public var title: String {
        switch self {
        case .dossier: "Về một hồ sơ"
        case .unit: "Về cơ quan, đơn vị"
        case .officer: "Về cán bộ, công chức"
        }
    }
}

public enum FeedbackRules {
    /// Working days a unit has to answer. MotCua's default, not a legal figure (the handling rules of
    /// Decree 20/2008/NĐ-CP as amended were not at hand): docs/FEEDBACK.md says so; change it here.
    public static let answerWithin = TimeLimit.workingDays(halfDays: 20)

    /// On time when answered by the due instant.
    public static func isOnTime(answeredAt: Date, due: Date) -> Bool { answeredAt <= due }

    /// Whether an item's timeliness can be judged yet: it is answered, or its deadline has passed.
    public static func isJudged(due: Date, answeredAt: Date?, now: Date) -> Bool { answeredAt != nil || due <= now }

    /// Why a submission cannot be kept, by field, in Vietnamese; empty when it can.
    public static func problems(content: String, contactName: String, phone: String, email: String) -> [String: String] {
        var problems: [String: String] = [:]
        let text = content.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.count < 20 { problems["content"] = "Vui lòng mô tả nội dung phản ánh, kiến nghị (ít nhất 20 ký tự)." }
        if text.count > 5000 { problems["content"] = "Nội dung tối đa 5.000 ký tự." }
        if contactName.trimmingCharacters(in: .whitespaces).isEmpty {
            problems["contactName"] = "Vui lòng nhập họ và tên để cơ quan trả lời."
        }
        problems.merge(Applicant.contactProblems(phone: phone, email: email)) { first, _ in first }
        if phone.isEmpty, email.isEmpty { problems["phone"] = "Vui lòng để lại số điện thoại hoặc thư điện tử để nhận trả lời." }
        return problems
    }
}
