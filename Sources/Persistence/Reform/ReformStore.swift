import Domain
import Foundation
import SQLKit

/// A year's reform plan.
public struct ReformPlan: Sendable, Equatable {
    public var id: Int64
    public var year: Int
    public var title: String
    public var isDemo: Bool
}

/// An evidence file of a progress report.
public struct ReformEvidence: Sendable, Equatable {
    public var id: Int64
    public var taskID: Int64
    public var sha256: String
    public var size: Int
    public var fileType: FileType
    public var originalName: String
    public var uploadedAt: Date
}

/// One event of a task as stored: what, which day, the percent reported, the note, who.
public struct ReformTaskRecord: Sendable, Equatable {
    public var event: ReformTaskEvent
    public var note: String
    public var actorID: Int64?
}

/// Reform plans and tasks in the database: plans per year, tasks entered or imported (all rows or none),
/// progress reported by the lead unit, completions accepted or sent back by the secretariat, unfinished tasks
/// carried over to the next plan with their history. Who may act is checked by the web layer.
public struct ReformStore: Sendable {
    let database: Database
    /// Where evidence files of progress reports go (attachments' store); nil where no files are kept.
    let files: FileStore?

    public init(_ database: Database, files: FileStore? = nil) {
        self.database = database
        self.files = files
    }

    public enum Problem: Error, Equatable {
        case planExists(Int)
        case notFound
        case badPercent
        case noCompletion
        case alreadyDone
        case noNextPlan(Int)
        case noFileStore

        public var message: String {
            switch self {
            case .planExists(let year): "Đã có kế hoạch cải cách hành chính năm \(year)."
            case .notFound: "Không tìm thấy kế hoạch hoặc nhiệm vụ."
            case .badPercent: "Tiến độ là một số phần trăm từ 0 đến 100."
            case .noCompletion: "Đơn vị chưa báo cáo hoàn thành nhiệm vụ này."
            case .alreadyDone: "Nhiệm vụ đã được công nhận hoàn thành."
            case .noNextPlan(let year): "Chưa có kế hoạch năm \(year) để chuyển tiếp nhiệm vụ."
            case .noFileStore: "Máy chủ chưa có nơi lưu tệp minh chứng."
            }
        }
    }

    // MARK: Plans

    @discardableResult
    public func createPlan(year: Int, title: String, isDemo: Bool = false, by userID: Int64?, at time: Date) async throws -> Int64 {
        guard try await plan(year: year) == nil else { throw Problem.planExists(year) }
        return try await database.transaction { session in
            let row = try await session.insert(into: "reform_plans").columns("year", "title", "is_demo", "created_at")
                .values(SQLBind(year), SQLBind(VietnameseText.normalized(title)), SQLBind(isDemo), SQLBind(time.milliseconds)).returning(
                    "id"
                ).first()
            guard let id = try row?.decode(column: "id", as: Int64.self) else {
                throw PersistenceError.corrupt("plan insert returned no id")
            }
            try await AuditTrail.append(
                AuditRecord(
                    actorID: userID, action: "reform.createPlan", objectType: "reformPlan", objectID: String(id),
                    reason: "\(year)"), at: time, on: session)
            return id
        }
    }

    public func plans() async throws -> [ReformPlan] {
        try await database.sql.select().column("*").from("reform_plans").orderBy("year", .descending).all().map(Self.decodePlan)
    }

    public func plan(id: Int64) async throws -> ReformPlan? {
        try await database.sql.select().column("*").from("reform_plans").where("id", .equal, id).first().map(Self.decodePlan)
    }

    public func plan(year: Int) async throws -> ReformPlan? {
        try await database.sql.select().column("*").from("reform_plans").where("year", .equal, year).first().map(Self.decodePlan)
    }

    static func decodePlan(_ row: any SQLRow) throws -> ReformPlan {
        ReformPlan(
            id: try row.decode(column: "id", as: Int64.self), year: try row.decode(column: "year", as: Int.self),
            title: try row.decode(column: "title", as: String.self), isDemo: try row.decode(column: "is_demo", as: Bool.self))
    }

    // MARK: Tasks

