import Domain
import Persistence
import Plot
import Services

/// Intake at the one-stop desk: the procedure, the receiving desk, the channel, and the applicant, with the
/// personal ID or tax code checked before anything is stored.
struct DossierIntakePage {
    var desks: [OrgUnit]
    var procedures: [ProcedureSummary]
    var entry: DossierRoutes.IntakeForm
    var csrfToken: String
    var error: String?
    /// The chosen procedure's papers, shown as the checklist of what the applicant handed over.
    var documents: [Procedure.RequiredDocument] = []
    var paperErrors: [String: String] = [:]

    var body: [Node<HTML.BodyContext>] {
        [
            .h1(.text("Tiếp nhận hồ sơ")),
            FormNotice.node(error: error, saved: false),
            .form(
                .class("form form--wide"), .action(SiteRoute.dossiers.path), .method(.post),
                .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
                .div(
                    .class("field"), .label(.for("procedure"), .text("Thủ tục")),
                    .select(
                        .id("procedure"), .attribute(named: "name", value: "procedure"), .attribute(named: "required", value: "required"),
                        .choice("", "— Chọn thủ tục —", isSelected: (entry.procedure ?? "").isEmpty),
                        .forEach(procedures) { .choice($0.code, "\($0.name) (\($0.timeLimit))", isSelected: $0.code == entry.procedure) })),
                checklist,
                .div(
                    .class("field"), .label(.for("receivingUnit"), .text("Nơi tiếp nhận")),
                    .select(
                        .id("receivingUnit"), .attribute(named: "name", value: "receivingUnit"),
                        .forEach(desks) { .choice(String($0.id), $0.name, isSelected: String($0.id) == entry.receivingUnit) })),
                .div(
                    .class("field"), .label(.for("channel"), .text("Kênh tiếp nhận")),
                    .select(
                        .id("channel"), .attribute(named: "name", value: "channel"),
                        .choice(Channel.inPerson.rawValue, Channel.inPerson.title, isSelected: entry.channel != Channel.post.rawValue),
                        .choice(Channel.post.rawValue, Channel.post.title, isSelected: entry.channel == Channel.post.rawValue))),
                .fieldset(
                    .element(named: "legend", text: "Người nộp hồ sơ"),
                    .div(
                        .class("field"), .label(.for("applicantKind"), .text("Loại")),
                        .select(
                            .id("applicantKind"), .attribute(named: "name", value: "applicantKind"),
                            .forEach(Applicant.Kind.allCases) {
                                .choice($0.rawValue, $0.title, isSelected: $0.rawValue == (entry.applicantKind ?? "person"))
                            })),
                    text("applicantName", "Họ và tên hoặc tên tổ chức", entry.applicantName, required: true),
                    text(
                        "identifier", "Số định danh cá nhân (12 số) hoặc mã số thuế", entry.identifier, required: true,
                        hint: "Số định danh được kiểm tra mã tỉnh, thế kỷ và giới tính với năm sinh."),
                    text("birthYear", "Năm sinh (để đối chiếu số định danh)", entry.birthYear),
                    .div(
                        .class("field"), .label(.for("gender"), .text("Giới tính")),
                        .select(
                            .id("gender"), .attribute(named: "name", value: "gender"),
                            .choice("", "—", isSelected: (entry.gender ?? "").isEmpty),
                            .choice("male", "Nam", isSelected: entry.gender == "male"),
                            .choice("female", "Nữ", isSelected: entry.gender == "female"))),
                    text("phone", "Số điện thoại", entry.phone),
                    text("email", "Thư điện tử", entry.email),
                    text("address", "Địa chỉ", entry.address)
                ),
                // The first submit button is the form's default (Enter in a field): intake. Without script, the second shows
                // the chosen procedure's papers; with script, choosing the procedure does and the button is hidden.
                .div(
                    .class("form-buttons"),
                    .button(.type(.submit), .class("button"), .text("Tiếp nhận và cấp giấy hẹn")),
                    .button(
                        .type(.submit), .id("show-papers"), .class("button button--secondary"),
                        .attribute(named: "formaction", value: SiteRoute.newDossier.path), .attribute(named: "formnovalidate"),
                        .text("Hiện danh sách giấy tờ của thủ tục")))
            ),
        ]
    }

    /// The procedure's papers: ticked when handed over, with the numbers of originals and copies (the catalogue's by default).
    private var checklist: Node<HTML.FormContext> {
        guard !documents.isEmpty else { return .empty }
        let sent = !entry.papers.isEmpty
        return .fieldset(
            .class("papers-checklist"),
            .element(named: "legend", text: "Giấy tờ đã nhận"),
            .p(
                .class("hint"),
                .text("Đánh dấu giấy tờ người nộp đã đưa và ghi số bản; giấy tờ không đánh dấu được ghi là chưa nộp trên giấy tiếp nhận.")),
            .forEach(Array(documents.enumerated())) { index, document in
                let key = "paper-\(index)"
                return .div(
                    .class("paper"),
                    .div(
                        .class("field field--check"),
                        .input(
                            .type(.checkbox), .id(key), .name(key), .value("on"),
                            .attribute(named: "checked", value: entry.papers[key] != nil ? "checked" : "")),
                        .label(.for(key), .text(document.name))),
                    count(key + "-originals", "Bản chính", entry.papers[key + "-originals"] ?? (sent ? "" : String(document.originals))),
                    count(key + "-copies", "Bản sao", entry.papers[key + "-copies"] ?? (sent ? "" : String(document.copies)))
                )
            }
        )
    }

    private func count(_ name: String, _ label: String, _ value: String) -> Node<HTML.FormContext> {
        .div(
            .class(paperErrors[name] == nil ? "field field--count" : "field field--count field--invalid"),
            .label(.for(name), .text(label)),
            .unwrap(paperErrors[name]) { .p(.id("\(name)-error"), .class("field-error"), .text($0)) },
            .input(
                .type(.text), .id(name), .name(name), .value(value), .attribute(named: "inputmode", value: "numeric"),
                .attribute(named: "size", value: "3"),
                .attribute(named: "aria-describedby", value: paperErrors[name] == nil ? "" : "\(name)-error"),
                .attribute(named: "aria-invalid", value: paperErrors[name] == nil ? "" : "true")))
    }

    private func text(_ name: String, _ label: String, _ value: String?, required: Bool = false, hint: String? = nil) -> Node<
        HTML.FormContext
    > {
        .div(
            .class("field"),
            .label(.for(name), .text(label)),
            .input(
                .type(.text), .id(name), .name(name), .value(value ?? ""), .attribute(named: "required", value: required ? "required" : ""),
                .attribute(named: "aria-describedby", value: hint == nil ? "" : "\(name)-hint")),
            .unwrap(hint) { .p(.class("hint"), .id("\(name)-hint"), .text($0)) })
    }
}
