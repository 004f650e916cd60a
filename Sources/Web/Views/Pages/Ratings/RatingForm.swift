import Domain
import Foundation
import Plot
import Services

/// The rating of a dossier's handling as a form: the overall rating on five levels and each criterion on its
/// scale, as groups of radio buttons with a legend (large targets, usable by keyboard), and a comment.
struct RatingForm {
    var criteria: RatingCriteria
    var action: String
    var csrfToken: String
    /// Fields to send back as they came (the tracking digits).
    var hidden: [(name: String, value: String)] = []
    var current: DossierRating?
    var error: String?

    /// The answers of a submitted form (`overall`, `c-<code>`, `comment`); unanswered criteria are left out.
    static func rating(from fields: [String: String]) -> DossierRating {
        var answers: [String: Int] = [:]
        for (name, value) in fields where name.hasPrefix("c-") {
            if let score = Int(value) { answers[String(name.dropFirst(2))] = score }
        }
        return DossierRating(
            overall: fields["overall"].flatMap { Int($0) } ?? 0, answers: answers,
            comment: VietnameseText.normalized(fields["comment"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines))
    }

    var body: Node<HTML.BodyContext> {
        .form(
            .class("form rating"), .action(action), .method(.post),
            .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
            .forEach(hidden) { .input(.type(.hidden), .name($0.name), .value($0.value)) },
            .unwrap(error) { .p(.class("notice notice--error"), .attribute(named: "role", value: "alert"), .text($0)) },
            overallGroup,
            .forEach(criteria.criteria) { criterionGroup($0) },
            commentField,
            .p(.class("hint"), .text("Đánh giá có thể sửa trong 7 ngày kể từ khi gửi lần đầu.")),
            .button(.type(.submit), .class("button"), .text(current == nil ? "Gửi đánh giá" : "Cập nhật đánh giá"))
        )
    }

    private var overallGroup: Node<HTML.FormContext> {
        let choices: [Node<HTML.FormContext>] = criteria.overall.enumerated().map { index, label in
            choice(
                name: "overall", id: "overall-\(index + 1)", value: index + 1, label: "\(index + 1) — \(label)",
                checked: current?.overall == index + 1, required: index == 0)
        }
        return .fieldset(.class("choices choices--overall"), .element(named: "legend", text: "Mức độ hài lòng chung"), .group(choices))
    }

    private func criterionGroup(_ criterion: RatingCriteria.Criterion) -> Node<HTML.FormContext> {
        let choices: [Node<HTML.FormContext>] = criterion.scale.enumerated().map { index, label in
            choice(
                name: "c-\(criterion.code)", id: "c-\(criterion.code)-\(index)", value: index, label: label,
                checked: current?.answers[criterion.code] == index, required: false)
        }
        return .fieldset(.class("choices"), .element(named: "legend", text: criterion.text), .group(choices))
    }

    private var commentField: Node<HTML.FormContext> {
        .div(
            .class("field"), .label(.for("comment"), .text("Ý kiến góp ý (không bắt buộc)")),
            .textarea(.id("comment"), .name("comment"), .attribute(named: "maxlength", value: "2000"), .text(current?.comment ?? "")))
    }

    private func choice(name: String, id: String, value: Int, label: String, checked: Bool, required: Bool) -> Node<HTML.FormContext> {
        .div(
            .class("choice"),
            .input(
                .type(.radio), .id(id), .name(name), .value(String(value)), .attribute(named: "checked", value: checked ? "checked" : ""),
                .attribute(named: "required", value: required ? "required" : "")),
            .label(.for(id), .text(label)))
    }
}
