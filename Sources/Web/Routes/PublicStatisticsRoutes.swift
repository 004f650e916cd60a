import Domain
import Foundation
import Hummingbird
import Persistence
import Services

/// Published statistics, for anyone: per unit and period, the dossiers received, the online share, the
/// on-time rate and the applicants' satisfaction — no personal data — as a page, JSON and CSV (the open
/// data endpoint). Counts come from the statistics counters.
struct PublicStatisticsRoutes {
    let services: AppServices

    /// One unit's (or the city's) published figures.
    struct Row: Codable, Sendable {
        var unit: String
        var name: String
        var kind: String
        var received: Int
        var receivedOnline: Int
        var completed: Int
        var completedOnTime: Int
        var rated: Int
        var ratedSatisfied: Int
        var onlineShare: Double?
        var onTimeRate: Double?
        var satisfaction: Double?

        init(unit: String, name: String, kind: String, figures: PublicStatistics) {
            self.unit = unit
            self.name = name
            self.kind = kind
            received = figures.received
            receivedOnline = figures.receivedOnline
            completed = figures.completed
            completedOnTime = figures.completedOnTime
            rated = figures.rated
            ratedSatisfied = figures.ratedSatisfied
            onlineShare = figures.onlineShare
            onTimeRate = figures.onTimeRate
            satisfaction = figures.satisfaction
        }
    }

    struct Document: ResponseEncodable, Codable {
        var from: String
        var to: String
        var city: Row
        var units: [Row]
    }

    func register(on router: some RouterMethods<AppRequestContext>) {
        router.get(SiteRoute.publicStatistics.pattern) { request, context in
            let period = try request.reportingPeriod(today: services.today())
            let document = try await document(period)
            let page = PublicStatisticsPage(
                period: period, document: document, today: services.today(),
                trend: try await cityTrend(endingWith: period.through))
            return Page("Số liệu công khai về giải quyết thủ tục hành chính", body: page.body).render(context: context, request: request)
        }
        router.get(SiteRoute.publicStatisticsJSON.pattern) { request, _ -> Document in
            try await document(try request.reportingPeriod(today: services.today()))
        }
        router.get(SiteRoute.publicStatisticsCSV.pattern) { request, _ in
            let period = try request.reportingPeriod(today: services.today())
            let document = try await document(period)
            func percent(_ value: Double?) -> String { value.map { String(format: "%.1f", $0 * 100) } ?? "" }
            let rows =
                [
                    [
                        "Mã đơn vị", "Đơn vị", "Loại", "Tiếp nhận", "Trực tuyến", "Tỷ lệ trực tuyến (%)", "Đã giải quyết", "Đúng hạn",
                        "Tỷ lệ đúng hạn (%)", "Lượt đánh giá", "Hài lòng", "Tỷ lệ hài lòng (%)",
                    ]
                ]
                + ([document.city] + document.units).map { row in
                    [
                        row.unit, row.name, row.kind, String(row.received), String(row.receivedOnline), percent(row.onlineShare),
                        String(row.completed),
                        String(row.completedOnTime), percent(row.onTimeRate), String(row.rated), String(row.ratedSatisfied),
                        percent(row.satisfaction),
                    ]
                }
            return StatisticsRoutes.download(
                ByteBuffer(string: "\u{FEFF}" + CSV.text(rows)), type: "text/csv; charset=utf-8",
                name: "so-lieu-cong-khai-\(period.from.iso)-\(period.through.iso).csv")
        }
    }

    /// The city's figures month by month, the twelve months to `last` that have begun, from the monthly sums in one query.
    private func cityTrend(endingWith last: LocalDate) async throws -> [(month: ReportingPeriod, row: Row)] {
        let months = ReportingPeriod.months(count: 12, endingWith: last).filter { $0.from <= services.today() }
        guard let first = months.first, let end = months.last?.end else { return [] }
        let totals = try await StatisticsCounters(services.database.reports).monthlyTotals(from: first.from, to: end)
        return months.map { ($0, Self.city(PublicStatistics(totals[String($0.from.iso.prefix(7))] ?? [:]))) }
    }

    /// The city's row of the published figures.
    static func city(_ figures: PublicStatistics) -> Row {
        Row(unit: "ALL", name: "Toàn thành phố", kind: UnitKind.city.rawValue, figures: figures)
    }

    /// Every unit in force with something in the period (its sections' dossiers with it), and the city.
    private func document(_ period: ReportingPeriod) async throws -> Document {
        let units = try await services.unitDirectory().list(.init(validDuring: period))
        let sums = try await StatisticsCounters(services.database.reports).within(from: period.from, to: period.end)
        func figures(_ ids: some Sequence<Int64>) -> PublicStatistics {
            var total: [DossierStatistics.Counter: Int64] = [:]
            for id in ids { total.merge(sums[id] ?? [:], uniquingKeysWith: +) }
            return PublicStatistics(total)
        }
        let rows = units.filter { $0.kind != .city && $0.kind != .section }.compactMap { unit -> Row? in
            let values = figures(ServiceIndexRanking.members(of: unit.id, in: units))
            return values.isEmpty ? nil : Row(unit: unit.code, name: unit.name, kind: unit.kind.rawValue, figures: values)
        }
        return Document(
            from: period.from.iso, to: period.through.iso,
            city: Self.city(figures(sums.keys)), units: rows)
    }
}
