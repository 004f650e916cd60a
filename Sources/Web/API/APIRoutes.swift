import Domain
import Foundation
import Hummingbird
import Persistence
import Services

/// The JSON API under /api/v1, described by openapi.yaml at the repository root.
struct APIRoutes {
    let services: AppServices

    func register(on router: some RouterMethods<AppRequestContext>) {
        router.get(SiteRoute.apiUnits.pattern) { request, _ -> UnitListDTO in
            var filter = UnitStore.Filter(query: request.query("q"))
            if let kind = request.query("kind") {
                guard let value = UnitKind(rawValue: kind) else { throw AppError.badRequest("Loại đơn vị không hợp lệ: \(kind)") }
                filter.kind = value
            }
            if let day = request.query("validOn") {
                guard let value = LocalDate(iso: day) else { throw AppError.badRequest("Ngày phải có dạng yyyy-MM-dd: \(day)") }
                filter.validOn = value
            }
            return UnitListDTO(units: try await services.unitDirectory().list(filter).map(UnitDTO.init))
        }
        router.get(SiteRoute.apiUnit().pattern) { _, context -> UnitDetailDTO in
            let id = try context.parameters.id()
            guard let unit = try await services.unitDirectory().find(id: id) else { throw AppError.notFound }
            let links = try await services.units.links(of: id)
            func dto(_ link: UnitLink, other: Int64) -> UnitLinkDTO {
                UnitLinkDTO(
                    unitId: other, whole: link.isWhole, primary: link.isPrimary, effective: link.effective.iso, legalBasis: link.legalBasis)
            }
            return UnitDetailDTO(
                unit: UnitDTO(unit),
                predecessors: links.predecessors.map { dto($0, other: $0.predecessorID) },
                successors: links.successors.map { dto($0, other: $0.successorID) })
        }
        router.get(SiteRoute.apiMe.pattern) { _, context -> UserDTO in
            guard let identity = context.identity else { throw AppError.unauthorized }
            return UserDTO(identity.user, grants: identity.grants)
        }
        router.get(SiteRoute.apiUsers.pattern) { request, context -> UserListDTO in
            let identity = try context.requireStaff()
            let users = try await services.users.list(within: identity.scope, query: request.query("q"))
            var result: [UserDTO] = []
            for user in users { result.append(UserDTO(user, grants: try await services.users.grants(of: user.id))) }
            return UserListDTO(users: result)
        }
        router.get(SiteRoute.apiUser().pattern) { _, context -> UserDTO in
            let identity = try context.requireStaff()
            let user = try await UserAccess(services: services).read(try context.parameters.id(), by: identity, logger: context.logger)
            return UserDTO(user, grants: try await services.users.grants(of: user.id))
        }
    }
}
