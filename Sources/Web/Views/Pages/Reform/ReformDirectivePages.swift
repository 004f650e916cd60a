import Domain
import Foundation
import Persistence
import Plot
import Services

/// The working group's register of directives (plans, notices of conclusions, urging letters, news) and,
/// for the secretariat, the form to record one with its file.
struct ReformDirectivesPage {
    var directives: [ReformDirective]
    var canManage: Bool
    var csrfToken: String
    var error: String?

    var body: [Node<HTML.BodyContext>] {
        [
            .h1(.text("Văn bản chỉ đạo, thông báo cải cách hành chính")),
            FormNotice.node(error: error, saved: false),
            directives.isEmpty
                ? .p(.text("Chưa có văn bản nào."))
                : .table(
                    .class("table"), .id("directives"),
                    .thead(
                        .tr(
                            .th(.text("Số, ký hiệu")), .th(.text("Ngày")), .th(.text("Loại")), .th(.text("Trích yếu")),
                            .th(.text("Cơ quan ban hành")),
                            .th(.text("Công khai")))),
                    .tbody(
                        .forEach(directives) { directive in
                            .tr(
                                .td(.text(directive.number.nonEmpty ?? "—")), .td(.text(directive.issuedOn.vietnamese)),
                                .td(.text(directive.kind.title)),
                                .td(
                                    .a(.href(SiteRoute.reformDirective(id: directive.id).path), .text(directive.title)),
                                    .if(directive.isDemo, .span(.class("badge"), .text("minh họa")))),
                                .td(.text(directive.issuer)), .td(.text(directive.publishedAt == nil ? "Chưa" : "Đã đăng")))
                        })),
            .if(canManage, form),
        ]
    }

    private var form: Node<HTML.BodyContext> {
        func text(_ id: String, _ name: String, _ label: String, required: Bool = false) -> Node<HTML.FormContext> {
            .div(
                .class("field"), .label(.for(id), .text(label)),
                required
                    ? .input(.type(.text), .id(id), .name(name), .attribute(named: "required", value: "required"))
                    : .input(.type(.text), .id(id), .name(name)))
        }
        return .form(
            .class("form"), .id("directive-form"), .action(SiteRoute.reformDirectives.path), .method(.post),
            .attribute(named: "enctype", value: "multipart/form-data"), ReformViews.hidden(csrfToken),
            .h2(.text("Ghi nhận văn bản, tin bài")),
            .div(
                .class("field"), .label(.for("directive-kind"), .text("Loại")),
                .select(
                    .id("directive-kind"), .attribute(named: "name", value: "kind"),
                    .forEach(ReformDirective.Kind.allCases) { .choice($0.rawValue, $0.title, isSelected: false) })),
            text("directive-number", "number", "Số, ký hiệu (ví dụ 90/TB-VP)"),
            .div(
                .class("field"), .label(.for("directive-date"), .text("Ngày ban hành")),
                .dateInput(id: "directive-date", name: "issuedOn", value: "", required: true)),
            text("directive-issuer", "issuer", "Cơ quan ban hành", required: true),
            text("directive-signer", "signer", "Người ký"),
            text("directive-title", "title", "Trích yếu, tiêu đề", required: true),
            .div(
                .class("field"), .label(.for("directive-summary"), .text("Tóm tắt nội dung, kết luận")),
                .textarea(.id("directive-summary"), .name("summary"))),
            .div(
                .class("field"), .label(.for("directive-file"), .text("Tệp văn bản (không bắt buộc)")),
                .input(.type(.file), .id("directive-file"), .name("file"))),
            .div(
                .class("field field--check"), .input(.type(.checkbox), .id("directive-publish"), .name("publish"), .value("1")),
                .label(.for("directive-publish"), .text("Đăng trên trang Tin tức – Thông báo cải cách hành chính"))),
            .button(.type(.submit), .class("button"), .text("Lưu văn bản")))
    }
}

/// One directive: its record, its file, the tasks created from it, and publication.
struct ReformDirectivePage {
    var directive: ReformDirective
    var tasks: [(task: ReformTask, plan: ReformPlan)]
    var plans: [ReformPlan]
    var canManage: Bool
    var csrfToken: String
    var saved: Bool

