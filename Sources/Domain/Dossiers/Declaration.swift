import Foundation

/// A declaration filled in online (``DeclarationForm``): the answers with the labels they were given under, so the
/// dossier reads the same after the form changes. It is kept with the dossier's receipt event, shown to the officers
/// and the applicant and printed on the receipt.
public struct Declaration: Sendable, Equatable, Codable {
    public struct Answer: Sendable, Equatable, Codable {
        public var key: String
        public var section: String
        public var label: String
        public var value: String

        public init(key: String, section: String, label: String, value: String) {
            self.key = key
            self.section = section
            self.label = label
            self.value = value
        }
    }

    public var title: String
    public var answers: [Answer]

    public init(title: String, answers: [Answer]) {
        self.title = title
        self.answers = answers
    }

    /// The answers by section, in the form's order.
    public var sections: [(title: String, answers: [Answer])] {
        var result: [(title: String, answers: [Answer])] = []
        for answer in answers {
            if result.last?.title == answer.section {
                result[result.count - 1].answers.append(answer)
            } else {
                result.append((answer.section, [answer]))
            }
        }
        return result
    }

    /// The answers as the form's fields (`f-<key>`), to fill the form again for a change.
    public var fieldValues: [String: String] {
        Dictionary(answers.map { (DeclarationForm.inputName($0.key), $0.value) }, uniquingKeysWith: { first, _ in first })
    }

    /// The compact text kept in a draft and in the receipt event's detail.
    public var encoded: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? String(decoding: encoder.encode(self), as: UTF8.self)) ?? "{}"
    }

    public init?(encoded text: String) {
        guard let value = try? JSONDecoder().decode(Declaration.self, from: Data(text.utf8)) else { return nil }
        self = value
    }

    /// The declaration kept with a dossier's receipt event, if the applicant filled one in online.
    public init?(receiptEvent event: DossierEvent) {
        guard let text = event.receiptValue("declaration") else { return nil }
        self.init(encoded: text)
    }
}
