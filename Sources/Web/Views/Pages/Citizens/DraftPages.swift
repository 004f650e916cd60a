import Domain
import Foundation
import Persistence
import Plot
import Services

/// A draft being filled, in the order a citizen goes: the declaration (when the procedure has it as an online form),
/// a file for each other paper, then where to file, how to receive the result and the contact details — "Tiếp tục"
/// leads to the check of every answer before sending (``DraftReviewPage``).
struct DraftPage {
    var draft: OnlineDraft
    var procedure: Procedure
    var units: [OrgUnit]
    var csrfToken: String
    var clock: LocalClock
    var error: String?
    /// Problems next to their field: by document name, declaration field key, or "unit", "delivery", "address", "phone", "email".
    var fieldErrors: [String: String] = [:]
    /// The declaration's fields as typed (after a refused save) or as saved.
    var declarationValues: [String: String]
    /// The details' fields as typed (after a refused "Tiếp tục") or as saved.
    var details: [String: String]
    var notice: String?

    init(
        draft: OnlineDraft, procedure: Procedure, units: [OrgUnit], csrfToken: String, clock: LocalClock, profilePhone: String,
        accountEmail: String
    ) {
        self.draft = draft
        self.procedure = procedure
        self.units = units
        self.csrfToken = csrfToken
        self.clock = clock
        declarationValues = draft.declaration?.fieldValues ?? [:]
        details = [
            "unit": draft.receivingUnitID.map(String.init) ?? "", "phone": draft.phone ?? profilePhone,
            "email": draft.email ?? accountEmail,
            "delivery": draft.delivery?.rawValue ?? "", "address": draft.deliveryAddress ?? "",
        ]
    }

    var body: [Node<HTML.BodyContext>] {
        var step = 0
        func next() -> Int {
            step += 1
            return step
        }
        return [
            .h1(.text("Nộp hồ sơ trực tuyến")),
            .p(.class("lead"), .text(procedure.name)),
            .p(
                .text("Hồ sơ nháp được lưu sau mỗi bước; ông/bà có thể quay lại hoàn thiện sau tại "),
                .a(.href(SiteRoute.myDossiers.path), .text("Hồ sơ của tôi")),
                .text(". Trước khi gửi, ông/bà được xem lại toàn bộ thông tin.")),
            .unwrap(notice) { .p(.class("notice notice--success"), .attribute(named: "role", value: "status"), .text($0)) },
            errorSummary,
            .unwrap(procedure.declaration) { form in
                .section(
                    .id("declaration"), .attribute(named: "aria-labelledby", value: "declaration-title"),
                    .h2(.id("declaration-title"), .text("\(next()). \(form.title)")),
                    .p(
                        .class("hint"),
                        .text(
                            draft.declaration == nil
                                ? "Điền tờ khai ngay trên trang này, không cần in và tải lên bản giấy."
                                : "Tờ khai đã lưu. Ông/bà có thể sửa rồi bấm “Lưu thay đổi tờ khai”.")),
                    DeclarationFormView(
                        form: form, action: SiteRoute.draftDeclaration(id: draft.id).path, csrfToken: csrfToken,
                        values: declarationValues, errors: fieldErrors, isSaved: draft.declaration != nil
                    ).body)
            },
            .section(
                .id("documents"), .attribute(named: "aria-labelledby", value: "documents-title"),
                .h2(.id("documents-title"), .text("\(next()). Giấy tờ tải lên")),
                procedure.documentsToUpload.isEmpty
                    ? .p(.text("Thủ tục này không cần tải lên giấy tờ nào khác."))
                    : .group(
                        .p(.class("hint"), .text("Tệp PDF, JPEG, PNG, DOCX hoặc XLSX, mỗi tệp tối đa 10 MB.")),
                        .ol(.class("documents"), .forEach(procedure.documentsToUpload) { document in .li(documentNode(document)) }))),
            .section(
                .id("details"), .attribute(named: "aria-labelledby", value: "details-title"),
                .h2(.id("details-title"), .text("\(next()). Nơi tiếp nhận, cách nhận kết quả và liên hệ")),
                detailsForm),
            .form(
                .class("inline-form"), .action(SiteRoute.draftRemoval(id: draft.id).path), .method(.post),
                .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
                .button(.type(.submit), .class("button button--secondary"), .text("Xóa hồ sơ nháp"))
            ),
        ]
    }

