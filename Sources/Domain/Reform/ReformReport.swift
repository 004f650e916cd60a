import Foundation

/// The working group's report on a plan on a day (issue 9), in the layout it reports in: the count of tasks
/// by status for every lead unit, and the late tasks (overdue, or done late) with the unit's reason — its last
/// progress note.
public struct ReformReport: Sendable, Equatable {
    public struct UnitRow: Sendable, Equatable {
        public var unitID: Int64
        public var counts: [ReformTaskStatus: Int]
        public var total: Int { counts.values.reduce(0, +) }
    }

    public struct LateRow: Sendable, Equatable {
        public var standing: ReformTaskStanding
        public var reason: String
    }

    public var asOf: LocalDate
    public var units: [UnitRow]
    public var late: [LateRow]

    /// `reasons`: each task's last progress note.
    public init(_ standings: [ReformTaskStanding], reasons: [Int64: String], asOf: LocalDate) {
        self.asOf = asOf
        var counts: [Int64: [ReformTaskStatus: Int]] = [:]
        for standing in standings { counts[standing.task.leadUnitID, default: [:]][standing.status, default: 0] += 1 }
        units = counts.keys.sorted().map { UnitRow(unitID: $0, counts: counts[$0]!) }
        late = Self.overdueFirst(standings.filter { $0.status == .overdue || $0.status == .doneLate })
            .map { LateRow(standing: $0, reason: reasons[$0.task.id] ?? "") }
    }

    /// Totals over every unit, by status.
    public var totals: [ReformTaskStatus: Int] {
        units.reduce(into: [:]) { totals, row in for (status, count) in row.counts { totals[status, default: 0] += count } }
    }

    /// The city's overdue list: overdue tasks, the most working days late first (then by due day and id).
    public static func overdue(_ standings: [ReformTaskStanding]) -> [ReformTaskStanding] {
        overdueFirst(standings.filter { $0.status == .overdue })
    }

    static func overdueFirst(_ standings: [ReformTaskStanding]) -> [ReformTaskStanding] {
        standings.sorted {
            ($0.status == .overdue ? 0 : 1, -$0.daysLate, $0.task.due, $0.task.id) < (
                $1.status == .overdue ? 0 : 1, -$1.daysLate, $1.task.due, $1.task.id
            )
        }
    }

    /// The last day of a quarter, the day a quarterly report is made as of.
    public static func quarterEnd(year: Int, quarter: Int) -> LocalDate {
        ReformDeadline.quarter(year: year, quarter: min(4, max(1, quarter))).period.last
    }

    /// The report as a spreadsheet: the table by unit with totals, then the late tasks.
    public func spreadsheet(title: String, unitName: (Int64) -> String) -> Spreadsheet {
        let statuses = ReformTaskStatus.allCases
        var rows: [[Spreadsheet.Cell]] = [[.text(title)], [.text("Tính đến ngày \(asOf.vietnamese)")], []]
        rows.append([.text("Đơn vị chủ trì"), .text("Tổng số")] + statuses.map { .text($0.title) })
        for row in units {
            rows.append([.text(unitName(row.unitID)), .number(Double(row.total))] + statuses.map { .number(Double(row.counts[$0] ?? 0)) })
        }
        let totals = self.totals
        rows.append([.text("Tổng cộng"), .number(Double(totals.values.reduce(0, +)))] + statuses.map { .number(Double(totals[$0] ?? 0)) })
        rows.append([])
        rows.append([.text("Nhiệm vụ chậm, trễ hạn")])
        rows.append([
            .text("Nội dung"), .text("Đơn vị chủ trì"), .text("Thời hạn"), .text("Tình trạng"), .text("Số ngày làm việc trễ"),
            .text("Tiến độ (%)"), .text("Lý do, giải trình"),
        ])
        for row in late {
            let task = row.standing.task
            rows.append([
                .text(task.content), .text(unitName(task.leadUnitID)), .text("\(task.deadline.text) (\(task.due.vietnamese))"),
                .text(row.standing.status.title), .number(Double(row.standing.daysLate)), .number(Double(row.standing.percent)),
                .text(row.reason),
            ])
        }
        return Spreadsheet(sheetName: "Bao cao", rows: rows)
    }
}

extension PARFramework {
    /// The points a unit may lose on the criteria its overdue tasks serve (issue 8): the sum of those
    /// criteria's maxima, a criterion counted once and not again under a listed parent. Unknown codes count 0.
    public func pointsAtRisk(criteria codes: Set<String>) -> Double {
        func points(_ criterion: Criterion) -> Double {
            if codes.contains(criterion.code) { return criterion.max }
            return (criterion.subCriteria ?? []).reduce(0) { $0 + points($1) }
        }
        return areas.reduce(0) { total, area in
            total + (codes.contains(area.code) ? area.max : area.criteria.reduce(0) { $0 + points($1) })
        }
    }

    /// The name of a criterion (or area) by its code.
    public func criterionName(_ code: String) -> String? {
        func find(_ criteria: [Criterion]) -> String? {
            for criterion in criteria {
                if criterion.code == code { return criterion.name }
                if let name = find(criterion.subCriteria ?? []) { return name }
            }
            return nil
        }
        return areas.first { $0.code == code }?.name ?? areas.lazy.compactMap { find($0.criteria) }.first
    }
}
