import Domain
import Foundation
import SQLKit

/// Receives intakes with group commit: while one transaction is being written, the intakes that arrive wait
/// and then go together in the next one — the catalogue and office hours read once for all, codes for each
/// agency's day reserved by one upsert, dossiers, first events, portal messages and audit rows each in one
/// multi-row insert. A lone intake is written at once; under load the cost of a transaction and its
/// statements is shared.
///
/// Measured by `motcua bench intake`: the per-statement cost (a thread hop each way on SQLite), not the
/// disk sync, dominates an intake, so sharing statements is what raises throughput.
actor IntakeWriter {
    /// An intake the desk has checked on its own (applicant, role), with the moment and day of receipt.
    struct Request: Sendable {
        var intake: DossierDesk.Intake
        var actorID: Int64
        var time: Date
        var day: LocalDate
        /// Filed online by a citizen from this draft: its files become the dossier's attachments.
        var online: OnlineDraft? = nil
    }

    /// At most this many intakes share a transaction (23 binds per dossier row stays far below both
    /// databases' bind limits).
    static let largestBatch = 64

    private let database: Database
    private let calculator: DossierDesk.Calculator
    private let notices: DossierNotices?
    private var waiting: [(request: Request, reply: CheckedContinuation<Dossier, any Error>)] = []
    private var isWriting = false

    init(database: Database, calculator: @escaping DossierDesk.Calculator, notices: DossierNotices?) {
        self.database = database
        self.calculator = calculator
        self.notices = notices
    }

    /// Writes the intake, alone or with others that arrive meanwhile, and returns the stored dossier.
    func write(_ request: Request) async throws -> Dossier {
        try await withCheckedThrowingContinuation { reply in
            waiting.append((request, reply))
            if !isWriting {
                isWriting = true
                Task { await drain() }
            }
        }
    }

    private func drain() async {
        while !waiting.isEmpty {
            let batch = Array(waiting.prefix(Self.largestBatch))
            waiting.removeFirst(batch.count)
            do {
                let outcomes = try await Self.write(batch.map(\.request), calculator: calculator, notices: notices, on: database)
                for (item, outcome) in zip(batch, outcomes) { item.reply.resume(with: outcome) }
            } catch  where batch.count > 1 {
                // A failing statement must not sink the others: write each alone, so each gets its own outcome.
                for item in batch {
                    do {
                        item.reply.resume(
                            with: try await Self.write([item.request], calculator: calculator, notices: notices, on: database)[0])
                    } catch {
                        item.reply.resume(throwing: error)
                    }
                }
            } catch {
                batch[0].reply.resume(throwing: error)
            }
        }
        isWriting = false
    }

    /// An intake resolved against the catalogue: everything but its code and id.
    private struct Resolved {
        var request: Request
        var procedure: ProcedureSummary
        var agency: ListedUnit
        var processing: ListedUnit
        var calculator: DeadlineCalculator
        var due: Date
    }

    /// One transaction for all of `requests`: the catalogue and calendar are read once for the batch, each
    /// request is accepted or refused on its own, and the accepted ones are written together, in order.
    static func write(
        _ requests: [Request], calculator: @escaping DossierDesk.Calculator, notices: DossierNotices?, on database: Database
    ) async throws -> [Result<Dossier, any Error>] {
        try await database.transaction { session in
            let procedures = ProcedureStore(session)
            let summaries = try await procedures.summaries(codes: Set(requests.map(\.intake.procedureCode)))
            let listed = try await procedures.units(
                ofVersions: Set(summaries.values.map(\.versionID)),
                among: Set(requests.flatMap { [$0.intake.receivingUnitID] + ($0.intake.processingUnitID.map { [$0] } ?? []) }))
            var calculators: [Int64: DeadlineCalculator] = [:]
            var outcomes: [Result<Resolved, any Error>] = []
            for request in requests {
                do {
                    guard let procedure = summaries[request.intake.procedureCode] else { throw DossierDesk.Problem.unknownProcedure }
                    if request.online != nil, procedure.onlineLevel == .inPerson { throw DossierDesk.Problem.notOnline }
                    let (agency, processing) = try DossierDesk.units(for: request.intake, among: listed[procedure.versionID] ?? [])
                    if calculators[processing.id] == nil { calculators[processing.id] = try await calculator(processing.id, session) }
                    let deadlines = calculators[processing.id]!
                    // A same-day procedure may state its own cut-off (in its definition, not in the summary).
                    var sameDay = SameDayRule.documented
                    if case .workingDays(0) = procedure.timeLimit,
                        let rule = try await ProcedureStore(session).version(id: procedure.versionID)?.procedure.sameDayRule
                    {
                        sameDay = rule
                    }
                    let due = try deadlines.due(receivedAt: request.time, limit: procedure.timeLimit, sameDay: sameDay)
                    outcomes.append(
                        .success(
                            Resolved(
                                request: request, procedure: procedure, agency: agency, processing: processing,
                                calculator: deadlines, due: due)))
                } catch {
                    outcomes.append(.failure(error))
                }
            }
            let accepted = outcomes.compactMap { try? $0.get() }
            let written = try await insert(accepted, notices: notices, on: session)
            var next = written.makeIterator()
            return outcomes.map { outcome in outcome.map { _ in next.next()! } }
        }
    }

    /// Codes, dossiers, first events, portal messages, statistics counters and audit rows of resolved intakes,
    /// a statement each.
    private static func insert(_ intakes: [Resolved], notices: DossierNotices?, on session: any SQLDatabase) async throws -> [Dossier] {
        guard !intakes.isEmpty else { return [] }
        let store = DossierStore(session)
        // Codes: consecutive numbers per agency and day, in arrival order.
        var next: [String: Int] = [:]
        var dossiers: [Dossier] = []
        dossiers.reserveCapacity(intakes.count)
        for intake in intakes {
            let day = intake.request.day
            let key = "\(intake.agency.id) \(day.iso)"
            if next[key] == nil {
                let count = intakes.count { $0.agency.id == intake.agency.id && $0.request.day == day }
                next[key] = try await store.reserveSequences(count, agencyUnitID: intake.agency.id, day: day)
            }
            let sequence = next[key]!
            next[key] = sequence + 1
            dossiers.append(
                Dossier(
                    id: 0, code: DossierCode(agencyCode: intake.agency.code, day: day, sequence: sequence),
                    receivingUnitID: intake.agency.id,
                    processingUnitID: intake.processing.id, procedureVersionID: intake.procedure.versionID,
                    channel: intake.request.intake.channel,
                    applicant: intake.request.intake.applicant, state: .init(), receivedAt: intake.request.time, firstDueAt: intake.due,
                    dueAt: intake.due, appointmentAt: intake.due, finishedAt: nil, lockVersion: 1, isDemo: intake.request.intake.isDemo,
                    service: ServiceFacts(fullyOnlineOffered: intake.procedure.onlineLevel == .fullyOnline, feeDue: intake.procedure.hasFee)
                ))
        }
        for (index, id) in try await store.insert(dossiers).enumerated() { dossiers[index].id = id }
        let events = zip(intakes, dossiers).map { intake, dossier in
            DossierEvent(
                sequence: 1, action: "receive", actorID: intake.request.actorID, unitID: intake.agency.id, occurredAt: intake.request.time,
                reason: "",
                detail: DossierDesk.detail(
                    ["channel": dossier.channel.rawValue, "due": String(intake.due.milliseconds)]
                        .merging(intake.request.intake.receiptDetail) { first, _ in first }),
                statusAfter: .received, stepAfter: 0)
        }
        try await store.append(zip(events, dossiers).map { ($0, $1.id) })
        try await PortalOutbox(session).enqueue(
            zip(intakes, zip(dossiers, events)).map { intake, pair in
                .init(
                    dossier: pair.0, event: pair.1, units: (intake.agency.code, intake.processing.code),
                    procedureCode: intake.procedure.code)
            })
        try await StatisticsCounters(session).add(
            zip(intakes, dossiers).flatMap { intake, dossier in
                DossierStatistics.contributions(DossierStore.facts(dossier, events: []), calculator: intake.calculator).map {
                    (dossier.processingUnitID, $0)
                }
            })
        for (intake, dossier) in zip(intakes, dossiers) {
            guard let draft = intake.request.online else { continue }
            try await fileOnline(dossier, from: draft, at: intake.request.time, on: session)
        }
        try await notices?.enqueue(
            zip(intakes, zip(dossiers, events)).map { intake, pair in (pair.0, pair.1, intake.procedure.name) }, on: session)
        try await AuditTrail.append(
            zip(intakes, dossiers).map { intake, dossier in
                (
                    AuditRecord(
                        actorID: intake.request.actorID, unitID: intake.agency.id, action: "dossier.receive", objectType: "dossier",
                        objectID: dossier.code.text, reason: intake.procedure.code), intake.request.time
                )
            }, on: session)
        return dossiers
    }

    /// An online dossier: who filed it, and the draft's files as its attachments (the draft is gone after).
    private static func fileOnline(_ dossier: Dossier, from draft: OnlineDraft, at time: Date, on session: any SQLDatabase) async throws {
        try await session.update("dossiers").set("citizen_user_id", to: draft.userID).where("id", .equal, dossier.id).run()
        if !draft.files.isEmpty {
            let insert = session.insert(into: "dossier_attachments")
                .columns("dossier_id", "sha256", "size", "file_type", "original_name", "description", "uploaded_by", "uploaded_at")
            for file in draft.files {
                insert.values(
                    SQLBind(dossier.id), SQLBind(file.sha256), SQLBind(Int64(file.size)), SQLBind(file.fileType.rawValue),
                    SQLBind(file.originalName), SQLBind(file.document), SQLBind(draft.userID), SQLBind(file.uploadedAt.milliseconds))
            }
            try await insert.run()
        }
        try await session.delete(from: "draft_files").where("draft_id", .equal, draft.id).run()
        try await session.delete(from: "online_drafts").where("id", .equal, draft.id).run()
    }
}