    /// What is wrong, first on the page: the message, and each refused declaration field as a link to it.
    private var errorSummary: Node<HTML.BodyContext> {
        guard error != nil || !fieldErrors.isEmpty else { return .empty }
        let declared = (procedure.declaration?.sections ?? []).flatMap { section in
            section.fields.compactMap { field in fieldErrors[field.key].map { (section.title, field, $0) } }
        }
        return .div(
            .class("notice notice--error error-summary"), .attribute(named: "role", value: "alert"),
            .text(error ?? "Vui lòng sửa các mục được đánh dấu bên dưới."),
            .if(
                !declared.isEmpty,
                .ul(
                    .forEach(declared) { section, field, problem in
                        .li(.a(.href("#decl-\(field.key)\(field.kind == .choice ? "-0" : "")"), .text("\(section) — \(problem)")))
                    })))
    }

    private var detailsForm: Node<HTML.BodyContext> {
        .form(
            .class("form"), .action(SiteRoute.draftReview(id: draft.id).path), .method(.post),
            .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
            .div(
                .class(fieldErrors["unit"] == nil ? "field" : "field field--invalid"), .label(.for("unit"), .text("Nơi tiếp nhận hồ sơ")),
                .unwrap(fieldErrors["unit"]) { .p(.id("unit-error"), .class("field-error"), .text($0)) },
                .select(
                    .id("unit"), .attribute(named: "name", value: "unit"), .attribute(named: "required", value: "required"),
                    .attribute(named: "aria-describedby", value: fieldErrors["unit"] == nil ? "" : "unit-error"),
                    .if(units.count > 1, .choice("", "— Chọn nơi tiếp nhận —", isSelected: details["unit"] == "")),
                    .forEach(units) { .choice(String($0.id), $0.name, isSelected: String($0.id) == details["unit"]) })),
            .fieldset(
                .class(fieldErrors["delivery"] == nil ? "choices" : "choices field--invalid"),
                .attribute(named: "aria-describedby", value: fieldErrors["delivery"] == nil ? "" : "delivery-error"),
                .element(named: "legend", text: "Cách nhận kết quả"),
                .unwrap(fieldErrors["delivery"]) { .p(.id("delivery-error"), .class("field-error"), .text($0)) },
                .forEach(ResultDelivery.allCases) { delivery in
                    .div(
                        .class("choice choice--described"),
                        .input(
                            .type(.radio), .id("delivery-\(delivery.rawValue)"), .name("delivery"), .value(delivery.rawValue),
                            .attribute(named: "aria-describedby", value: "delivery-\(delivery.rawValue)-hint"),
                            .attribute(named: "checked", value: details["delivery"] == delivery.rawValue ? "checked" : "")),
                        .div(
                            .label(.for("delivery-\(delivery.rawValue)"), .text(delivery.title)),
                            .p(.id("delivery-\(delivery.rawValue)-hint"), .class("hint"), .text(delivery.hint))))
                }),
            textField("address", "Địa chỉ nhận kết quả qua bưu chính (nếu chọn bưu chính)", type: .text, autocomplete: "street-address"),
            textField("phone", "Số điện thoại nhận thông báo", type: .tel, autocomplete: "tel"),
            textField("email", "Thư điện tử nhận thông báo (không bắt buộc)", type: .email, autocomplete: "email"),
            .button(.type(.submit), .class("button"), .text("Tiếp tục: kiểm tra trước khi gửi"))
        )
    }

    private func textField(_ name: String, _ label: String, type: HTMLInputType, autocomplete: String) -> Node<HTML.FormContext> {
        labelledField(name, label, type: type, value: details[name] ?? "", error: fieldErrors[name], autocomplete: autocomplete)
    }

