import Foundation

/// A dossier's history as the applicant sees it when tracking: each event in plain Vietnamese, with the
/// reason only where it is written for the applicant (a refusal, a supplement request, an apology, an
/// ineligibility answer, a stop on request, a due date recomputed after a calendar correction) — never an officer's name or an internal note.
public enum PublicTimeline {
    public struct Entry: Sendable, Equatable {
        public var at: Date
        public var text: String
        public var reason: String?
    }

    public static func entries(_ events: [DossierEvent]) -> [Entry] {
        events.map { event in
            let (text, showsReason) = describe(event)
            let reason = event.reason.trimmingCharacters(in: .whitespacesAndNewlines)
            return Entry(at: event.occurredAt, text: text, reason: showsReason && !reason.isEmpty ? reason : nil)
        }
    }

    static func describe(_ event: DossierEvent) -> (String, Bool) {
        switch event.action {
        case "receive": ("Hồ sơ đã được tiếp nhận", false)
        case "refuseAtReceipt": ("Hồ sơ không được tiếp nhận", true)
        case "transfer":
            event.statusAfter == .resultReady ? ("Đã có kết quả giải quyết", false) : ("Hồ sơ được chuyển đến đơn vị giải quyết", false)
        case "assign": ("Hồ sơ được phân công xử lý", false)
        case "completeStep": event.statusAfter == .resultReady ? ("Đã có kết quả giải quyết", false) : ("Hồ sơ đang được xử lý", false)
        case "sendBack": ("Hồ sơ đang được xem xét lại", false)
        case "requestSupplement": ("Cần bổ sung, hoàn thiện hồ sơ", true)
        case "supplementReceived": ("Đã nhận hồ sơ bổ sung, tiếp tục giải quyết", false)
        case "consult": ("Đang lấy ý kiến cơ quan liên quan", false)
        case "consultationAnswered": ("Đã có ý kiến của cơ quan liên quan", false)
        case "interAgencyReturned": ("Cơ quan phối hợp đã xử lý xong", false)
        case "declareIneligible": ("Hồ sơ không đủ điều kiện giải quyết", true)
        case "returnResult": ("Đã trả kết quả", false)
        case "stopOnRequest": ("Dừng giải quyết theo đề nghị của người nộp", true)
        case "withdraw": ("Người nộp đã rút hồ sơ", false)
        case "issueApology": ("Cơ quan xin lỗi vì chậm trả kết quả và hẹn lại ngày trả", true)
        case "recomputeDue": ("Hạn trả kết quả được tính lại theo lịch làm việc đã điều chỉnh", true)
        default: ("Hồ sơ đang được xử lý", false)
        }
    }

    /// The last four digits of the phone number or the ID number the applicant gave, one of which opens
    /// the tracking details (`digits` as typed; spaces ignored).
    public static func opens(_ digits: String, phone: String?, identifier: String) -> Bool {
        let typed = digits.filter { !$0.isWhitespace }
        guard typed.count == 4, typed.allSatisfy(\.isASCII), typed.allSatisfy(\.isNumber) else { return false }
        let phoneDigits = (phone ?? "").filter { $0.isASCII && $0.isNumber }
        let idDigits = identifier.filter { $0.isASCII && $0.isNumber }
        return (phoneDigits.count >= 4 && phoneDigits.hasSuffix(typed)) || (idDigits.count >= 4 && idDigits.hasSuffix(typed))
    }
}
