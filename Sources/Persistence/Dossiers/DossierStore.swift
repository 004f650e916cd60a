import Domain
import Foundation
import SQLKit

/// Rows of dossiers and their events. Reads for people take the caller's unit scope: a dossier is visible
/// when its receiving or its processing unit is in scope. Changes go through ``DossierDesk``.
public struct DossierStore: Sendable {
    let database: any SQLDatabase

    public init(_ database: any SQLDatabase) { self.database = database }

    /// The next `count` codes of an agency's day: the sequence row is created at `count` or increased by it, in
    /// the caller's transaction, which holds its lock until commit (PostgreSQL row lock; SQLite's write lock),
    /// so concurrent intakes get consecutive numbers and a rolled-back intake leaves no gap. Returns the first.
    func reserveSequences(_ count: Int, agencyUnitID: Int64, day: LocalDate) async throws -> Int {
        let row = try await database.insert(into: "dossier_sequences").columns("agency_unit_id", "day", "last")
            .values(SQLBind(agencyUnitID), SQLBind(day.iso), SQLBind(Int64(count)))
            .onConflict(with: ["agency_unit_id", "day"]) { update in
                update.set(
                    SQLIdentifier("last"),
                    to: SQLBinaryExpression(SQLColumn("last", table: "dossier_sequences"), .add, SQLBind(Int64(count))))
            }
            .returning("last").first()
        guard let last = try row?.decode(column: "last", as: Int.self) else {
            throw PersistenceError.corrupt("dossier sequence row missing")
        }
        return last - count + 1
    }

    /// Inserts new dossiers (their codes already handed out) in one statement and returns their ids, in order.
    func insert(_ dossiers: [Dossier]) async throws -> [Int64] {
        guard !dossiers.isEmpty else { return [] }
        let insert = database.insert(into: "dossiers")
            .columns(
                "code", "receiving_unit_id", "processing_unit_id", "procedure_version_id", "channel", "applicant_kind", "applicant_name",
                "applicant_identifier", "applicant_phone", "applicant_email", "applicant_address", "search_text", "status", "step",
                "assignee_id", "status_before_pause", "received_at", "first_due_at", "due_at", "appointment_at", "finished_at",
                "lock_version", "is_demo", "fully_online_offered", "fee_due", "fee_paid_online", "digitised", "reused_documents",
                "population_checked", "electronic_result", "result_synced")
        for dossier in dossiers {
            let service = dossier.service
            insert.values(
                SQLBind(dossier.code.text), SQLBind(dossier.receivingUnitID), SQLBind(dossier.processingUnitID),
                SQLBind(dossier.procedureVersionID),
                SQLBind(dossier.channel.rawValue), SQLBind(dossier.applicant.kind.rawValue), SQLBind(dossier.applicant.name),
                SQLBind(dossier.applicant.identifier), SQLBind(dossier.applicant.phone), SQLBind(dossier.applicant.email),
                SQLBind(dossier.applicant.address), SQLBind(Self.searchText(dossier)), SQLBind(dossier.state.status.rawValue),
                SQLBind(Int64(dossier.state.step)), SQLBind(dossier.state.assigneeID), SQLBind(dossier.state.statusBeforePause?.rawValue),
                SQLBind(dossier.receivedAt.milliseconds), SQLBind(dossier.firstDueAt.milliseconds), SQLBind(dossier.dueAt?.milliseconds),
                SQLBind(dossier.appointmentAt?.milliseconds), SQLBind(dossier.finishedAt?.milliseconds),
                SQLBind(Int64(dossier.lockVersion)),
                SQLBind(dossier.isDemo), SQLBind(service.fullyOnlineOffered), SQLBind(service.feeDue), SQLBind(service.feePaidOnline),
                SQLBind(service.digitised), SQLBind(service.reusedDocuments), SQLBind(service.populationChecked),
                SQLBind(service.electronicResult),
                SQLBind(service.resultSynced))
        }
        // RETURNING gives rows in no promised order: match them back by code, which is unique.
        var ids: [String: Int64] = [:]
        for row in try await insert.returning("id", "code").all() {
            ids[try row.decode(column: "code", as: String.self)] = try row.decode(column: "id", as: Int64.self)
        }
        return try dossiers.map { dossier in
            guard let id = ids[dossier.code.text] else {
                throw PersistenceError.corrupt("insert into dossiers returned no id for \(dossier.code.text)")
            }
            return id
        }
    }

