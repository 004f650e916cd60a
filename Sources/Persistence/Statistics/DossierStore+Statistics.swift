import Domain
import Foundation
import SQLKit

extension DossierStore {
    /// The facts the statistics table needs about the dossiers a unit processes that were open at some
    /// moment of [start, end) — received before its end and not finished before its start — or whose result
    /// was handed over in it.
    public func statisticsFacts(processingUnitID unitID: Int64, from start: Date, to end: Date) async throws -> [DossierStatistics.Facts] {
        try await statisticsFacts(processingUnits: [unitID], from: start, to: end)
    }

    /// The same for some units together (nil: every unit — the city).
    public func statisticsFacts(processingUnits units: [Int64]?, from start: Date, to end: Date) async throws -> [DossierStatistics.Facts] {
        let returnedInPeriod = database.select().column("dossier_id").from("dossier_events")
            .where("action", .equal, SQLBind("returnResult"))
            .where("occurred_at", .greaterThanOrEqual, SQLBind(start.milliseconds)).where(
                "occurred_at", .lessThan, SQLBind(end.milliseconds))
        let select = database.select().column("*").from("dossiers")
        if let units { select.where("processing_unit_id", .in, units) }
        let rows =
            try await select
            .where("received_at", .lessThan, end.milliseconds)
            .where {
                $0.where("finished_at", .is, SQLLiteral.null).orWhere("finished_at", .greaterThanOrEqual, start.milliseconds)
                    .orWhere(SQLColumn("id"), .in, SQLGroupExpression(returnedInPeriod.select))
            }
            .all()
        return try await facts(of: try rows.map(Self.decode))
    }

    /// Dossiers of some units (nil: all) open at `now` and past their due instant — the overdue figure of a period
    /// not over yet, judged now (the counters keep due instants by day only). A paused dossier has no due instant.
    public func openAndOverdue(processingUnits units: [Int64]?, at now: Date) async throws -> Int {
        let select = database.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("dossiers")
            .where("finished_at", .is, SQLLiteral.null).where("due_at", .isNot, SQLLiteral.null).where(
                "due_at", .lessThan, now.milliseconds
            )
            .where("received_at", .lessThan, now.milliseconds)
            .where("status", .notEqual, DossierStatus.rejectedAtReceipt.rawValue)
        if let units { select.where("processing_unit_id", .in, units) }
        return try await select.first()?.decode(column: "n", as: Int.self) ?? 0
    }

    /// The facts of every dossier received under the given procedure versions (for the delegation report).
    public func statisticsFacts(procedureVersionIDs ids: [Int64]) async throws -> [DossierStatistics.Facts] {
        guard !ids.isEmpty else { return [] }
        let rows = try await database.select().column("*").from("dossiers").where("procedure_version_id", .in, ids).all()
        return try await facts(of: try rows.map(Self.decode))
    }

    /// The facts of dossiers, in order, with their returns and apology slips read from their events.
    func facts(of dossiers: [Dossier]) async throws -> [DossierStatistics.Facts] {
        guard !dossiers.isEmpty else { return [] }
        var returned: [Int64: Date] = [:]
        var apologies: [Int64: [Date]] = [:]
        for chunk in stride(from: 0, to: dossiers.count, by: 500).map({ Array(dossiers[$0..<min($0 + 500, dossiers.count)]) }) {
            let events = try await database.select().columns("dossier_id", "action", "occurred_at").from("dossier_events")
                .where("dossier_id", .in, chunk.map(\.id)).where("action", .in, ["returnResult", "issueApology"]).all()
            for event in events {
                let id = try event.decode(column: "dossier_id", as: Int64.self)
                let time = Date(milliseconds: try event.decode(column: "occurred_at", as: Int64.self))
                if try event.decode(column: "action", as: String.self) == "returnResult" {
                    returned[id] = time
                } else {
                    apologies[id, default: []].append(time)
                }
            }
        }
        return dossiers.map { Self.facts($0, returnedAt: returned[$0.id], apologies: apologies[$0.id] ?? []) }
    }

    /// The facts of one dossier whose events are at hand.
    static func facts(_ dossier: Dossier, events: [DossierEvent]) -> DossierStatistics.Facts {
        facts(
            dossier, returnedAt: events.last { $0.action == "returnResult" }?.occurredAt,
            apologies: events.filter { $0.action == "issueApology" }.map(\.occurredAt))
    }

    static func facts(_ dossier: Dossier, returnedAt: Date?, apologies: [Date]) -> DossierStatistics.Facts {
        DossierStatistics.Facts(
            id: dossier.id, channel: dossier.channel, receivedAt: dossier.receivedAt, dueAt: dossier.dueAt, finishedAt: dossier.finishedAt,
            outcome: outcome(dossier.state.status), returnedAt: returnedAt, apologies: apologies, service: dossier.service,
            ofCitizen: dossier.applicant.kind == .person)
    }

    static func outcome(_ status: DossierStatus) -> DossierStatistics.Facts.Outcome {
        switch status {
        case .resultReady, .returned: .result
        case .ineligible: .ineligible
        case .withdrawn, .stoppedOnRequest: .withdrawn
        case .rejectedAtReceipt: .rejected
        case .received, .awaitingSupplement, .inProgress, .consulting, .interAgency: .open
        }
    }

    /// Dossiers by id, for the list behind a figure (the caller has checked the unit is in scope).
    public func dossiers(ids: [Int64]) async throws -> [DossierQueueItem] {
        guard !ids.isEmpty else { return [] }
        var items: [DossierQueueItem] = []
        for chunk in stride(from: 0, to: ids.count, by: 500).map({ Array(ids[$0..<min($0 + 500, ids.count)]) }) {
            items += try await itemsSelect().where(SQLColumn("id", table: "dossiers"), .in, SQLBind.group(chunk)).all().map(Self.decodeItem)
        }
        return items.sorted { $0.dossier.receivedAt < $1.dossier.receivedAt }
    }
}
