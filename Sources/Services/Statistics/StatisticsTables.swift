import Domain
import Foundation
import Persistence

/// What a statistics table covers: a unit (with every unit below it), a period, and the moment its stocks are
/// taken. One value for the pages, the files, the API and `motcua statistics verify`, so that they all count
/// the same dossiers.
public struct StatisticsScope: Sendable {
    public var unit: OrgUnit
    public var from: LocalDate
    /// The last day, included.
    public var to: LocalDate
    public var start: Date
    public var end: Date
    /// The processing units counted: the unit and every unit below it; nil: all (the city).
    public var units: [Int64]?
    /// When the stocks (pending, overdue) are taken: the period's end, or now while the period is not over.
    public var asOf: Date

    public var isOver: Bool { asOf == end }
    /// Whether units below this one are counted with it.
    public var includesUnitsBelow: Bool { units.map { $0.count > 1 } ?? true }
}

extension AppServices {
    /// The scope of a unit's table for a period: its subtree (every unit for the city), stocks as of now while
    /// the period is not over.
    public func statisticsScope(of unit: OrgUnit, period: ReportingPeriod) async throws -> StatisticsScope {
        let (start, end) = period.bounds(localClock)
        let units: [Int64]? = unit.kind == .city ? nil : try await unitDirectory().tree.subtree(of: unit.id).sorted()
        return StatisticsScope(
            unit: unit, from: period.from, to: period.through, start: start, end: end, units: units, asOf: min(end, clock()))
    }

    /// The counts, summed from the counters of the scope's units (kept as dossiers change); for a period not over,
    /// the overdue dossiers are those open and past due at the scope's moment.
    public func statisticsTable(_ scope: StatisticsScope) async throws -> DossierStatistics.Table {
        let sums = try await StatisticsCounters(database.reports).sums(units: scope.units, from: scope.from, to: scope.to.adding(days: 1))
        let table = DossierStatistics.table(sums)
        guard !scope.isOver else { return table }
        return table.judgingOverdue(try await DossierStore(database.reports).openAndOverdue(processingUnits: scope.units, at: scope.asOf))
    }

    /// The table recounted from the dossiers themselves, with the list behind each figure: the same units, the
    /// stocks taken at the same moment.
    public func statisticsRecount(_ scope: StatisticsScope) async throws -> DossierStatistics.Table {
        let facts = try await dossiers.statisticsFacts(processingUnits: scope.units, from: scope.start, to: scope.asOf)
        let hours = try await CalendarStore(database.sql).officeHours(of: scope.unit.id) ?? configuration.officeHours
        return DossierStatistics.table(
            facts, from: scope.start, to: scope.asOf, clock: localClock,
            calculator: DeadlineCalculator(calendar: try await workingCalendar(), officeHours: hours))
    }
}
