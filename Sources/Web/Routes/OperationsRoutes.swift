import Domain
import Foundation
import Hummingbird
import Persistence
import Plot
import Services

/// The administrators' operations page (issue 10): the version and database, the migrations applied, the queues
/// (notifications, the national-portal outbox), the messages given up on with a retry, the audit chain's
/// check, and the last backups.
struct OperationsRoutes {
    let services: AppServices

    func register(on router: some RouterMethods<AppRequestContext>) {
        router.get(SiteRoute.operations.pattern) { request, context in
            _ = try context.require(.admin)
            let notifications = NotificationOutbox(services.database.sql)
            let page = OperationsPage(
                version: MotCuaVersion.current, database: services.configuration.database.redacted,
                migrations: try await MigrationRunner(database: services.database).applied().count, knownMigrations: Migrations.all.count,
                notificationCounts: try await notifications.counts(), portalCounts: try await PortalOutbox(services.database.sql).counts(),
                failed: try await notifications.failed(),
                backups: try await Backup(database: services.database, dataDirectory: services.configuration.dataDirectory).runs(),
                partitions: try await YearPartitions(services.database).status(), backupDirectory: services.configuration.backupDirectory,
                csrfToken: context.csrfToken, retried: request.query("retried").flatMap(Int.init))
            return Page("Vận hành hệ thống", body: page.body).render(context: context, request: request)
        }
        // "Sao lưu ngay": a background job (its page shows it running, then what it wrote); audited.
        router.post(SiteRoute.operationsBackup.pattern) { _, context in
            let admin = try context.require(.admin)
            let id = try await services.jobs.backup(by: admin.user.id, services: services, logger: context.logger)
            try await services.audit(
                AuditRecord(
                    actorID: admin.user.id, action: "backup.start", objectType: "backup", objectID: String(id),
                    reason: "vào " + services.configuration.backupDirectory))
            return Response.redirect(to: SiteRoute.job(id: id).path, type: .normal)
        }
        router.post(SiteRoute.operationsRetry.pattern) { _, context in
            let admin = try context.require(.admin)
            let count = try await NotificationOutbox(services.database.sql).retryFailed(at: services.clock())
            try await services.audit(
                AuditRecord(
                    actorID: admin.user.id, action: "notifications.retry", objectType: "notifications", objectID: "failed",
                    reason: "\(count) thông báo gửi lại"))
            return Response.redirect(to: SiteRoute.operations.path + "?retried=\(count)", type: .normal)
        }
    }
}

/// The version this build reports on the operations page.
public enum MotCuaVersion {
    public static let current = "0.6.0"
}

struct OperationsPage {
    var version: String
    var database: String
    var migrations: Int
    var knownMigrations: Int
    var notificationCounts: [NotificationOutbox.Status: Int]
    var portalCounts: [PortalOutbox.Status: Int]
    var failed: [NotificationOutbox.Row]
    var backups: [Backup.Run]
    var partitions: [YearPartitions.Status]
    var backupDirectory: String
    var csrfToken: String
    var retried: Int?