    var body: [Node<HTML.BodyContext>] {
        [
            .h1(.text(directive.title)),
            FormNotice.node(error: nil, saved: saved),
            .if(
                directive.isDemo,
                .p(.class("notice notice--warning"), .text("Văn bản MINH HỌA: nội dung tóm tắt để trình diễn, không phải bản chính thức."))),
            .dl(
                .class("facts"),
                .dt(.text("Loại")), .dd(.text(directive.kind.title)),
                .dt(.text("Số, ký hiệu")), .dd(.text(directive.number.nonEmpty ?? "—")),
                .dt(.text("Ngày ban hành")), .dd(.text(directive.issuedOn.vietnamese)),
                .dt(.text("Cơ quan ban hành")), .dd(.text(directive.issuer)),
                .dt(.text("Người ký")), .dd(.text(directive.signer.nonEmpty ?? "—")),
                .dt(.text("Tệp văn bản")),
                .dd(
                    directive.file.map { .a(.href(SiteRoute.reformDirectiveFile(id: directive.id).path), .text($0.originalName)) }
                        ?? .text("—")),
                .dt(.text("Công khai")),
                .dd(
                    directive.publishedAt.map {
                        .a(
                            .href(SiteRoute.publicNewsItem(id: directive.id).path),
                            .text("Đã đăng lúc \(DisplayFormat.dateTime($0))"))
                    } ?? .text("Chưa đăng"))),
            .unwrap(directive.summary.nonEmpty) { .div(.class("summary"), .p(.text($0))) },
            .h2(.text("Nhiệm vụ giao theo văn bản")),
            tasks.isEmpty
                ? .p(.text("Chưa có nhiệm vụ nào."))
                : .ul(
                    .id("directive-tasks"),
                    .forEach(tasks) { item in
                        .li(
                            .a(.href(SiteRoute.reformTask(id: item.task.id).path), .text(item.task.content)), .text(" — \(item.plan.title)")
                        )
                    }),
            .if(
                canManage,
                .group(
                    .p(
                        .text(
                            "Giao nhiệm vụ theo các kết luận của văn bản: trên trang kế hoạch, chọn văn bản này ở ô “Theo văn bản chỉ đạo” khi thêm hoặc nhập nhiệm vụ. "
                        ),
                        .forEach(plans) { plan in
                            .group(.a(.href(SiteRoute.reformPlan(id: plan.id).path + "#task-form"), .text(plan.title)), .text(" "))
                        }),
                    .form(
                        .class("form"), .action(SiteRoute.reformDirectivePublication(id: directive.id).path), .method(.post),
                        ReformViews.hidden(csrfToken),
                        .input(.type(.hidden), .name("publish"), .value(directive.publishedAt == nil ? "1" : "0")),
                        .button(
                            .type(.submit), .class("button button--secondary"),
                            .text(directive.publishedAt == nil ? "Đăng lên trang tin công khai" : "Gỡ khỏi trang tin công khai"))))),
            .p(.a(.href(SiteRoute.reformDirectives.path), .text("← Văn bản chỉ đạo"))),
        ]
    }
}

/// The public "Tin tức – Thông báo cải cách hành chính" page, like the city portal's: search by words
/// without diacritics and by date, the average of readers' stars on each item.
struct PublicNewsPage {
    var items: [ReformDirective]
    var ratings: [Int64: (average: Double, count: Int)]
    var search: ReformDirectives.Search
    var error: String?

