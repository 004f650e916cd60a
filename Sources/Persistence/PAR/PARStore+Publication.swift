import Domain
import Foundation
import SQLKit

/// The decided scores of a round and its publications, frozen and versioned.
extension PARStore {
    /// The final scores of the submitted assessments (unit id → leaf → points): what the council decided; a
    /// unit that did not submit is left out.
    public func finalScores(of roundID: Int64) async throws -> [Int64: [String: Double]] {
        var scores: [Int64: [String: Double]] = [:]
        for assessment in try await assessments(of: roundID) where assessment.submittedAt != nil {
            scores[assessment.unitID] = Dictionary(
                uniqueKeysWithValues: assessment.entries.compactMap { entry in entry.final.map { (entry.criterion, $0) } })
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
            let last =
                try await session.raw("SELECT MAX(version) AS v FROM par_publications WHERE round_id = \(bind: roundID)").first()?
                .decode(column: "v", as: Int?.self) ?? 0
            try await session.insert(into: "par_publications").columns(
                "round_id", "version", "document", "reason", "published_by", "published_at"
            )
            .values(
                SQLBind(roundID), SQLBind(last + 1), SQLBind(String(decoding: document, as: UTF8.self)), SQLBind(reason), SQLBind(userID),
                SQLBind(time.milliseconds)
            )
            .run()
            try await session.update("par_rounds").set("status", to: PARRoundStatus.published.rawValue).where("id", .equal, roundID).run()
            try await AuditTrail.append(
                AuditRecord(
                    actorID: userID, action: "par.publish", objectType: "parRound", objectID: String(roundID),
                    reason: "phiên bản \(last + 1)" + (reason.map { ": \($0)" } ?? "")), at: time, on: session)
            return last + 1
        }
    }

    /// A published version (the latest when none is asked).
    public func publication(of roundID: Int64, version: Int? = nil) async throws -> (version: Int, document: Data, publishedAt: Date)? {
        let query = database.sql.select().columns("version", "document", "published_at").from("par_publications").where(
            "round_id", .equal, roundID)
        if let version { query.where("version", .equal, version) }
        guard let row = try await query.orderBy("version", .descending).limit(1).first() else { return nil }
        return (
            try row.decode(column: "version", as: Int.self), Data(try row.decode(column: "document", as: String.self).utf8),
            Date(milliseconds: try row.decode(column: "published_at", as: Int64.self))
        )
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
    public func previousIndices(before framework: PARFramework) async throws -> [String: Decimal] {
        for (round, earlier) in try await publishedRounds()
        where earlier.year == framework.year - 1 && earlier.unitKind == framework.unitKind {
            guard let published = try await publication(of: round.id),
                let document = try? JSONDecoder().decode(PARPublication.self, from: published.document)
            else { continue }
            return Dictionary(uniqueKeysWithValues: document.units.map { ($0.code, $0.index) })
        }
        return [:]
    }
}
