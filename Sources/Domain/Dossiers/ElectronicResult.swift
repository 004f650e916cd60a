/// What a file attached to a dossier is: part of the application (filed at the desk or online, or a
/// supplement), or the result issued as a file (kết quả điện tử).
public enum AttachmentPurpose: String, Sendable, Codable, CaseIterable {
    case application
    case result

    public var title: String {
        switch self {
        case .application: "Thành phần hồ sơ"
        case .result: "Kết quả giải quyết (bản điện tử)"
        }
    }
}

/// When an electronic result may be attached and when the applicant may download it [ours: one-stop.md says
/// the result is returned to the applicant, electronically where the procedure allows, without the moment
/// a file becomes theirs]: the processing unit attaches it while it handles the dossier or once the result
/// is ready; the applicant downloads it from the moment the result is ready, on the portal and on the
/// tracking page.
public enum ElectronicResult {
    public static func canAttach(in status: DossierStatus) -> Bool {
        [.inProgress, .consulting, .interAgency, .resultReady].contains(status)
    }

    public static func isReleased(in status: DossierStatus) -> Bool {
        status == .resultReady || status == .returned
    }
}
