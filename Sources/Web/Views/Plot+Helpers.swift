import Domain
import Plot
import Services

/// A labelled input whose problem, if any, is shown next to it and announced with it.
func labelledField(
    _ name: String, _ label: String, type: HTMLInputType = .text, value: String, error: String?, hint: String? = nil,
    autocomplete: String = "", inputmode: String = "", required: Bool = false
) -> Node<HTML.FormContext> {
    let described = [error.map { _ in "\(name)-error" }, hint.map { _ in "\(name)-hint" }].compactMap { $0 }.joined(separator: " ")
    return .div(
        .class(error == nil ? "field" : "field field--invalid"),
        .label(.for(name), .text(label)),
        .unwrap(hint) { .p(.id("\(name)-hint"), .class("hint"), .text($0)) },
        .unwrap(error) { .p(.id("\(name)-error"), .class("field-error"), .text($0)) },
        .input(
            .type(type), .id(name), .name(name), .value(value), .attribute(named: "autocomplete", value: autocomplete),
            .attribute(named: "inputmode", value: inputmode), .attribute(named: "aria-invalid", value: error == nil ? "" : "true"),
            .attribute(named: "aria-describedby", value: described), .attribute(named: "required", value: required ? "required" : ""))
    )
}

extension String {
    /// At most `length` characters: a longer text cut, with "…" as its last (a list or a chart keeps it short; the
    /// page behind it keeps it whole).
    func shortened(to length: Int) -> String { count > length ? String(prefix(length - 1)) + "…" : self }
}

extension Node where Context == HTML.SelectContext {
    /// An `<option>` with visible text (Plot's own `.option` takes attributes only).
    static func choice(_ value: String, _ text: String, isSelected: Bool) -> Node {
        .element(
            named: "option",
            nodes: [
                Node<HTML.BodyContext>.attribute(named: "value", value: value, ignoreIfValueIsEmpty: false),
                isSelected ? .attribute(named: "selected") : .empty,
                .text(text),
            ])
    }
}

extension Node where Context: HTML.BodyContext {
    /// A date field that shows and reads dd/mm/yyyy whatever the browser's language — a native date input follows the
    /// browser's locale (mm/dd/yyyy in an English browser). Text with a numeric keyboard; the server reads it with
    /// `LocalDate(typed:)`, which also takes the stored yyyy-MM-dd of links.
    static func dateInput(id: String, name: String, value: String, required: Bool = false, describedBy: String? = nil) -> Node {
        var attributes: [Attribute<HTML.InputContext>] = [
            .type(.text), .id(id), .name(name), .value(LocalDate(typed: value)?.vietnamese ?? value),
            .attribute(named: "inputmode", value: "numeric"), .attribute(named: "autocomplete", value: "off"),
            .attribute(named: "placeholder", value: "dd/mm/yyyy"), .attribute(named: "size", value: "10"),
            // Valid in the `v` mode browsers compile patterns in: "/" and "-" are escaped inside the brackets.
            .attribute(named: "pattern", value: #"\s*(\d{1,2}[\/.\-]\d{1,2}[\/.\-]\d{4}|\d{4}-\d{2}-\d{2})\s*"#),
            .attribute(named: "title", value: "Ngày theo dạng ngày/tháng/năm, ví dụ 07/12/2026"),
        ]
        if required { attributes.append(.attribute(named: "required", value: "required")) }
        if let describedBy { attributes.append(.attribute(named: "aria-describedby", value: describedBy)) }
        return .selfClosedElement(named: "input", attributes: attributes)
    }

    /// A moment field that shows and reads "dd/mm/yyyy hh:mm" whatever the browser's language (a native datetime-local
    /// follows the browser's locale and its 12-hour clock). The server reads it with `LocalClock.instant(typed:)`, which
    /// also takes the stored "yyyy-MM-ddTHH:mm" of links; such a value is shown the Vietnamese way.
    static func dateTimeInput(id: String, name: String, value: String, clock: LocalClock, required: Bool = false) -> Node {
        var attributes: [Attribute<HTML.InputContext>] = [
            .type(.text), .id(id), .name(name), .value(clock.instant(typed: value).map(clock.text) ?? value),
            .attribute(named: "autocomplete", value: "off"), .attribute(named: "placeholder", value: "dd/mm/yyyy hh:mm"),
            .attribute(named: "size", value: "16"),
            .attribute(named: "pattern", value: #"\s*(\d{1,2}[\/.\-]\d{1,2}[\/.\-]\d{4}|\d{4}-\d{2}-\d{2})[ T]\d{1,2}[:hH]\d{2}.*"#),
            .attribute(named: "title", value: "Ngày và giờ theo dạng ngày/tháng/năm giờ:phút, ví dụ 07/12/2026 09:30"),
        ]
        if required { attributes.append(.attribute(named: "required", value: "required")) }
        return .selfClosedElement(named: "input", attributes: attributes)
    }
}
