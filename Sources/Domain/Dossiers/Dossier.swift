import Foundation

/// The person or organisation that files a dossier (người nộp hồ sơ).
public struct Applicant: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case person, organisation

        public var title: String { self == .person ? "Cá nhân" : "Tổ chức" }
    }

    public var kind: Kind
    public var name: String
    /// The 12-digit personal ID of a person, or the tax code of an organisation.
    public var identifier: String
    public var phone: String?
    public var email: String?
    public var address: String?

    public init(kind: Kind, name: String, identifier: String, phone: String? = nil, email: String? = nil, address: String? = nil) {
        self.kind = kind
        self.name = name
        self.identifier = identifier
        self.phone = phone
        self.email = email
        self.address = address
    }

    /// Every problem of the applicant's details, in Vietnamese (empty when valid); a tax code whose check
    /// digit differs is a warning, returned separately.
    public func problems(birthYear: Int? = nil, gender: PersonalID.Gender? = nil) -> (errors: [String], warnings: [String]) {
        var errors: [String] = []
        var warnings: [String] = []
        if name.trimmingCharacters(in: .whitespaces).isEmpty {
            errors.append(kind == .person ? "Vui lòng nhập họ và tên người nộp." : "Vui lòng nhập tên tổ chức.")
        }
        switch kind {
        case .person:
            do { _ = try PersonalID(identifier, birthYear: birthYear, gender: gender) } catch { errors.append(error.message) }
        case .organisation:
            do {
                if !(try TaxCode(identifier)).checkDigitMatches {
                    warnings.append("Chữ số kiểm tra của mã số thuế không khớp quy tắc thường dùng; vui lòng kiểm tra lại.")
                }
            } catch {
                errors.append(error.message)
            }
        }
        errors += Self.contactProblems(phone: phone ?? "", email: email ?? "").sorted { $0.key > $1.key }.map(\.value)
        return (errors, warnings)
    }

    /// What is wrong with a phone number and an e-mail address, by field ("phone", "email"); an empty one is
    /// not checked (whether one is required depends on the form).
    public static func contactProblems(phone: String, email: String) -> [String: String] {
        var problems: [String: String] = [:]
        if !phone.isEmpty, phone.wholeMatch(of: /\+?[0-9 .]{8,15}/) == nil { problems["phone"] = "Số điện thoại không hợp lệ." }
        if !email.isEmpty, email.wholeMatch(of: /[^@\s]+@[^@\s]+\.[^@\s]+/) == nil {
            problems["email"] = "Địa chỉ thư điện tử không hợp lệ."
        }
        return problems
    }
}

/// How a dossier arrived (kênh tiếp nhận).
public enum Channel: String, Sendable, Codable, CaseIterable {
    case inPerson, online, post

    public var title: String {
        switch self {
        case .inPerson: "Trực tiếp"
        case .online: "Trực tuyến"
        case .post: "Bưu chính công ích"
        }
    }
}

/// A dossier (hồ sơ thủ tục hành chính) as lists and pages see it: the projection of its events.
public struct Dossier: Sendable, Equatable, Identifiable {
    public var id: Int64
    public var code: DossierCode
    public var receivingUnitID: Int64
    public var processingUnitID: Int64
    public var procedureVersionID: Int64
    public var channel: Channel
    public var applicant: Applicant
    public var state: DossierWorkflow.State
    public var receivedAt: Date
    /// The due instant at receipt.
    public var firstDueAt: Date
    /// The due instant the statistics use: moved by pauses, never by apologies; nil while paused.
    public var dueAt: Date?
    /// The appointment given to the applicant: moved by pauses and by apology slips.
    public var appointmentAt: Date?
    /// When the result was ready or the dossier otherwise ended.
    public var finishedAt: Date?
    public var lockVersion: Int
    public var isDemo: Bool
    /// What the service index measures of it.
    public var service: ServiceFacts
    /// The unit asked for its opinion while the dossier is ``DossierStatus/consulting``: it sees the dossier in its queue
    /// and may answer; nil otherwise.
    public var consultedUnitID: Int64?

    public init(
        id: Int64, code: DossierCode, receivingUnitID: Int64, processingUnitID: Int64, procedureVersionID: Int64, channel: Channel,
        applicant: Applicant, state: DossierWorkflow.State, receivedAt: Date, firstDueAt: Date, dueAt: Date?, appointmentAt: Date?,
        finishedAt: Date?, lockVersion: Int, isDemo: Bool, service: ServiceFacts = ServiceFacts()
    ) {
        self.id = id
        self.code = code
        self.receivingUnitID = receivingUnitID
        self.processingUnitID = processingUnitID
        self.procedureVersionID = procedureVersionID
        self.channel = channel
        self.applicant = applicant
        self.state = state
        self.receivedAt = receivedAt
        self.firstDueAt = firstDueAt
        self.dueAt = dueAt
        self.appointmentAt = appointmentAt
        self.finishedAt = finishedAt
        self.lockVersion = lockVersion
        self.isDemo = isDemo
        self.service = service
    }
}

/// One event of a dossier's history: who did what, for which unit, when and why.
public struct DossierEvent: Sendable, Equatable {
    public var sequence: Int
    public var action: String
    public var actorID: Int64?
    public var unitID: Int64?
    public var occurredAt: Date
    public var reason: String
    /// Details of the act (the assignee, the agency consulted, the new appointment), as JSON text.
    public var detail: String
    public var statusAfter: DossierStatus
    public var stepAfter: Int

    public init(
        sequence: Int, action: String, actorID: Int64?, unitID: Int64?, occurredAt: Date, reason: String, detail: String,
        statusAfter: DossierStatus, stepAfter: Int
    ) {
        self.sequence = sequence
        self.action = action
        self.actorID = actorID
        self.unitID = unitID
        self.occurredAt = occurredAt
        self.reason = reason
        self.detail = detail
        self.statusAfter = statusAfter
        self.stepAfter = stepAfter
    }
}

extension DossierEvent {
    /// The event's details as their names and values (empty when it has none or they are not such a map).
    public var values: [String: String] { (try? JSONDecoder().decode([String: String].self, from: Data(detail.utf8))) ?? [:] }

    /// A value the receipt event keeps (the papers, the declaration, the delivery); nil on any other event.
    public func receiptValue(_ name: String) -> String? { action == "receive" ? values[name] : nil }
}
