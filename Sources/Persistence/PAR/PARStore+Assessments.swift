import Domain
import Foundation
import SQLKit

/// Each unit's assessment: self-scores, submission, the council's reviews, the unit's answers, the history of
/// every change, and the evidence files.
extension PARStore {
    public func assessments(of roundID: Int64) async throws -> [PARAssessment] {
        let rows = try await database.sql.select().column("*").from("par_assessments").where("round_id", .equal, roundID).orderBy("unit_id")
            .all()
        var result: [PARAssessment] = []
        for row in rows { result.append(try await decodeAssessment(row)) }
        return result
    }

    public func assessment(round roundID: Int64, unit unitID: Int64) async throws -> PARAssessment? {
        guard
            let row = try await database.sql.select().column("*").from("par_assessments").where("round_id", .equal, roundID)
                .where("unit_id", .equal, unitID).first()
        else { return nil }
        return try await decodeAssessment(row)
    }

    func decodeAssessment(_ row: any SQLRow) async throws -> PARAssessment {
        let id = try row.decode(column: "id", as: Int64.self)
        let entries = try await database.sql.select().column("*").from("par_entries").where("assessment_id", .equal, id).orderBy("id").all()
            .map(Self.decodeEntry)
        return PARAssessment(
            id: id, roundID: try row.decode(column: "round_id", as: Int64.self), unitID: try row.decode(column: "unit_id", as: Int64.self),
            submittedAt: try row.decode(column: "submitted_at", as: Int64?.self).map(Date.init(milliseconds:)), entries: entries)
    }

    static func decodeEntry(_ row: any SQLRow) throws -> PAREntry {
        PAREntry(
            id: try row.decode(column: "id", as: Int64.self), criterion: try row.decode(column: "criterion", as: String.self),
            selfScore: try row.decode(column: "self_score", as: Double?.self),
            explanation: try row.decode(column: "explanation", as: String.self),
            computedValue: try row.decode(column: "computed_value", as: Double?.self),
            computedPoints: try row.decode(column: "computed_points", as: Double?.self),
            review: try decodeEnum(row, "review", as: PARReview.self),
            adjustedScore: try row.decode(column: "adjusted_score", as: Double?.self),
            reviewReason: try row.decode(column: "review_reason", as: String?.self),
            response: try row.decode(column: "response", as: String?.self),
            respondedAt: try row.decode(column: "responded_at", as: Int64?.self).map(Date.init(milliseconds:)),
            version: try row.decode(column: "version", as: Int.self))
    }

    /// The round and unit of an entry (for the web layer's checks of who may act on it).
    public func locate(entryID: Int64) async throws -> (roundID: Int64, unitID: Int64, criterion: String)? {
        guard
            let row = try await database.sql.raw(
                """
                SELECT a.round_id AS round_id, a.unit_id AS unit_id, e.criterion AS criterion FROM par_entries e
                JOIN par_assessments a ON a.id = e.assessment_id WHERE e.id = \(bind: entryID)
                """
            ).first()
        else { return nil }
        return (
            try row.decode(column: "round_id", as: Int64.self), try row.decode(column: "unit_id", as: Int64.self),
            try row.decode(column: "criterion", as: String.self)
        )
    }

    /// The context of an entry: its assessment, round and criterion.
    func context(of entryID: Int64) async throws -> (
        entry: PAREntry, assessment: PARAssessment, round: PARRound, criterion: PARFramework.Criterion
    ) {
        guard let row = try await database.sql.select().column("assessment_id").from("par_entries").where("id", .equal, entryID).first(),
            let assessmentRow = try await database.sql.select().column("*").from("par_assessments")
                .where("id", .equal, try row.decode(column: "assessment_id", as: Int64.self)).first()
        else { throw Problem.notFound }
        let assessment = try await decodeAssessment(assessmentRow)
        guard let round = try await round(id: assessment.roundID), let framework = try await framework(id: round.frameworkID),
            let entry = assessment.entries.first(where: { $0.id == entryID }),
            let criterion = framework.framework.leaves.first(where: { $0.code == entry.criterion })
        else { throw Problem.notFound }
        return (entry, assessment, round, criterion)
    }

