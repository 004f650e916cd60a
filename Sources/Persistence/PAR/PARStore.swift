import Domain
import Foundation
import SQLKit

/// A stored framework: one per year and kind of unit, frozen once a round starts.
public struct StoredPARFramework: Sendable, Equatable {
    public var id: Int64
    public var framework: PARFramework
    public var frozen: Bool
    public var updatedAt: Date
}

/// An assessment round of one framework.
public struct PARRound: Sendable, Equatable {
    public var id: Int64
    public var frameworkID: Int64
    public var status: PARRoundStatus
    /// The last day of the self-assessment, and of the units' answers to requests for evidence.
    public var selfDue: LocalDate
    public var responseDue: LocalDate
    public var openedAt: Date
    public var approvedAt: Date?
}

/// One unit's assessment in a round.
public struct PARAssessment: Sendable, Equatable {
    public var id: Int64
    public var roundID: Int64
    public var unitID: Int64
    public var submittedAt: Date?
    public var entries: [PAREntry]

    public func entry(_ code: String) -> PAREntry? { entries.first { $0.criterion == code } }
}

/// A file given as evidence for a criterion.
public struct PAREvidence: Sendable, Equatable {
    public var id: Int64
    public var entryID: Int64
    public var sha256: String
    public var size: Int
    public var fileType: FileType
    public var originalName: String
    public var uploadedAt: Date
}

/// A change of a criterion's score or review, kept with who, when and why.
public struct PARHistoryRow: Sendable, Equatable {
    public var actorID: Int64?
    public var action: String
    public var score: Double?
    public var reason: String?
    public var at: Date
}

/// The PAR INDEX process in the database: frameworks, rounds, assessments with their entries, evidence and
/// history, approval and versioned publications. The web layer checks who may act; the store checks when.
public struct PARStore: Sendable {
    let database: Database
    let files: FileStore

    public init(database: Database, files: FileStore) {
        self.database = database
        self.files = files
    }

    public enum Problem: Error, Equatable {
        case notFound
        case frozen
        case roundExists
        case badDeadlines
        case noUnits
        case notNow(PARRoundStatus)
        case alreadySubmitted
        case notSubmitted
        case stale
        case badScore(max: Double)
        case needsReason
        case alreadyAnswered
        case noRequest
        case pastDeadline(LocalDate)
        case notReviewed(Int)
        case published

        public var message: String {
            switch self {
            case .notFound: "Không tìm thấy dữ liệu yêu cầu."
            case .frozen: "Bộ tiêu chí đã được dùng cho một đợt đánh giá nên không được sửa."
            case .roundExists: "Bộ tiêu chí này đã có đợt đánh giá."
            case .badDeadlines: "Hạn tự đánh giá phải sau hôm nay và hạn giải trình phải sau hạn tự đánh giá."
            case .noUnits: "Không có đơn vị nào thuộc loại mà bộ tiêu chí chấm điểm."
            case .notNow(let status): "Không thể thực hiện khi đợt đánh giá ở giai đoạn “\(status.title)”."
            case .alreadySubmitted: "Đơn vị đã gửi bản tự đánh giá; không sửa được nữa."
            case .notSubmitted: "Đơn vị chưa gửi bản tự đánh giá."
            case .stale: "Tiêu chí vừa được người khác cập nhật. Vui lòng tải lại trang rồi thao tác lại."
            case .badScore(let max): "Điểm phải là một số từ 0 đến \(Self.number(max))."
            case .needsReason: "Vui lòng ghi lý do."
            case .alreadyAnswered: "Đơn vị chỉ được giải trình một lần cho mỗi yêu cầu của Hội đồng."
            case .noRequest: "Hội đồng không yêu cầu bổ sung cho tiêu chí này."
            case .pastDeadline(let day): "Đã quá hạn giải trình (\(day.vietnamese))."
            case .notReviewed(let count): "Còn \(count) tiêu chí chưa được thẩm định xong (chấp nhận hoặc điều chỉnh)."
            case .published: "Kết quả đã công bố được giữ nguyên; không ai sửa được."
            }
        }

        static func number(_ value: Double) -> String {
            value == value.rounded() ? String(Int(value)) : String(value).replacingOccurrences(of: ".", with: ",")
        }
    }

    // MARK: Frameworks

