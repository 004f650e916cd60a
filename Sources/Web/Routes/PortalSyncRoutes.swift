import Domain
import Foundation
import Hummingbird
import Persistence
import Plot
import Services

/// The administrators' view of the synchronisation with the national portal: counts by status, whether a
/// portal address is configured, the recent failures, and a retry of the messages given up.
struct PortalSyncRoutes {
    let services: AppServices

    func register(on router: some RouterMethods<AppRequestContext>) {
        router.get(SiteRoute.portalSync.pattern) { request, context in
            _ = try context.require(.admin)
            let outbox = PortalOutbox(services.database.sql)
            let page = PortalSyncPage(
                counts: try await outbox.counts(), problems: try await outbox.recentProblems(), portalURL: services.configuration.portalURL,
                csrfToken: context.csrfToken, saved: request.query("saved") == "1")
            return Page("Đồng bộ Cổng Dịch vụ công quốc gia", body: page.body).render(context: context, request: request)
        }
        router.post(SiteRoute.portalSyncRetry.pattern) { _, context in
            let admin = try context.require(.admin)
            try await PortalOutbox(services.database.sql).retryFailed(at: services.clock())
            try await services.audit(
                AuditRecord(actorID: admin.user.id, action: "portalSync.retry", objectType: "portalOutbox", objectID: "failed"))
            return Response.redirect(to: SiteRoute.portalSync.path + "?saved=1", type: .normal)
        }
    }
}

struct PortalSyncPage {
    var counts: [PortalOutbox.Status: Int]
    var problems: [PortalOutbox.Row]
    var portalURL: URL?
    var csrfToken: String
    var saved: Bool

    var body: [Node<HTML.BodyContext>] {
        [
            .h1(.text("Đồng bộ Cổng Dịch vụ công quốc gia")),
            FormNotice.node(error: nil, saved: saved),
            portalURL == nil
                ? .p(
                    .class("notice"),
                    .text("Chưa cấu hình địa chỉ nhận (MOTCUA_PORTAL_URL): các sự kiện hồ sơ được giữ trong hàng đợi, chưa gửi."))
                : .p(.text("Địa chỉ nhận: \(portalURL!.absoluteString)")),
            .table(
                .class("table"),
                .caption(.text("Sự kiện hồ sơ theo trạng thái đồng bộ")),
                .thead(.tr(.th(.text("Trạng thái")), .th(.text("Số sự kiện")))),
                .tbody(
                    .forEach(PortalOutbox.Status.allCases) { status in
                        .tr(.th(.attribute(named: "scope", value: "row"), .text(status.title)), .td(.text(String(counts[status] ?? 0))))
                    })
            ),
            .if(
                counts[.failed, default: 0] > 0,
                .form(
                    .class("inline-form"), .action(SiteRoute.portalSyncRetry.path), .method(.post),
                    .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
                    .button(.type(.submit), .class("button"), .text("Gửi lại các sự kiện không thành công"))
                )),
            .h2(.text("Lỗi gần đây")),
            problems.isEmpty
                ? .p(.text("Không có lỗi."))
                : .table(
                    .class("table"),
                    .thead(.tr(.th(.text("Hồ sơ")), .th(.text("Sự kiện")), .th(.text("Số lần thử")), .th(.text("Lỗi")))),
                    .tbody(
                        .forEach(problems) { row in
                            .tr(
                                .td(.a(.href(SiteRoute.dossier(id: row.dossierID).path), .text(row.message.dossierCode))),
                                .td(.text("\(row.message.event.sequence). \(row.message.event.action)")), .td(.text(String(row.attempts))),
                                .td(.text(row.lastError ?? "")))
                        })
                ),
        ]
    }
}
