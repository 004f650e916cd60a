import Foundation

/// A document of the working group (issue 9): a plan, a notice of conclusions such as "Thông báo 90/TB-VP",
/// an urging letter, or a news item. Tasks are created from a directive's conclusions and link back to it;
/// published items appear on the public news page.
public struct ReformDirective: Sendable, Equatable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case plan, notice, urging, news, other

        public var title: String {
            switch self {
            case .plan: "Kế hoạch"
            case .notice: "Thông báo kết luận"
            case .urging: "Văn bản đôn đốc"
            case .news: "Tin tức, thông báo"
            case .other: "Văn bản khác"
            }
        }
    }

    /// The attached file (the signed document).
    public struct File: Sendable, Equatable {
        public var sha256: String
        public var fileType: FileType
        public var originalName: String

        public init(sha256: String, fileType: FileType, originalName: String) {
            self.sha256 = sha256
            self.fileType = fileType
            self.originalName = originalName
        }
    }

    public var id: Int64
    public var kind: Kind
    /// "90/TB-VP"; empty for a news item without a number.
    public var number: String
    public var issuedOn: LocalDate
    public var issuer: String
    public var signer: String
    public var title: String
    public var summary: String
    public var file: File?
    public var publishedAt: Date?
    public var isDemo: Bool

    public init(
        id: Int64 = 0, kind: Kind, number: String, issuedOn: LocalDate, issuer: String, signer: String, title: String, summary: String,
        file: File? = nil, publishedAt: Date? = nil, isDemo: Bool = false
    ) {
        self.id = id
        self.kind = kind
        self.number = number
        self.issuedOn = issuedOn
        self.issuer = issuer
        self.signer = signer
        self.title = title
        self.summary = summary
        self.file = file
        self.publishedAt = publishedAt
        self.isDemo = isDemo
    }

    /// How it is cited in a task's source: "Thông báo kết luận số 90/TB-VP ngày 10/03/2023 của Văn phòng UBND Thành phố".
    public var citation: String {
        (number.isEmpty ? kind.title : "\(kind.title) số \(number)") + " ngày \(issuedOn.vietnamese)"
            + (issuer.isEmpty ? "" : " của \(issuer)")
    }

    public enum Problem: Error, Equatable, CustomStringConvertible {
        case emptyTitle
        case emptyIssuer

        public var description: String {
            switch self {
            case .emptyTitle: "Vui lòng nhập trích yếu (tiêu đề) của văn bản."
            case .emptyIssuer: "Vui lòng nhập cơ quan ban hành."
            }
        }
    }

    /// The fields trimmed and normalized; refused without a title or an issuer.
    public func validated() throws(Problem) -> ReformDirective {
        var copy = self
        func clean(_ text: String) -> String { VietnameseText.normalized(text).trimmingCharacters(in: .whitespacesAndNewlines) }
        copy.number = clean(number)
        copy.issuer = clean(issuer)
        copy.signer = clean(signer)
        copy.title = clean(title)
        copy.summary = clean(summary)
        guard !copy.title.isEmpty else { throw .emptyTitle }
        guard !copy.issuer.isEmpty else { throw .emptyIssuer }
        return copy
    }

    /// The text searched without diacritics (number, title, summary, issuer, signer).
    public var searchText: String { VietnameseText.folded([number, title, summary, issuer, signer].joined(separator: " ")) }
}
