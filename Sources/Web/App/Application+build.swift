import Foundation
import Hummingbird
import HummingbirdAuth
import Logging
import Persistence
import Services

/// Builds the web application over an open, migrated database.
public func buildApplication(services: AppServices, logger: Logger) throws -> some ApplicationProtocol {
    let configuration = services.configuration
    let router = Router(context: AppRequestContext.self)
    router.add(middleware: SecurityHeadersMiddleware())
    router.add(middleware: ErrorMiddleware())
    router.add(middleware: LoadSheddingMiddleware(limit: configuration.maxConcurrentRequests))
    router.add(middleware: MethodMiddleware())
    if let reserve = services.databaseReserve { router.add(middleware: StorageReserveMiddleware(reserve: reserve)) }
    router.add(middleware: APIQueryMiddleware())
    if !configuration.trustedProxies.isEmpty { router.add(middleware: ClientAddressMiddleware(trusted: configuration.trustedProxies)) }
    router.get(SiteRoute.health.pattern) { _, _ in "ok" }
    let sessionCookie = SessionCookieParameters(
        name: "motcua_session", path: "/", secure: configuration.usesSecureCookies, sameSite: .lax)
    router.add(middleware: SessionReadFailure.Middleware())
    router.add(
        middleware: SessionMiddleware(
            storage: DatabasePersistDriver(store: SessionStore(services.database.sql), clock: services.clock),
            configuration: .init(
                sessionCookieParameters: sessionCookie, keyPrefix: "session.", defaultSessionExpiration: .seconds(8 * 3600))))
    router.add(middleware: CSRFMiddleware(secret: try configuration.resolvedSecret(), secureCookie: configuration.usesSecureCookies))
    router.add(middleware: IdentityMiddleware(services: services))
    PageRoutes(services: services).register(on: router)
    SignInRoutes(services: services).register(on: router)
    AdminRoutes(services: services).register(on: router)
    CalendarRoutes(services: services).register(on: router)
    UnitRoutes(services: services).register(on: router)
    ProcedureRoutes(services: services).register(on: router)
    DossierRoutes(services: services).register(on: router)
    TrackRoutes(services: services).register(on: router)
    RatingRoutes(services: services).register(on: router)
    CitizenRoutes(services: services).register(on: router)
    if services.configuration.demoOutbox { DemoOutboxRoutes(services: services).register(on: router) }
    FilingRoutes(services: services).register(on: router)
    FeedbackRoutes(services: services).register(on: router)
    AttachmentRoutes(services: services).register(on: router)
    StatisticsRoutes(services: services).register(on: router)
    ServiceIndexRoutes(services: services).register(on: router)
    PublicStatisticsRoutes(services: services).register(on: router)
    SIPASRoutes(services: services).register(on: router)
    SIPASCollectionRoutes(services: services).register(on: router)
    PARRoutes(services: services).register(on: router)
    PublicPARRoutes(services: services).register(on: router)
    ReformRoutes(services: services).register(on: router)
    PublicNewsRoutes(services: services).register(on: router)
    OperationsRoutes(services: services).register(on: router)
    PortalSyncRoutes(services: services).register(on: router)
    ReportRoutes(services: services).register(on: router)
    CatalogueRoutes(services: services).register(on: router)
    APIRoutes(services: services).register(on: router)
    return Application(
        router: router,
        configuration: .init(address: .hostname(configuration.hostname, port: configuration.port), serverName: "MotCua"),
        logger: logger)
}
