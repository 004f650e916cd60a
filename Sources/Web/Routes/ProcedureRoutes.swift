import Domain
import Foundation
import Hummingbird
import Persistence
import Services

/// The public catalogue: the list with search (diacritics and case ignored) and filters, one procedure with
/// its documents, fees, steps, units and versions — as pages and as JSON, from the same store calls.
struct ProcedureRoutes {
    let services: AppServices

    func register(on router: some RouterMethods<AppRequestContext>) {
        router.get(SiteRoute.procedures.pattern) { request, context in
            let filter = try Self.filter(request)
            let page = ProceduresPage(
                procedures: try await services.procedures.list(filter), filter: filter, fields: try await services.procedures.fields(),
                units: try await services.unitDirectory().list(.init(validOn: services.today())).filter { $0.kind != .city },
                canManage: context.identity.map { $0.has(.secretariat) || $0.has(.admin) } ?? false)
            return Page("Thủ tục hành chính", body: page.body).render(context: context, request: request)
        }
        router.get(SiteRoute.procedure().pattern) { request, context in
            let detail = try await detail(context)
            let filing: ProcedurePage.Filing =
                detail.current.procedure.onlineLevel == .inPerson
                ? .notOnline
                : context.identity?.has(.citizen) == true ? .start(csrfToken: context.csrfToken) : .signInFirst
            return Page(detail.current.procedure.name, body: ProcedurePage(detail: detail, filing: filing).body).render(
                context: context, request: request)
        }
        router.get(SiteRoute.apiProcedures.pattern) { request, _ -> ProcedureListDTO in
            ProcedureListDTO(procedures: try await services.procedures.list(try Self.filter(request)).map(ProcedureSummaryDTO.init))
        }
        router.get(SiteRoute.apiProcedure().pattern) { _, context -> ProcedureDetailDTO in
            ProcedureDetailDTO(try await detail(context))
        }
    }

    /// The filter of the list page and the API: q, field, onlineLevel, online (1: fully or partly), unitId, event.
    static func filter(_ request: Request) throws -> ProcedureStore.Filter {
        let online = request.query("online") ?? ""
        guard online.isEmpty || online == "1" else {
            throw AppError.badRequest("Tham số online chỉ nhận giá trị 1 (thủ tục nộp được trực tuyến): \(online)")
        }
        var filter = ProcedureStore.Filter(query: request.query("q"), field: request.query("field"), onlineOnly: online == "1")
        if let event = request.query("event"), !event.isEmpty {
            guard let value = LifeEvent.find(id: event) else {
                throw AppError.badRequest("Không có nhóm thủ tục theo sự kiện này: \(event)")
            }
            filter.lifeEvent = value
        }
        if let level = request.query("onlineLevel"), !level.isEmpty {
            guard let value = Procedure.OnlineLevel(rawValue: level) else {
                throw AppError.badRequest("Mức trực tuyến không hợp lệ: \(level)")
            }
            filter.onlineLevel = value
        }
        if let unit = request.query("unitId"), !unit.isEmpty {
            guard let id = Int64(unit) else { throw AppError.badRequest("Mã đơn vị không hợp lệ: \(unit)") }
            filter.receivingUnitID = id
        }
        return filter
    }

    struct Detail {
        var current: ProcedureVersion
        var history: [ProcedureVersion]
        var receiving: [OrgUnit]
        var processing: [OrgUnit]
    }

    private func detail(_ context: AppRequestContext) async throws -> Detail {
        guard let code = context.parameters.get("code"), let current = try await services.procedures.find(code: code) else {
            throw AppError.notFound
        }
        var receiving: [OrgUnit] = [], processing: [OrgUnit] = []
        let listed = try await services.procedures.units(ofVersion: current.summary.versionID)
        let units = try await services.unitDirectory().find(ids: listed.map(\.id))
        for entry in listed {
            guard let unit = units[entry.id] else { continue }
            if entry.role == .receiving { receiving.append(unit) } else { processing.append(unit) }
        }
        return Detail(
            current: current, history: try await services.procedures.history(code: code), receiving: receiving, processing: processing)
    }
}
