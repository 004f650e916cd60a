import Domain
import Foundation
import SQLKit

/// Receiving dossiers and acting on them: each change checks the workflow, computes the due instants with
/// the calendar engine, writes the dossier, its event and an audit row in one transaction, and refuses a
/// change made on a stale copy (optimistic locking) with a clear message.
///
/// Make one desk per database and share it: its intake writer groups the intakes that arrive together.
public struct DossierDesk: Sendable {
    /// The deadline arithmetic for a processing unit (the working calendar and that unit's office hours), read
    /// through the session given (the caller's transaction, when there is one).
    public typealias Calculator = @Sendable (_ unitID: Int64, _ session: any SQLDatabase) async throws -> DeadlineCalculator

    let database: Database
    let calculator: Calculator
    /// The messages applicants get about events; nil sends none.
    let notices: DossierNotices?
    let writer: IntakeWriter

    public init(database: Database, calculator: @escaping Calculator, notices: DossierNotices? = nil) {
        self.database = database
        self.calculator = calculator
        self.notices = notices
        self.writer = IntakeWriter(database: database, calculator: calculator, notices: notices)
    }

    /// What the desk enters to receive a dossier.
    public struct Intake: Sendable, Equatable {
        public var procedureCode: String
        public var receivingUnitID: Int64
        /// The processing unit; nil for the first unit the procedure lists (the receiving unit when it processes).
        public var processingUnitID: Int64?
        public var channel: Channel
        public var applicant: Applicant
        public var birthYear: Int?
        public var gender: PersonalID.Gender?
        public var isDemo: Bool
        /// The papers received at the desk, checked against the procedure's list; kept with the receipt event.
        public var papers: PaperChecklist?
        /// The declaration filled in online; kept with the receipt event.
        public var declaration: Declaration?
        /// How the applicant asked to receive the result, with the postal address; kept with the receipt event.
        public var delivery: ResultDelivery.Choice?

        public init(
            procedureCode: String, receivingUnitID: Int64, processingUnitID: Int64? = nil, channel: Channel, applicant: Applicant,
            birthYear: Int? = nil, gender: PersonalID.Gender? = nil, isDemo: Bool = false, papers: PaperChecklist? = nil,
            declaration: Declaration? = nil, delivery: ResultDelivery.Choice? = nil
        ) {
            self.procedureCode = procedureCode
            self.receivingUnitID = receivingUnitID
            self.processingUnitID = processingUnitID
            self.channel = channel
            self.applicant = applicant
            self.birthYear = birthYear
            self.gender = gender
            self.isDemo = isDemo
            self.papers = papers
            self.declaration = declaration
            self.delivery = delivery
        }

        /// What the receipt event keeps besides the channel and due instant.
        var receiptDetail: [String: String] {
            var detail: [String: String] = [:]
            detail["papers"] = papers?.encoded
            detail["declaration"] = declaration?.encoded
            if let delivery { detail.merge(delivery.detail) { first, _ in first } }
            return detail
        }
    }

    public enum Problem: Error, Equatable, Sendable {
        case invalid([String])
        case unknownProcedure
        case notReceivedHere
        case notProcessedThere
        case consultingItself
        case notADeskOfficerHere
        case notAnOfficerOfTheDossier
        case notFound
        case staleCopy
        case workflow(DossierWorkflow.Refusal)
        case appointmentNotLater
        case appointmentMissing
        case apologyAfterAppointment
        case notOnline
        /// An action dated before the dossier's receipt (a dossier's events are read from its receipt on).
        case beforeReceipt

