/// The workflow of a dossier, driven by its procedure's step template: which action is allowed, to whom, in
/// which status, and what it leads to. Pure: the caller supplies the dossier's state, the template and the
/// roles the actor holds on the dossier's units; the store records the resulting event.
public enum DossierWorkflow {
    /// The state the workflow needs (a projection of the dossier's events).
    public struct State: Sendable, Equatable, Codable {
        public var status: DossierStatus
        /// The index of the current step in the procedure's template.
        public var step: Int
        /// The case officer the unit head assigned, if any.
        public var assigneeID: Int64?
        /// The status to go back to when a pause ends.
        public var statusBeforePause: DossierStatus?

        public init(status: DossierStatus = .received, step: Int = 0, assigneeID: Int64? = nil, statusBeforePause: DossierStatus? = nil) {
            self.status = status
            self.step = step
            self.assigneeID = assigneeID
            self.statusBeforePause = statusBeforePause
        }
    }

    public enum Action: Sendable, Equatable, Codable {
        case refuseAtReceipt
        case requestSupplement
        case supplementReceived
        case transfer
        case assign(userID: Int64)
        case completeStep
        case sendBack
        /// Asks another unit for its opinion (lấy ý kiến): the unit and its name; the reason is the question.
        case consult(unitID: Int64, agency: String)
        /// The opinion asked for is in: the reason is the answer.
        case consultationAnswered
        case interAgencyReturned
        case declareIneligible
        case returnResult
        case stopOnRequest
        case withdraw
        case issueApology

        /// A stable key for storage and forms.
        public var key: String {
            switch self {
            case .refuseAtReceipt: "refuseAtReceipt"
            case .requestSupplement: "requestSupplement"
            case .supplementReceived: "supplementReceived"
            case .transfer: "transfer"
            case .assign: "assign"
            case .completeStep: "completeStep"
            case .sendBack: "sendBack"
            case .consult: "consult"
            case .consultationAnswered: "consultationAnswered"
            case .interAgencyReturned: "interAgencyReturned"
            case .declareIneligible: "declareIneligible"
            case .returnResult: "returnResult"
            case .stopOnRequest: "stopOnRequest"
            case .withdraw: "withdraw"
            case .issueApology: "issueApology"
            }
        }

        public var title: String {
            switch self {
            case .refuseAtReceipt: "Từ chối tiếp nhận"
            case .requestSupplement: "Yêu cầu bổ sung hồ sơ"
            case .supplementReceived: "Đã nhận hồ sơ bổ sung"
            case .transfer: "Chuyển đơn vị giải quyết"
            case .assign: "Phân công chuyên viên"
            case .completeStep: "Hoàn thành bước, chuyển bước sau"
            case .sendBack: "Không đồng ý, trả lại bước trước"
            case .consult: "Lấy ý kiến cơ quan khác"
            case .consultationAnswered: "Đã có ý kiến"
            case .interAgencyReturned: "Cơ quan liên thông đã xử lý xong"
            case .declareIneligible: "Thông báo không đủ điều kiện giải quyết"
            case .returnResult: "Trả kết quả"
            case .stopOnRequest: "Dừng giải quyết theo yêu cầu"
            case .withdraw: "Rút hồ sơ"
            case .issueApology: "Xin lỗi và hẹn lại ngày trả kết quả"
            }
        }

        /// The button's label for a procedure of `steps` steps: a one-step procedure is handled at the desk, so its
        /// "transfer" gives the result at once (``DossierWorkflow``) and says so.
        public func title(steps: Int) -> String {
            if case .transfer = self, steps <= 1 { return Self.resolvedAtDesk }
            return title
        }

        /// What the history says an event did: the same words as the button that made it.
        public static func title(ofEvent action: String, statusAfter: DossierStatus) -> String? {
            if action == "transfer", statusAfter == .resultReady { return resolvedAtDesk }
            return every.first { $0.key == action }?.title
        }

        static let resolvedAtDesk = "Giải quyết xong tại Một cửa, có kết quả"

        /// One of each action, in the order the dossier page offers them (payloads are placeholders).
        public static let every: [Action] = [
            .transfer, .completeStep, .sendBack, .requestSupplement, .supplementReceived, .consult(unitID: 0, agency: "?"),
            .consultationAnswered,
            .interAgencyReturned, .declareIneligible, .returnResult, .refuseAtReceipt, .issueApology, .stopOnRequest, .withdraw,
            .assign(userID: 0),
        ]

        /// Actions that must say why.
        public var needsReason: Bool {
            switch self {
            case .refuseAtReceipt, .requestSupplement, .sendBack, .declareIneligible, .stopOnRequest, .withdraw, .issueApology, .consult,
                .consultationAnswered:
                true
            default: false
            }
        }
    }

    public enum Refusal: Error, Equatable, Sendable {
        case finalStatus(DossierStatus)
        case notInStatus(Action, DossierStatus)
        case wrongRole(Action)
        case notTheAssignee
        case reasonMissing(Action)
        case noPreviousStep

        public var message: String {
            switch self {
            case .finalStatus(let status): "Hồ sơ đã kết thúc (\(status.title)); không thể thay đổi."
            case .notInStatus(let action, let status): "Không thể “\(action.title)” khi hồ sơ đang ở trạng thái “\(status.title)”."
            case .wrongRole(let action): "Vai trò của bạn tại đơn vị này không được “\(action.title)”."
            case .notTheAssignee: "Hồ sơ đã được phân công cho chuyên viên khác."
            case .reasonMissing(let action): "Vui lòng ghi lý do khi “\(action.title)”."
            case .noPreviousStep: "Đây là bước đầu của quá trình giải quyết; không có bước trước để trả lại."
            }
        }
    }