    /// The unit's own score and explanation of a criterion, while it self-assesses and has not submitted.
    public func selfAssess(entryID: Int64, score: Double?, explanation: String, seenVersion: Int, by userID: Int64?, at time: Date)
        async throws
    {
        let (entry, assessment, round, criterion) = try await context(of: entryID)
        guard round.status == .open else { throw Problem.notNow(round.status) }
        guard assessment.submittedAt == nil else { throw Problem.alreadySubmitted }
        if let score { guard score >= 0, score <= criterion.max, score.isFinite else { throw Problem.badScore(max: criterion.max) } }
        try await change(entry, seenVersion: seenVersion, action: "self", score: score, reason: explanation, by: userID, at: time) {
            update in
            update.set("self_score", to: score).set("explanation", to: VietnameseText.normalized(explanation))
        }
    }

    /// Submits a unit's assessment with the platform's figures of its computed criteria (kept as they were).
    public func submit(_ assessmentID: Int64, computed: [String: (value: Double, points: Double)], by userID: Int64?, at time: Date)
        async throws
    {
        guard let row = try await database.sql.select().column("*").from("par_assessments").where("id", .equal, assessmentID).first() else {
            throw Problem.notFound
        }
        let assessment = try await decodeAssessment(row)
        guard let round = try await round(id: assessment.roundID) else { throw Problem.notFound }
        guard round.status == .open else { throw Problem.notNow(round.status) }
        try await database.transaction { session in
            let submitted = try await session.update("par_assessments").set("submitted_by", to: userID).set(
                "submitted_at", to: time.milliseconds
            )
            .where("id", .equal, assessmentID).where("submitted_at", .is, SQLLiteral.null).returning("id").all()
            guard !submitted.isEmpty else { throw Problem.alreadySubmitted }
            for entry in assessment.entries {
                guard let figure = computed[entry.criterion] else { continue }
                try await session.update("par_entries").set("computed_value", to: figure.value).set("computed_points", to: figure.points)
                    .where("id", .equal, entry.id).run()
            }
            try await AuditTrail.append(
                AuditRecord(
                    actorID: userID, unitID: assessment.unitID, action: "par.submit", objectType: "parAssessment",
                    objectID: String(assessmentID)), at: time, on: session)
        }
    }

    /// The council's decision on a criterion: accept, adjust (a score and a reason) or ask for more evidence (a reason).
    public func review(
        entryID: Int64, _ decision: PARReview, score: Double?, reason: String, seenVersion: Int, by userID: Int64?, at time: Date
    ) async throws {
        let (entry, assessment, round, criterion) = try await context(of: entryID)
        guard round.status == .appraisal else { throw Problem.notNow(round.status) }
        guard assessment.submittedAt != nil else { throw Problem.notSubmitted }
        let reason = VietnameseText.normalized(reason).trimmingCharacters(in: .whitespaces)
        switch decision {
        case .accepted: break
        case .adjusted:
            guard let score, score >= 0, score <= criterion.max, score.isFinite else { throw Problem.badScore(max: criterion.max) }
            guard !reason.isEmpty else { throw Problem.needsReason }
        case .moreEvidence:
            guard !reason.isEmpty else { throw Problem.needsReason }
            guard entry.respondedAt == nil else { throw Problem.alreadyAnswered }
        case .pending, .responded:
            throw Problem.notNow(round.status)
        }
        try await change(
            entry, seenVersion: seenVersion, action: decision.rawValue, score: decision == .adjusted ? score : entry.proposed,
            reason: reason, by: userID, at: time
        ) { update in
            update.set("review", to: decision.rawValue).set("adjusted_score", to: decision == .adjusted ? score : nil)
                .set("review_reason", to: reason.isEmpty ? nil : reason)
        }
    }

    /// The unit's one answer to a request for more evidence, before the response deadline; the criterion goes
    /// back to the council.
    public func respond(entryID: Int64, text: String, seenVersion: Int, today: LocalDate, by userID: Int64?, at time: Date) async throws {
        let (entry, _, round, _) = try await context(of: entryID)
        guard round.status == .appraisal else { throw Problem.notNow(round.status) }
        guard entry.review == .moreEvidence else { throw entry.respondedAt == nil ? Problem.noRequest : Problem.alreadyAnswered }
        guard entry.respondedAt == nil else { throw Problem.alreadyAnswered }
        guard today <= round.responseDue else { throw Problem.pastDeadline(round.responseDue) }
        let text = VietnameseText.normalized(text).trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { throw Problem.needsReason }
        try await change(entry, seenVersion: seenVersion, action: "respond", score: nil, reason: text, by: userID, at: time) { update in
            update.set("review", to: PARReview.responded.rawValue).set("response", to: text).set("responded_at", to: time.milliseconds)
        }
    }

