import Domain
import Persistence
import Plot

/// Intake at the one-stop desk: the procedure, the receiving desk, the channel, and the applicant, with the
/// personal ID or tax code checked before anything is stored.
struct DossierIntakePage {
    var desks: [OrgUnit]
    var procedures: [ProcedureSummary]
    var entry: DossierRoutes.IntakeForm
    var csrfToken: String
    var error: String?

    var body: [Node<HTML.BodyContext>] {
        [
            .h1(.text("Tiếp nhận hồ sơ")),
            FormNotice.node(error: error, saved: false),
            .form(
                .class("form form--wide"), .action(SiteRoute.dossiers.path), .method(.post),
                .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
                .div(.class("field"), .label(.for("procedure"), .text("Thủ tục")),
                     .select(.id("procedure"), .attribute(named: "name", value: "procedure"), .attribute(named: "required", value: "required"),
                             .choice("", "— Chọn thủ tục —", isSelected: (entry.procedure ?? "").isEmpty),
                             .forEach(procedures) { .choice($0.code, "\($0.name) (\($0.timeLimit))", isSelected: $0.code == entry.procedure) })),
                .div(.class("field"), .label(.for("receivingUnit"), .text("Nơi tiếp nhận")),
                     .select(.id("receivingUnit"), .attribute(named: "name", value: "receivingUnit"),
                             .forEach(desks) { .choice(String($0.id), $0.name, isSelected: String($0.id) == entry.receivingUnit) })),
                .div(.class("field"), .label(.for("channel"), .text("Kênh tiếp nhận")),
                     .select(.id("channel"), .attribute(named: "name", value: "channel"),
                             .choice(Channel.inPerson.rawValue, Channel.inPerson.title, isSelected: entry.channel != Channel.post.rawValue),
                             .choice(Channel.post.rawValue, Channel.post.title, isSelected: entry.channel == Channel.post.rawValue))),
                .fieldset(
                    .element(named: "legend", text: "Người nộp hồ sơ"),
                    .div(.class("field"), .label(.for("applicantKind"), .text("Loại")),
                         .select(.id("applicantKind"), .attribute(named: "name", value: "applicantKind"),
                                 .forEach(Applicant.Kind.allCases) { .choice($0.rawValue, $0.title, isSelected: $0.rawValue == (entry.applicantKind ?? "person")) })),
                    text("applicantName", "Họ và tên hoặc tên tổ chức", entry.applicantName, required: true),
                    text("identifier", "Số định danh cá nhân (12 số) hoặc mã số thuế", entry.identifier, required: true,
                         hint: "Số định danh được kiểm tra mã tỉnh, thế kỷ và giới tính với năm sinh."),
                    text("birthYear", "Năm sinh (để đối chiếu số định danh)", entry.birthYear),
                    .div(.class("field"), .label(.for("gender"), .text("Giới tính")),
                         .select(.id("gender"), .attribute(named: "name", value: "gender"),
                                 .choice("", "—", isSelected: (entry.gender ?? "").isEmpty),
                                 .choice("male", "Nam", isSelected: entry.gender == "male"),
                                 .choice("female", "Nữ", isSelected: entry.gender == "female"))),
                    text("phone", "Số điện thoại", entry.phone),
                    text("email", "Thư điện tử", entry.email),
                    text("address", "Địa chỉ", entry.address)
                ),
                .button(.type(.submit), .class("button"), .text("Tiếp nhận và cấp giấy hẹn"))
            ),
        ]
    }

    private func text(_ name: String, _ label: String, _ value: String?, required: Bool = false, hint: String? = nil) -> Node<HTML.FormContext> {
        .div(.class("field"),
             .label(.for(name), .text(label)),
             .input(.type(.text), .id(name), .name(name), .value(value ?? ""), .attribute(named: "required", value: required ? "required" : ""),
                    .attribute(named: "aria-describedby", value: hint == nil ? "" : "\(name)-hint")),
             .unwrap(hint) { .p(.class("hint"), .id("\(name)-hint"), .text($0)) })
    }
}