    /// Stores a framework for its year and kind of unit (replacing the one there unless a round froze it).
    @discardableResult
    public func load(_ framework: PARFramework, by userID: Int64?, at time: Date) async throws -> Int64 {
        let definition = String(decoding: try framework.json(), as: UTF8.self)
        return try await database.transaction { session in
            let existing = try await session.select().columns("id", "frozen").from("par_frameworks")
                .where("year", .equal, framework.year).where("unit_kind", .equal, framework.unitKind.rawValue).first()
            let id: Int64
            if let existing {
                guard try !existing.decode(column: "frozen", as: Bool.self) else { throw Problem.frozen }
                id = try existing.decode(column: "id", as: Int64.self)
                try await session.update("par_frameworks").set("definition", to: definition).set("updated_by", to: userID)
                    .set("updated_at", to: time.milliseconds).where("id", .equal, id).run()
            } else {
                let row = try await session.insert(into: "par_frameworks").columns("year", "unit_kind", "definition", "frozen", "updated_by", "updated_at")
                    .values(SQLBind(framework.year), SQLBind(framework.unitKind.rawValue), SQLBind(definition), SQLBind(false), SQLBind(userID),
                            SQLBind(time.milliseconds))
                    .returning("id").first()
                guard let new = try row?.decode(column: "id", as: Int64.self) else { throw PersistenceError.corrupt("framework insert returned no id") }
                id = new
            }
            try await AuditTrail.append(AuditRecord(actorID: userID, action: "par.loadFramework", objectType: "parFramework", objectID: String(id),
                                                    reason: "\(framework.year) \(framework.unitKind.rawValue)"), at: time, on: session)
            return id
        }
    }

    public func framework(id: Int64) async throws -> StoredPARFramework? {
        try await database.sql.select().column("*").from("par_frameworks").where("id", .equal, id).first().map(Self.decodeFramework)
    }

    public func frameworks() async throws -> [StoredPARFramework] {
        try await database.sql.select().column("*").from("par_frameworks").orderBy("year", .descending).orderBy("unit_kind").all().map(Self.decodeFramework)
    }

    static func decodeFramework(_ row: any SQLRow) throws -> StoredPARFramework {
        StoredPARFramework(id: try row.decode(column: "id", as: Int64.self),
                           framework: try PARFramework(json: Data(try row.decode(column: "definition", as: String.self).utf8)),
                           frozen: try row.decode(column: "frozen", as: Bool.self),
                           updatedAt: Date(milliseconds: try row.decode(column: "updated_at", as: Int64.self)))
    }

    // MARK: Rounds

    /// Opens the round of a framework for these units: the framework is frozen, every unit gets an empty
    /// assessment with one entry per leaf.
    @discardableResult
    public func openRound(frameworkID: Int64, units: [Int64], selfDue: LocalDate, responseDue: LocalDate, today: LocalDate,
                          by userID: Int64?, at time: Date) async throws -> Int64 {
        guard let stored = try await framework(id: frameworkID) else { throw Problem.notFound }
        guard selfDue > today, responseDue > selfDue else { throw Problem.badDeadlines }
        guard !units.isEmpty else { throw Problem.noUnits }
        let leaves = stored.framework.leaves.map(\.code)
        return try await database.transaction { session in
            let frozen = try await session.update("par_frameworks").set("frozen", to: true).where("id", .equal, frameworkID).where("frozen", .equal, false)
                .returning("id").all()
            guard !frozen.isEmpty else { throw Problem.roundExists }
            let row = try await session.insert(into: "par_rounds").columns("framework_id", "status", "self_due", "response_due", "opened_by", "opened_at")
                .values(SQLBind(frameworkID), SQLBind(PARRoundStatus.open.rawValue), SQLBind(selfDue.iso), SQLBind(responseDue.iso), SQLBind(userID),
                        SQLBind(time.milliseconds))
                .returning("id").first()
            guard let roundID = try row?.decode(column: "id", as: Int64.self) else { throw PersistenceError.corrupt("round insert returned no id") }
            for unit in Set(units).sorted() {
                let assessment = try await session.insert(into: "par_assessments").columns("round_id", "unit_id").values(SQLBind(roundID), SQLBind(unit))
                    .returning("id").first()
                guard let assessmentID = try assessment?.decode(column: "id", as: Int64.self) else { throw PersistenceError.corrupt("assessment insert") }
                let entries = session.insert(into: "par_entries").columns("assessment_id", "criterion", "explanation", "review", "version", "updated_at")
                for code in leaves {
                    entries.values(SQLBind(assessmentID), SQLBind(code), SQLBind(""), SQLBind(PARReview.pending.rawValue), SQLBind(0), SQLBind(time.milliseconds))
                }
                try await entries.run()
            }
            try await AuditTrail.append(AuditRecord(actorID: userID, action: "par.openRound", objectType: "parRound", objectID: String(roundID),
                                                    reason: "\(units.count) units, self-assessment until \(selfDue.iso)"), at: time, on: session)
            return roundID
        }
    }

