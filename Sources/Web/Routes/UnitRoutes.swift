import Domain
import Foundation
import Hummingbird
import Persistence
import Services

/// The unit list and unit pages (public), and a unit's office hours, which its head, the secretariat and the
/// administrators may set (audited).
struct UnitRoutes {
    let services: AppServices

    struct OfficeHoursForm: Decodable {
        var hours: String?
        var useDefault: String?
    }

    func register(on router: some RouterMethods<AppRequestContext>) {
        router.get(SiteRoute.units.pattern) { request, context in
            let query = request.query("q") ?? ""
            let kind = request.query("kind").flatMap(UnitKind.init(rawValue:))
            let period = request.query("period").flatMap(UnitsPage.Period.init(rawValue:)) ?? .current
            var filter = UnitStore.Filter(kind: kind, query: query)
            switch period {
            case .current: filter.validOn = services.today()
            case .before2025: filter.validOn = LocalDate(year: 2025, month: 6, day: 30)
            case .all: break
            }
            let units = try await services.unitDirectory().list(filter)
            let page = UnitsPage(units: units, query: query, kind: kind, period: period)
            return Page("Đơn vị hành chính", body: page.body).render(context: context, request: request)
        }
        router.get(SiteRoute.unit().pattern) { request, context in
            let page = try await unitPage(try context.parameters.id(), context: context, saved: request.query("saved") == "1")
            return Page(page.unit.name, body: page.body).render(context: context, request: request)
        }
        router.post(SiteRoute.unitOfficeHours().pattern) { request, context in
            let id = try context.parameters.id()
            guard let identity = context.identity else { throw AppError.unauthorized }
            guard try await mayChangeOfficeHours(of: id, identity) else { throw AppError.forbidden }
            let form = try await request.form(OfficeHoursForm.self, empty: OfficeHoursForm())
            var hours: OfficeHours?
            if form.useDefault != "1" {
                do throws(OfficeHours.Problem) {
                    hours = try OfficeHours(
                        parsing: form.hours ?? "", utcOffsetMinutes: services.configuration.officeHours.utcOffsetMinutes)
                } catch {
                    let page = try await unitPage(id, context: context, error: error.message, enteredHours: form.hours)
                    return Page(page.unit.name, body: page.body, status: .badRequest).render(context: context, request: request)
                }
            }
            try await CalendarStore.setOfficeHours(hours, of: id, actorID: identity.user.id, at: services.clock(), on: services.database)
            return Response.redirect(to: SiteRoute.unit(id: id).path + "?saved=1", type: .normal)
        }
    }

    /// Administrators and the secretariat for every unit; a unit head for the units under their head grants.
    private func mayChangeOfficeHours(of unitID: Int64, _ identity: Identity) async throws -> Bool {
        if identity.has(.admin) || identity.has(.secretariat) { return true }
        let headGrants = identity.grants.filter { $0.role == .unitHead }
        guard !headGrants.isEmpty else { return false }
        return UnitScope(grants: headGrants, tree: try await services.unitTree()).contains(unitID)
    }

    private func unitPage(_ id: Int64, context: AppRequestContext, saved: Bool = false, error: String? = nil, enteredHours: String? = nil)
        async throws -> UnitPage
    {
        let directory = try await services.unitDirectory()
        guard let unit = directory.find(id: id) else { throw AppError.notFound }
        let parent = unit.parentID.flatMap(directory.find(id:))
        let children = directory.list(.init(parentID: id))
        let links = try await services.units.links(of: id)
        let predecessors = links.predecessors.compactMap { link in
            directory.find(id: link.predecessorID).map { UnitPage.LinkedUnit(unit: $0, link: link) }
        }
        let successors = links.successors.compactMap { link in
            directory.find(id: link.successorID).map { UnitPage.LinkedUnit(unit: $0, link: link) }
        }
        let own = try await CalendarStore(services.database.sql).officeHours(of: id)
        var editing: UnitPage.HoursEditing?
        if let identity = context.identity, try await mayChangeOfficeHours(of: id, identity) {
            editing = .init(
                csrfToken: context.csrfToken, entered: enteredHours ?? (own ?? services.configuration.officeHours).text, error: error,
                saved: saved)
        }
        return UnitPage(
            unit: unit, parent: parent, children: children, predecessors: predecessors, successors: successors,
            officeHours: own ?? services.configuration.officeHours, hasOwnOfficeHours: own != nil, hoursEditing: editing)
    }
}

extension OfficeHours.Problem {
    var message: String {
        switch self {
        case .unreadable: "Giờ làm việc phải có dạng 08:00-12:00,13:00-17:00 (buổi sáng, buổi chiều)."
        case .sessionsOutOfOrder: "Buổi sáng phải kết thúc trước buổi chiều, và mỗi buổi phải bắt đầu trước khi kết thúc."
        }
    }
}
