import Domain
import Foundation
import SQLKit

/// Where applicants' ratings are kept: one per dossier, given once its result was handed over (or it was
/// found ineligible), changeable for 7 days, counted for the dossier's processing unit.
public struct RatingStore: Sendable {
    let database: Database
    /// The local time of the counters (a rating counts on the local day it was first given).
    let clock: LocalClock

    public init(_ database: Database, clock: LocalClock = LocalClock()) {
        self.database = database
        self.clock = clock
    }

    /// How a rating reached us.
    public enum Channel: String, Sendable, CaseIterable {
        /// The public tracking page, opened with the code and the last four digits.
        case portal
        /// The tablet at the desk, opened by the officer returning the result.
        case desk
        /// The link in the result notification, which carries its own token.
        case link

        public var title: String {
            switch self {
            case .portal: "trang tra cứu"
            case .desk: "máy tính bảng tại quầy"
            case .link: "đường dẫn trong thông báo"
            }
        }
    }

    public enum Problem: Error, Equatable {
        case invalid([String])
        case notYet
        case tooLate
        case notFound

        public var message: String {
            switch self {
            case .invalid(let reasons): reasons.joined(separator: " ")
            case .notYet: "Hồ sơ chỉ được đánh giá sau khi đã trả kết quả."
            case .tooLate: "Đánh giá chỉ được sửa trong 7 ngày kể từ khi gửi lần đầu."
            case .notFound: "Không tìm thấy hồ sơ."
            }
        }
    }

    /// A stored rating.
    public struct Stored: Sendable, Equatable {
        public var rating: DossierRating
        public var criteriaVersion: Int
        public var channel: Channel
        public var createdAt: Date
        public var updatedAt: Date

        public func isChangeable(at time: Date) -> Bool { time.timeIntervalSince(createdAt) <= DossierRating.changeableFor }
    }

    /// The criteria shipped with MotCua (Seed/Data/rating-criteria.json).
    public static func shippedCriteria() throws -> RatingCriteria {
        guard let url = Bundle.module.url(forResource: "rating-criteria", withExtension: "json", subdirectory: "Data") else {
            throw PersistenceError.corrupt("rating-criteria.json is missing from the bundle")
        }
        return try RatingCriteria(json: Data(contentsOf: url))
    }

    /// Which of some dossiers have been rated.
    public func rated(among dossierIDs: [Int64]) async throws -> Set<Int64> {
        guard !dossierIDs.isEmpty else { return [] }
        return Set(
            try await database.sql.select().column("dossier_id").from("dossier_ratings").where("dossier_id", .in, dossierIDs).all()
                .map { try $0.decode(column: "dossier_id", as: Int64.self) })
    }

    public func rating(of dossierID: Int64) async throws -> Stored? {
        try await database.sql.select().column("*").from("dossier_ratings").where("dossier_id", .equal, dossierID).first().map(Self.decode)
    }

