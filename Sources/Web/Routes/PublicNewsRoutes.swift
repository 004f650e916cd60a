import Domain
import Foundation
import Hummingbird
import Persistence
import Services

/// The public "Tin tức – Thông báo cải cách hành chính" page: the working group's published items, searched
/// by words (without diacritics) and by date, each with its file and readers' star rating (one per reader: a
/// signed-in account, or this browser's random key — the cookie the CSRF check already sets).
struct PublicNewsRoutes {
    let services: AppServices

    func register(on router: some RouterMethods<AppRequestContext>) {
        router.get(SiteRoute.publicNews.pattern) { request, context in
            var badDate = false
            func day(_ name: String) -> LocalDate? {
                guard let text = request.query(name), !text.isEmpty else { return nil }
                guard let day = LocalDate(typed: text) else {
                    badDate = true
                    return nil
                }
                return day
            }
            let search = ReformDirectives.Search(
                words: String((request.query("q") ?? "").prefix(200)), on: day("ngay"), from: day("tu"), through: day("den"))
            let items = try await services.directives.published(search)
            let page = PublicNewsPage(
                items: items, ratings: try await services.directives.ratings(of: items.map(\.id)), search: search,
                error: badDate ? "Ngày tìm kiếm không đúng dạng (ngày/tháng/năm); đã bỏ qua điều kiện ngày đó." : nil)
            return Page("Tin tức – Thông báo cải cách hành chính", body: page.body).render(context: context, request: request)
        }
        router.get(SiteRoute.publicNewsItem().pattern) { request, context in
            try await itemPage(
                try context.parameters.id(), error: nil, thanked: request.query("thanks") == "1", context: context, request: request)
        }
        router.post(SiteRoute.publicNewsRating().pattern) { request, context in
            let id = try context.parameters.id()
            let fields = try await request.form([String: String].self, empty: [:])
            guard let reader = reader(request, context) else {
                return try await itemPage(
                    id, error: "Trình duyệt chưa cho phép lưu cookie nên chưa ghi nhận được đánh giá.", thanked: false, context: context,
                    request: request)
            }
            do {
                try await services.directives.rate(id, reader: reader, stars: fields["stars"].flatMap(Int.init) ?? 0, at: services.clock())
            } catch let problem as ReformDirectives.Problem {
                if problem == .notFound { throw AppError.notFound }
                return try await itemPage(id, error: problem.message, thanked: false, context: context, request: request)
            }
            return Response.redirect(to: SiteRoute.publicNewsItem(id: id).path + "?thanks=1", type: .normal)
        }
        router.get(SiteRoute.publicNewsFile().pattern) { _, context in
            guard let item = try await services.directives.find(id: try context.parameters.id()), item.publishedAt != nil,
                let file = item.file
            else {
                throw AppError.notFound
            }
            return AttachmentRoutes.fileResponse(try services.directives.file(of: item), type: file.fileType, name: file.originalName)
        }
    }

    private func itemPage(_ id: Int64, error: String?, thanked: Bool, context: AppRequestContext, request: Request) async throws -> Response
    {
        guard let item = try await services.directives.find(id: id), item.publishedAt != nil else { throw AppError.notFound }
        let hasRated = try await reader(request, context).asyncMap { try await services.directives.hasRated(id, reader: $0) } ?? false
        let page = PublicNewsItemPage(
            item: item, rating: try await services.directives.ratings(of: [id])[id], hasRated: hasRated,
            csrfToken: context.csrfToken, error: error, thanked: thanked)
        return Page(item.title, body: page.body, status: error == nil ? .ok : .badRequest).render(context: context, request: request)
    }

    /// Who is rating: the account when signed in, else the browser's random key.
    private func reader(_ request: Request, _ context: AppRequestContext) -> String? {
        if let user = context.identity?.user.id { return "user:\(user)" }
        return request.cookies[CSRFMiddleware.cookieName].map { "browser:\($0.value)" }
    }
}
