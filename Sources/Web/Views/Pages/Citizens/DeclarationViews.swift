import Domain
import Plot
import Services

/// A procedure's online declaration as a form (one fieldset per section, each field with its label, hint and problem
/// next to it, what was typed kept), and a filled-in declaration as the officers, the applicant and the receipt read it.
struct DeclarationFormView {
    var form: DeclarationForm
    var action: String
    var csrfToken: String
    /// The fields as typed or saved, by HTML name (`f-<key>`).
    var values: [String: String]
    /// Problems by field key.
    var errors: [String: String] = [:]
    var isSaved: Bool

    var body: Node<HTML.BodyContext> {
        .form(
            .class("form form--wide declaration"), .action(action), .method(.post), .attribute(named: "novalidate"),
            .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
            .forEach(form.sections) { section in
                .fieldset(.element(named: "legend", text: section.title), .forEach(section.fields) { field($0) })
            },
            .p(.class("hint"), .text("Các trường đánh dấu * là bắt buộc. Mẫu tờ khai: \(form.source).")),
            .button(
                .type(.submit), .class(isSaved ? "button button--secondary" : "button"),
                .text(isSaved ? "Lưu thay đổi tờ khai" : "Lưu tờ khai"))
        )
    }

    private func field(_ field: DeclarationForm.Field) -> Node<HTML.FormContext> {
        let name = DeclarationForm.inputName(field.key), id = "decl-\(field.key)"
        let error = errors[field.key], value = values[name] ?? ""
        let described = [field.hint.map { _ in "\(id)-hint" }, error.map { _ in "\(id)-error" }].compactMap { $0 }.joined(separator: " ")
        let label = field.label + (field.required ? "\u{00A0}*" : "")
        if field.kind == .choice {
            return .fieldset(
                .class(error == nil ? "choices" : "choices field--invalid"),
                .attribute(named: "aria-describedby", value: described),
                .element(named: "legend", text: label),
                .unwrap(field.hint) { .p(.id("\(id)-hint"), .class("hint"), .text($0)) },
                .unwrap(error) { .p(.id("\(id)-error"), .class("field-error"), .text($0)) },
                .forEach(field.options.enumerated()) { index, option in
                    .div(
                        .class("choice"),
                        .input(
                            .type(.radio), .id("\(id)-\(index)"), .name(name), .value(option),
                            .attribute(named: "checked", value: value == option ? "checked" : "")),
                        .label(.for("\(id)-\(index)"), .text(option)))
                })
        }
        return .div(
            .class(error == nil ? "field" : "field field--invalid"),
            .label(.for(id), .text(label)),
            .unwrap(field.hint) { .p(.id("\(id)-hint"), .class("hint"), .text($0)) },
            .unwrap(error) { .p(.id("\(id)-error"), .class("field-error"), .text($0)) },
            input(field, id: id, name: name, value: value, describedBy: described, invalid: error != nil))
    }

    private func input(_ field: DeclarationForm.Field, id: String, name: String, value: String, describedBy: String, invalid: Bool) -> Node<
        HTML.FormContext
    > {
        var attributes: [Attribute<HTML.InputContext>] = [
            .id(id), .name(name), .value(value), .attribute(named: "aria-describedby", value: describedBy),
            .attribute(named: "aria-invalid", value: invalid ? "true" : ""),
        ]
        switch field.kind {
        case .date, .pastDate:
            return .dateInput(id: id, name: name, value: value, describedBy: describedBy.isEmpty ? nil : describedBy)
        case .paragraph:
            return .textarea(
                .id(id), .name(name), .attribute(named: "maxlength", value: "2000"),
                .attribute(named: "aria-describedby", value: describedBy), .text(value))
        case .year:
            attributes += [
                .type(.text), .attribute(named: "inputmode", value: "numeric"), .attribute(named: "maxlength", value: "4"),
                .attribute(named: "size", value: "4"),
            ]
        case .personalID:
            attributes += [
                .type(.text), .attribute(named: "inputmode", value: "numeric"), .attribute(named: "maxlength", value: "12"),
                .attribute(named: "size", value: "14"), .attribute(named: "autocomplete", value: "off"),
            ]
        case .phone:
            attributes += [.type(.tel), .attribute(named: "autocomplete", value: "tel")]
        case .text, .choice:
            attributes += [.type(.text), .attribute(named: "maxlength", value: "200")]
        }
        return .selfClosedElement(named: "input", attributes: attributes)
    }
}

extension Declaration {
    /// The answers by section, each a list of label and value.
    var answersNode: Node<HTML.BodyContext> {
        .forEach(sections) { section in
            .group(
                .h3(.text(section.title)),
                .dl(.class("facts"), .forEach(section.answers) { answer in .group(.dt(.text(answer.label)), .dd(.text(answer.value))) }))
        }
    }
}
