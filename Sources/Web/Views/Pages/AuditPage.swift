import Domain
import Foundation
import Persistence
import Plot
import Services

/// The audit trail for administrators: the newest rows first, filtered by action or object type, paged by
/// sequence, with an on-demand check of the hash chain.
struct AuditPage {
    var entries: [AuditEntry]
    var actors: [Int64: User]
    var query: AuditTrail.Query
    var verification: AuditTrail.Verification?
    var timeZone: TimeZone

    var body: [Node<HTML.BodyContext>] {
        [
            .h1(.text("Nhật ký hệ thống")),
            .p(
                .text(
                    "Mỗi dòng ghi ai đã làm gì, với đối tượng nào, lúc nào và vì sao. Mỗi dòng mang mã băm của dòng trước, nên một dòng bị sửa hoặc xóa sẽ bị phát hiện khi kiểm tra."
                )),
            verificationNotice,
            .form(
                .class("filters"), .action(SiteRoute.audit.path), .method(.get), .attribute(named: "role", value: "search"),
                .div(
                    .class("field"), .label(.for("action"), .text("Nhóm thao tác")),
                    .select(
                        .id("action"), .attribute(named: "name", value: "action"),
                        .choice("", "Tất cả", isSelected: (query.actionPrefix ?? "").isEmpty),
                        .forEach(AuditVocabulary.groups) { .choice($0.prefix, $0.title, isSelected: query.actionPrefix == $0.prefix) })),
                .div(
                    .class("field"), .label(.for("object"), .text("Loại đối tượng")),
                    .select(
                        .id("object"), .attribute(named: "name", value: "object"),
                        .choice("", "Tất cả", isSelected: (query.objectType ?? "").isEmpty),
                        .forEach(AuditVocabulary.objects.sorted { $0.value < $1.value }) {
                            .choice($0.key, $0.value.prefix(1).uppercased() + $0.value.dropFirst(), isSelected: query.objectType == $0.key)
                        })),
                .button(.type(.submit), .class("button"), .text("Lọc"))
            ),
            .form(
                .class("inline-form"), .action(SiteRoute.audit.path), .method(.get),
                .input(.type(.hidden), .name("verify"), .value("1")),
                .button(.type(.submit), .class("button button--secondary"), .text("Kiểm tra tính toàn vẹn của nhật ký"))
            ),
            AuditTable.node(entries, actors: actors, timeZone: timeZone, caption: "Các dòng nhật ký, mới nhất trước"),
            .unwrap(entries.count == query.limit ? entries.last : nil) { last in
                .p(.a(.href(nextPage(after: last)), .text("Các dòng cũ hơn")))
            },
        ]
    }

    private var verificationNotice: Node<HTML.BodyContext> {
        guard let verification else { return .empty }
        if verification.isIntact {
            return .p(
                .class("notice notice--success"), .attribute(named: "role", value: "status"),
                .text("Nhật ký toàn vẹn: đã kiểm tra \(verification.rowsChecked) dòng, chuỗi mã băm không bị phá vỡ."))
        }
        return .p(
            .class("notice notice--error"), .attribute(named: "role", value: "alert"),
            .text("Nhật ký KHÔNG toàn vẹn từ dòng số \(verification.firstBrokenSequence ?? 0): \(verification.problem ?? "")."))
    }

    private func nextPage(after last: AuditEntry) -> String {
        var components = URLComponents()
        components.path = SiteRoute.audit.path
        components.queryItems = [URLQueryItem(name: "before", value: String(last.sequence))]
        if let action = query.actionPrefix, !action.isEmpty { components.queryItems?.append(.init(name: "action", value: action)) }
        if let object = query.objectType, !object.isEmpty { components.queryItems?.append(.init(name: "object", value: object)) }
        return components.string ?? SiteRoute.audit.path
    }
}

/// Rows of the audit trail as a table, shared by the audit page and the account page.
enum AuditTable {
    static func node(_ entries: [AuditEntry], actors: [Int64: User], timeZone: TimeZone, caption: String) -> Node<HTML.BodyContext> {
        .table(
            .class("table"),
            .caption(.text(caption)),
            .thead(
                .tr(
                    .th(.text("Số")), .th(.text("Thời điểm")), .th(.text("Người thực hiện")), .th(.text("Thao tác")),
                    .th(.text("Đối tượng")), .th(.text("Lý do, chi tiết")))),
            .tbody(
                .forEach(entries) { entry in
                    .tr(
                        .td(.text(String(entry.sequence))),
                        .td(.text(DisplayFormat.dateTime(entry.occurredAt, in: timeZone))),
                        .td(actor(entry.actorID, actors)),
                        .td(.span(.attribute(named: "title", value: entry.action), .text(AuditVocabulary.action(entry.action)))),
                        .td(.text("\(AuditVocabulary.object(entry.objectType)) \(entry.objectID)")),
                        .td(.text(entry.reason))
                    )
                })
        )
    }

    private static func actor(_ id: Int64?, _ actors: [Int64: User]) -> Node<HTML.BodyContext> {
        guard let id else { return .text("Hệ thống") }
        guard let user = actors[id] else { return .text("Tài khoản #\(id)") }
        return .a(.href(SiteRoute.user(id: id).path), .text(user.displayName))
    }
}
