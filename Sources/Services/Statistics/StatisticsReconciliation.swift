import Domain
import Foundation
import Persistence
import SQLKit

/// A figure that does not equal its recount from the dossiers: where, when, what, and both values.
public struct StatisticsDifference: Sendable, Equatable, CustomStringConvertible {
    /// "statistics" (a unit's or the city's table) or "serviceIndex" (a measure's numerator or denominator).
    public var report: String
    public var unit: String
    public var unitName: String
    public var period: String
    public var figure: String
    public var shown: Int
    public var recounted: Int

    public var description: String {
        "\(report) \(unit) (\(unitName)), \(period), \(figure): shown \(shown), recounted from the records \(recounted)"
    }
}

extension AppServices {
    /// Recounts every figure of the statistics tables (every unit with dossiers, every unit above one, and the
    /// city) and of the service index (every unit with counts, and the city) of each period from the dossiers,
    /// ratings and feedback themselves, and returns the figures that differ from what the pages show — the
    /// counters, kept as dossiers change, are what the pages read (issue 21, point 9). The ranking is computed
    /// from those counts, so it agrees when they do.
    public func reconcileStatistics(_ periods: [ReportingPeriod]) async throws -> [StatisticsDifference] {
        var differences: [StatisticsDifference] = []
        let directory = try await unitDirectory()
        for period in periods {
            let title = "\(period.from.iso)..\(period.through.iso)"
            let (_, end) = period.bounds(localClock)
            // The units whose tables count a dossier: each processing unit, every unit above it, the city.
            var checked: Set<Int64> = []
            for row in try await database.sql.select().distinct().column("processing_unit_id").from("dossiers")
                .where("received_at", .lessThan, end.milliseconds).all()
            {
                var next: Int64? = try row.decode(column: "processing_unit_id", as: Int64.self)
                while let id = next, checked.insert(id).inserted { next = directory.find(id: id)?.parentID }
            }
            if let city = try await HanoiUnitImport.cityID(on: database.sql) { checked.insert(city) }
            for id in checked.sorted() {
                guard let unit = directory.find(id: id) else { continue }
                let scope = try await statisticsScope(of: unit, period: period)
                let shown = try await statisticsTable(scope), recounted = try await statisticsRecount(scope)
                for figure in DossierStatistics.Figure.allCases where shown.count(figure) != recounted.count(figure) {
                    differences.append(
                        .init(
                            report: "statistics", unit: unit.code, unitName: unit.name, period: title, figure: figure.rawValue,
                            shown: shown.count(figure), recounted: recounted.count(figure)))
                }
            }
            differences += try await reconcileServiceIndex(period, title: title)
        }
        return differences
    }

    /// The service index's numerators and denominators of a period, for every unit with counts and the city,
    /// against the records the drill-down lists.
    private func reconcileServiceIndex(_ period: ReportingPeriod, title: String) async throws -> [StatisticsDifference] {
        let report: ServiceIndexReport
        do { report = try await serviceIndex(from: period.from, through: period.through) } catch is ServiceIndexProblem { return [] }
        let (start, end) = period.bounds(localClock)
        let store = ServiceIndexStore(database.reports)
        var scopes: [(code: String, name: String, score: ServiceIndexScore, members: [Int64])] = [
            ("ALL", "Toàn thành phố", report.city, report.units.map(\.id))
        ]
        for unit in report.units where report.counts[unit.id] != nil {
            scopes.append((unit.code, unit.name, report.score(of: unit), ServiceIndexRanking.members(of: unit.id, in: report.units)))
        }
        var differences: [StatisticsDifference] = []
        let now = clock()
        for scope in scopes {
            for indicator in scope.score.indicators {
                guard let measure = indicator.measure, let count = indicator.count else { continue }
                for (part, shown) in [(ServiceIndexStore.Part.numerator, count.numerator), (.denominator, count.denominator)] {
                    let records = try await store.records(
                        measure, part, units: scope.members, from: period.from, to: period.end, start: start, end: end,
                        now: now
                    ) { unitID in try await self.deadlines(unitID, self.database.sql) }
                    guard records.count != shown else { continue }
                    differences.append(
                        .init(
                            report: "serviceIndex", unit: scope.code, unitName: scope.name, period: title,
                            figure: "\(indicator.code) \(measure.rawValue) \(part.rawValue)", shown: shown, recounted: records.count))
                }
            }
        }
        return differences
    }
}
