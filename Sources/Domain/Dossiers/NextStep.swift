/// What a dossier waits for and the action that moves it on: the dossier page puts it first, with one primary button
/// for the reader's forward action and the others (stop, withdraw, send back …) folded below.
public enum NextStep {
    /// The actions that move a dossier forward, most decisive first: the one of these the reader may take is the page's
    /// primary button.
    static let forward: [DossierWorkflow.Action] = [
        .returnResult, .completeStep, .transfer, .supplementReceived, .interAgencyReturned, .consultationAnswered, .assign(userID: 0),
    ]

    /// The reader's forward action among those allowed, if any.
    public static func primary(among allowed: [DossierWorkflow.Action]) -> DossierWorkflow.Action? {
        for candidate in forward {
            if let action = allowed.first(where: { $0.key == candidate.key }) { return action }
        }
        return nil
    }

    /// What the dossier waits for, in words ("Bước 2. Thẩm định — việc của Chuyên viên thụ lý"); the page adds the
    /// assignee's name.
    public static func waitingFor(_ state: DossierWorkflow.State, steps: [Procedure.StepTemplate]) -> String {
        let step = steps.indices.contains(state.step) ? steps[state.step] : nil
        switch state.status {
        case .received: return "Chờ Bộ phận Một cửa chuyển hồ sơ đến đơn vị giải quyết"
        case .awaitingSupplement: return "Chờ người nộp bổ sung, hoàn thiện hồ sơ (thời hạn tạm dừng)"
        case .consulting: return "Chờ ý kiến của đơn vị được hỏi"
        case .interAgency:
            return "Chờ " + (step?.otherAgency ?? "cơ quan liên thông") + " xử lý"
                + (step.map { " (bước \(state.step + 1). \($0.name))" } ?? "")
        case .inProgress:
            guard let step else { return "Đang giải quyết" }
            return "Bước \(state.step + 1). \(step.name) — việc của \(step.role.title)"
        case .resultReady: return "Chờ Bộ phận Một cửa trả kết quả cho người nộp"
        default: return "Hồ sơ đã kết thúc: \(state.status.title)"
        }
    }
}