        public var message: String {
            switch self {
            case .invalid(let reasons): reasons.joined(separator: " ")
            case .unknownProcedure: "Không tìm thấy thủ tục đã chọn."
            case .notReceivedHere: "Đơn vị này không tiếp nhận thủ tục đã chọn."
            case .notProcessedThere: "Đơn vị giải quyết đã chọn không giải quyết thủ tục này."
            case .consultingItself: "Không thể lấy ý kiến của chính đơn vị đang giải quyết hồ sơ; vui lòng chọn đơn vị khác."
            case .notADeskOfficerHere: "Bạn không phải cán bộ Bộ phận Một cửa của đơn vị tiếp nhận."
            case .notAnOfficerOfTheDossier:
                "Chỉ cán bộ của đơn vị tiếp nhận hoặc đơn vị giải quyết hồ sơ mới được xác nhận các thông tin này."
            case .notFound: "Không tìm thấy hồ sơ."
            case .staleCopy: "Hồ sơ vừa được người khác cập nhật. Vui lòng tải lại trang để xem trạng thái mới rồi thao tác lại."
            case .workflow(let refusal): refusal.message
            case .appointmentNotLater: "Ngày hẹn mới phải sau ngày hẹn hiện tại."
            case .appointmentMissing: "Vui lòng chọn ngày hẹn trả mới."
            case .apologyAfterAppointment: "Phiếu xin lỗi và hẹn lại phải được gửi trước khi hết hạn trả kết quả."
            case .notOnline: "Thủ tục này chỉ tiếp nhận trực tiếp tại Bộ phận Một cửa, không nộp trực tuyến được."
            case .beforeReceipt: "Thời điểm thao tác không thể trước thời điểm tiếp nhận hồ sơ."
            }
        }
    }

    /// Receives a dossier at a desk: checks the applicant, the procedure and the units, hands out the next
    /// code of the agency's day, and records the receipt with its due instant.
    public func receive(_ intake: Intake, by actor: DossierWorkflow.Actor, at time: Date, day: LocalDate) async throws -> Dossier {
        guard actor.roles.contains(.deskOfficer) else { throw Problem.notADeskOfficerHere }
        let (errors, _) = intake.applicant.problems(birthYear: intake.birthYear, gender: intake.gender)
        guard errors.isEmpty else { throw Problem.invalid(errors) }
        var checked = intake
        checked.applicant = Self.cleaned(intake.applicant)
        return try await writer.write(IntakeWriter.Request(intake: checked, actorID: actor.userID, time: time, day: day))
    }

    /// Receives a dossier a citizen files online from a draft: the same checks, codes, due instant, events
    /// and messages as at the desk, the channel online, receipt deemed by the calendar rules (after hours:
    /// the next working half-day), and the draft's files attached — all in one transaction.
    public func receiveOnline(_ intake: Intake, from draft: OnlineDraft, at time: Date, day: LocalDate) async throws -> Dossier {
        var checked = intake
        checked.channel = .online
        checked.procedureCode = draft.procedureCode
        let (errors, _) = checked.applicant.problems(birthYear: checked.birthYear, gender: checked.gender)
        guard errors.isEmpty else { throw Problem.invalid(errors) }
        checked.applicant = Self.cleaned(checked.applicant)
        return try await writer.write(IntakeWriter.Request(intake: checked, actorID: draft.userID, time: time, day: day, online: draft))
    }

    static func cleaned(_ applicant: Applicant) -> Applicant {
        Applicant(
            kind: applicant.kind, name: VietnameseText.normalized(applicant.name),
            identifier: applicant.identifier.filter { !$0.isWhitespace }, phone: applicant.phone.flatMap(Self.nonEmpty),
            email: applicant.email.flatMap(Self.nonEmpty), address: applicant.address.flatMap(Self.nonEmpty))
    }