    public func round(id: Int64) async throws -> PARRound? {
        try await database.sql.select().column("*").from("par_rounds").where("id", .equal, id).first().map(Self.decodeRound)
    }

    public func rounds() async throws -> [PARRound] {
        try await database.sql.select().column("*").from("par_rounds").orderBy("id", .descending).all().map(Self.decodeRound)
    }

    static func decodeRound(_ row: any SQLRow) throws -> PARRound {
        guard let selfDue = LocalDate(iso: try row.decode(column: "self_due", as: String.self)),
              let responseDue = LocalDate(iso: try row.decode(column: "response_due", as: String.self)) else { throw PersistenceError.corrupt("round dates") }
        return PARRound(id: try row.decode(column: "id", as: Int64.self), frameworkID: try row.decode(column: "framework_id", as: Int64.self),
                        status: try decodeEnum(row, "status", as: PARRoundStatus.self), selfDue: selfDue, responseDue: responseDue,
                        openedAt: Date(milliseconds: try row.decode(column: "opened_at", as: Int64.self)),
                        approvedAt: try row.decode(column: "approved_at", as: Int64?.self).map(Date.init(milliseconds:)))
    }

    /// Moves a round on: open → appraisal (the secretariat closes the self-assessment), appraisal → approved
    /// (the chair, once every criterion of every unit is decided).
    public func advance(_ roundID: Int64, to next: PARRoundStatus, by userID: Int64?, at time: Date) async throws {
        guard let round = try await round(id: roundID) else { throw Problem.notFound }
        switch (round.status, next) {
        case (.open, .appraisal): break
        case (.appraisal, .approved):
            let undecided = try await database.sql.raw("""
                SELECT COUNT(*) AS n FROM par_entries e JOIN par_assessments a ON a.id = e.assessment_id
                WHERE a.round_id = \(bind: roundID) AND a.submitted_at IS NOT NULL AND e.review NOT IN ('accepted', 'adjusted')
                """).first()!.decode(column: "n", as: Int.self)
            guard undecided == 0 else { throw Problem.notReviewed(undecided) }
        default:
            throw Problem.notNow(round.status)
        }
        try await database.transaction { session in
            let update = session.update("par_rounds").set("status", to: next.rawValue)
            if next == .approved { update.set("approved_by", to: userID).set("approved_at", to: time.milliseconds) }
            let moved = try await update.where("id", .equal, roundID).where("status", .equal, round.status.rawValue).returning("id").all()
            guard !moved.isEmpty else { throw Problem.stale }
            try await AuditTrail.append(AuditRecord(actorID: userID, action: "par.\(next.rawValue)", objectType: "parRound", objectID: String(roundID)),
                                        at: time, on: session)
        }
    }

    // MARK: Assessments

    public func assessments(of roundID: Int64) async throws -> [PARAssessment] {
        let rows = try await database.sql.select().column("*").from("par_assessments").where("round_id", .equal, roundID).orderBy("unit_id").all()
        var result: [PARAssessment] = []
        for row in rows { result.append(try await decodeAssessment(row)) }
        return result
    }

    public func assessment(round roundID: Int64, unit unitID: Int64) async throws -> PARAssessment? {
        guard let row = try await database.sql.select().column("*").from("par_assessments").where("round_id", .equal, roundID)
            .where("unit_id", .equal, unitID).first() else { return nil }
        return try await decodeAssessment(row)
    }

