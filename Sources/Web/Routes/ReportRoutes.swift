import Domain
import Foundation
import Hummingbird
import Persistence
import Services

/// Reports: the dossier log of a desk (form 07) and the delegation report for the city's evaluation of
/// delegated procedures.
struct ReportRoutes {
    let services: AppServices

    func register(on router: some RouterMethods<AppRequestContext>) {
        router.get(SiteRoute.dossierLog.pattern) { request, context in
            let identity = try context.requireStaff()
            let today = services.today()
            let from = request.query("from").flatMap { LocalDate(typed: $0) } ?? LocalDate(year: today.year, month: today.month, day: 1)!
            let to = request.query("to").flatMap { LocalDate(typed: $0) } ?? today
            guard from <= to, from.days(to: to) <= 366 else { throw AppError.badRequest("Khoảng thời gian không hợp lệ (tối đa một năm).") }
            let unitID = try await services.defaultUnit(request.query("unit"), for: identity)
            guard let unitID, identity.scope.contains(unitID), let unit = try await services.unitDirectory().find(id: unitID) else {
                throw AppError.notFound
            }
            guard let start = clock.instant(parsing: from.iso + "T00:00"),
                let end = clock.instant(parsing: to.adding(days: 1).iso + "T00:00")
            else {
                throw AppError.badRequest("Khoảng thời gian không hợp lệ.")
            }
            let rows = try await services.dossiers.log(receivingUnitID: unitID, from: start, to: end)
            try await services.audit(
                AuditRecord(
                    actorID: identity.user.id, unitID: unitID, action: "dossier.list", objectType: "dossierLog",
                    objectID: String(unitID), reason: "\(from.iso)..\(to.iso)"))
            let unitNames = try await services.unitNames(rows.map(\.item.dossier.processingUnitID))
            let page = DossierLogPage(
                unit: unit, from: from, to: to, rows: rows, unitNames: unitNames, clock: clock, offersPDF: services.printsPDF)
            if request.query("format") == "pdf" {
                return try await PDFRenderer.response(
                    services.pdf, title: "Sổ theo dõi hồ sơ — \(unit.name)",
                    fileName: "so-theo-doi-\(unit.code)-\(from.iso)-\(to.iso).pdf", content: page.body)
            }
            return Page("Sổ theo dõi hồ sơ", body: page.body).render(context: context, request: request)
        }
        router.get(SiteRoute.delegations.pattern) { request, context in
            _ = try context.require(.secretariat, .admin, .cityLeader, .appraisalCouncil)
            let versions = try await services.procedures.delegatedVersions()
            var reports: [DelegationPage.Report] = []
            let calculator = DeadlineCalculator(
                calendar: try await services.workingCalendar(), officeHours: services.configuration.officeHours)
            let today = services.today()
            var seen: Set<String> = []
            for version in versions {
                guard let delegation = version.procedure.delegation else { continue }
                let key = "\(version.summary.code)|\(delegation.authority)|\(delegation.until.iso)"
                guard seen.insert(key).inserted else { continue }
                let sameDelegation = versions.filter { $0.summary.code == version.summary.code && $0.procedure.delegation == delegation }
                let facts = try await services.dossiers.statisticsFacts(procedureVersionIDs: sameDelegation.map(\.summary.versionID))
                let table = DossierStatistics.table(
                    facts, from: Date(timeIntervalSince1970: 0), to: services.clock().addingTimeInterval(1),
                    clock: clock, calculator: calculator)
                let directory = try await services.unitDirectory()
                let processing = version.procedure.processingUnits.prefix(5).map { directory.find(code: $0, validOn: today)?.name ?? $0 }
                reports.append(
                    .init(
                        procedure: version.procedure, delegation: delegation, processing: processing,
                        moreUnits: max(0, version.procedure.processingUnits.count - 5), table: table,
                        daysLeft: today.days(to: delegation.until)))
            }
            let page = DelegationPage(reports: reports.sorted { $0.daysLeft < $1.daysLeft })
            return Page("Báo cáo thủ tục ủy quyền", body: page.body).render(context: context, request: request)
        }
    }

    var clock: LocalClock { services.localClock }
}