    /// Adds tasks to a plan, all or none; their due days from the working calendar.
    @discardableResult
    public func addTasks(
        _ rows: [ReformTaskSheet.Row], to planID: Int64, parentID: Int64? = nil, directiveID: Int64? = nil, weight: Double = 1,
        calendar: WorkingCalendar, by userID: Int64?, at time: Date
    ) async throws -> [Int64] {
        guard try await plan(id: planID) != nil else { throw Problem.notFound }
        if let parentID { guard try await task(id: parentID)?.planID == planID else { throw Problem.notFound } }
        return try await database.transaction { session in
            var ids: [Int64] = []
            for row in rows {
                let inserted = try await session.insert(into: "reform_tasks")
                    .columns(
                        "plan_id", "parent_id", "content", "source", "lead_unit_id", "supporting_unit_ids", "kind", "deadline", "due",
                        "weight",
                        "par_criteria", "directive_id", "created_at"
                    )
                    .values(
                        SQLBind(planID), SQLBind(parentID), SQLBind(row.content), SQLBind(row.source), SQLBind(row.leadUnitID),
                        SQLBind(row.supportingUnitIDs.map(String.init).joined(separator: ",")), SQLBind(row.kind.rawValue),
                        SQLBind(row.deadline.text),
                        SQLBind(row.deadline.dueDate(in: calendar).iso), SQLBind(max(0, weight)),
                        SQLBind(row.parCriteria.joined(separator: ",")),
                        SQLBind(directiveID), SQLBind(time.milliseconds)
                    )
                    .returning("id").first()
                guard let id = try inserted?.decode(column: "id", as: Int64.self) else {
                    throw PersistenceError.corrupt("task insert returned no id")
                }
                ids.append(id)
            }
            try await AuditTrail.append(
                AuditRecord(
                    actorID: userID, action: "reform.addTasks", objectType: "reformPlan", objectID: String(planID),
                    reason: "\(rows.count) nhiệm vụ"), at: time, on: session)
            return ids
        }
    }

    public func tasks(of planID: Int64) async throws -> [ReformTask] {
        try await database.sql.select().column("*").from("reform_tasks").where("plan_id", .equal, planID).orderBy("id").all().map(
            Self.decodeTask)
    }

    /// The tasks created from a directive, of every plan.
    public func tasks(fromDirective directiveID: Int64) async throws -> [ReformTask] {
        try await database.sql.select().column("*").from("reform_tasks").where("directive_id", .equal, directiveID).orderBy("id").all().map(
            Self.decodeTask)
    }

    public func task(id: Int64) async throws -> ReformTask? {
        try await database.sql.select().column("*").from("reform_tasks").where("id", .equal, id).first().map(Self.decodeTask)
    }

    static func decodeTask(_ row: any SQLRow) throws -> ReformTask {
        let deadlineText = try row.decode(column: "deadline", as: String.self)
        guard let deadline = ReformDeadline(parsing: deadlineText), let due = LocalDate(iso: try row.decode(column: "due", as: String.self))
        else {
            throw PersistenceError.corrupt("task deadline \(deadlineText)")
        }
        func list(_ column: String) throws -> [String] {
            try row.decode(column: column, as: String.self).split(separator: ",").map(String.init)
        }
        return ReformTask(
            id: try row.decode(column: "id", as: Int64.self), planID: try row.decode(column: "plan_id", as: Int64.self),
            parentID: try row.decode(column: "parent_id", as: Int64?.self), content: try row.decode(column: "content", as: String.self),
            source: try row.decode(column: "source", as: String.self), leadUnitID: try row.decode(column: "lead_unit_id", as: Int64.self),
            supportingUnitIDs: try list("supporting_unit_ids").compactMap { Int64($0) },
            kind: try decodeEnum(row, "kind", as: ReformTaskKind.self), deadline: deadline, due: due,
            weight: try row.decode(column: "weight", as: Double.self), parCriteria: try list("par_criteria"),
            carriedFromID: try row.decode(column: "carried_from_id", as: Int64?.self),
            directiveID: try row.decode(column: "directive_id", as: Int64?.self))
    }

    // MARK: History

    /// A task's history, including that of the tasks it continues (carried over from earlier plans), in order.
    public func history(of task: ReformTask) async throws -> [ReformTaskRecord] {
        try await histories(of: [task])[task.id] ?? []
    }

