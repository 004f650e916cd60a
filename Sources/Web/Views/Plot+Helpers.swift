import Plot

extension Node where Context == HTML.SelectContext {
    /// An `<option>` with visible text (Plot's own `.option` takes attributes only).
    static func choice(_ value: String, _ text: String, isSelected: Bool) -> Node {
        .element(named: "option", nodes: [
            Node<HTML.BodyContext>.attribute(named: "value", value: value, ignoreIfValueIsEmpty: false),
            isSelected ? .attribute(named: "selected") : .empty,
            .text(text),
        ])
    }
}
