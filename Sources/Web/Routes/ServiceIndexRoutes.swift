import Domain
import Foundation
import Hummingbird
import Persistence
import Services

/// The service index (Decision 766) on pages and in the API: the city with the units ranked (for the roles
/// that see the whole city), a unit's score (for readers with that unit in scope), and the records behind
/// every numerator and denominator. Counts come from the counters; records are found by the same rules.
struct ServiceIndexRoutes {
    let services: AppServices

    func register(on router: some RouterMethods<AppRequestContext>) {
        router.get(SiteRoute.serviceIndex.pattern) { request, context in
            let identity = try context.requireStaff()
            let period = try request.reportingPeriod(today: services.today())
            guard Self.seesCity(identity) else {
                guard let unit = identity.grants.compactMap(\.unitID).first else { throw AppError.forbidden }
                return Response.redirect(to: SiteRoute.serviceIndexUnit(id: unit).path + "?" + Self.parameters(period), type: .normal)
            }
            let dashboard: ServiceIndexDashboard
            do {
                dashboard = try await services.serviceIndexDashboard(period, today: services.today())
            } catch let problem as AppServices.ServiceIndexProblem {
                throw AppError.badRequest(problem.message)
            }
            return Page("Chỉ số phục vụ người dân, doanh nghiệp", body: dashboard.page.body).render(context: context, request: request)
        }
        router.get(SiteRoute.serviceIndexUnit().pattern) { request, context in
            let identity = try context.requireStaff()
            let id = try context.parameters.id()
            guard identity.scope.contains(id) else { throw AppError.notFound }
            let period = try request.reportingPeriod(today: services.today())
            let report = try await report(period)
            guard let unit = report.units.first(where: { $0.id == id }) else { throw AppError.notFound }
            if unit.kind == .city {
                return Response.redirect(to: SiteRoute.serviceIndex.path + "?" + Self.parameters(period), type: .normal)
            }
            let ranking = ServiceIndexReport.rankedGroups.contains(unit.kind.rankingGroup) ? report.ranking(of: unit.kind.rankingGroup) : []
            let trend = try await services.serviceIndexTrend(
                endingWith: period.through, units: ServiceIndexRanking.members(of: unit.id, in: report.units))
            let sipas = try await SIPASCampaigns(services.database).satisfaction(of: unit.code, from: period.from, through: period.through)
            let page = ServiceIndexUnitPage(
                report: report, period: period, unit: unit, score: report.score(of: unit),
                rank: ranking.first { $0.unit.id == id }?.rank, ranked: ranking.count, today: services.today(), trend: trend,
                sipas: sipas, seesSurveys: SIPASRoutes.canView(identity))
            return Page("Chỉ số phục vụ — \(unit.name)", body: page.body).render(context: context, request: request)
        }
        // What-if: the unit's open dossiers completed at 17:00 on the period's last day (all the overdue ones
        // unless some are chosen), and the score that would follow.
        router.get(SiteRoute.serviceIndexWhatIf().pattern) { request, context in
            let identity = try context.requireStaff()
            let id = try context.parameters.id()
            guard identity.scope.contains(id) else { throw AppError.notFound }
            let period = try request.reportingPeriod(today: services.today())
            let report = try await report(period)
            guard let unit = report.units.first(where: { $0.id == id }), unit.kind != .city else { throw AppError.notFound }
            let clock = services.localClock
            let (start, end) = period.bounds(clock)
            let completion = end.addingTimeInterval(-7 * 3600)  // 17:00 on the period's last day
            guard completion > services.clock() else {
                throw AppError.badRequest("Kỳ này đã kết thúc: chỉ tính giả định cho kỳ chưa kết thúc.")
            }
            let members = ServiceIndexRanking.members(of: unit.id, in: report.units)
            var open: [(facts: DossierStatistics.Facts, unitID: Int64)] = []
            for member in members {
                open += try await services.dossiers.statisticsFacts(processingUnitID: member, from: start, to: end).filter {
                    $0.outcome == .open
                }.map { ($0, member) }
            }
            let chosen = Set(request.queries("dossier").compactMap { Int64($0) })
            let selected =
                chosen.isEmpty
                ? open.filter { ($0.facts.dueAt ?? .distantFuture) < completion } : open.filter { chosen.contains($0.facts.id) }
            var changes: [DossierStatistics.Counter: Int] = [:]
            for item in selected {
                let calculator = try await services.deadlines(item.unitID, services.database.sql)
                let moved = ServiceIndexWhatIf.changes(
                    from: [item.facts], to: [ServiceIndexWhatIf.completing(item.facts, at: completion)],
                    period: period.from, period.end, calculator: calculator)
                changes.merge(moved, uniquingKeysWith: +)
            }
            let counts = ServiceIndexRanking.sum(report.counts, over: members)
            let items = try await services.dossiers.dossiers(ids: open.map(\.facts.id))
            let page = ServiceIndexWhatIfPage(
                period: period, unit: unit, before: ServiceIndexScore(framework: report.framework, counts: counts),
                after: ServiceIndexScore(framework: report.framework, counts: ServiceIndexWhatIf.adjusted(counts, by: changes)),
                open: items, selected: Set(selected.map(\.facts.id)), completion: completion, clock: clock)
            return Page("Giả định — \(unit.name)", body: page.body).render(context: context, request: request)
        }
        router.get(SiteRoute.serviceIndexRecords.pattern) { request, context in
            let identity = try context.requireStaff()
            let period = try request.reportingPeriod(today: services.today())
            let report = try await report(period)
            guard let indicator = report.framework.indicator(request.query("indicator") ?? ""),
                let part = request.query("part").flatMap(ServiceIndexStore.Part.init(rawValue:))
            else { throw AppError.notFound }
            guard let measure = indicator.measure else {
                throw AppError.badRequest("Chỉ tiêu \(indicator.code) chưa có dữ liệu trong MotCua.")
            }
            let unit = try scopedUnit(request.query("unit"), report: report, identity: identity)
            let members = unit.map { ServiceIndexRanking.members(of: $0.id, in: report.units) } ?? report.units.map(\.id)
            let clock = services.localClock
            let (start, end) = period.bounds(clock)
            let records = try await ServiceIndexStore(services.database.reports).records(
                measure, part, units: members, from: period.from, to: period.end, start: start, end: end, now: services.clock()
            ) { unitID in
                try await services.deadlines(unitID, services.database.sql)
            }
            try await services.audit(
                AuditRecord(
                    actorID: identity.user.id, unitID: unit?.id, action: "dossier.list", objectType: "serviceIndex",
                    objectID: "\(indicator.code).\(part.rawValue)", reason: "\(period.from.iso)..\(period.through.iso)"))
            let page = ServiceIndexRecordsPage(period: period, unit: unit, indicator: indicator, part: part, records: records, clock: clock)
            return Page("\(indicator.code) \(indicator.name) — \(part.title)", body: page.body).render(context: context, request: request)
        }
        router.get(SiteRoute.apiServiceIndex.pattern) { request, context -> ServiceIndexDocument in
            let identity = try context.requireStaff()
            let report = try await report(try request.reportingPeriod(today: services.today()))
            guard let unit = try scopedUnit(request.query("unitId"), report: report, identity: identity) else {
                return ServiceIndexDocument(unit: "ALL", name: "Toàn thành phố", report: report, score: report.city)
            }
            return ServiceIndexDocument(unit: unit.code, name: unit.name, report: report, score: report.score(of: unit))
        }
        router.get(SiteRoute.apiServiceIndexRanking.pattern) { request, context -> ServiceIndexRankingDocument in
            let identity = try context.requireStaff()
            guard Self.seesCity(identity) else { throw AppError.forbidden }
            guard let kind = request.query("kind"), let group = UnitKind(rawValue: kind)?.rankingGroup,
                ServiceIndexReport.rankedGroups.contains(group)
            else {
                throw AppError.badRequest("Tham số kind phải là department, commune, ward, township hoặc district.")
            }
            let report = try await report(try request.reportingPeriod(today: services.today()))
            return ServiceIndexRankingDocument(kind: kind, report: report, entries: report.ranking(of: group))
        }
    }

    /// The unit asked for (an id in the reader's scope), or nil for the whole city (only for the roles that see it).
    private func scopedUnit(_ asked: String?, report: ServiceIndexReport, identity: Identity) throws -> OrgUnit? {
        guard let asked, !asked.isEmpty, asked != "city" else {
            guard Self.seesCity(identity) else { throw AppError.forbidden }
            return nil
        }
        guard let id = Int64(asked), identity.scope.contains(id), let unit = report.units.first(where: { $0.id == id }) else {
            throw AppError.notFound
        }
        return unit.kind == .city ? nil : unit
    }

    private func report(_ period: ReportingPeriod) async throws -> ServiceIndexReport {
        do {
            return try await services.serviceIndex(from: period.from, through: period.through)
        } catch let problem as AppServices.ServiceIndexProblem {
            throw AppError.badRequest(problem.message)
        }
    }

    static func seesCity(_ identity: Identity) -> Bool { identity.grants.contains { $0.role.seesWholeCity } }

    static func parameters(_ period: ReportingPeriod) -> String { "from=\(period.from.iso)&to=\(period.through.iso)" }
}
