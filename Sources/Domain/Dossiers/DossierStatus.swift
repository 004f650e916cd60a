/// Where a dossier stands (one-stop.md's life cycle). Derived from its events; stored with the dossier for
/// lists and checked on every change.
public enum DossierStatus: String, Sendable, Codable, CaseIterable {
    /// At the one-stop desk, received and not yet handed on.
    case received
    /// Paused until the applicant supplies what is missing (the clock stops).
    case awaitingSupplement
    /// Refused at the desk (Mẫu 03).
    case rejectedAtReceipt
    /// With the processing unit, at one step of the procedure's template.
    case inProgress
    /// Waiting for another agency's opinion.
    case consulting
    /// At another agency's step of an inter-agency procedure (liên thông).
    case interAgency
    /// The result is ready for the applicant.
    case resultReady
    /// The result has been handed to the applicant.
    case returned
    /// Stopped at the applicant's request (dừng giải quyết).
    case stoppedOnRequest
    /// Declared ineligible, with reasons, and the applicant notified.
    case ineligible
    /// Withdrawn by the applicant.
    case withdrawn

    public var title: String {
        switch self {
        case .received: "Đã tiếp nhận"
        case .awaitingSupplement: "Chờ bổ sung hồ sơ"
        case .rejectedAtReceipt: "Từ chối tiếp nhận"
        case .inProgress: "Đang giải quyết"
        case .consulting: "Đang lấy ý kiến"
        case .interAgency: "Đang liên thông"
        case .resultReady: "Đã có kết quả"
        case .returned: "Đã trả kết quả"
        case .stoppedOnRequest: "Dừng giải quyết theo yêu cầu"
        case .ineligible: "Không đủ điều kiện giải quyết"
        case .withdrawn: "Đã rút hồ sơ"
        }
    }

    /// No action changes a dossier in a final status.
    public var isFinal: Bool {
        switch self {
        case .rejectedAtReceipt, .returned, .stoppedOnRequest, .ineligible, .withdrawn: true
        default: false
        }
    }

    /// Whether the deadline clock is stopped.
    public var isPaused: Bool { self == .awaitingSupplement }
}