    /// The receiving and processing units of an intake, from the units the procedure version lists: the
    /// receiving unit must receive it; the processing unit is the one chosen, else the receiving unit when it
    /// processes, else the first processing unit listed.
    static func units(for intake: Intake, among listed: [ListedUnit]) throws -> (agency: ListedUnit, processing: ListedUnit) {
        func listedUnit(_ id: Int64, as role: ListedUnit.Role) -> ListedUnit? { listed.first { $0.id == id && $0.role == role } }
        guard let agency = listedUnit(intake.receivingUnitID, as: .receiving) else { throw Problem.notReceivedHere }
        if let chosen = intake.processingUnitID {
            guard let unit = listedUnit(chosen, as: .processing) else { throw Problem.notProcessedThere }
            return (agency, unit)
        }
        guard let unit = listedUnit(intake.receivingUnitID, as: .processing) ?? listed.first(where: { $0.role == .processing }) else {
            throw Problem.notProcessedThere
        }
        return (agency, unit)
    }

    /// Applies a workflow action to the copy of the dossier the actor saw (`lockVersion`).
    public func act(
        _ action: DossierWorkflow.Action, on dossierID: Int64, seenLockVersion: Int, by actor: DossierWorkflow.Actor, reason: String,
        newAppointment: Date? = nil, at time: Date
    ) async throws -> Dossier {
        let store = DossierStore(database.sql)
        guard let original = try await store.find(id: dossierID) else { throw Problem.notFound }
        guard original.lockVersion == seenLockVersion else { throw Problem.staleCopy }
        guard time >= original.receivedAt.addingTimeInterval(-DossierStore.clockDifference) else { throw Problem.beforeReceipt }
        var dossier = original
        guard let version = try await ProcedureStore(database.sql).version(id: dossier.procedureVersionID) else { throw Problem.notFound }
        let reason = VietnameseText.normalized(reason)
        let next: DossierWorkflow.State
        do {
            next = try DossierWorkflow.apply(action, to: dossier.state, steps: version.procedure.steps, by: actor, reason: reason)
        } catch {
            throw Problem.workflow(error)
        }
        let deadlines = try await calculator(dossier.processingUnitID, database.sql)
        var detail: [String: String] = [:]
        switch action {
        case .requestSupplement:
            detail["dueBeforePause"] = dossier.dueAt.map { String($0.milliseconds) }
            detail["pausedAt"] = String(time.milliseconds)
            dossier.dueAt = nil
        case .supplementReceived:
            let events = try await store.events(of: dossier)
            if let pause = events.last(where: { $0.action == "requestSupplement" }), let values = Self.values(pause.detail),
                let dueText = values["dueBeforePause"], let dueBefore = Int64(dueText), let pausedText = values["pausedAt"],
                let paused = Int64(pausedText)
            {
                let resumed = try deadlines.resumedDue(
                    due: Date(milliseconds: dueBefore), pausedAt: Date(milliseconds: paused), resumedAt: time,
                    limit: version.procedure.timeLimit)
                // The appointment moves with the pause; one already pushed later by an apology stays if later.
                let apologised = dossier.appointmentAt.map { $0 > Date(milliseconds: dueBefore) } ?? false
                dossier.dueAt = resumed
                dossier.appointmentAt = apologised ? max(resumed, dossier.appointmentAt ?? resumed) : resumed
                detail["due"] = String(resumed.milliseconds)
            }
        case .issueApology:
            guard let newAppointment else { throw Problem.appointmentMissing }
            // The slip goes out before the appointment passes; a dossier already late stays late without one.
            guard time <= (dossier.appointmentAt ?? dossier.firstDueAt) else { throw Problem.apologyAfterAppointment }
            guard newAppointment > (dossier.appointmentAt ?? dossier.firstDueAt) else { throw Problem.appointmentNotLater }
            dossier.appointmentAt = newAppointment
            detail["appointment"] = String(newAppointment.milliseconds)
        case .assign(let userID):
            detail["assignee"] = String(userID)
        case .consult(let consulted, let agency):
            guard consulted != dossier.processingUnitID else { throw Problem.consultingItself }
            detail["agency"] = agency
            detail["agencyUnitID"] = String(consulted)
            dossier.consultedUnitID = consulted
        case .consultationAnswered:
            detail["agencyUnitID"] = dossier.consultedUnitID.map(String.init)
            dossier.consultedUnitID = nil
        default:
            break
        }
        dossier.state = next
        if next.status == .resultReady || next.status.isFinal, dossier.finishedAt == nil { dossier.finishedAt = time }
        let seen = dossier.lockVersion
        dossier.lockVersion += 1
        let unitID =
            [DossierStatus.received, .rejectedAtReceipt, .resultReady, .returned].contains(next.status)
            ? dossier.receivingUnitID : dossier.processingUnitID
        let updated = dossier
        let eventDetail = Self.detail(detail)
        try await database.transaction { session in
            let store = DossierStore(session)
            guard try await store.update(updated, expectedLockVersion: seen) else { throw Problem.staleCopy }
            switch action {
            case .consult, .consultationAnswered: try await store.setConsultedUnit(updated.consultedUnitID, of: updated.id)
            default: break
            }
            let events = try await store.events(of: updated)
            let event = DossierEvent(
                sequence: events.count + 1, action: action.key, actorID: actor.userID, unitID: unitID, occurredAt: time,
                reason: reason, detail: eventDetail, statusAfter: next.status, stepAfter: next.step)
            try await store.append([(event, updated.id)])
            try await StatisticsCounters(session).add(
                Self.statisticsChange(from: (original, events), to: (updated, events + [event]), calculator: deadlines))
            try await notices?.enqueue([(updated, event, version.procedure.name)], on: session)
            try await Self.enqueue(updated, event, procedureCode: version.procedure.code, on: session)
            try await AuditTrail.append(
                AuditRecord(
                    actorID: actor.userID, unitID: unitID, action: "dossier.\(action.key)", objectType: "dossier",
                    objectID: updated.code.text, reason: reason),
                at: time, on: session)
        }
        return updated
    }

