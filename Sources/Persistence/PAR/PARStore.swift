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
                let row = try await session.insert(into: "par_frameworks").columns(
                    "year", "unit_kind", "definition", "frozen", "updated_by", "updated_at"
                )
                .values(
                    SQLBind(framework.year), SQLBind(framework.unitKind.rawValue), SQLBind(definition), SQLBind(false), SQLBind(userID),
                    SQLBind(time.milliseconds)
                )
                .returning("id").first()
                guard let new = try row?.decode(column: "id", as: Int64.self) else {
                    throw PersistenceError.corrupt("framework insert returned no id")
                }
                id = new
            }
            try await AuditTrail.append(
                AuditRecord(
                    actorID: userID, action: "par.loadFramework", objectType: "parFramework", objectID: String(id),
                    reason: "năm \(framework.year), \(framework.unitKind.title.lowercased())"), at: time, on: session)
            return id
        }
    }

    public func framework(id: Int64) async throws -> StoredPARFramework? {
        try await database.sql.select().column("*").from("par_frameworks").where("id", .equal, id).first().map(Self.decodeFramework)
    }

    public func frameworks() async throws -> [StoredPARFramework] {
        try await database.sql.select().column("*").from("par_frameworks").orderBy("year", .descending).orderBy("unit_kind").all().map(
            Self.decodeFramework)
    }

    static func decodeFramework(_ row: any SQLRow) throws -> StoredPARFramework {
        StoredPARFramework(
            id: try row.decode(column: "id", as: Int64.self),
            framework: try PARFramework(json: Data(try row.decode(column: "definition", as: String.self).utf8)),
            frozen: try row.decode(column: "frozen", as: Bool.self),
            updatedAt: Date(milliseconds: try row.decode(column: "updated_at", as: Int64.self)))
    }

    // MARK: Rounds

    /// Opens the round of a framework for these units: the framework is frozen, every unit gets an empty
    /// assessment with one entry per leaf.
    @discardableResult
    public func openRound(
        frameworkID: Int64, units: [Int64], selfDue: LocalDate, responseDue: LocalDate, today: LocalDate,
        by userID: Int64?, at time: Date
    ) async throws -> Int64 {
        guard let stored = try await framework(id: frameworkID) else { throw Problem.notFound }
        guard selfDue > today, responseDue > selfDue else { throw Problem.badDeadlines }
        guard !units.isEmpty else { throw Problem.noUnits }
        let leaves = stored.framework.leaves.map(\.code)
        return try await database.transaction { session in
            let frozen = try await session.update("par_frameworks").set("frozen", to: true).where("id", .equal, frameworkID).where(
                "frozen", .equal, false
            )
            .returning("id").all()
            guard !frozen.isEmpty else { throw Problem.roundExists }
            let row = try await session.insert(into: "par_rounds").columns(
                "framework_id", "status", "self_due", "response_due", "opened_by", "opened_at"
            )
            .values(
                SQLBind(frameworkID), SQLBind(PARRoundStatus.open.rawValue), SQLBind(selfDue.iso), SQLBind(responseDue.iso),
                SQLBind(userID),
                SQLBind(time.milliseconds)
            )
            .returning("id").first()
            guard let roundID = try row?.decode(column: "id", as: Int64.self) else {
                throw PersistenceError.corrupt("round insert returned no id")
            }
            for unit in Set(units).sorted() {
                let assessment = try await session.insert(into: "par_assessments").columns("round_id", "unit_id").values(
                    SQLBind(roundID), SQLBind(unit)
                )
                .returning("id").first()
                guard let assessmentID = try assessment?.decode(column: "id", as: Int64.self) else {
                    throw PersistenceError.corrupt("assessment insert")
                }
                let entries = session.insert(into: "par_entries").columns(
                    "assessment_id", "criterion", "explanation", "review", "version", "updated_at")
                for code in leaves {
                    entries.values(
                        SQLBind(assessmentID), SQLBind(code), SQLBind(""), SQLBind(PARReview.pending.rawValue), SQLBind(0),
                        SQLBind(time.milliseconds))
                }
                try await entries.run()
            }
            try await AuditTrail.append(
                AuditRecord(
                    actorID: userID, action: "par.openRound", objectType: "parRound", objectID: String(roundID),
                    reason: "\(units.count) đơn vị, tự đánh giá đến \(selfDue.vietnamese)"), at: time, on: session)
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
            let responseDue = LocalDate(iso: try row.decode(column: "response_due", as: String.self))
        else { throw PersistenceError.corrupt("round dates") }
        return PARRound(
            id: try row.decode(column: "id", as: Int64.self), frameworkID: try row.decode(column: "framework_id", as: Int64.self),
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
            let undecided = try await database.sql.raw(
                """
                SELECT COUNT(*) AS n FROM par_entries e JOIN par_assessments a ON a.id = e.assessment_id
                WHERE a.round_id = \(bind: roundID) AND a.submitted_at IS NOT NULL AND e.review NOT IN ('accepted', 'adjusted')
                """
            ).first()!.decode(column: "n", as: Int.self)
            guard undecided == 0 else { throw Problem.notReviewed(undecided) }
        default:
            throw Problem.notNow(round.status)
        }
        try await database.transaction { session in
            let update = session.update("par_rounds").set("status", to: next.rawValue)
            if next == .approved { update.set("approved_by", to: userID).set("approved_at", to: time.milliseconds) }
            let moved = try await update.where("id", .equal, roundID).where("status", .equal, round.status.rawValue).returning("id").all()
            guard !moved.isEmpty else { throw Problem.stale }
            try await AuditTrail.append(
                AuditRecord(actorID: userID, action: "par.\(next.rawValue)", objectType: "parRound", objectID: String(roundID)),
                at: time, on: session)
        }
    }
}
