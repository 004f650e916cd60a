import Foundation

/// The papers the desk officer received for a dossier (thành phần hồ sơ đã nhận), checked against those the procedure
/// asks for: for each, received or not and how many originals and copies. It is kept with the receipt event and
/// printed on the receipt (form 01), so the applicant and the officer sign for the same list.
public struct PaperChecklist: Sendable, Equatable, Codable {
    public struct Paper: Sendable, Equatable, Codable {
        public var name: String
        public var received: Bool
        public var originals: Int
        public var copies: Int

        public init(name: String, received: Bool, originals: Int, copies: Int) {
            self.name = name
            self.received = received
            self.originals = originals
            self.copies = copies
        }

        /// "1 bản chính và 1 bản sao", or "Chưa nộp".
        public var text: String {
            guard received else { return "Chưa nộp" }
            return Procedure.RequiredDocument(name: name, originals: originals, copies: copies).countText
        }
    }

    public var papers: [Paper]

    public init(papers: [Paper]) { self.papers = papers }

    /// The papers asked for but not received.
    public var missing: [Paper] { papers.filter { !$0.received } }

    /// The intake form's fields for the procedure's papers: `paper-N` ("on" when received), `paper-N-originals` and
    /// `paper-N-copies` for the N-th paper (0-based). With none of them, nil: the form had no checklist. Otherwise the
    /// checklist, or the problems by field name in Vietnamese — a received paper needs at least one original or copy,
    /// counts are whole numbers from 0 to 99.
    public static func read(_ fields: [String: String], documents: [Procedure.RequiredDocument]) -> Result<PaperChecklist, Problems>? {
        guard fields.keys.contains(where: { $0.hasPrefix("paper-") }) else { return nil }
        var papers: [Paper] = [], problems: [String: String] = [:]
        for (index, document) in documents.enumerated() {
            let key = "paper-\(index)"
            let received = fields[key] != nil
            func count(_ suffix: String, _ fallback: Int) -> Int {
                let text = (fields["\(key)-\(suffix)"] ?? "").trimmingCharacters(in: .whitespaces)
                if text.isEmpty { return received ? fallback : 0 }
                guard text.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(text), (0...99).contains(value) else {
                    problems["\(key)-\(suffix)"] = "Số bản là số nguyên từ 0 đến 99."
                    return 0
                }
                return value
            }
            let originals = count("originals", document.originals), copies = count("copies", document.copies)
            if received, originals + copies == 0, problems["\(key)-originals"] == nil, problems["\(key)-copies"] == nil {
                problems["\(key)-originals"] = "Giấy tờ đã nhận cần ít nhất một bản chính hoặc bản sao."
            }
            papers.append(
                Paper(name: document.name, received: received, originals: received ? originals : 0, copies: received ? copies : 0))
        }
        return problems.isEmpty ? .success(PaperChecklist(papers: papers)) : .failure(Problems(fields: problems))
    }

    public struct Problems: Error, Equatable {
        public var fields: [String: String]
    }

    /// The compact text kept in the receipt event's detail.
    public var encoded: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? String(decoding: encoder.encode(papers), as: UTF8.self)) ?? "[]"
    }

    /// The checklist kept with a dossier's receipt event, if the desk filled one in.
    public init?(receiptEvent event: DossierEvent) {
        guard let text = event.receiptValue("papers") else { return nil }
        self.init(encoded: text)
    }

    public init?(encoded text: String) {
        guard let papers = try? JSONDecoder().decode([Paper].self, from: Data(text.utf8)) else { return nil }
        self.papers = papers
    }
}
