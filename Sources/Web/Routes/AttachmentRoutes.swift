import Domain
import Foundation
import Hummingbird
import MultipartKit
import NIOHTTP1
import Persistence
import Services

/// Files attached to a dossier: uploaded by the officers of its units (type checked by content, size
/// limited, stored durably before the row), downloaded only by people who may see the dossier; both audited.
struct AttachmentRoutes {
    let services: AppServices

    /// The parts of a multipart/form-data body, by field name.
    static func parts(of body: ByteBuffer, boundary: String) throws -> [String: MultipartPart] {
        let parser = MultipartParser(boundary: boundary)
        var parts: [String: MultipartPart] = [:]
        var headers = HTTPHeaders()
        var content = ByteBuffer()
        parser.onHeader = { name, value in headers.add(name: name, value: value) }
        parser.onBody = { chunk in content.writeBuffer(&chunk) }
        parser.onPartComplete = {
            let part = MultipartPart(headers: headers, body: content)
            if let name = part.name { parts[name] = part }
            headers = HTTPHeaders()
            content = ByteBuffer()
        }
        try parser.execute(body)
        return parts
    }

    /// A file uploaded with a multipart form: its bytes, its name as the browser sent it, and the form's other
    /// fields; nil when the request carries no file.
    struct Upload {
        var data: Data
        var name: String
        var fields: [String: String]
    }

    static func upload(_ request: Request, _ context: AppRequestContext, field: String = "file") async throws -> Upload? {
        try await multipart(request, context, field: field)?.file
    }

    /// A multipart form whose file is optional: its text fields, and the file when one was chosen. Nil when the
    /// body is not a readable multipart form.
    static func multipart(_ request: Request, _ context: AppRequestContext, field: String = "file") async throws
        -> (fields: [String: String], file: Upload?)?
    {
        guard let boundary = CSRFMiddleware.multipartBoundary(request.headers[.contentType] ?? "") else { return nil }
        var request = request
        let body = try await request.collectBody(upTo: context.maxUploadSize)
        guard let parts = try? parts(of: body, boundary: boundary) else { return nil }
        var fields: [String: String] = [:]
        for (name, value) in parts where name != field { fields[name] = String(buffer: value.body) }
        guard let part = parts[field], part.body.readableBytes > 0 else { return (fields, nil) }
        return (
            fields,
            Upload(
                data: Data(part.body.readableBytesView), name: fileName(part.headers.first(name: "Content-Disposition") ?? "") ?? "tep",
                fields: fields)
        )
    }

    func register(on router: some RouterMethods<AppRequestContext>) {
        router.post(SiteRoute.dossierAttachments().pattern) { request, context in
            let identity = try context.requireStaff()
            let id = try context.parameters.id()
            guard let dossier = try await services.dossiers.find(id: id, within: identity.scope) else { throw AppError.notFound }
            let actor = try await services.actor(identity, on: [dossier.receivingUnitID, dossier.processingUnitID])
            guard !actor.roles.isDisjoint(with: [.deskOfficer, .caseOfficer, .unitHead]) else { throw AppError.forbidden }
            guard let upload = try await Self.upload(request, context) else { throw AppError.badRequest("Vui lòng chọn tệp để đính kèm.") }
            do {
                guard let purpose = AttachmentPurpose(rawValue: upload.fields["purpose"] ?? "application") else {
                    throw AppError.badRequest("Loại tệp không hợp lệ.")
                }
                _ = try await services.attachments.attach(
                    upload.data, name: upload.name, description: upload.fields["description"] ?? "", purpose: purpose, to: dossier,
                    by: identity.user.id, at: services.clock())
            } catch let problem as DossierAttachments.Problem {
                throw AppError.badRequest(problem.message)
            }
            return Response.redirect(to: SiteRoute.dossier(id: id).path + "?saved=1", type: .normal)
        }
        router.get(SiteRoute.dossierAttachment().pattern) { _, context in
            let identity = try context.requireStaff()
            let id = try context.parameters.id()
            guard let dossier = try await services.dossiers.find(id: id, within: identity.scope),
                let attachment = try await services.attachments.find(id: try context.parameters.id("attachment"), of: id)
            else { throw AppError.notFound }
            return try await Self.download(attachment, of: dossier, by: identity.user.id, services: services)
        }
    }

    /// A file as a download (never shown inline: its type is checked, its content is not trusted), audited.
    static func download(_ attachment: Attachment, of dossier: Dossier, by userID: Int64?, services: AppServices) async throws -> Response {
        let data = try services.attachments.content(of: attachment)
        try await services.audit(
            AuditRecord(
                actorID: userID, action: "dossier.file", objectType: "dossier", objectID: dossier.code.text,
                reason: "tệp đính kèm \(attachment.id)"))
        return fileResponse(data, type: attachment.fileType, name: attachment.originalName)
    }

    /// A stored file as a private download under its original name (ASCII fallback "tep-dinh-kem").
    static func fileResponse(_ data: Data, type: FileType, name: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = type == .officeDocument ? "application/octet-stream" : type.mediaType
        let encoded = name.addingPercentEncoding(withAllowedCharacters: Self.attributeCharacters) ?? "tep"
        headers[.contentDisposition] = "attachment; filename=\"tep-dinh-kem\"; filename*=UTF-8''\(encoded)"
        headers[.cacheControl] = "private, no-store"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// The characters RFC 5987 leaves unencoded in `filename*` — ASCII only (Foundation's `.alphanumerics`
    /// would let "ế" through, and a header must be ASCII).
    static let attributeCharacters = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")

    /// The `filename` of a Content-Disposition header (browsers send UTF-8 between the quotes).
    static func fileName(_ disposition: String) -> String? {
        guard let range = disposition.range(of: "filename=\"") else { return nil }
        let rest = disposition[range.upperBound...]
        guard let end = rest.firstIndex(of: "\"") else { return nil }
        let name = String(rest[..<end])
        return name.isEmpty ? nil : name
    }
}