    /// Writes the new projection if nobody changed the dossier since `expected` was read; false otherwise.
    func update(_ dossier: Dossier, expectedLockVersion expected: Int) async throws -> Bool {
        let rows = try await database.update("dossiers")
            .set("status", to: dossier.state.status.rawValue)
            .set("step", to: Int64(dossier.state.step))
            .set("assignee_id", to: SQLBind(dossier.state.assigneeID))
            .set("status_before_pause", to: SQLBind(dossier.state.statusBeforePause?.rawValue))
            .set("first_due_at", to: dossier.firstDueAt.milliseconds)
            .set("due_at", to: SQLBind(dossier.dueAt?.milliseconds))
            .set("appointment_at", to: SQLBind(dossier.appointmentAt?.milliseconds))
            .set("finished_at", to: SQLBind(dossier.finishedAt?.milliseconds))
            .set("fee_paid_online", to: dossier.service.feePaidOnline).set("digitised", to: dossier.service.digitised)
            .set("reused_documents", to: dossier.service.reusedDocuments).set("population_checked", to: dossier.service.populationChecked)
            .set("electronic_result", to: dossier.service.electronicResult).set("result_synced", to: dossier.service.resultSynced)
            .set("lock_version", to: Int64(expected + 1))
            .where("id", .equal, dossier.id).where("lock_version", .equal, Int64(expected))
            .returning("id").all()
        return !rows.isEmpty
    }

    /// Records the unit whose opinion is asked (nil: none pending); only asking and answering change it, in the same
    /// transaction as the dossier's update.
    func setConsultedUnit(_ unitID: Int64?, of dossierID: Int64) async throws {
        try await database.update("dossiers").set("consulted_unit_id", to: SQLBind(unitID)).where("id", .equal, dossierID).run()
    }

    /// Appends events, each to its dossier, in one statement.
    func append(_ events: [(event: DossierEvent, dossierID: Int64)]) async throws {
        guard !events.isEmpty else { return }
        let insert = database.insert(into: "dossier_events")
            .columns(
                "dossier_id", "sequence", "action", "actor_id", "unit_id", "occurred_at", "reason", "detail", "status_after", "step_after")
        for (event, dossierID) in events {
            insert.values(
                SQLBind(dossierID), SQLBind(Int64(event.sequence)), SQLBind(event.action), SQLBind(event.actorID), SQLBind(event.unitID),
                SQLBind(event.occurredAt.milliseconds), SQLBind(event.reason), SQLBind(event.detail), SQLBind(event.statusAfter.rawValue),
                SQLBind(Int64(event.stepAfter)))
        }
        try await insert.run()
    }

    /// A dossier without scope: for the desk service, which checks roles itself.
    public func find(id: Int64) async throws -> Dossier? {
        try await database.select().column("*").from("dossiers").where("id", .equal, id).first().map(Self.decode)
    }

    /// A dossier if the caller's scope reaches its receiving or processing unit.
    public func find(id: Int64, within scope: UnitScope) async throws -> Dossier? {
        try await scoped(database.select().column("*").from("dossiers").where("id", .equal, id), scope).first().map(Self.decode)
    }

    public func find(code: DossierCode) async throws -> Dossier? {
        try await database.select().column("*").from("dossiers").where("code", .equal, code.text).first().map(Self.decode)
    }

    /// How far before a dossier's receipt one of its events may be dated: instances' clocks may differ a little;
    /// the desk refuses an action dated earlier (`DossierDesk.Problem.beforeReceipt`).
    public static let clockDifference: TimeInterval = 86_400

    /// The events of a dossier in order. None precedes its receipt (by more than `clockDifference`), so only
    /// the years from its receipt on are read: on PostgreSQL the planner skips the older years' partitions.
    public func events(of dossier: Dossier) async throws -> [DossierEvent] {
        try await database.select().column("*").from("dossier_events").where("dossier_id", .equal, dossier.id)
            .where("occurred_at", .greaterThanOrEqual, dossier.receivedAt.addingTimeInterval(-Self.clockDifference).milliseconds).orderBy(
                "sequence"
            )
            .all().map { row in
                DossierEvent(
                    sequence: try row.decode(column: "sequence", as: Int.self), action: try row.decode(column: "action", as: String.self),
                    actorID: try row.decode(column: "actor_id", as: Int64?.self),
                    unitID: try row.decode(column: "unit_id", as: Int64?.self),
                    occurredAt: Date(milliseconds: try row.decode(column: "occurred_at", as: Int64.self)),
                    reason: try row.decode(column: "reason", as: String.self), detail: try row.decode(column: "detail", as: String.self),
                    statusAfter: try decodeEnum(row, "status_after", as: DossierStatus.self),
                    stepAfter: try row.decode(column: "step_after", as: Int.self))
            }
    }

