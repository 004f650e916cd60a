import Domain
import Foundation
import SQLKit

/// A row of an officer's work queue: the dossier and its procedure's name.
public struct DossierQueueItem: Sendable, Equatable {
    public var dossier: Dossier
    public var procedureCode: String
    public var procedureName: String
}

extension DossierStore {
    public struct QueueFilter: Sendable, Equatable {
        public var query: String?
        public var statuses: [DossierStatus] = []
        public var procedureCode: String?
        public var channel: Channel?
        public var receivedFrom: Date?
        public var receivedBefore: Date?
        public var dueFrom: Date?
        public var dueBefore: Date?
        /// Only the dossiers assigned to this officer.
        public var assigneeID: Int64?
        /// Leave out finished dossiers (the default of the queue).
        public var openOnly = true

        public init(
            query: String? = nil, statuses: [DossierStatus] = [], procedureCode: String? = nil, channel: Channel? = nil,
            assigneeID: Int64? = nil, openOnly: Bool = true
        ) {
            self.query = query
            self.statuses = statuses
            self.procedureCode = procedureCode
            self.channel = channel
            self.assigneeID = assigneeID
            self.openOnly = openOnly
        }
    }

    /// The dossiers of the caller's units matching a filter, the most urgent first (paused ones last).
    public func queue(_ filter: QueueFilter, within scope: UnitScope, limit: Int = 200) async throws -> [DossierQueueItem] {
        var select = scoped(itemsSelect(), scope)
        if let query = filter.query.map(VietnameseText.folded), !query.isEmpty {
            for word in query.split(separator: " ") {
                let pattern = SQLBind("%\(escapeLike(String(word)))%")
                select = select.where { group in
                    group.where(SQLColumn("search_text", table: "dossiers"), .like, pattern)
                        .orWhere(SQLColumn("search_text", table: "procedure_versions"), .like, pattern)
                }
            }
        }
        if !filter.statuses.isEmpty {
            select = select.where(SQLColumn("status", table: "dossiers"), .in, SQLBind.group(filter.statuses.map(\.rawValue)))
        }
        if filter.openOnly {
            let finished = DossierStatus.allCases.filter(\.isFinal).map(\.rawValue)
            select = select.where(SQLColumn("status", table: "dossiers"), .notIn, SQLBind.group(finished))
        }
        if let code = filter.procedureCode, !code.isEmpty {
            select = select.where(SQLColumn("code", table: "procedures"), .equal, SQLBind(code))
        }
        if let channel = filter.channel {
            select = select.where(SQLColumn("channel", table: "dossiers"), .equal, SQLBind(channel.rawValue))
        }
        if let from = filter.receivedFrom {
            select = select.where(SQLColumn("received_at", table: "dossiers"), .greaterThanOrEqual, SQLBind(from.milliseconds))
        }
        if let before = filter.receivedBefore {
            select = select.where(SQLColumn("received_at", table: "dossiers"), .lessThan, SQLBind(before.milliseconds))
        }
        if let from = filter.dueFrom {
            select = select.where(SQLColumn("due_at", table: "dossiers"), .greaterThanOrEqual, SQLBind(from.milliseconds))
        }
        if let before = filter.dueBefore {
            select = select.where(SQLColumn("due_at", table: "dossiers"), .lessThan, SQLBind(before.milliseconds))
        }
        if let assignee = filter.assigneeID {
            select = select.where(SQLColumn("assignee_id", table: "dossiers"), .equal, SQLBind(assignee))
        }
        // Most urgent first; paused dossiers (no due instant) after the running ones, on both databases.
        let dueIsNull = SQLBinaryExpression(SQLColumn("due_at", table: "dossiers"), .is, SQLLiteral.null)
        let rows =
            try await select
            .orderBy(SQLOrderBy(expression: dueIsNull, direction: SQLDirection.ascending))
            .orderBy(SQLOrderBy(expression: SQLColumn("due_at", table: "dossiers"), direction: SQLDirection.ascending))
            .orderBy(SQLOrderBy(expression: SQLColumn("received_at", table: "dossiers"), direction: SQLDirection.ascending))
            .limit(limit).all()
        return try rows.map(Self.decodeItem)
    }

    /// The open dossiers of the caller's units: how many, how many are still being handled past their due instant (a
    /// result waiting to be collected is not late), and how many are assigned to `assigneeID` — in one query.
    public func openCounts(within scope: UnitScope, assigneeID: Int64, now: Date) async throws -> (open: Int, overdue: Int, assigned: Int) {
        let finished = DossierStatus.allCases.filter(\.isFinal).map(\.rawValue)
        let select = database.select()
            .column(SQLRaw("CAST(COUNT(*) AS BIGINT)"), as: "open")
            .column(
                SQLRaw("CAST(SUM(CASE WHEN finished_at IS NULL AND due_at < \(now.milliseconds) THEN 1 ELSE 0 END) AS BIGINT)"),
                as: "overdue"
            )
            .column(SQLRaw("CAST(SUM(CASE WHEN assignee_id = \(assigneeID) THEN 1 ELSE 0 END) AS BIGINT)"), as: "assigned")
            .from("dossiers").where("status", .notIn, SQLBind.group(finished))
        guard let row = try await scoped(select, scope).first() else { return (0, 0, 0) }
        return (
            try row.decode(column: "open", as: Int.self), try row.decode(column: "overdue", as: Int?.self) ?? 0,
            try row.decode(column: "assigned", as: Int?.self) ?? 0
        )
    }

