import Foundation

/// A procedure's declaration (tờ khai) as an online form: the citizen fills it in the browser instead of uploading a
/// scanned paper. It is data of the procedure version (the catalogue's JSON carries it): sections of fields, each with
/// its Vietnamese label, kind, whether it is required and a hint. The form names the paper of the procedure's list it
/// stands for, so a dossier with the form filled in needs no file for that paper, and where its fields come from.
public struct DeclarationForm: Sendable, Equatable, Codable {
    /// The form's title as the official template names it ("Tờ khai đăng ký khai sinh").
    public var title: String
    /// The name of the procedure's required document this form replaces (a document of ``Procedure/documents``).
    public var replaces: String
    /// Where the fields come from (the legal text of the template), shown under the form.
    public var source: String
    public var sections: [Section]

    public struct Section: Sendable, Equatable, Codable {
        public var title: String
        public var fields: [Field]

        public init(title: String, fields: [Field]) {
            self.title = title
            self.fields = fields
        }
    }

    public struct Field: Sendable, Equatable, Codable {
        /// Unique in the form: lower-case letters, digits and "-" (the HTML field is `f-<key>`).
        public var key: String
        public var label: String
        public var kind: Kind
        public var required: Bool
        public var hint: String?
        /// The choices of a ``Kind/choice`` field.
        public var options: [String]

        public init(key: String, label: String, kind: Kind, required: Bool = true, hint: String? = nil, options: [String] = []) {
            self.key = key
            self.label = label
            self.kind = kind
            self.required = required
            self.hint = hint
            self.options = options
        }

        enum CodingKeys: String, CodingKey { case key, label, kind, required, hint, options }

        /// `required` defaults to true and `options` to none, so a catalogue file writes only what differs.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            key = try container.decode(String.self, forKey: .key)
            label = try container.decode(String.self, forKey: .label)
            kind = try container.decode(Kind.self, forKey: .kind)
            required = try container.decodeIfPresent(Bool.self, forKey: .required) ?? true
            hint = try container.decodeIfPresent(String.self, forKey: .hint)
            options = try container.decodeIfPresent([String].self, forKey: .options) ?? []
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(key, forKey: .key)
            try container.encode(label, forKey: .label)
            try container.encode(kind, forKey: .kind)
            if !required { try container.encode(required, forKey: .required) }
            try container.encodeIfPresent(hint, forKey: .hint)
            if !options.isEmpty { try container.encode(options, forKey: .options) }
        }
    }

    /// What a field holds and how it is checked.
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// One line, at most 200 characters.
        case text
        /// Several lines, at most 2,000 characters.
        case paragraph
        /// A day, typed dd/mm/yyyy.
        case date
        /// A day not after today (a birth, a death).
        case pastDate
        /// A year of four digits, not after this year.
        case year
        /// The 12-digit personal ID (``PersonalID``).
        case personalID
        case phone
        /// One of ``Field/options``.
        case choice
    }

    public init(title: String, replaces: String, source: String, sections: [Section]) {
        self.title = title
        self.replaces = replaces
        self.source = source
        self.sections = sections
    }

    public var fields: [Field] { sections.flatMap(\.fields) }

    /// The HTML name of a field.
    public static func inputName(_ key: String) -> String { "f-\(key)" }

    /// What is wrong with the form as the catalogue defines it, in Vietnamese (empty when it is usable), given the
    /// procedure's documents.
    public func definitionProblems(documents: [Procedure.RequiredDocument]) -> [String] {
        var problems: [String] = []
        if title.trimmingCharacters(in: .whitespaces).isEmpty { problems.append("Tờ khai điện tử thiếu tên.") }
        if !documents.contains(where: { $0.name == replaces }) {
            problems.append("Tờ khai điện tử thay cho “\(replaces)”, không có trong thành phần hồ sơ.")
        }
        if fields.isEmpty { problems.append("Tờ khai điện tử “\(title)” chưa có trường nào.") }
        var seen: Set<String> = []
        for field in fields {
            if field.key.wholeMatch(of: /[a-z0-9][a-z0-9-]{0,39}/) == nil {
                problems.append("Mã trường “\(field.key)” chỉ gồm chữ thường không dấu, số và dấu gạch ngang.")
            }
            if !seen.insert(field.key).inserted { problems.append("Mã trường “\(field.key)” bị trùng.") }
            if field.label.trimmingCharacters(in: .whitespaces).isEmpty { problems.append("Trường “\(field.key)” thiếu nhãn.") }
            if field.kind == .choice, Set(field.options).count < 2 {
                problems.append("Trường “\(field.label)” cần ít nhất hai lựa chọn khác nhau.")
            }
        }
        return problems
    }

    /// Reads the submitted fields (by ``inputName(_:)``) against the form on `today`: the answers, or the problem of
    /// each bad field by key. Values are trimmed; a date is kept as dd/mm/yyyy, a personal ID as its digits.
    public func read(_ submitted: [String: String], today: LocalDate) -> Result<Declaration, DeclarationProblems> {
        var answers: [Declaration.Answer] = [], problems: [String: String] = [:]
        for section in sections {
            for field in section.fields {
                let typed = (submitted[Self.inputName(field.key)] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
                if typed.isEmpty {
                    if field.required {
                        problems[field.key] =
                            field.kind == .choice ? "Vui lòng chọn \(field.lowercasedLabel)." : "Vui lòng nhập \(field.lowercasedLabel)."
                    }
                    continue
                }
                switch field.check(typed, today: today) {
                case .value(let value): answers.append(.init(key: field.key, section: section.title, label: field.label, value: value))
                case .refused(let problem): problems[field.key] = problem
                }
            }
        }
        return problems.isEmpty ? .success(Declaration(title: title, answers: answers)) : .failure(DeclarationProblems(fields: problems))
    }
}