    /// The ids of a task and of the tasks it continues, newest first.
    func chain(of task: ReformTask) async throws -> [Int64] {
        var chain = [task.id]
        var current = task.carriedFromID
        while let earlier = current, chain.count < 50 {
            chain.append(earlier)
            current = try await self.task(id: earlier)?.carriedFromID
        }
        return chain
    }

    /// The histories of several tasks (each with the tasks it continues), read in one query of their events.
    func histories(of tasks: [ReformTask]) async throws -> [Int64: [ReformTaskRecord]] {
        var chains: [Int64: [Int64]] = [:]
        for task in tasks { chains[task.id] = task.carriedFromID == nil ? [task.id] : try await chain(of: task) }
        let records = try await records(of: Array(Set(chains.values.flatMap { $0 })))
        return chains.mapValues { chain in
            chain.flatMap { records[$0] ?? [] }.sorted { ($0.record.event.day, $0.order) < ($1.record.event.day, $1.order) }.map(\.record)
        }
    }

    /// The events of several tasks (one query), by task, in order.
    func records(of taskIDs: [Int64]) async throws -> [Int64: [(record: ReformTaskRecord, order: Int64)]] {
        guard !taskIDs.isEmpty else { return [:] }
        var result: [Int64: [(record: ReformTaskRecord, order: Int64)]] = [:]
        for row in try await database.sql.select().column("*").from("reform_task_events").where("task_id", .in, taskIDs).orderBy("id").all()
        {
            guard let day = LocalDate(iso: try row.decode(column: "day", as: String.self)) else {
                throw PersistenceError.corrupt("task event day")
            }
            let event: ReformTaskEvent
            switch try row.decode(column: "kind", as: String.self) {
            case "progress": event = .progress(on: day, percent: try row.decode(column: "percent", as: Int?.self) ?? 0)
            case "completionReported": event = .completionReported(on: day)
            case "completionAccepted": event = .completionAccepted(on: day)
            case "completionReturned": event = .completionReturned(on: day)
            case let other: throw PersistenceError.corrupt("task event \(other)")
            }
            let record = ReformTaskRecord(
                event: event, note: try row.decode(column: "note", as: String.self),
                actorID: try row.decode(column: "actor_id", as: Int64?.self))
            result[try row.decode(column: "task_id", as: Int64.self), default: []].append(
                (record, try row.decode(column: "id", as: Int64.self)))
        }
        return result
    }

    /// Every task of a plan as it stood on a day: its derived status (with the history of the tasks it continues),
    /// working days late and progress — a task with sub-tasks takes the weighted roll-up of theirs.
    public func standings(of planID: Int64, asOf day: LocalDate, calendar: WorkingCalendar) async throws -> [ReformTaskStanding] {
        var tasks: [ReformTask] = []
        var setOn: [Int64: LocalDate] = [:]
        for row in try await database.sql.select().column("*").from("reform_tasks").where("plan_id", .equal, planID).orderBy("id").all() {
            let task = try Self.decodeTask(row)
            tasks.append(task)
            // The day in UTC: near enough for a reporting interval counted in days.
            let days = Int(try row.decode(column: "created_at", as: Int64.self) / 86_400_000)
            setOn[task.id] = LocalDate(dayNumber: LocalDate(year: 1970, month: 1, day: 1)!.dayNumber + days)
        }
        let histories = try await histories(of: tasks)
        var own: [Int64: ReformTaskStanding] = [:]
        for task in tasks {
            let history = (histories[task.id] ?? []).map(\.event)
            let derived = ReformTaskStatus.of(due: task.due, history: history, asOf: day, calendar: calendar)
            let percent =
                derived.status.isDone
                ? 100
                : history.filter { $0.day <= day }.reduce(0) { last, event in
                    if case .progress(_, let percent) = event { return percent }
                    return last
                }
            let decisive = history.filter { $0.day <= day }.last { if case .progress = $0 { false } else { true } }
            let awaiting = if case .completionReported = decisive { true } else { false }
            let lastReport = history.last { if case .progress = $0 { $0.day <= day } else { false } }?.day
            own[task.id] = ReformTaskStanding(
                task: task, status: derived.status, daysLate: derived.daysLate, percent: percent, awaitingDecision: awaiting,
                lastReport: lastReport, setOn: setOn[task.id])
        }
        let children = Dictionary(grouping: tasks.filter { $0.parentID != nil }, by: { $0.parentID! })
        func percent(_ id: Int64, depth: Int = 0) -> Int {
            guard let parts = children[id], !parts.isEmpty, depth < 16, own[id]?.status.isDone == false else {
                return own[id]?.percent ?? 0
            }
            return ReformProgress.rollUp(parts.map { ($0.weight, percent($0.id, depth: depth + 1)) })
        }
        return tasks.map { task in
            var standing = own[task.id]!
            standing.percent = percent(task.id)
            // A task with sub-tasks is done when they all are: late when one of them was.
            if let parts = children[task.id]?.compactMap({ own[$0.id] }), !parts.isEmpty, !standing.status.isDone,
                parts.allSatisfy(\.status.isDone)
            {
                let late = parts.map(\.daysLate).max() ?? 0
                standing.status = late > 0 ? .doneLate : .doneOnTime
                standing.daysLate = late
            }
            return standing
        }
    }