    /// Dossiers with their procedure's code and name: the select behind every list of dossiers.
    /// The dossiers a citizen filed online, newest first ("my dossiers").
    public func filed(by citizenUserID: Int64, limit: Int = 200) async throws -> [DossierQueueItem] {
        try await itemsSelect().where(SQLColumn("citizen_user_id", table: "dossiers"), .equal, SQLBind(citizenUserID))
            .orderBy(SQLOrderBy(expression: SQLColumn("received_at", table: "dossiers"), direction: SQLDirection.descending))
            .limit(limit).all().map(Self.decodeItem)
    }

    /// One dossier a citizen filed online; nil for anyone else's.
    public func filed(id: Int64, by citizenUserID: Int64) async throws -> DossierQueueItem? {
        try await itemsSelect().where(SQLColumn("id", table: "dossiers"), .equal, SQLBind(id))
            .where(SQLColumn("citizen_user_id", table: "dossiers"), .equal, SQLBind(citizenUserID)).first().map(Self.decodeItem)
    }

    func itemsSelect() -> SQLSelectBuilder {
        database.select().column(SQLColumn(SQLLiteral.all, table: SQLIdentifier("dossiers")))
            .column(SQLColumn("code", table: "procedures"), as: "procedure_code")
            .column(SQLColumn("name", table: "procedure_versions"), as: "procedure_name")
            .from("dossiers")
            .join(
                "procedure_versions", on: SQLColumn("procedure_version_id", table: "dossiers"), .equal,
                SQLColumn("id", table: "procedure_versions")
            )
            .join("procedures", on: SQLColumn("procedure_id", table: "procedure_versions"), .equal, SQLColumn("id", table: "procedures"))
    }

    static func decodeItem(_ row: any SQLRow) throws -> DossierQueueItem {
        DossierQueueItem(
            dossier: try decode(row), procedureCode: try row.decode(column: "procedure_code", as: String.self),
            procedureName: try row.decode(column: "procedure_name", as: String.self))
    }
}

/// A line of the dossier log (form 07): the dossier with when it was handed to the processing unit, when
/// its result came back, and when it was returned to the applicant.
public struct DossierLogRow: Sendable, Equatable {
    public var item: DossierQueueItem
    public var transferredAt: Date?
    public var resultAt: Date?
    public var returnedAt: Date?
}

extension DossierStore {
    /// The dossiers a desk received in [from, to), in order of receipt, with their hand-over instants.
    public func log(receivingUnitID unitID: Int64, from start: Date, to end: Date) async throws -> [DossierLogRow] {
        let rows = try await itemsSelect()
            .where(SQLColumn("receiving_unit_id", table: "dossiers"), .equal, SQLBind(unitID))
            .where(SQLColumn("received_at", table: "dossiers"), .greaterThanOrEqual, SQLBind(start.milliseconds))
            .where(SQLColumn("received_at", table: "dossiers"), .lessThan, SQLBind(end.milliseconds))
            .orderBy(SQLOrderBy(expression: SQLColumn("received_at", table: "dossiers"), direction: SQLDirection.ascending))
            .limit(5000).all()
        let items = try rows.map(Self.decodeItem)
        // The hand-over instants of all these dossiers, in one query per 500 rather than one per dossier.
        var firsts: [Int64: (transfer: Date?, result: Date?, returned: Date?)] = [:]
        for chunk in stride(from: 0, to: items.count, by: 500).map({ items[$0..<min($0 + 500, items.count)].map(\.dossier.id) }) {
            let events = try await database.select().columns("dossier_id", "action", "status_after", "occurred_at").from("dossier_events")
                .where("dossier_id", .in, chunk)
                .where {
                    $0.where("action", .in, ["transfer", "returnResult"]).orWhere(
                        "status_after", .equal, DossierStatus.resultReady.rawValue)
                }
                .orderBy("sequence").all()
            for event in events {
                let id = try event.decode(column: "dossier_id", as: Int64.self)
                let time = Date(milliseconds: try event.decode(column: "occurred_at", as: Int64.self))
                var first = firsts[id] ?? (nil, nil, nil)
                switch try event.decode(column: "action", as: String.self) {
                case "transfer": first.transfer = first.transfer ?? time
                case "returnResult": first.returned = first.returned ?? time
                default: break
                }
                if try event.decode(column: "status_after", as: String.self) == DossierStatus.resultReady.rawValue {
                    first.result = first.result ?? time
                }
                firsts[id] = first
            }
        }
        return items.map { item in
            let first = firsts[item.dossier.id]
            return DossierLogRow(item: item, transferredAt: first?.transfer, resultAt: first?.result, returnedAt: first?.returned)
        }
    }
}