    /// How many dossiers are stored.
    public func count() async throws -> Int {
        let row = try await database.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("dossiers").first()
        return try row?.decode(column: "n", as: Int.self) ?? 0
    }

    /// The dossiers of a day's intake at an agency, by code (for checking the sequence).
    public func codes(receivedBy agencyUnitID: Int64) async throws -> [String] {
        try await database.select().column("code").from("dossiers").where("receiving_unit_id", .equal, agencyUnitID).orderBy("code")
            .all().map { try $0.decode(column: "code", as: String.self) }
    }

    /// Restricts a query of `dossiers` to those whose receiving or processing unit is in scope, or whose opinion is being
    /// asked of a unit in scope.
    func scoped(_ select: SQLSelectBuilder, _ scope: UnitScope) -> SQLSelectBuilder {
        switch scope {
        case .everyUnit: return select
        case .units(let ids) where ids.isEmpty: return select.where(SQLLiteral.boolean(false))
        case .units(let ids):
            return select.where { group in
                group.where("receiving_unit_id", .in, Array(ids)).orWhere("processing_unit_id", .in, Array(ids))
                    .orWhere("consulted_unit_id", .in, Array(ids))
            }
        }
    }

    static func searchText(_ dossier: Dossier) -> String {
        VietnameseText.folded("\(dossier.code.text) \(dossier.applicant.name)")
    }

    static func decode(_ row: any SQLRow) throws -> Dossier {
        var dossier = try decodeFacts(row)
        // A schema before migration 035 has no such column (the tests that replay older migrations read dossiers there).
        if row.contains(column: "consulted_unit_id") {
            dossier.consultedUnitID = try row.decode(column: "consulted_unit_id", as: Int64?.self)
        }
        return dossier
    }

    private static func decodeFacts(_ row: any SQLRow) throws -> Dossier {
        let codeText = try row.decode(column: "code", as: String.self)
        guard let code = DossierCode(parsing: codeText) else { throw PersistenceError.corrupt("dossier code \(codeText)") }
        func instant(_ column: String) throws -> Date? { try row.decode(column: column, as: Int64?.self).map(Date.init(milliseconds:)) }
        return Dossier(
            id: try row.decode(column: "id", as: Int64.self), code: code,
            receivingUnitID: try row.decode(column: "receiving_unit_id", as: Int64.self),
            processingUnitID: try row.decode(column: "processing_unit_id", as: Int64.self),
            procedureVersionID: try row.decode(column: "procedure_version_id", as: Int64.self),
            channel: try decodeEnum(row, "channel", as: Channel.self),
            applicant: Applicant(
                kind: try decodeEnum(row, "applicant_kind", as: Applicant.Kind.self),
                name: try row.decode(column: "applicant_name", as: String.self),
                identifier: try row.decode(column: "applicant_identifier", as: String.self),
                phone: try row.decode(column: "applicant_phone", as: String?.self),
                email: try row.decode(column: "applicant_email", as: String?.self),
                address: try row.decode(column: "applicant_address", as: String?.self)),
            state: DossierWorkflow.State(
                status: try decodeEnum(row, "status", as: DossierStatus.self), step: try row.decode(column: "step", as: Int.self),
                assigneeID: try row.decode(column: "assignee_id", as: Int64?.self),
                statusBeforePause: try row.decode(column: "status_before_pause", as: String?.self).flatMap(DossierStatus.init(rawValue:))),
            receivedAt: try instant("received_at")!, firstDueAt: try instant("first_due_at")!, dueAt: try instant("due_at"),
            appointmentAt: try instant("appointment_at"), finishedAt: try instant("finished_at"),
            lockVersion: try row.decode(column: "lock_version", as: Int.self), isDemo: try row.decode(column: "is_demo", as: Bool.self),
            service: ServiceFacts(
                fullyOnlineOffered: try row.decode(column: "fully_online_offered", as: Bool.self),
                feeDue: try row.decode(column: "fee_due", as: Bool.self),
                feePaidOnline: try row.decode(column: "fee_paid_online", as: Bool.self),
                digitised: try row.decode(column: "digitised", as: Bool.self),
                reusedDocuments: try row.decode(column: "reused_documents", as: Bool.self),
                populationChecked: try row.decode(column: "population_checked", as: Bool.self),
                electronicResult: try row.decode(column: "electronic_result", as: Bool.self),
                resultSynced: try row.decode(column: "result_synced", as: Bool.self)))
    }
}