    private func documentNode(_ document: Procedure.RequiredDocument) -> Node<HTML.BodyContext> {
        let files = draft.files.filter { $0.document == document.name }
        let id = "doc-\(procedure.documents.firstIndex(of: document) ?? 0)"
        return .group(
            .strong(.text(document.name)), .text(" (\(document.countText))"),
            .if(files.isEmpty, .p(.class("hint"), .text("Chưa có tệp."))),
            .ul(
                .forEach(files) { file in
                    .li(
                        .text("\(file.originalName) — \(max(1, file.size / 1024)) KB, \(clock.text(file.uploadedAt)) "),
                        .form(
                            .class("inline-form"), .action(SiteRoute.draftFileRemoval(id: draft.id, fileID: file.id).path), .method(.post),
                            .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
                            .button(
                                .type(.submit), .class("link-button"),
                                .attribute(named: "aria-label", value: "Xóa tệp \(file.originalName)"), .text("Xóa"))))
                }),
            .form(
                .class("form upload"), .action(SiteRoute.draftFiles(id: draft.id).path), .method(.post),
                .attribute(named: "enctype", value: "multipart/form-data"),
                .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
                .input(.type(.hidden), .name("document"), .value(document.name)),
                .div(
                    .class(fieldErrors[document.name] == nil ? "field" : "field field--invalid"),
                    .label(.for(id), .text("Tải lên tệp cho “\(document.name)”")),
                    .unwrap(fieldErrors[document.name]) { .p(.id("\(id)-error"), .class("field-error"), .text($0)) },
                    .input(
                        .type(.file), .id(id), .name("file"), .attribute(named: "required", value: "required"),
                        .attribute(named: "aria-describedby", value: fieldErrors[document.name] == nil ? "" : "\(id)-error"),
                        .attribute(named: "aria-invalid", value: fieldErrors[document.name] == nil ? "" : "true"),
                        .attribute(named: "accept", value: ".pdf,.jpg,.jpeg,.png,.docx,.xlsx"))),
                .button(.type(.submit), .class("button button--secondary"), .text("Tải lên"))
            )
        )
    }
}

/// "Kiểm tra lại trước khi gửi": every answer of a complete draft with a link to change it, the applicant's pledge,
/// and the one button that sends the dossier.
struct DraftReviewPage {
    var draft: OnlineDraft
    var details: OnlineDraft.Details
    var procedure: Procedure
    var unitName: String
    var csrfToken: String

    var body: [Node<HTML.BodyContext>] {
        let edit = SiteRoute.draft(id: draft.id).path
        return [
            .h1(.text("Kiểm tra lại trước khi gửi")),
            .p(.class("lead"), .text(procedure.name)),
            .section(
                .attribute(named: "aria-labelledby", value: "review-filing"),
                .h2(.id("review-filing"), .text("Nơi nộp và nhận kết quả")),
                .dl(
                    .class("facts"),
                    .dt(.text("Nơi tiếp nhận")), .dd(.text(unitName)),
                    .dt(.text("Cách nhận kết quả")),
                    .dd(.text(ResultDelivery.Choice(details.delivery, address: details.deliveryAddress).text)),
                    .dt(.text("Số điện thoại")), .dd(.text(details.phone.isEmpty ? "Không ghi" : details.phone)),
                    .dt(.text("Thư điện tử")), .dd(.text(details.email.isEmpty ? "Không ghi" : details.email))),
                .p(.a(.href(edit + "#details"), .text("Sửa nơi nộp, cách nhận kết quả và liên hệ")))),
            .unwrap(draft.declaration) { declaration in
                .section(
                    .attribute(named: "aria-labelledby", value: "review-declaration"),
                    .h2(.id("review-declaration"), .text(declaration.title)),
                    declaration.answersNode,
                    .p(.a(.href(edit + "#declaration"), .text("Sửa tờ khai"))))
            },
            .section(
                .attribute(named: "aria-labelledby", value: "review-files"),
                .h2(.id("review-files"), .text("Giấy tờ tải lên")),
                procedure.documentsToUpload.isEmpty
                    ? .p(.text("Không có giấy tờ cần tải lên."))
                    : .dl(
                        .class("facts"),
                        .forEach(procedure.documentsToUpload) { document in
                            .group(
                                .dt(.text(document.name)),
                                .dd(.text(draft.files.filter { $0.document == document.name }.map(\.originalName).joined(separator: ", "))))
                        }),
                .p(.a(.href(edit + "#documents"), .text("Sửa giấy tờ tải lên")))),
            .h2(.text("Gửi hồ sơ")),
            .p(
                .text(
                    "Bằng việc gửi hồ sơ, ông/bà cam đoan những thông tin đã khai là đúng sự thật và chịu trách nhiệm trước pháp luật về nội dung đã khai."
                )),
            .form(
                .class("form"), .action(SiteRoute.draftSubmission(id: draft.id).path), .method(.post),
                .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
                .button(.type(.submit), .class("button"), .text("Gửi hồ sơ"))
            ),
        ]
    }
}