    func decodeAssessment(_ row: any SQLRow) async throws -> PARAssessment {
        let id = try row.decode(column: "id", as: Int64.self)
        let entries = try await database.sql.select().column("*").from("par_entries").where("assessment_id", .equal, id).orderBy("id").all().map(Self.decodeEntry)
        return PARAssessment(id: id, roundID: try row.decode(column: "round_id", as: Int64.self), unitID: try row.decode(column: "unit_id", as: Int64.self),
                             submittedAt: try row.decode(column: "submitted_at", as: Int64?.self).map(Date.init(milliseconds:)), entries: entries)
    }

    static func decodeEntry(_ row: any SQLRow) throws -> PAREntry {
        PAREntry(id: try row.decode(column: "id", as: Int64.self), criterion: try row.decode(column: "criterion", as: String.self),
                 selfScore: try row.decode(column: "self_score", as: Double?.self), explanation: try row.decode(column: "explanation", as: String.self),
                 computedValue: try row.decode(column: "computed_value", as: Double?.self),
                 computedPoints: try row.decode(column: "computed_points", as: Double?.self),
                 review: try decodeEnum(row, "review", as: PARReview.self), adjustedScore: try row.decode(column: "adjusted_score", as: Double?.self),
                 reviewReason: try row.decode(column: "review_reason", as: String?.self), response: try row.decode(column: "response", as: String?.self),
                 respondedAt: try row.decode(column: "responded_at", as: Int64?.self).map(Date.init(milliseconds:)),
                 version: try row.decode(column: "version", as: Int.self))
    }

    /// The round and unit of an entry (for the web layer's checks of who may act on it).
    public func locate(entryID: Int64) async throws -> (roundID: Int64, unitID: Int64, criterion: String)? {
        guard let row = try await database.sql.raw("""
            SELECT a.round_id AS round_id, a.unit_id AS unit_id, e.criterion AS criterion FROM par_entries e
            JOIN par_assessments a ON a.id = e.assessment_id WHERE e.id = \(bind: entryID)
            """).first() else { return nil }
        return (try row.decode(column: "round_id", as: Int64.self), try row.decode(column: "unit_id", as: Int64.self),
                try row.decode(column: "criterion", as: String.self))
    }

    /// The published rounds, newest first, with their framework.
    public func publishedRounds() async throws -> [(round: PARRound, framework: PARFramework)] {
        var result: [(round: PARRound, framework: PARFramework)] = []
        for round in try await rounds() where round.status == .published {
            if let framework = try await framework(id: round.frameworkID) { result.append((round, framework.framework)) }
        }
        return result
    }

    /// The previous year's published indices of the same kind of unit, by unit code (for the change).
    public func previousIndices(before framework: PARFramework) async throws -> [String: Double] {
        for (round, earlier) in try await publishedRounds() where earlier.year == framework.year - 1 && earlier.unitKind == framework.unitKind {
            guard let published = try await publication(of: round.id),
                  let document = try? JSONDecoder().decode(PARPublication.self, from: published.document) else { continue }
            return Dictionary(uniqueKeysWithValues: document.units.map { ($0.code, $0.index) })
        }
        return [:]
    }

    /// The context of an entry: its assessment, round and criterion.
    func context(of entryID: Int64) async throws -> (entry: PAREntry, assessment: PARAssessment, round: PARRound, criterion: PARFramework.Criterion) {
        guard let row = try await database.sql.select().column("assessment_id").from("par_entries").where("id", .equal, entryID).first(),
              let assessmentRow = try await database.sql.select().column("*").from("par_assessments")
                .where("id", .equal, try row.decode(column: "assessment_id", as: Int64.self)).first() else { throw Problem.notFound }
        let assessment = try await decodeAssessment(assessmentRow)
        guard let round = try await round(id: assessment.roundID), let framework = try await framework(id: round.frameworkID),
              let entry = assessment.entries.first(where: { $0.id == entryID }),
              let criterion = framework.framework.leaves.first(where: { $0.code == entry.criterion }) else { throw Problem.notFound }
        return (entry, assessment, round, criterion)
    }