    /// One change of an entry: only from the version seen, with a history row, in one transaction.
    func change(
        _ entry: PAREntry, seenVersion: Int, action: String, score: Double?, reason: String?, by userID: Int64?, at time: Date,
        _ set: @escaping @Sendable (SQLUpdateBuilder) -> SQLUpdateBuilder
    ) async throws {
        try await database.transaction { session in
            let updated = try await set(session.update("par_entries")).set("version", to: seenVersion + 1).set(
                "updated_at", to: time.milliseconds
            )
            .where("id", .equal, entry.id).where("version", .equal, seenVersion).returning("id").all()
            guard !updated.isEmpty else { throw Problem.stale }
            try await session.insert(into: "par_entry_history").columns("entry_id", "actor_id", "action", "score", "reason", "at")
                .values(SQLBind(entry.id), SQLBind(userID), SQLBind(action), SQLBind(score), SQLBind(reason), SQLBind(time.milliseconds))
                .run()
        }
    }

    public func history(of entryID: Int64) async throws -> [PARHistoryRow] {
        try await database.sql.select().column("*").from("par_entry_history").where("entry_id", .equal, entryID).orderBy("id").all().map {
            row in
            PARHistoryRow(
                actorID: try row.decode(column: "actor_id", as: Int64?.self), action: try row.decode(column: "action", as: String.self),
                score: try row.decode(column: "score", as: Double?.self), reason: try row.decode(column: "reason", as: String?.self),
                at: Date(milliseconds: try row.decode(column: "at", as: Int64.self)))
        }
    }

    // MARK: Evidence

    /// Adds an evidence file to a criterion, under the attachment rules (type by its bytes, size), while the
    /// unit self-assesses or answers a request for evidence.
    @discardableResult
    public func addEvidence(entryID: Int64, data: Data, name: String, by userID: Int64?, at time: Date) async throws -> PAREvidence {
        let (entry, assessment, round, _) = try await context(of: entryID)
        switch round.status {
        case .open: guard assessment.submittedAt == nil else { throw Problem.alreadySubmitted }
        case .appraisal: guard entry.review == .moreEvidence else { throw Problem.noRequest }
        default: throw Problem.notNow(round.status)
        }
        let file = try await files.admit(data, name: name)
        let (cleanName, type, hash) = (file.name, file.type, file.sha256)
        return try await database.transaction { session in
            let row = try await session.insert(into: "par_evidence").columns(
                "entry_id", "sha256", "size", "file_type", "original_name", "uploaded_by", "uploaded_at"
            )
            .values(
                SQLBind(entryID), SQLBind(hash), SQLBind(Int64(data.count)), SQLBind(type.rawValue), SQLBind(cleanName), SQLBind(userID),
                SQLBind(time.milliseconds)
            )
            .returning("id").first()
            guard let id = try row?.decode(column: "id", as: Int64.self) else {
                throw PersistenceError.corrupt("evidence insert returned no id")
            }
            try await AuditTrail.append(
                AuditRecord(
                    actorID: userID, unitID: assessment.unitID, action: "par.evidence", objectType: "parEntry",
                    objectID: String(entryID), reason: "tệp \(type.rawValue), \(data.count) byte, SHA-256 \(hash.prefix(16))…"),
                at: time, on: session)
            return PAREvidence(
                id: id, entryID: entryID, sha256: hash, size: data.count, fileType: type, originalName: cleanName, uploadedAt: time)
        }
    }

    public func evidence(of assessment: PARAssessment) async throws -> [Int64: [PAREvidence]] {
        let ids = assessment.entries.map(\.id)
        guard !ids.isEmpty else { return [:] }
        var result: [Int64: [PAREvidence]] = [:]
        for row in try await database.sql.select().column("*").from("par_evidence").where("entry_id", .in, ids).orderBy("id").all() {
            let item = PAREvidence(
                id: try row.decode(column: "id", as: Int64.self), entryID: try row.decode(column: "entry_id", as: Int64.self),
                sha256: try row.decode(column: "sha256", as: String.self), size: try row.decode(column: "size", as: Int.self),
                fileType: try decodeEnum(row, "file_type", as: FileType.self),
                originalName: try row.decode(column: "original_name", as: String.self),
                uploadedAt: Date(milliseconds: try row.decode(column: "uploaded_at", as: Int64.self)))
            result[item.entryID, default: []].append(item)
        }
        return result
    }