    /// The last note reported on every task of a plan by a day (the reason a late task gives), with the notes
    /// of the tasks it continues.
    public func lastNotes(of planID: Int64, asOf day: LocalDate) async throws -> [Int64: String] {
        try await histories(of: try await tasks(of: planID)).compactMapValues { history in
            history.last(where: { !$0.note.isEmpty && $0.event.day <= day })?.note
        }
    }

    // MARK: Acts

    /// The lead unit reports progress, with evidence files (checked like attachments, all or none); 100 %
    /// reports the task completed.
    public func report(
        _ taskID: Int64, percent: Int, note: String, files attached: [(data: Data, name: String)] = [], on day: LocalDate,
        by userID: Int64?, at time: Date
    ) async throws {
        guard (0...100).contains(percent) else { throw Problem.badPercent }
        guard let task = try await task(id: taskID) else { throw Problem.notFound }
        if case .completionAccepted = Self.decisive(try await history(of: task)) { throw Problem.alreadyDone }
        var checked: [FileStore.Admitted] = []
        if !attached.isEmpty {
            guard let files else { throw Problem.noFileStore }
            for file in attached { checked.append(try await files.admit(file.data, name: file.name)) }
        }
        try await database.transaction { [checked] session in
            let eventID = try await Self.append(
                taskID, kind: "progress", day: day, percent: percent, note: note, by: userID, at: time, on: session)
            for file in checked {
                try await session.insert(into: "reform_task_files")
                    .columns("task_id", "event_id", "sha256", "size", "file_type", "original_name", "uploaded_by", "uploaded_at")
                    .values(
                        SQLBind(taskID), SQLBind(eventID), SQLBind(file.sha256), SQLBind(Int64(file.size)), SQLBind(file.type.rawValue),
                        SQLBind(file.name),
                        SQLBind(userID), SQLBind(time.milliseconds)
                    )
                    .run()
            }
            if percent == 100 {
                try await Self.append(
                    taskID, kind: "completionReported", day: day, percent: nil, note: "", by: userID, at: time, on: session)
            }
        }
    }

    /// The evidence files of a task's reports (and of the tasks it continues), oldest first.
    public func evidence(of task: ReformTask) async throws -> [ReformEvidence] {
        try await database.sql.select().column("*").from("reform_task_files").where("task_id", .in, try await chain(of: task)).orderBy("id")
            .all().map { row in
                ReformEvidence(
                    id: try row.decode(column: "id", as: Int64.self), taskID: try row.decode(column: "task_id", as: Int64.self),
                    sha256: try row.decode(column: "sha256", as: String.self), size: try row.decode(column: "size", as: Int.self),
                    fileType: try decodeEnum(row, "file_type", as: FileType.self),
                    originalName: try row.decode(column: "original_name", as: String.self),
                    uploadedAt: Date(milliseconds: try row.decode(column: "uploaded_at", as: Int64.self)))
            }
    }

    public func evidenceFile(_ evidence: ReformEvidence) throws -> Data {
        guard let files else { throw Problem.noFileStore }
        return try files.read(evidence.sha256)
    }

