import Domain
import Foundation
import Hummingbird
import Persistence
import Services

/// The statistics table of a unit for a period, with every figure linked to the dossiers behind it, as a
/// page, a CSV file and JSON. The unit must be in the reader's scope. Counts come from the counters kept as
/// dossiers change; the list behind a figure is recounted from the dossiers.
struct StatisticsRoutes {
    let services: AppServices

    /// The unit and period asked for: `unit` (id), `from` and `to` (yyyy-MM-dd, both included; default the
    /// current month); a unit above others counts every unit below it.
    typealias Query = StatisticsScope

    func register(on router: some RouterMethods<AppRequestContext>) {
        router.get(SiteRoute.statistics.pattern) { request, context in
            let identity = try context.requireStaff()
            let query = try await self.query(request, identity)
            let table = try await services.statisticsTable(query)
            let page = StatisticsPage(query: query, table: table, units: try await units(identity))
            return Page("Thống kê hồ sơ", body: page.body).render(context: context, request: request)
        }
        router.get(SiteRoute.statisticsDossiers.pattern) { request, context in
            let identity = try context.requireStaff()
            let query = try await self.query(request, identity)
            guard let figure = request.query("figure").flatMap(DossierStatistics.Figure.init(rawValue:)) else { throw AppError.notFound }
            let listing = try await services.statisticsRecount(query)
            let items = try await services.dossiers.dossiers(ids: Array(Set(listing.dossiers[figure] ?? [])))
            try await services.audit(
                AuditRecord(
                    actorID: identity.user.id, unitID: query.unit.id, action: "dossier.list", objectType: "statistics",
                    objectID: figure.rawValue, reason: "\(query.from.iso)..\(query.to.iso)"))
            let page = StatisticsDossiersPage(query: query, figure: figure, items: items, clock: clock)
            return Page(figure.title, body: page.body).render(context: context, request: request)
        }
        router.get(SiteRoute.statisticsCSV.pattern) { request, context in
            let identity = try context.requireStaff()
            let query = try await self.query(request, identity)
            let rows = Self.rows(try await services.statisticsTable(query)).map { $0.map { $0.csvText(decimals: 2) } }
            return Self.download(
                ByteBuffer(string: "\u{FEFF}" + CSV.text(rows)), type: "text/csv; charset=utf-8", name: Self.fileName(query, "csv"))
        }
        router.get(SiteRoute.statisticsXLSX.pattern) { request, context in
            let identity = try context.requireStaff()
            let query = try await self.query(request, identity)
            let sheet = Spreadsheet(
                sheetName: "Thống kê",
                rows: [[.text("\(query.unit.name), \(query.from.vietnamese) – \(query.to.vietnamese)")]]
                    + Self.rows(try await services.statisticsTable(query)))
            return Self.download(
                ByteBuffer(bytes: sheet.xlsx()), type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                name: Self.fileName(query, "xlsx"))
        }
        router.get(SiteRoute.apiStatistics.pattern) { request, context -> StatisticsDTO in
            let identity = try context.requireStaff()
            let query = try await self.query(request, identity, unitParameter: "unitId")
            let table = try await services.statisticsTable(query)
            return StatisticsDTO(
                unitId: query.unit.id, from: query.from.iso, to: query.to.iso,
                figures: Dictionary(uniqueKeysWithValues: DossierStatistics.Figure.allCases.map { ($0.rawValue, table.count($0)) }),
                averageWorkingDays: table.averageWorkingDays)
        }
    }

    var clock: LocalClock { services.localClock }

    /// The table as rows of cells, for the CSV and XLSX files.
    static func rows(_ table: DossierStatistics.Table) -> [[Spreadsheet.Cell]] {
        var rows: [[Spreadsheet.Cell]] = [[.text("Chỉ tiêu"), .text("Số hồ sơ"), .text("Tỷ lệ (%)")]]
        for figure in DossierStatistics.Figure.allCases {
            rows.append([
                .text(figure.title), .number(Double(table.count(figure))),
                table.percent(figure).map { .number(($0 * 10).rounded() / 10) } ?? .text(""),
            ])
        }
        rows.append([
            .text("Thời gian giải quyết trung bình (ngày làm việc)"),
            table.averageWorkingDays.map { .number(($0 * 100).rounded() / 100) } ?? .text(""), .text(""),
        ])
        return rows
    }

    static func fileName(_ query: Query, _ ending: String) -> String {
        "thong-ke-\(query.unit.code)-\(query.from.iso)-\(query.to.iso).\(ending)"
    }

    static func download(_ body: ByteBuffer, type: String, name: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = type
        headers[.contentDisposition] = "attachment; filename=\"\(name)\""
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: body))
    }

    private func query(_ request: Request, _ identity: Identity, unitParameter: String = "unit") async throws -> Query {
        let period = try request.reportingPeriod(today: services.today())
        let unitID = try await services.defaultUnit(request.query(unitParameter), for: identity)
        guard let unitID, identity.scope.contains(unitID), let unit = try await services.unitDirectory().find(id: unitID) else {
            throw AppError.notFound
        }
        return try await services.statisticsScope(of: unit, period: period)
    }

    /// The current units the reader may choose: their scope, or every unit for city-wide roles.
    private func units(_ identity: Identity) async throws -> [OrgUnit] {
        try await services.unitDirectory().list(.init(validOn: services.today())).filter { identity.scope.contains($0.id) }
    }
}

/// The statistics of one unit and period (openapi.yaml: `Statistics`).
struct StatisticsDTO: ResponseEncodable, Decodable {
    var unitId: Int64
    var from: String
    var to: String
    var figures: [String: Int]
    var averageWorkingDays: Double?
}