    /// The unit's own score and explanation of a criterion, while it self-assesses and has not submitted.
    public func selfAssess(entryID: Int64, score: Double?, explanation: String, seenVersion: Int, by userID: Int64?, at time: Date) async throws {
        let (entry, assessment, round, criterion) = try await context(of: entryID)
        guard round.status == .open else { throw Problem.notNow(round.status) }
        guard assessment.submittedAt == nil else { throw Problem.alreadySubmitted }
        if let score { guard score >= 0, score <= criterion.max, score.isFinite else { throw Problem.badScore(max: criterion.max) } }
        try await change(entry, seenVersion: seenVersion, action: "self", score: score, reason: explanation, by: userID, at: time) { update in
            update.set("self_score", to: score).set("explanation", to: VietnameseText.normalized(explanation))
        }
    }

    /// Submits a unit's assessment with the platform's figures of its computed criteria (kept as they were).
    public func submit(_ assessmentID: Int64, computed: [String: (value: Double, points: Double)], by userID: Int64?, at time: Date) async throws {
        guard let row = try await database.sql.select().column("*").from("par_assessments").where("id", .equal, assessmentID).first() else {
            throw Problem.notFound
        }
        let assessment = try await decodeAssessment(row)
        guard let round = try await round(id: assessment.roundID) else { throw Problem.notFound }
        guard round.status == .open else { throw Problem.notNow(round.status) }
        try await database.transaction { session in
            let submitted = try await session.update("par_assessments").set("submitted_by", to: userID).set("submitted_at", to: time.milliseconds)
                .where("id", .equal, assessmentID).where("submitted_at", .is, SQLLiteral.null).returning("id").all()
            guard !submitted.isEmpty else { throw Problem.alreadySubmitted }
            for entry in assessment.entries {
                guard let figure = computed[entry.criterion] else { continue }
                try await session.update("par_entries").set("computed_value", to: figure.value).set("computed_points", to: figure.points)
                    .where("id", .equal, entry.id).run()
            }
            try await AuditTrail.append(AuditRecord(actorID: userID, unitID: assessment.unitID, action: "par.submit", objectType: "parAssessment",
                                                    objectID: String(assessmentID)), at: time, on: session)
        }
    }