    /// The secretariat accepts the reported completion, or sends it back with a reason.
    public func decide(_ taskID: Int64, accept: Bool, note: String, on day: LocalDate, by userID: Int64?, at time: Date) async throws {
        guard let task = try await task(id: taskID) else { throw Problem.notFound }
        let decisive = Self.decisive(try await history(of: task))
        guard case .completionReported = decisive else {
            if case .completionAccepted = decisive { throw Problem.alreadyDone }
            throw Problem.noCompletion
        }
        try await database.transaction { session in
            try await Self.append(
                taskID, kind: accept ? "completionAccepted" : "completionReturned", day: day, percent: nil, note: note, by: userID,
                at: time,
                on: session)
        }
    }

    /// The last event about completion (a report, an acceptance, a return), if any.
    static func decisive(_ history: [ReformTaskRecord]) -> ReformTaskEvent? {
        history.map(\.event).last { if case .progress = $0 { false } else { true } }
    }

    @discardableResult
    static func append(
        _ taskID: Int64, kind: String, day: LocalDate, percent: Int?, note: String, by userID: Int64?, at time: Date,
        on session: any SQLDatabase
    ) async throws -> Int64 {
        let row = try await session.insert(into: "reform_task_events").columns(
            "task_id", "kind", "day", "percent", "note", "actor_id", "at"
        )
        .values(
            SQLBind(taskID), SQLBind(kind), SQLBind(day.iso), SQLBind(percent), SQLBind(VietnameseText.normalized(note)), SQLBind(userID),
            SQLBind(time.milliseconds)
        )
        .returning("id").first()
        guard let id = try row?.decode(column: "id", as: Int64.self) else {
            throw PersistenceError.corrupt("task event insert returned no id")
        }
        try await AuditTrail.append(
            AuditRecord(
                actorID: userID, action: "reform.\(kind)", objectType: "reformTask", objectID: String(taskID),
                reason: percent.map { "\($0)%" } ?? ""), at: time, on: session)
        return id
    }

    /// Carries the tasks of a year's plan not done by its last day into the next year's plan: the new task keeps
    /// the deadline and due day (so it counts as late) and points at the one it continues, whose history it shares.
    @discardableResult
    public func carryOver(from planID: Int64, calendar: WorkingCalendar, by userID: Int64?, at time: Date) async throws -> Int {
        guard let plan = try await plan(id: planID) else { throw Problem.notFound }
        guard let next = try await self.plan(year: plan.year + 1) else { throw Problem.noNextPlan(plan.year + 1) }
        let already = Set(try await tasks(of: next.id).compactMap(\.carriedFromID))
        // Read before the transaction: on SQLite a read outside the session would wait for it.
        var unfinished: [ReformTask] = []
        for task in try await tasks(of: planID) where !already.contains(task.id) {
            let history = try await history(of: task).map(\.event)
            if ReformTaskStatus.isCarriedOver(due: task.due, history: history, planYear: plan.year, calendar: calendar) {
                unfinished.append(task)
            }
        }
        return try await database.transaction { [unfinished] session in
            var carried = 0
            for task in unfinished {
                try await session.insert(into: "reform_tasks")
                    .columns(
                        "plan_id", "content", "source", "lead_unit_id", "supporting_unit_ids", "kind", "deadline", "due", "weight",
                        "par_criteria",
                        "carried_from_id", "directive_id", "created_at"
                    )
                    .values(
                        SQLBind(next.id), SQLBind(task.content), SQLBind(task.source), SQLBind(task.leadUnitID),
                        SQLBind(task.supportingUnitIDs.map(String.init).joined(separator: ",")), SQLBind(task.kind.rawValue),
                        SQLBind(task.deadline.text),
                        SQLBind(task.due.iso), SQLBind(task.weight), SQLBind(task.parCriteria.joined(separator: ",")), SQLBind(task.id),
                        SQLBind(task.directiveID), SQLBind(time.milliseconds)
                    )
                    .run()
                carried += 1
            }
            try await AuditTrail.append(
                AuditRecord(
                    actorID: userID, action: "reform.carryOver", objectType: "reformPlan", objectID: String(planID),
                    reason: "\(carried) nhiệm vụ chuyển sang năm \(next.year)"), at: time, on: session)
            return carried
        }
    }
}
