import Domain
import Hummingbird
import Persistence
import Services

/// `serve --demo` only (never registered otherwise): the messages the server would have sent by SMS and e-mail —
/// registration codes, dossier notices — newest first, so that someone trying the demo without a gateway can
/// read their code and finish what they started.
struct DemoOutboxRoutes {
    let services: AppServices

    func register(on router: some RouterMethods<AppRequestContext>) {
        router.get(SiteRoute.demoOutbox.pattern) { request, context in
            let rows = try await NotificationOutbox(services.database.sql).recent(limit: 50)
            let page = DemoOutboxPage(rows: rows, clock: services.localClock)
            return Page("Hộp thư trình diễn", body: page.body).render(context: context, request: request)
        }
    }
}