    var body: [Node<HTML.BodyContext>] {
        [
            .h1(.text("Vận hành hệ thống")),
            .unwrap(retried) {
                .p(
                    .class("notice notice--success"), .attribute(named: "role", value: "status"),
                    .text("Đã đưa \($0) thư, tin nhắn vào hàng đợi gửi lại."))
            },
            .dl(
                .class("facts"), .id("operations-facts"),
                .dt(.text("Phiên bản")), .dd(.text("MotCua \(version)")),
                .dt(.text("Cơ sở dữ liệu")), .dd(.text(database)),
                .dt(.text("Cấu trúc dữ liệu")),
                .dd(
                    .text(
                        "\(migrations)/\(knownMigrations) bước cập nhật đã áp dụng"
                            + (migrations == knownMigrations ? "" : " — CHƯA CẬP NHẬT ĐỦ")))),
            .h2(.text("Hàng đợi")),
            .table(
                .class("table"), .id("operations-queues"),
                .thead(.tr(.th(.text("Hàng đợi")), .forEach(NotificationOutbox.Status.allCases) { .th(.text($0.title)) })),
                .tbody(
                    .tr(
                        .th(.attribute(named: "scope", value: "row"), .text("Thư điện tử, tin nhắn")),
                        .forEach(NotificationOutbox.Status.allCases) { .td(.class("number"), .text(String(notificationCounts[$0] ?? 0))) }))
            ),
            .p(
                .text(
                    "Cổng Dịch vụ công quốc gia: "
                        + PortalOutbox.Status.allCases.map { "\($0.title) \(portalCounts[$0] ?? 0)" }.joined(separator: ", ") + ". "),
                .a(.href(SiteRoute.portalSync.path), .text("Chi tiết"))),
            .h2(.text("Thư, tin nhắn không gửi được")),
            failed.isEmpty
                ? .p(.text("Không có."))
                : .group(
                    .table(
                        .class("table"), .id("operations-failed"),
                        .thead(
                            .tr(
                                .th(.text("Mục đích")), .th(.text("Kênh")), .th(.text("Người nhận")), .th(.text("Số lần thử")),
                                .th(.text("Lỗi")))),
                        .tbody(
                            .forEach(failed) { row in
                                .tr(
                                    .td(.text(row.message.purpose.title)), .td(.text(row.message.channel.title)),
                                    .td(.text(row.message.recipient)),
                                    .td(.class("number"), .text(String(row.attempts))), .td(.text(row.lastError ?? "")))
                            })),
                    .form(
                        .class("form"), .action(SiteRoute.operationsRetry.path), .method(.post),
                        .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
                        .button(.type(.submit), .class("button"), .text("Gửi lại tất cả")))),
            .h2(.text("Nhật ký toàn vẹn")),
            .p(.a(.href(SiteRoute.audit.path + "?verify=1"), .text("Kiểm tra chuỗi nhật ký (mỗi dòng gắn với dòng trước bằng mã băm)"))),
            .h2(.text("Sao lưu")),
            .form(
                .class("form"), .action(SiteRoute.operationsBackup.path), .method(.post),
                .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
                .p(
                    .class("hint"),
                    .text(
                        "Toàn bộ dữ liệu (mọi bảng trong cùng một thời điểm) và các tệp đã lưu được ghi vào một thư mục mới trong \(backupDirectory); "
                            + "hệ thống vẫn phục vụ trong lúc sao lưu. Nên đặt thư mục này trên ổ đĩa khác (biến MOTCUA_BACKUP_DIR).")),
                .button(.type(.submit), .class("button"), .text("Sao lưu ngay"))),
            backups.isEmpty
                ? .p(.id("operations-backups"), .text("Chưa có bản sao lưu nào."))
                : .table(
                    .class("table"), .id("operations-backups"),
                    .thead(
                        .tr(
                            .th(.text("Thời điểm")), .th(.text("Thư mục")), .th(.text("Số dòng")), .th(.text("Số tệp")),
                            .th(.text("Thời gian")))),
                    .tbody(
                        .forEach(backups) { run in
                            .tr(
                                .td(.text(DisplayFormat.dateTime(run.at))), .td(.text(run.folder)),
                                .td(.class("number"), .text(String(run.rows))),
                                .td(.class("number"), .text(String(run.files))),
                                .td(.text(String(format: "%.1f giây", Double(run.milliseconds) / 1000))))
                        })),
            .h2(.text("Lưu trữ lịch sử theo năm")),
            partitions.isEmpty
                ? .p(
                    .id("operations-partitions"),
                    .text("SQLite: lịch sử hồ sơ và nhật ký lưu trong một bảng (chia theo năm chỉ dùng với PostgreSQL)."))
                : .table(
                    .class("table"), .id("operations-partitions"),
                    .thead(.tr(.th(.text("Bảng")), .th(.text("Các năm đã có phân vùng")), .th(.text("Dòng chưa có năm")))),
                    .tbody(
                        .forEach(partitions) { status in
                            .tr(
                                .th(.attribute(named: "scope", value: "row"), .text(Self.partitionTitles[status.table] ?? status.table)),
                                .td(.text(Self.yearRanges(status.years))),
                                .td(
                                    .class("number"),
                                    .text(
                                        status.rowsWithoutYear == 0
                                            ? "0" : "\(status.rowsWithoutYear) — sẽ được xếp vào năm ở lần dọn dẹp tới")))
                        })),
        ]
    }

    static let partitionTitles = ["dossier_events": "Diễn biến xử lý hồ sơ", "audit_log": "Nhật ký hệ thống"]

    /// "2009, 2024–2027".
    static func yearRanges(_ years: [Int]) -> String {
        HistoryYears.runs(years).map { $0.count == 1 ? String($0.lowerBound) : "\($0.lowerBound)–\($0.upperBound)" }.joined(separator: ", ")
    }
}