    var body: [Node<HTML.BodyContext>] {
        [
            .h1(.text("Tin tức – Thông báo cải cách hành chính")),
            FormNotice.node(error: error, saved: false),
            .form(
                .class("form form--inline"), .id("news-search"), .action(SiteRoute.publicNews.path), .method(.get),
                .attribute(named: "role", value: "search"),
                .div(
                    .class("field"), .label(.for("news-q"), .text("Từ khóa (gõ có dấu hoặc không dấu)")),
                    .input(.type(.search), .id("news-q"), .name("q"), .value(search.words))),
                .div(
                    .class("field"), .label(.for("news-day"), .text("Tìm theo ngày")),
                    .dateInput(id: "news-day", name: "ngay", value: search.on?.iso ?? "")),
                .div(
                    .class("field"), .label(.for("news-from"), .text("Từ ngày")),
                    .dateInput(id: "news-from", name: "tu", value: search.from?.iso ?? "")),
                .div(
                    .class("field"), .label(.for("news-to"), .text("Đến ngày")),
                    .dateInput(id: "news-to", name: "den", value: search.through?.iso ?? "")),
                .button(.type(.submit), .class("button"), .text("Tìm kiếm"))),
            .p(
                .class("note"), .text("Chữ viết tắt (CCHC, PAR INDEX, SIPAS…) được giải thích ở trang "),
                .a(.href(SiteRoute.glossary.path), .text("Thuật ngữ, chữ viết tắt")),
                .text("; nút A−/A/A+ ở đầu trang đổi cỡ chữ.")),
            items.isEmpty
                ? .p(.id("news-empty"), .text("Không có tin nào phù hợp."))
                : .ul(
                    .class("news-list"), .id("news-list"),
                    .forEach(items) { item in
                        .li(
                            .class("news-item"),
                            .h2(.a(.href(SiteRoute.publicNewsItem(id: item.id).path), .text(item.title))),
                            .p(
                                .class("news-item__meta"),
                                .text(
                                    "\(item.issuedOn.vietnamese) · \(item.kind.title)" + (item.number.isEmpty ? "" : " số \(item.number)")
                                        + " · \(item.issuer)"), .text(" · "), Self.stars(ratings[item.id])),
                            .unwrap(item.summary.nonEmpty) { .p(.text(String($0.prefix(280)) + ($0.count > 280 ? "…" : ""))) })
                    }),
        ]
    }

    static func stars(_ rating: (average: Double, count: Int)?) -> Node<HTML.BodyContext> {
        guard let rating, rating.count > 0 else { return .span(.class("stars"), .text("Chưa có đánh giá")) }
        return .span(.class("stars"), .text("Đánh giá \(ServiceIndexViews.number(rating.average, decimals: 1))/5 (\(rating.count) lượt)"))
    }
}

/// One published item: the text, the file, readers' average, and the reader's own rating (once).
struct PublicNewsItemPage {
    var item: ReformDirective
    var rating: (average: Double, count: Int)?
    var hasRated: Bool
    var csrfToken: String
    var error: String?
    var thanked: Bool

    var body: [Node<HTML.BodyContext>] {
        [
            .p(.a(.href(SiteRoute.publicNews.path), .text("← Tin tức – Thông báo cải cách hành chính"))),
            .h1(.text(item.title)),
            .p(
                .class("news-item__meta"),
                .text(
                    "\(item.issuedOn.vietnamese) · \(item.kind.title)" + (item.number.isEmpty ? "" : " số \(item.number)")
                        + " · \(item.issuer)" + (item.signer.isEmpty ? "" : " · Người ký: \(item.signer)"))),
            .if(item.isDemo, .p(.class("notice notice--warning"), .text("Tin MINH HỌA của bản trình diễn MotCua."))),
            FormNotice.node(error: error, saved: false),
            .if(
                thanked,
                .p(
                    .class("notice notice--success"), .id("rating-thanks"), .attribute(named: "role", value: "status"),
                    .text("Cảm ơn ông/bà đã đánh giá."))),
            .forEach(item.summary.components(separatedBy: "\n").filter { !$0.isEmpty }) { .p(.text($0)) },
            .unwrap(item.file) { file in
                .p(.a(.href(SiteRoute.publicNewsFile(id: item.id).path), .text("Tải văn bản: \(file.originalName)")))
            },
            .h2(.text("Đánh giá bài viết")),
            .p(.id("news-rating"), PublicNewsPage.stars(rating)),
            hasRated
                ? .p(.text("Ông/bà đã đánh giá bài viết này."))
                : .form(
                    .class("form"), .id("rating-form"), .action(SiteRoute.publicNewsRating(id: item.id).path), .method(.post),
                    .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
                    .fieldset(
                        .class("stars-input"), .element(named: "legend", text: "Chọn số sao (1 là kém, 5 là rất tốt)"),
                        .forEach(1...5) { star in
                            .group(
                                .input(.type(.radio), .id("star-\(star)"), .name("stars"), .value(String(star))),
                                .label(.for("star-\(star)"), .text("\(star) sao")))
                        }),
                    .button(.type(.submit), .class("button"), .text("Gửi đánh giá"))),
        ]
    }
}
