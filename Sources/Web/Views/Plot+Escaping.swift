import Domain
import Plot
import Services

// Plot writes attribute values as they are — a `"` in a citizen's search words closed the `value` of the search box
// and opened attributes of its own — and escapes text one Character at a time, a String each (16 % of the CPU of a
// procedure's page in a profile), reading anything shaped like an entity as one (a typed "&lt;" was shown as "<").
// These declarations shadow Plot's own inside this module (a declaration of the module being compiled hides an
// imported one of the same signature; a test module importing both sees two), so every text and attribute value
// the views write is escaped (`Markup`); `EchoedValuesTests` shows it on the pages that echo what a visitor typed.
// A helper of Plot given a value and not listed here is one that does not escape.

extension Node {
    static func text(_ text: String) -> Node { .raw(Markup.escapedText(text)) }

    static func attribute(named name: String, value: String?, ignoreIfValueIsEmpty: Bool = true) -> Node {
        .attribute(Attribute(name: name, value: value.map(Markup.escaped), ignoreIfValueIsEmpty: ignoreIfValueIsEmpty))
    }
}

extension Attribute {
    static func attribute(named name: String, value: String?) -> Attribute {
        Attribute(name: name, value: value.map(Markup.escaped))
    }
}

extension Node where Context: HTMLContext {
    static func id(_ id: String) -> Node { .attribute(named: "id", value: id) }
    static func `class`(_ className: String) -> Node { .attribute(named: "class", value: className) }
    static func data(named name: String, value: String) -> Node { .attribute(named: "data-" + name, value: value) }
    static func title(_ title: String) -> Node { .attribute(named: "title", value: title) }
}

extension Attribute where Context: HTMLContext {
    static func id(_ id: String) -> Attribute { .attribute(named: "id", value: id) }
    static func `class`(_ className: String) -> Attribute { .attribute(named: "class", value: className) }
    static func data(named name: String, value: String) -> Attribute { .attribute(named: "data-" + name, value: value) }
    static func title(_ title: String) -> Attribute { .attribute(named: "title", value: title) }
}

extension Node where Context: HTMLNamableContext {
    static func name(_ name: String) -> Node { .attribute(named: "name", value: name) }
}

extension Attribute where Context: HTMLNamableContext {
    static func name(_ name: String) -> Attribute { .attribute(named: "name", value: name) }
}

extension Node where Context: HTMLValueContext {
    static func value(_ value: String) -> Node { .attribute(named: "value", value: value) }
}

extension Attribute where Context: HTMLValueContext {
    static func value(_ value: String) -> Attribute { .attribute(named: "value", value: value) }
}

extension Node where Context: HTMLLinkableContext {
    static func href(_ url: any URLRepresentable) -> Node { .attribute(named: "href", value: url.description) }
}

extension Attribute where Context: HTMLLinkableContext {
    static func href(_ url: any URLRepresentable) -> Attribute { .attribute(named: "href", value: url.description) }
}

extension Node where Context: HTMLSourceContext {
    static func src(_ url: any URLRepresentable) -> Node { .attribute(named: "src", value: url.description) }
}

extension Attribute where Context: HTMLSourceContext {
    static func src(_ url: any URLRepresentable) -> Attribute { .attribute(named: "src", value: url.description) }
}

extension Node where Context == HTML.FormContext {
    static func action(_ url: any URLRepresentable) -> Node { .attribute(named: "action", value: url.description) }
}

extension Node where Context == HTML.LabelContext {
    static func `for`(_ target: String) -> Node { .attribute(named: "for", value: target) }
}

extension Attribute where Context == HTML.InputContext {
    static func placeholder(_ placeholder: String) -> Attribute { .attribute(named: "placeholder", value: placeholder) }
}

extension Node where Context == HTML.TextAreaContext {
    static func placeholder(_ placeholder: String) -> Node { .attribute(named: "placeholder", value: placeholder) }
}

extension Attribute where Context == HTML.OptionContext {
    static func label(_ label: String) -> Attribute { .attribute(named: "label", value: label) }
}

extension Attribute where Context == HTML.MetaContext {
    static func content(_ content: String) -> Attribute { .attribute(named: "content", value: content) }
}

extension Attribute where Context == HTML.ImageContext {
    static func alt(_ text: String) -> Attribute { .attribute(named: "alt", value: text) }
}

extension Node where Context: HTML.BodyContext {
    static func ariaLabel(_ label: String) -> Node { .attribute(named: "aria-label", value: label) }
}
