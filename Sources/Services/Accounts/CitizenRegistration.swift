import Crypto
import Domain
import Foundation
import Persistence

/// How a citizen gets an account here: the form (name, personal ID with birth year and gender, phone and/or
/// e-mail, password, consents), then a one-time code sent to the phone or e-mail, then the account. This
/// is the local identity provider; a national e-ID sign-in (VNeID) would replace the form and the code by
/// the identity it asserts, and create the same account, profile and consents (`CitizenAccounts`).
package struct CitizenRegistration: Sendable {
    package let services: AppServices
    package let policy = OneTimeCodePolicy.standard

    package init(services: AppServices) { self.services = services }

    /// What the form sends; every field is kept to show it again.
    package struct Form: Decodable, Sendable {
        package var displayName: String?
        package var personalID: String?
        package var birthYear: String?
        package var gender: String?
        package var phone: String?
        package var email: String?
        package var channel: String?
        package var password: String?
        package var consentHandling: String?
        package var consentNotifications: String?
        package var consentSurveys: String?

        /// An empty form.
        package init() {}
    }

    /// Problems by field name (shown next to the field), in Vietnamese.
    package struct Problems: Error {
        package var fields: [String: String]
    }

    /// Checks the form, keeps the registration and sends the code; returns the registration's token.
    package func start(_ form: Form) async throws -> String {
        var problems: [String: String] = [:]
        let name = VietnameseText.normalized(form.displayName ?? "").trimmingCharacters(in: .whitespaces)
        if name.isEmpty { problems["displayName"] = "Vui lòng nhập họ và tên." }
        let identifier = (form.personalID ?? "").filter { !$0.isWhitespace }
        let birthYear = form.birthYear.flatMap { Int($0) }
        if birthYear == nil { problems["birthYear"] = "Vui lòng nhập năm sinh (4 chữ số)." }
        let gender = form.gender.flatMap(PersonalID.Gender.init(rawValue:))
        if gender == nil { problems["gender"] = "Vui lòng chọn giới tính." }
        do { _ = try PersonalID(identifier, birthYear: birthYear, gender: gender) } catch { problems["personalID"] = error.message }
        let phone = (form.phone ?? "").trimmingCharacters(in: .whitespaces)
        let email = (form.email ?? "").trimmingCharacters(in: .whitespaces)
        problems.merge(Applicant.contactProblems(phone: phone, email: email)) { first, _ in first }
        let channel: NotificationChannel = form.channel == "email" ? .email : .sms
        if channel == .sms, phone.isEmpty { problems["phone"] = problems["phone"] ?? "Vui lòng nhập số điện thoại để nhận mã xác thực." }
        if channel == .email, email.isEmpty { problems["email"] = problems["email"] ?? "Vui lòng nhập thư điện tử để nhận mã xác thực." }
        let password = form.password ?? ""
        if let violation = services.accounts.policy.violation(of: password, accountName: identifier) {
            problems["password"] = violation.message
        }
        if form.consentHandling == nil {
            problems["consentHandling"] = "Cần đồng ý cho xử lý dữ liệu cá nhân để giải quyết thủ tục thì mới nộp hồ sơ trực tuyến được."
        }
        guard problems.isEmpty else { throw Problems(fields: problems) }

        var consents: Set<ConsentPurpose> = [.handling]
        if form.consentNotifications != nil { consents.insert(.notifications) }
        if form.consentSurveys != nil { consents.insert(.surveys) }
        let registration = CitizenAccounts.Registration(
            displayName: name, personalID: identifier, phone: phone.isEmpty ? nil : DossierNotices.phoneNumber(phone),
            email: email.isEmpty ? nil : email,
            passwordHash: try await services.accounts.hashPassword(password), consents: consents, channel: channel)
        let token = randomToken(bytes: 32)
        let code = Self.newCode(policy)
        do {
            try await CitizenAccounts(services.database).start(
                registration, tokenHash: Self.hash(token), codeHash: Self.hash(token + code),
                message: message(code: code, to: registration),
                policy: policy, at: services.clock())
        } catch let problem as CitizenAccounts.Problem {
            throw Problems(fields: ["personalID": problem.message])
        }
        return token
    }

    /// Sends a new code for a registration.
    package func resend(token: String) async throws {
        let code = Self.newCode(policy)
        try await CitizenAccounts(services.database).resend(
            tokenHash: Self.hash(token), codeHash: Self.hash(token + code), message: { [self] in message(code: code, to: $0) },
            policy: policy,
            at: services.clock())
    }

    /// Checks a typed code and creates the account; returns the new user's id.
    package func verify(token: String, code typed: String) async throws -> Int64 {
        guard let code = policy.normalized(typed) else { throw CitizenAccounts.Problem.wrongCode(attemptsLeft: policy.attempts) }
        let expected = Self.hash(token + code)
        return try await CitizenAccounts(services.database).complete(
            tokenHash: Self.hash(token), codeMatches: { stored in Self.constantTimeEqual(stored, expected) }, policy: policy,
            at: services.clock())
    }

    package func message(code: String, to registration: CitizenAccounts.Registration) -> NotificationOutbox.Message {
        let text = services.notificationTemplates?.render(
            .oneTimeCode, registration.channel, values: ["code": code, "minutes": String(Int(policy.lifetime / 60))])
        return NotificationOutbox.Message(
            dossierID: nil, eventSequence: nil, purpose: .oneTimeCode, channel: registration.channel,
            recipient: registration.recipient ?? "", subject: text?.subject, body: text?.body ?? code)
    }

    package static func newCode(_ policy: OneTimeCodePolicy) -> String {
        var generator = SystemRandomNumberGenerator()
        return policy.code(using: &generator)
    }

    package static func hash(_ text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    package static func constantTimeEqual(_ lhs: String, _ rhs: String) -> Bool {
        let a = Array(lhs.utf8), b = Array(rhs.utf8)
        guard a.count == b.count else { return false }
        return zip(a, b).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
