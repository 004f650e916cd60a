/// An administrative procedure (thủ tục hành chính, TTHC) as a unit handles it: what it is, its legal time
/// limit, fees, required documents, online level, who receives and who processes it, any delegation, and the
/// step template whose budgets add up to the limit. A procedure is versioned: each change makes a new
/// version, and a dossier keeps the version it was received under.
public struct Procedure: Sendable, Equatable, Codable {
    /// The national catalogue code (e.g. `2.000815`) or, for a local or demo procedure, our own code.
    public var code: String
    public var name: String
    /// Lĩnh vực: the field of administration ("Hộ tịch", "Chứng thực", "Xây dựng").
    public var field: String
    public var level: Level
    public var timeLimit: TimeLimit
    /// For a limit of 0 days: the cut-off after which the result is due the next working day, with its source;
    /// nil: ``SameDayRule/documented``.
    public var sameDay: SameDayRule?
    public var fees: [Fee]
    /// Whether any fee or charge is due (an amount above zero).
    public var hasFee: Bool { fees.contains { $0.amount > 0 } }
    public var documents: [RequiredDocument]
    public var onlineLevel: OnlineLevel
    /// Codes of the units where the dossier may be filed.
    public var receivingUnits: [String]
    /// Codes of the units that process it.
    public var processingUnits: [String]
    /// Received regardless of administrative boundary (phi địa giới): any receiving unit of the same kind
    /// may take it, wherever the applicant lives.
    public var isBoundaryFree: Bool
    public var delegation: Delegation?
    public var steps: [StepTemplate]
    /// The legal texts the procedure rests on (free text, e.g. "Luật Hộ tịch 2014").
    public var legalBasis: String
    /// The declaration as an online form, filled in instead of uploading the paper it replaces; nil: none.
    public var declaration: DeclarationForm?

    /// Cấp thực hiện.
    public enum Level: String, Sendable, Codable, CaseIterable {
        case province
        case commune

        public var title: String {
            switch self {
            case .province: "Cấp tỉnh"
            case .commune: "Cấp xã"
            }
        }
    }

    /// Decree 42/2022/NĐ-CP: fully online (toàn trình), partly online (một phần), or in person only.
    public enum OnlineLevel: String, Sendable, Codable, CaseIterable {
        case fullyOnline
        case partlyOnline
        case inPerson

        public var title: String {
            switch self {
            case .fullyOnline: "Trực tuyến toàn trình"
            case .partlyOnline: "Trực tuyến một phần"
            case .inPerson: "Trực tiếp"
            }
        }
    }

    /// A fee or charge (phí, lệ phí) in đồng.
    public struct Fee: Sendable, Equatable, Codable {
        public var name: String
        public var amount: Int

        public init(name: String, amount: Int) {
            self.name = name
            self.amount = amount
        }
    }

    /// A document the applicant files (thành phần hồ sơ): how many originals and copies.
    public struct RequiredDocument: Sendable, Equatable, Codable {
        public var name: String
        public var originals: Int
        public var copies: Int

        public init(name: String, originals: Int, copies: Int) {
            self.name = name
            self.originals = originals
            self.copies = copies
        }

        /// How many of it to bring, in words: "1 bản chính", "2 bản sao", "1 bản chính và 1 bản sao" — never "0"; a
        /// paper whose counts the catalogue leaves at zero says so rather than inventing one.
        public var countText: String {
            let parts = [(originals, "bản chính"), (copies, "bản sao")].filter { $0.0 > 0 }.map { "\($0.0) \($0.1)" }
            return parts.isEmpty ? "Danh mục không ghi số bản" : parts.joined(separator: " và ")
        }
    }

    /// Ủy quyền: the authority that delegated the procedure to the processing units, until when, under which act.
    public struct Delegation: Sendable, Equatable, Codable {
        public var authority: String
        public var until: LocalDate
        public var reference: String

        public init(authority: String, until: LocalDate, reference: String) {
            self.authority = authority
            self.until = until
            self.reference = reference
        }
    }

    /// One step of the workflow with the role that performs it and its time budget; an inter-agency step
    /// names the other agency (liên thông).
    public struct StepTemplate: Sendable, Equatable, Codable {
        public var name: String
        public var role: Role
        public var budget: TimeLimit
        public var otherAgency: String?

        public init(name: String, role: Role, budget: TimeLimit, otherAgency: String? = nil) {
            self.name = name
            self.role = role
            self.budget = budget
            self.otherAgency = otherAgency
        }
    }

    public init(
        code: String, name: String, field: String, level: Level, timeLimit: TimeLimit, fees: [Fee] = [],
        documents: [RequiredDocument] = [], onlineLevel: OnlineLevel, receivingUnits: [String], processingUnits: [String],
        isBoundaryFree: Bool = false, delegation: Delegation? = nil, steps: [StepTemplate], legalBasis: String = "",
        declaration: DeclarationForm? = nil
    ) {
        self.code = code
        self.name = name
        self.field = field
        self.level = level
        self.timeLimit = timeLimit
        self.fees = fees
        self.documents = documents
        self.onlineLevel = onlineLevel
        self.receivingUnits = receivingUnits
        self.processingUnits = processingUnits
        self.isBoundaryFree = isBoundaryFree
        self.delegation = delegation
        self.steps = steps
        self.legalBasis = legalBasis
        self.declaration = declaration
    }

    /// The documents a citizen uploads when filing online: all but the one the online declaration replaces.
    public var documentsToUpload: [RequiredDocument] {
        guard let declaration else { return documents }
        return documents.filter { $0.name != declaration.replaces }
    }

    /// The same-day rule that applies to it (its own, or the documented one).
    public var sameDayRule: SameDayRule { sameDay ?? .documented }

    /// The limit as citizens read it: "5 ngày làm việc", "Trong ngày (nhận trước 15:00 …)".
    public var timeLimitText: String {
        if case .workingDays(0) = timeLimit { return sameDayRule.description }
        return timeLimit.description
    }
}
