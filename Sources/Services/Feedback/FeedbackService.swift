import Domain
import Foundation
import Persistence

/// Phản ánh, kiến nghị as use cases: anyone submits (throttled per address), the unit's officers answer within the
/// working days of `FeedbackRules`, the sender opens the item by its private link (or signed in as its sender) and
/// rates the answer, and the answers a unit marks publishable are listed publicly without personal data. The pages
/// and the API call these; neither checks a grant itself.
package struct FeedbackService: Sendable {
    package let services: AppServices

    /// What a feedback form sends; every field is kept to show the form again.
    package struct Submission: Decodable, Sendable {
        package var subject: String?
        package var unit: String?
        package var dossierCode: String?
        package var officer: String?
        package var content: String?
        package var contactName: String?
        package var phone: String?
        package var email: String?

        package init() {}
    }

    private var store: FeedbackStore { FeedbackStore(services.database) }

    /// The units feedback may be about: every current unit but the city.
    package func units() async throws -> [OrgUnit] {
        try await services.unitDirectory().list(.init(validOn: services.today())).filter { $0.kind != .city }
    }

    /// The answers units chose to publish, with each unit's name.
    package func published() async throws -> [(item: FeedbackItem, unitName: String)] {
        let directory = try await services.unitDirectory()
        return try await store.published().map { ($0, directory.find(id: $0.unitID)?.name ?? "") }
    }

    /// An empty form, with a signed-in citizen's name and contacts filled in.
    package func newSubmission(by identity: Identity?, about dossierCode: String?) async throws -> Submission {
        var submission = Submission()
        if let identity, identity.has(.citizen) {
            submission.contactName = identity.user.displayName
            submission.email = identity.user.email
            submission.phone = try await CitizenAccounts(services.database).profile(of: identity.user.id)?.phone
        }
        submission.dossierCode = dossierCode
        return submission
    }

    /// Keeps a submission with its due day and returns it with the token of its private link. Refused as a whole
    /// (`.invalid`, by field) when a field is wrong; more than the allowed submissions from one address in a while
    /// are refused (`.tooManyRequests`), counted before the fields are read.
    package func submit(_ submission: Submission, by identity: Identity?, from address: String) async throws -> (
        item: FeedbackItem, token: String
    ) {
        let now = services.clock()
        let counters = FailureCounters(services.database)
        let key = "feedback-address:" + address
        if let until = try await counters.lockedUntil(key, at: now) {
            throw ServiceError.tooManyRequests(retryAfterSeconds: Int(until.timeIntervalSince(now)) + 1)
        }
        try await counters.recordFailure(key, at: now, policy: .submissionsPerAddress)
        let phone = (submission.phone ?? "").trimmingCharacters(in: .whitespaces),
            email = (submission.email ?? "").trimmingCharacters(in: .whitespaces)
        var errors = FeedbackRules.problems(
            content: submission.content ?? "", contactName: submission.contactName ?? "", phone: phone, email: email)
        let units = try await units()
        let unit = submission.unit.flatMap { Int64($0) }.flatMap { id in units.first { $0.id == id } }
        if unit == nil { errors["unit"] = "Vui lòng chọn cơ quan, đơn vị." }
        var dossierID: Int64?
        if let text = submission.dossierCode, !text.trimmingCharacters(in: .whitespaces).isEmpty {
            if let code = DossierCode(parsing: text), let dossier = try await services.dossiers.find(code: code) {
                dossierID = dossier.id
            } else {
                errors["dossierCode"] = "Không tìm thấy hồ sơ có mã này."
            }
        }
        guard errors.isEmpty, let unit else { throw ServiceError.invalid(errors) }
        let due = try await services.deadlines(unit.id, services.database.sql).due(receivedAt: now, limit: FeedbackRules.answerWithin)
        let token = randomToken(bytes: 24)
        let id = try await store.submit(
            .init(
                subject: FeedbackSubject(rawValue: submission.subject ?? "") ?? .unit, unitID: unit.id, dossierID: dossierID,
                officer: VietnameseText.normalized(submission.officer ?? "").trimmingCharacters(in: .whitespaces),
                content: VietnameseText.normalized(submission.content ?? "").trimmingCharacters(in: .whitespacesAndNewlines),
                contactName: VietnameseText.normalized(submission.contactName ?? "").trimmingCharacters(in: .whitespaces),
                contactPhone: phone.isEmpty ? nil : DossierNotices.phoneNumber(phone), contactEmail: email.isEmpty ? nil : email,
                submittedBy: identity?.user.id),
            tokenHash: CitizenRegistration.hash(token), due: due, at: now)
        guard let item = try await store.find(id: id) else { throw ServiceError.notFound }
        return (item, token)
    }

    /// The item its sender opens: with the private link's token, or signed in as the account that sent it; anyone
    /// else (a wrong token included) is answered like an unknown code.
    package func open(code: String?, token: String?, by identity: Identity?) async throws -> (item: FeedbackItem, token: String) {
        guard let id = code.flatMap(FeedbackItem.id(fromCode:)) else { throw ServiceError.notFound }
        if let token, !token.isEmpty, let item = try await store.find(id: id, tokenHash: CitizenRegistration.hash(token)) {
            return (item, token)
        }
        if let user = identity?.user.id, let item = try await store.find(id: id), item.submittedBy == user { return (item, "") }
        throw ServiceError.notFound
    }

    /// The sender rates the answer once: "yes" or "no".
    package func rate(code: String?, token: String?, satisfied: String?, by identity: Identity?) async throws -> (
        item: FeedbackItem, token: String
    ) {
        let (item, token) = try await open(code: code, token: token, by: identity)
        guard let satisfied, satisfied == "yes" || satisfied == "no" else {
            throw ServiceError.refused("Vui lòng chọn hài lòng hoặc không hài lòng.")
        }
        do {
            try await store.rate(item.id, satisfied: satisfied == "yes", at: services.clock())
        } catch let problem as FeedbackStore.Problem {
            throw ServiceError.refused(problem.message)
        }
        return (try await store.find(id: item.id) ?? item, token)
    }

    /// The feedback about the units an officer sees, with each unit's name.
    package func inbox(for identity: Identity?) async throws -> [(item: FeedbackItem, unitName: String)] {
        let identity = try Self.staff(identity)
        let units = try await units().filter { identity.scope.contains($0.id) }
        return try await store.inbox(units: units.map(\.id)).map { item in (item, units.first { $0.id == item.unitID }?.name ?? "") }
    }

    /// An officer of the unit (its head, a case or desk officer) answers, and says whether the answer is published.
    package func answer(code: String?, text: String?, publishable: Bool, by identity: Identity?) async throws {
        let identity = try Self.staff(identity)
        guard let id = code.flatMap(FeedbackItem.id(fromCode:)), let item = try await store.find(id: id),
            identity.scope.contains(item.unitID)
        else { throw ServiceError.notFound }
        let roles = try await services.actor(identity, on: [item.unitID]).roles
        guard !roles.isDisjoint(with: [.unitHead, .caseOfficer, .deskOfficer]) else { throw ServiceError.forbidden }
        do {
            try await store.answer(
                id, text: VietnameseText.normalized(text ?? ""), publishable: publishable, by: identity.user.id, at: services.clock())
        } catch let problem as FeedbackStore.Problem {
            throw ServiceError.refused(problem.message)
        }
    }

    /// The item's private link, shown once to its sender.
    package func privateLink(_ item: FeedbackItem, token: String) -> String {
        services.configuration.publicURL.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
            + SiteRoute.feedbackItem(code: item.code).path
            + "?t=" + token
    }

    /// The name of the unit an item is about.
    package func unitName(of item: FeedbackItem) async throws -> String {
        try await services.unitDirectory().find(id: item.unitID)?.name ?? ""
    }

    /// An officer (not the public, a citizen or a surveyor).
    private static func staff(_ identity: Identity?) throws -> Identity {
        guard let identity else { throw ServiceError.unauthorized }
        guard identity.isStaff else { throw ServiceError.forbidden }
        return identity
    }
}

extension AppServices {
    /// Feedback and its answers.
    package var feedback: FeedbackService { FeedbackService(services: self) }
}