/// The fields of a declaration that were refused, with why, by field key.
public struct DeclarationProblems: Error, Equatable, Sendable {
    public var fields: [String: String]
}

extension DeclarationForm.Field {
    /// The label inside a sentence ("Vui lòng nhập họ, chữ đệm, tên"), first letter lowered unless it starts an
    /// abbreviation.
    var lowercasedLabel: String {
        guard let first = label.first, label.dropFirst().first?.isLowercase == true else { return label }
        return first.lowercased() + label.dropFirst()
    }

    enum Checked: Equatable {
        case value(String)
        case refused(String)
    }

    /// The value to keep, or why the typed text is refused.
    func check(_ typed: String, today: LocalDate) -> Checked {
        switch kind {
        case .text:
            return typed.count <= 200 && !typed.contains(where: \.isNewline) ? .value(typed) : .refused("Tối đa 200 ký tự, trên một dòng.")
        case .paragraph:
            return typed.count <= 2000 ? .value(typed) : .refused("Tối đa 2.000 ký tự.")
        case .date, .pastDate:
            guard let day = LocalDate(typed: typed) else { return .refused("Ngày theo dạng ngày/tháng/năm, ví dụ 07/12/2026.") }
            if kind == .pastDate, day > today { return .refused("Ngày không được sau hôm nay (\(today.vietnamese)).") }
            return .value(day.vietnamese)
        case .year:
            guard typed.count == 4, typed.allSatisfy({ $0.isASCII && $0.isNumber }), let year = Int(typed), year >= 1900, year <= today.year
            else {
                return .refused("Năm gồm 4 chữ số, từ 1900 đến \(today.year).")
            }
            return .value(String(year))
        case .personalID:
            do throws(PersonalID.Problem) { return .value(try PersonalID(typed).digits) } catch { return .refused(error.message) }
        case .phone:
            let problem = Applicant.contactProblems(phone: typed, email: "")["phone"]
            return problem.map { .refused($0) } ?? .value(typed)
        case .choice:
            return options.contains(typed) ? .value(typed) : .refused("Vui lòng chọn một trong các lựa chọn.")
        }
    }
}