    public func evidenceFile(_ evidence: PAREvidence) throws -> Data { try files.read(evidence.sha256) }
}

/// What a unit owes a round still running: its self-assessment until it is submitted, then the criteria for which
/// the council asked for more evidence, each by its day.
public struct PARUnitTask: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case selfAssessment
        case evidence(criteria: Int)
    }

    public var roundID: Int64
    public var unitID: Int64
    public var kind: Kind
    public var due: LocalDate

    public init(roundID: Int64, unitID: Int64, kind: Kind, due: LocalDate) {
        self.roundID = roundID
        self.unitID = unitID
        self.kind = kind
        self.due = due
    }
}

extension PARStore {
    /// The tasks these units owe the open rounds (self-assessment) and the rounds under appraisal (evidence asked for).
    public func tasks(ofUnits units: [Int64]) async throws -> [PARUnitTask] {
        guard !units.isEmpty else { return [] }
        let sql = database.sql
        let selfAssessments = try await sql.select().column(SQLColumn("round_id", table: "a")).column(SQLColumn("unit_id", table: "a"))
            .column(SQLColumn("self_due", table: "r"), as: "due")
            .from(SQLAlias(SQLIdentifier("par_assessments"), as: SQLIdentifier("a")))
            .join(
                SQLAlias(SQLIdentifier("par_rounds"), as: SQLIdentifier("r")), on: SQLColumn("id", table: "r"), .equal,
                SQLColumn("round_id", table: "a")
            )
            .where(SQLColumn("status", table: "r"), .equal, SQLBind(PARRoundStatus.open.rawValue))
            .where(SQLColumn("submitted_at", table: "a"), .is, SQLLiteral.null)
            .where(SQLColumn("unit_id", table: "a"), .in, SQLBind.group(units))
            .all()
        let evidence = try await sql.select().column(SQLColumn("round_id", table: "a")).column(SQLColumn("unit_id", table: "a"))
            .column(SQLColumn("response_due", table: "r"), as: "due").column(
                SQLFunction("COUNT", args: SQLColumn("id", table: "e")), as: "criteria"
            )
            .from(SQLAlias(SQLIdentifier("par_entries"), as: SQLIdentifier("e")))
            .join(
                SQLAlias(SQLIdentifier("par_assessments"), as: SQLIdentifier("a")), on: SQLColumn("id", table: "a"), .equal,
                SQLColumn("assessment_id", table: "e")
            )
            .join(
                SQLAlias(SQLIdentifier("par_rounds"), as: SQLIdentifier("r")), on: SQLColumn("id", table: "r"), .equal,
                SQLColumn("round_id", table: "a")
            )
            .where(SQLColumn("status", table: "r"), .equal, SQLBind(PARRoundStatus.appraisal.rawValue))
            .where(SQLColumn("review", table: "e"), .equal, SQLBind(PARReview.moreEvidence.rawValue))
            .where(SQLColumn("unit_id", table: "a"), .in, SQLBind.group(units))
            .groupBy(SQLColumn("round_id", table: "a")).groupBy(SQLColumn("unit_id", table: "a")).groupBy(
                SQLColumn("response_due", table: "r")
            )
            .all()
        func task(_ row: any SQLRow, _ kind: PARUnitTask.Kind) throws -> PARUnitTask {
            guard let due = LocalDate(iso: try row.decode(column: "due", as: String.self)) else {
                throw PersistenceError.corrupt("round date")
            }
            return PARUnitTask(
                roundID: try row.decode(column: "round_id", as: Int64.self), unitID: try row.decode(column: "unit_id", as: Int64.self),
                kind: kind, due: due)
        }
        return try
            (selfAssessments.map { try task($0, .selfAssessment) }
            + evidence.map { try task($0, .evidence(criteria: try $0.decode(column: "criteria", as: Int.self))) })
            .sorted { ($0.due, $0.roundID, $0.unitID) < ($1.due, $1.roundID, $1.unitID) }
    }
}