    /// The change an action makes to the statistics counters: the contributions of the dossier after it,
    /// less those before it, each on its processing unit's counters.
    static func statisticsChange(
        from before: (dossier: Dossier, events: [DossierEvent]), to after: (dossier: Dossier, events: [DossierEvent]),
        calculator: DeadlineCalculator
    ) -> [(unitID: Int64, contribution: DossierStatistics.Contribution)] {
        let old = DossierStatistics.contributions(DossierStore.facts(before.dossier, events: before.events), calculator: calculator)
        let new = DossierStatistics.contributions(DossierStore.facts(after.dossier, events: after.events), calculator: calculator)
        guard before.dossier.processingUnitID == after.dossier.processingUnitID else {
            return old.map {
                (before.dossier.processingUnitID, DossierStatistics.Contribution(day: $0.day, counter: $0.counter, value: -$0.value))
            }
                + new.map { (after.dossier.processingUnitID, $0) }
        }
        return DossierStatistics.change(from: old, to: new).map { (after.dossier.processingUnitID, $0) }
    }

    /// Every event also goes to the national portal's outbox, in the same transaction.
    static func enqueue(_ dossier: Dossier, _ event: DossierEvent, procedureCode: String, on session: any SQLDatabase) async throws {
        var codes: [Int64: String] = [:]
        for row in try await session.select().columns("id", "code").from("units")
            .where("id", .in, [dossier.receivingUnitID, dossier.processingUnitID]).all()
        {
            codes[try row.decode(column: "id", as: Int64.self)] = try row.decode(column: "code", as: String.self)
        }
        try await PortalOutbox(session).enqueue([
            .init(
                dossier: dossier, event: event, units: (codes[dossier.receivingUnitID] ?? "", codes[dossier.processingUnitID] ?? ""),
                procedureCode: procedureCode)
        ])
    }

    static func nonEmpty(_ text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        return trimmed.isEmpty ? nil : trimmed
    }

    static func detail(_ values: [String: String]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? String(decoding: encoder.encode(values), as: UTF8.self)) ?? "{}"
    }

    static func values(_ detail: String) -> [String: String]? {
        try? JSONDecoder().decode([String: String].self, from: Data(detail.utf8))
    }
}