    /// The council's decision on a criterion: accept, adjust (a score and a reason) or ask for more evidence (a reason).
    public func review(entryID: Int64, _ decision: PARReview, score: Double?, reason: String, seenVersion: Int, by userID: Int64?, at time: Date) async throws {
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
        try await change(entry, seenVersion: seenVersion, action: decision.rawValue, score: decision == .adjusted ? score : entry.proposed,
                         reason: reason, by: userID, at: time) { update in
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
    private func change(_ entry: PAREntry, seenVersion: Int, action: String, score: Double?, reason: String?, by userID: Int64?, at time: Date,
                        _ set: @escaping @Sendable (SQLUpdateBuilder) -> SQLUpdateBuilder) async throws {
        try await database.transaction { session in
            let updated = try await set(session.update("par_entries")).set("version", to: seenVersion + 1).set("updated_at", to: time.milliseconds)
                .where("id", .equal, entry.id).where("version", .equal, seenVersion).returning("id").all()
            guard !updated.isEmpty else { throw Problem.stale }
            try await session.insert(into: "par_entry_history").columns("entry_id", "actor_id", "action", "score", "reason", "at")
                .values(SQLBind(entry.id), SQLBind(userID), SQLBind(action), SQLBind(score), SQLBind(reason), SQLBind(time.milliseconds)).run()
        }
    }

    public func history(of entryID: Int64) async throws -> [PARHistoryRow] {
        try await database.sql.select().column("*").from("par_entry_history").where("entry_id", .equal, entryID).orderBy("id").all().map { row in
            PARHistoryRow(actorID: try row.decode(column: "actor_id", as: Int64?.self), action: try row.decode(column: "action", as: String.self),
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
        let cleanName = DossierAttachments.safeName(name)
        let type = try FileType.check(name: cleanName, bytes: data)
        let hash = try files.store(data)
        return try await database.transaction { session in
            let row = try await session.insert(into: "par_evidence").columns("entry_id", "sha256", "size", "file_type", "original_name", "uploaded_by", "uploaded_at")
                .values(SQLBind(entryID), SQLBind(hash), SQLBind(Int64(data.count)), SQLBind(type.rawValue), SQLBind(cleanName), SQLBind(userID),
                        SQLBind(time.milliseconds))
                .returning("id").first()
            guard let id = try row?.decode(column: "id", as: Int64.self) else { throw PersistenceError.corrupt("evidence insert returned no id") }
            try await AuditTrail.append(AuditRecord(actorID: userID, unitID: assessment.unitID, action: "par.evidence", objectType: "parEntry",
                                                    objectID: String(entryID), reason: "\(type.rawValue) \(data.count) B sha256:\(hash.prefix(16))"),
                                        at: time, on: session)
            return PAREvidence(id: id, entryID: entryID, sha256: hash, size: data.count, fileType: type, originalName: cleanName, uploadedAt: time)
        }
    }

    public func evidence(of assessment: PARAssessment) async throws -> [Int64: [PAREvidence]] {
        let ids = assessment.entries.map(\.id)
        guard !ids.isEmpty else { return [:] }
        var result: [Int64: [PAREvidence]] = [:]
        for row in try await database.sql.select().column("*").from("par_evidence").where("entry_id", .in, ids).orderBy("id").all() {
            let item = PAREvidence(id: try row.decode(column: "id", as: Int64.self), entryID: try row.decode(column: "entry_id", as: Int64.self),
                                   sha256: try row.decode(column: "sha256", as: String.self), size: try row.decode(column: "size", as: Int.self),
                                   fileType: try decodeEnum(row, "file_type", as: FileType.self),
                                   originalName: try row.decode(column: "original_name", as: String.self),
                                   uploadedAt: Date(milliseconds: try row.decode(column: "uploaded_at", as: Int64.self)))
            result[item.entryID, default: []].append(item)
        }
        return result
    }

    public func evidenceFile(_ evidence: PAREvidence) throws -> Data { try files.read(evidence.sha256) }

    // MARK: Results and publication

    /// The final scores of the submitted assessments (unit id → leaf → points): what the council decided; a
    /// unit that did not submit is left out.
    public func finalScores(of roundID: Int64) async throws -> [Int64: [String: Double]] {
        var scores: [Int64: [String: Double]] = [:]
        for assessment in try await assessments(of: roundID) where assessment.submittedAt != nil {
            scores[assessment.unitID] = Dictionary(uniqueKeysWithValues: assessment.entries.compactMap { entry in entry.final.map { (entry.criterion, $0) } })
        }
        return scores
    }

    /// Publishes an approved round (or a new version of a published one, with its reason): the document is
    /// stored as published and never changed.
    @discardableResult
    public func publish(_ roundID: Int64, document: Data, reason: String?, by userID: Int64?, at time: Date) async throws -> Int {
        guard let round = try await round(id: roundID) else { throw Problem.notFound }
        guard round.status == .approved || round.status == .published else { throw Problem.notNow(round.status) }
        if round.status == .published, (reason ?? "").trimmingCharacters(in: .whitespaces).isEmpty { throw Problem.needsReason }
        return try await database.transaction { session in
            let last = try await session.raw("SELECT MAX(version) AS v FROM par_publications WHERE round_id = \(bind: roundID)").first()?
                .decode(column: "v", as: Int?.self) ?? 0
            try await session.insert(into: "par_publications").columns("round_id", "version", "document", "reason", "published_by", "published_at")
                .values(SQLBind(roundID), SQLBind(last + 1), SQLBind(String(decoding: document, as: UTF8.self)), SQLBind(reason), SQLBind(userID),
                        SQLBind(time.milliseconds))
                .run()
            try await session.update("par_rounds").set("status", to: PARRoundStatus.published.rawValue).where("id", .equal, roundID).run()
            try await AuditTrail.append(AuditRecord(actorID: userID, action: "par.publish", objectType: "parRound", objectID: String(roundID),
                                                    reason: "version \(last + 1)" + (reason.map { ": \($0)" } ?? "")), at: time, on: session)
            return last + 1
        }
    }

    /// A published version (the latest when none is asked).
    public func publication(of roundID: Int64, version: Int? = nil) async throws -> (version: Int, document: Data, publishedAt: Date)? {
        let query = database.sql.select().columns("version", "document", "published_at").from("par_publications").where("round_id", .equal, roundID)
        if let version { query.where("version", .equal, version) }
        guard let row = try await query.orderBy("version", .descending).limit(1).first() else { return nil }
        return (try row.decode(column: "version", as: Int.self), Data(try row.decode(column: "document", as: String.self).utf8),
                Date(milliseconds: try row.decode(column: "published_at", as: Int64.self)))
    }
}
