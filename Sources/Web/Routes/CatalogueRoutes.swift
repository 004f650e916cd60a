import Domain
import Foundation
import Hummingbird
import MultipartKit
import Persistence
import Plot
import Services

/// The catalogue's administration (secretariat and administrators): import a CSV or JSON file, export the
/// catalogue; both run as jobs with a page that shows their progress and result.
struct CatalogueRoutes {
    let services: AppServices

    func register(on router: some RouterMethods<AppRequestContext>) {
        router.get(SiteRoute.catalogue.pattern) { request, context in
            _ = try context.require(.secretariat, .admin)
            let page = CataloguePage(count: try await services.procedures.count(), csrfToken: context.csrfToken, error: nil)
            return Page("Quản lý danh mục thủ tục", body: page.body).render(context: context, request: request)
        }
        router.post(SiteRoute.catalogueImports.pattern) { request, context in
            let editor = try context.require(.secretariat, .admin)
            func refuse(_ message: String) async throws -> Response {
                let page = CataloguePage(count: try await services.procedures.count(), csrfToken: context.csrfToken, error: message)
                return Page("Quản lý danh mục thủ tục", body: page.body, status: .badRequest).render(context: context, request: request)
            }
            guard let upload = try await AttachmentRoutes.upload(request, context) else { return try await refuse("Vui lòng chọn tệp.") }
            guard let format = ProcedureCatalogueFile.Format(rawValue: (upload.name as NSString).pathExtension.lowercased()) else {
                return try await refuse("Tệp phải có đuôi .csv hoặc .json.")
            }
            let id = try await services.jobs.importCatalogue(
                upload.data, format: format, by: editor.user.id, services: services, logger: context.logger)
            return Response.redirect(to: SiteRoute.job(id: id).path, type: .normal)
        }
        router.post(SiteRoute.catalogueExports.pattern) { request, context in
            let editor = try context.require(.secretariat, .admin)
            let form = try await request.form([String: String].self, empty: [:])
            let format = form["format"].flatMap(ProcedureCatalogueFile.Format.init(rawValue:)) ?? .csv
            let id = try await services.jobs.exportCatalogue(format: format, by: editor.user.id, services: services, logger: context.logger)
            return Response.redirect(to: SiteRoute.job(id: id).path, type: .normal)
        }
        router.get(SiteRoute.job().pattern) { request, context in
            let identity = try context.require(.secretariat, .admin)
            guard let job = try await JobStore(services.database.sql).find(id: try context.parameters.id()),
                job.createdBy == identity.user.id || identity.has(.admin)
            else { throw AppError.notFound }
            let page = JobPage(job: job, progress: services.jobs.progress(of: job.id))
            return Page(job.kind.title, body: page.body).render(context: context, request: request)
        }
        router.get(SiteRoute.jobResult().pattern) { _, context in
            let identity = try context.require(.secretariat, .admin)
            guard let job = try await JobStore(services.database.sql).find(id: try context.parameters.id()),
                job.createdBy == identity.user.id || identity.has(.admin),
                let hash = job.resultSHA256, let name = job.resultName
            else { throw AppError.notFound }
            let data = try services.files.read(hash)
            var headers = HTTPFields()
            headers[.contentType] = name.hasSuffix(".json") ? "application/json" : "text/csv; charset=utf-8"
            headers[.contentDisposition] = "attachment; filename=\"\(name)\""
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
        }
    }
}

struct CataloguePage {
    var count: Int
    var csrfToken: String
    var error: String?

    var body: [Node<HTML.BodyContext>] {
        [
            .h1(.text("Quản lý danh mục thủ tục")),
            FormNotice.node(error: error, saved: false),
            .p(
                .text(
                    "Danh mục hiện có \(count) thủ tục. Cấu trúc tệp CSV và JSON: xem docs/CATALOGUE.md. Tệp được kiểm tra toàn bộ; nếu có dòng sai thì không thủ tục nào được nhập."
                )),
            .h2(.text("Nhập từ tệp")),
            .form(
                .class("form"), .action(SiteRoute.catalogueImports.path), .method(.post),
                .attribute(named: "enctype", value: "multipart/form-data"),
                .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
                .div(
                    .class("field"), .label(.for("file"), .text("Tệp danh mục (.csv hoặc .json)")),
                    .input(
                        .type(.file), .id("file"), .name("file"), .attribute(named: "accept", value: ".csv,.json"),
                        .attribute(named: "required", value: "required"))),
                .button(.type(.submit), .class("button"), .text("Nhập"))
            ),
            .h2(.text("Xuất danh mục")),
            .form(
                .class("form"), .action(SiteRoute.catalogueExports.path), .method(.post),
                .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
                .div(
                    .class("field"), .label(.for("format"), .text("Định dạng")),
                    .select(
                        .id("format"), .attribute(named: "name", value: "format"),
                        .choice("csv", "CSV", isSelected: true), .choice("json", "JSON", isSelected: false))),
                .button(.type(.submit), .class("button"), .text("Xuất"))
            ),
        ]
    }
}

/// A job's progress and result; while it runs, site.js reloads the page every two seconds.
struct JobPage {
    var job: Job
    var progress: (done: Int, total: Int)?

    var body: [Node<HTML.BodyContext>] {
        [
            .h1(.text(job.kind.title)),
            .p(
                .attribute(named: "role", value: "status"), .id("job-status"),
                .attribute(named: "data-refresh-seconds", value: job.status == .running ? "2" : ""), .strong(.text(job.status.title))),
            .unwrap(job.status == .running ? progress : nil) { progress in
                .group(
                    .element(
                        named: "progress",
                        nodes: [
                            .attribute(named: "max", value: String(max(progress.total, 1))),
                            .attribute(named: "value", value: String(progress.done)),
                            .attribute(named: "aria-label", value: "Tiến độ"), .text("\(progress.done)/\(progress.total)"),
                        ]),
                    .p(.text("\(progress.done)/\(progress.total)"))
                )
            },
            .unwrap(job.message.isEmpty ? nil : job.message) { message in
                .div(
                    .class(job.status == .failed ? "notice notice--error" : "notice"),
                    .forEach(message.split(separator: "\n").map(String.init)) { .p(.text($0)) })
            },
            .unwrap(job.resultName) { name in
                .p(.a(.class("button"), .href(SiteRoute.jobResult(id: job.id).path), .text("Tải tệp \(name)")))
            },
            job.kind == .backup
                ? .p(.a(.href(SiteRoute.operations.path), .text("Về trang vận hành")))
                : .p(.a(.href(SiteRoute.catalogue.path), .text("Về quản lý danh mục"))),
        ]
    }
}