    /// The roles the actor holds on the dossier's units, and who they are.
    public struct Actor: Sendable, Equatable {
        public var userID: Int64
        public var roles: Set<Role>

        public init(userID: Int64, roles: Set<Role>) {
            self.userID = userID
            self.roles = roles
        }

        /// The roles a person holds on a dossier: those of their grants whose subtree holds one of the
        /// dossier's units (the receiving or the processing unit).
        public init(userID: Int64, grants: [Grant], tree: UnitTree, dossierUnits: [Int64]) {
            var roles: Set<Role> = []
            for grant in grants {
                guard let unitID = grant.unitID else { continue }
                let covered = tree.subtree(of: unitID)
                if dossierUnits.contains(where: covered.contains) { roles.insert(grant.role) }
            }
            self.init(userID: userID, roles: roles)
        }
    }

    /// The state after the action, or why it is refused.
    public static func apply(
        _ action: Action, to state: State, steps: [Procedure.StepTemplate], by actor: Actor, reason: String = ""
    ) throws(Refusal) -> State {
        guard !state.status.isFinal else { throw .finalStatus(state.status) }
        if action.needsReason, reason.allSatisfy(\.isWhitespace) { throw .reasonMissing(action) }
        var next = state
        func need(_ statuses: DossierStatus..., roles: Role...) throws(Refusal) {
            guard statuses.contains(state.status) else { throw .notInStatus(action, state.status) }
            guard !actor.roles.isDisjoint(with: roles) else { throw .wrongRole(action) }
        }
        let last = max(steps.count - 1, 0)
        switch action {
        case .refuseAtReceipt:
            try need(.received, roles: .deskOfficer)
            next.status = .rejectedAtReceipt
        case .requestSupplement:
            try need(.received, .inProgress, roles: .deskOfficer, .caseOfficer, .unitHead)
            if state.status == .inProgress, !actor.roles.contains(.unitHead) { try mustBeAssignee(state, actor) }
            next.statusBeforePause = state.status
            next.status = .awaitingSupplement
        case .supplementReceived:
            try need(.awaitingSupplement, roles: .deskOfficer, .caseOfficer, .unitHead)
            next.status = state.statusBeforePause ?? .received
            next.statusBeforePause = nil
        case .transfer:
            try need(.received, roles: .deskOfficer)
            // A one-step procedure (handled at the desk, "trong ngày") goes straight to its result.
            next.step = min(1, last)
            next.status = steps.count <= 1 ? .resultReady : status(atStep: next.step, steps: steps)
        case .assign(let userID):
            try need(.inProgress, .consulting, .interAgency, roles: .unitHead)
            next.assigneeID = userID
        case .completeStep:
            try need(.inProgress, roles: steps.indices.contains(state.step) ? steps[state.step].role : .unitHead)
            if steps.indices.contains(state.step), steps[state.step].role == .caseOfficer { try mustBeAssignee(state, actor) }
            next.step = min(state.step + 1, last)
            next.status = state.step + 1 > last ? .resultReady : status(atStep: next.step, steps: steps)
        case .sendBack:
            try need(.inProgress, roles: .unitHead)
            guard state.step > 1 else { throw .noPreviousStep }
            next.step = state.step - 1
            next.status = status(atStep: next.step, steps: steps)
        case .consult:
            try need(.inProgress, roles: .caseOfficer)
            try mustBeAssignee(state, actor)
            next.status = .consulting
        case .consultationAnswered:
            try need(.consulting, roles: .caseOfficer, .unitHead)
            next.status = .inProgress
        case .interAgencyReturned:
            try need(.interAgency, roles: .caseOfficer, .unitHead)
            next.step = min(state.step + 1, last)
            next.status = state.step + 1 > last ? .resultReady : status(atStep: next.step, steps: steps)
        case .declareIneligible:
            try need(.inProgress, .consulting, roles: .caseOfficer, .unitHead)
            next.status = .ineligible
        case .returnResult:
            try need(.resultReady, roles: .deskOfficer)
            next.status = .returned
        case .stopOnRequest:
            try need(.received, .awaitingSupplement, .inProgress, .consulting, .interAgency, .resultReady, roles: .deskOfficer)
            next.status = .stoppedOnRequest
        case .withdraw:
            try need(.received, .awaitingSupplement, .inProgress, .consulting, .interAgency, roles: .deskOfficer)
            next.status = .withdrawn
        case .issueApology:
            // Only the processing unit, while it holds the dossier, apologises for its lateness.
            try need(.awaitingSupplement, .inProgress, .consulting, .interAgency, roles: .unitHead, .caseOfficer)
        }
        return next
    }

    /// The actions the actor may take now (for the buttons on the dossier page).
    public static func allowedActions(for state: State, steps: [Procedure.StepTemplate], by actor: Actor) -> [Action] {
        Action.every.filter { (try? apply($0, to: state, steps: steps, by: actor, reason: "?")) != nil }
    }

    /// The status of a dossier that has reached a step: the last step, when the desk performs it, is the
    /// return of the result; a step with another agency is inter-agency; any other is in progress.
    static func status(atStep step: Int, steps: [Procedure.StepTemplate]) -> DossierStatus {
        guard steps.indices.contains(step) else { return .resultReady }
        if step == steps.count - 1, step > 0, steps[step].role == .deskOfficer { return .resultReady }
        if steps[step].otherAgency != nil { return .interAgency }
        return .inProgress
    }

    private static func mustBeAssignee(_ state: State, _ actor: Actor) throws(Refusal) {
        if let assignee = state.assigneeID, assignee != actor.userID, !actor.roles.contains(.unitHead) { throw .notTheAssignee }
    }
}