    /// Keeps a first rating or changes it within 7 days, and writes an audit row.
    @discardableResult
    public func rate(_ dossierID: Int64, _ rating: DossierRating, criteria: RatingCriteria, channel: Channel, at time: Date) async throws
        -> Stored
    {
        let problems = rating.problems(against: criteria)
        guard problems.isEmpty else { throw Problem.invalid(problems) }
        let answers = String(decoding: try JSONEncoder.sorted.encode(rating.answers), as: UTF8.self)
        return try await database.transaction { session in
            guard let dossier = try await DossierStore(session).find(id: dossierID) else { throw Problem.notFound }
            guard DossierRating.canRate(dossier.state.status) else { throw Problem.notYet }
            let existing = try await session.select().column("*").from("dossier_ratings").where("dossier_id", .equal, dossierID)
                .for(.update).first().map(Self.decode)
            // The satisfaction counters follow the rating: its day is the first rating's, its level the latest.
            let before =
                existing.map { DossierStatistics.ratingContributions(firstRatedAt: $0.createdAt, overall: $0.rating.overall, clock: clock) }
                ?? []
            let after = DossierStatistics.ratingContributions(
                firstRatedAt: existing?.createdAt ?? time, overall: rating.overall, clock: clock)
            try await StatisticsCounters(session).add(
                DossierStatistics.change(from: before, to: after).map { (dossier.processingUnitID, $0) })
            if let existing {
                guard existing.isChangeable(at: time) else { throw Problem.tooLate }
                try await session.update("dossier_ratings")
                    .set("criteria_version", to: Int64(criteria.version)).set("overall", to: Int64(rating.overall)).set(
                        "answers", to: answers
                    )
                    .set("comment", to: rating.comment).set("channel", to: channel.rawValue).set("updated_at", to: time.milliseconds)
                    .where("dossier_id", .equal, dossierID).run()
            } else {
                try await session.insert(into: "dossier_ratings")
                    .columns(
                        "dossier_id", "unit_id", "criteria_version", "overall", "answers", "comment", "channel", "created_at", "updated_at"
                    )
                    .values(
                        SQLBind(dossierID), SQLBind(dossier.processingUnitID), SQLBind(Int64(criteria.version)),
                        SQLBind(Int64(rating.overall)),
                        SQLBind(answers), SQLBind(rating.comment), SQLBind(channel.rawValue), SQLBind(time.milliseconds),
                        SQLBind(time.milliseconds)
                    )
                    .run()
            }
            try await AuditTrail.append(
                AuditRecord(
                    actorID: nil, unitID: dossier.processingUnitID, action: existing == nil ? "dossier.rate" : "dossier.rerate",
                    objectType: "dossier", objectID: dossier.code.text, reason: "\(rating.overall)/5 (\(channel.title))"),
                at: time, on: session)
            return Stored(
                rating: rating, criteriaVersion: criteria.version, channel: channel, createdAt: existing?.createdAt ?? time, updatedAt: time
            )
        }
    }

    /// Ratings given to a processing unit in [start, end): how many, and how many satisfied (overall 4–5) —
    /// the satisfaction indicator's numerator and denominator.
    public func satisfaction(unitID: Int64, from start: Date, to end: Date) async throws -> (rated: Int, satisfied: Int) {
        let rows = try await database.sql.select().column("overall").from("dossier_ratings").where("unit_id", .equal, unitID)
            .where("created_at", .greaterThanOrEqual, start.milliseconds).where("created_at", .lessThan, end.milliseconds).all()
        let overall = try rows.map { try $0.decode(column: "overall", as: Int.self) }
        return (overall.count, overall.filter { $0 >= 4 }.count)
    }

    /// Every rating's share of the satisfaction counters, for a rebuild.
    static func contributions(on session: any SQLDatabase, clock: (Int64) -> LocalClock) async throws -> [(
        Int64, DossierStatistics.Contribution
    )] {
        var result: [(Int64, DossierStatistics.Contribution)] = []
        for row in try await session.select().columns("unit_id", "overall", "created_at").from("dossier_ratings").all() {
            let unitID = try row.decode(column: "unit_id", as: Int64.self)
            result += DossierStatistics.ratingContributions(
                firstRatedAt: Date(milliseconds: try row.decode(column: "created_at", as: Int64.self)),
                overall: try row.decode(column: "overall", as: Int.self), clock: clock(unitID)
            ).map { (unitID, $0) }
        }
        return result
    }

    static func decode(_ row: any SQLRow) throws -> Stored {
        let answers = try JSONDecoder().decode([String: Int].self, from: Data(try row.decode(column: "answers", as: String.self).utf8))
        return Stored(
            rating: DossierRating(
                overall: try row.decode(column: "overall", as: Int.self), answers: answers,
                comment: try row.decode(column: "comment", as: String.self)),
            criteriaVersion: try row.decode(column: "criteria_version", as: Int.self),
            channel: try decodeEnum(row, "channel", as: Channel.self),
            createdAt: Date(milliseconds: try row.decode(column: "created_at", as: Int64.self)),
            updatedAt: Date(milliseconds: try row.decode(column: "updated_at", as: Int64.self)))
    }
}

extension JSONEncoder {
    /// Keys in order, so that the same answers are always the same text.
    static var sorted: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }
}
