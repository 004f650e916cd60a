import Domain
import Foundation
import SQLKit

/// Collecting a campaign's answers. Every way in leads to one invitation of the drawn sample — the one-time
/// link sent by SMS or e-mail, the QR code on the result slip (by the dossier), a paper form (by the
/// invitation's number) — and an invitation is answered once. The answers are stored without the invitation
/// (unit, design weight and answers only), so nobody can tell who answered what.
extension SIPASCampaigns {
    /// What the invitation message needs: where to send it and the unit that served the person.
    public struct Invitee: Sendable, Equatable {
        public var invitationID: Int64
        public var dossierID: Int64
        public var phone: String?
        public var email: String?
        public var unitName: String
    }

    /// An invitation as the questionnaire page sees it.
    public struct Invitation: Sendable, Equatable {
        public var id: Int64
        public var campaign: SIPASCampaign
        public var unitCode: String
        public var unitName: String
        public var weight: Double
        public var answeredAt: Date?
        public var declinedAt: Date?
        /// The answers saved so far, in the stored form of `SIPASAnswerSheet`.
        public var draft: String?
    }

    /// What sending the invitations did.
    public struct InvitationRun: Sendable, Equatable {
        /// Invitations sent now (each with its own link, on every channel the dossier has).
        public var invited: Int
        /// Drawn people with neither a phone number nor an e-mail address: to be reached with a paper form.
        public var withoutContact: Int

        public init(invited: Int, withoutContact: Int) {
            self.invited = invited
            self.withoutContact = withoutContact
        }
    }

    /// Opens the collection and sends each drawn person not invited yet one link (SMS and e-mail when the
    /// dossier has them). A link's token is made here and only its hash kept; `messages` writes the texts,
    /// queued in the same transaction as the invitation, so nobody is invited twice, even by two clicks.
    public func invite(
        _ id: Int64, by userID: Int64?, at time: Date,
        messages: @escaping @Sendable (Invitee, _ token: String) -> [NotificationOutbox.Message]
    ) async throws -> InvitationRun {
        guard let campaign = try await find(id: id) else { throw Problem.notFound }
        guard campaign.status == .sampled || campaign.status == .collecting else { throw Problem.notCollecting(campaign.status) }
        let rows = try await database.sql.raw(
            """
            SELECT i.id AS id, d.id AS dossier_id, d.applicant_phone AS phone, d.applicant_email AS email, u.name AS unit_name
            FROM sipas_invitations i JOIN dossiers d ON d.id = i.dossier_id JOIN units u ON u.id = d.processing_unit_id
            WHERE i.campaign_id = \(bind: id) AND i.invited_at IS NULL AND i.answered_at IS NULL AND i.declined_at IS NULL ORDER BY i.id
            """
        ).all()
        let invitees = try rows.map { row in
            Invitee(
                invitationID: try row.decode(column: "id", as: Int64.self), dossierID: try row.decode(column: "dossier_id", as: Int64.self),
                phone: try row.decode(column: "phone", as: String?.self).flatMap { $0.isEmpty ? nil : $0 },
                email: try row.decode(column: "email", as: String?.self).flatMap { $0.isEmpty ? nil : $0 },
                unitName: try row.decode(column: "unit_name", as: String.self))
        }
        return try await database.transaction { session in
            var run = InvitationRun(invited: 0, withoutContact: 0)
            try await session.update("sipas_campaigns").set("status", to: SIPASCampaign.Status.collecting.rawValue).where("id", .equal, id)
                .run()
            for start in stride(from: 0, to: invitees.count, by: 500) {
                var queued: [NotificationOutbox.Message] = []
                for invitee in invitees[start..<min(start + 500, invitees.count)] {
                    guard invitee.phone != nil || invitee.email != nil else {
                        run.withoutContact += 1
                        continue
                    }
                    let token = randomToken(bytes: 16)
                    let claimed = try await session.update("sipas_invitations").set("token_hash", to: sha256Hex(token)).set(
                        "invited_at", to: time.milliseconds
                    )
                    .where("id", .equal, invitee.invitationID).where("invited_at", .is, SQLLiteral.null).returning("id").all()
                    guard !claimed.isEmpty else { continue }
                    queued += messages(invitee, token)
                    run.invited += 1
                }
                try await NotificationOutbox(session).enqueue(queued, at: time)
            }
            try await AuditTrail.append(
                AuditRecord(
                    actorID: userID, action: "sipas.invite", objectType: "sipasCampaign", objectID: String(id),
                    reason: "đã mời \(run.invited), không có liên lạc \(run.withoutContact)"), at: time, on: session)
            return run
        }
    }

    /// Ends the collection: no more answers are taken.
    public func close(_ id: Int64, by userID: Int64?, at time: Date) async throws {
        guard let campaign = try await find(id: id) else { throw Problem.notFound }
        guard campaign.status == .collecting else { throw Problem.notCollecting(campaign.status) }
        try await database.transaction { session in
            try await session.update("sipas_campaigns").set("status", to: SIPASCampaign.Status.closed.rawValue).where("id", .equal, id)
                .run()
            try await session.update("sipas_invitations").set("draft", to: SQLLiteral.null).where("campaign_id", .equal, id).run()
            try await AuditTrail.append(
                AuditRecord(actorID: userID, action: "sipas.close", objectType: "sipasCampaign", objectID: String(id)),
                at: time, on: session)
        }
    }

    /// The invitation a survey link opens.
    public func invitation(token: String) async throws -> Invitation? {
        try await invitation(where: "i.token_hash = \(bind: sha256Hex(token))")
    }

    /// The invitation of a dossier's applicant in a campaign collecting now (the QR code on the result slip).
    public func invitation(dossierID: Int64) async throws -> Invitation? {
        try await invitation(where: "i.dossier_id = \(bind: dossierID) AND c.status = \(bind: SIPASCampaign.Status.collecting.rawValue)")
    }

    /// The numbers of a campaign's invitations, in the order they were drawn.
    public func invitationNumbers(of campaignID: Int64) async throws -> [Int64] {
        try await database.sql.select().column("id").from("sipas_invitations").where("campaign_id", .equal, campaignID).orderBy("id").all()
            .map { try $0.decode(column: "id", as: Int64.self) }
    }

    /// The invitation of a paper form: its number within the campaign.
    public func invitation(number: Int64, in campaignID: Int64) async throws -> Invitation? {
        try await invitation(where: "i.id = \(bind: number) AND i.campaign_id = \(bind: campaignID)")
    }

    private func invitation(where condition: SQLQueryString) async throws -> Invitation? {
        let query: SQLQueryString = """
            SELECT i.id AS id, i.campaign_id AS campaign_id, s.unit_code AS unit_code, u.name AS unit_name, i.weight AS weight,
                   i.answered_at AS answered_at, i.declined_at AS declined_at, i.draft AS draft
            FROM sipas_invitations i JOIN sipas_campaigns c ON c.id = i.campaign_id
              JOIN sipas_strata s ON s.campaign_id = i.campaign_id AND s.stratum = i.stratum
              JOIN dossiers d ON d.id = i.dossier_id JOIN units u ON u.id = d.processing_unit_id
            WHERE \(condition) ORDER BY i.id DESC LIMIT 1
            """
        guard let row = try await database.sql.raw(query).first(),
            let campaign = try await find(id: try row.decode(column: "campaign_id", as: Int64.self))
        else { return nil }
        return Invitation(
            id: try row.decode(column: "id", as: Int64.self), campaign: campaign,
            unitCode: try row.decode(column: "unit_code", as: String.self),
            unitName: try row.decode(column: "unit_name", as: String.self), weight: try row.decode(column: "weight", as: Double.self),
            answeredAt: try row.decode(column: "answered_at", as: Int64?.self).map(Date.init(milliseconds:)),
            declinedAt: try row.decode(column: "declined_at", as: Int64?.self).map(Date.init(milliseconds:)),
            draft: try row.decode(column: "draft", as: String?.self))
    }

    /// Keeps the answers given so far, so that the person can come back to the same link.
    public func saveDraft(_ invitation: Invitation, _ sheet: SIPASAnswerSheet) async throws {
        try Self.checkOpen(invitation)
        let saved = try await database.sql.update("sipas_invitations").set("draft", to: sheet.stored).where("id", .equal, invitation.id)
            .where("answered_at", .is, SQLLiteral.null).where("declined_at", .is, SQLLiteral.null).returning("id").all()
        guard !saved.isEmpty else { throw Problem.alreadyAnswered }
    }

    /// Stores the answers of an invitation once: the invitation is marked answered and its draft deleted in the
    /// same transaction as the response is written; a second submission of the same invitation is refused.
    public func submit(_ invitation: Invitation, _ sheet: SIPASAnswerSheet, source: Source, at time: Date) async throws {
        try Self.checkOpen(invitation)
        guard sheet.answeredCount > 0 else { throw Problem.noAnswers }
        try await database.transaction { session in
            try await Self.store(invitation, sheet, source: source, at: time, on: session)
        }
    }

    private static func store(
        _ invitation: Invitation, _ sheet: SIPASAnswerSheet, source: Source, at time: Date, on session: any SQLDatabase
    ) async throws {
        let claimed = try await session.update("sipas_invitations").set("answered_at", to: time.milliseconds).set(
            "draft", to: SQLLiteral.null
        )
        .where("id", .equal, invitation.id).where("answered_at", .is, SQLLiteral.null).where("declined_at", .is, SQLLiteral.null)
        .returning("id").all()
        guard !claimed.isEmpty else { throw Problem.alreadyAnswered }
        try await session.insert(into: "sipas_responses").columns("campaign_id", "unit_code", "weight", "answers", "source", "created_at")
            .values(
                SQLBind(invitation.campaign.id), SQLBind(invitation.unitCode), SQLBind(invitation.weight), SQLBind(sheet.stored),
                SQLBind(source.rawValue), SQLBind(time.milliseconds)
            )
            .run()
    }

    /// The person does not want to take part: the invitation is closed and they are not drawn again.
    public func decline(_ invitation: Invitation, at time: Date) async throws {
        try Self.checkOpen(invitation)
        try await database.transaction { session in
            let claimed = try await session.update("sipas_invitations").set("declined_at", to: time.milliseconds).set(
                "draft", to: SQLLiteral.null
            )
            .where("id", .equal, invitation.id).where("answered_at", .is, SQLLiteral.null).where("declined_at", .is, SQLLiteral.null)
            .returning("dossier_id").all()
            guard let dossierID = try claimed.first?.decode(column: "dossier_id", as: Int64.self) else { throw Problem.alreadyAnswered }
            guard
                let row = try await session.select().column("applicant_identifier").from("dossiers").where("id", .equal, dossierID).first()
            else { return }
            try await session.insert(into: "sipas_opt_outs").columns("identifier_hash", "created_at")
                .values(SQLBind(sha256Hex(try row.decode(column: "applicant_identifier", as: String.self))), SQLBind(time.milliseconds))
                .ignoringConflicts(with: ["identifier_hash"]).run()
        }
    }

    private static func checkOpen(_ invitation: Invitation) throws {
        guard invitation.campaign.status == .collecting else { throw Problem.notCollecting(invitation.campaign.status) }
        guard invitation.answeredAt == nil, invitation.declinedAt == nil else { throw Problem.alreadyAnswered }
    }

    // MARK: Paper forms, entered twice

    /// What entering a paper form did.
    public enum PaperEntry: Sendable, Equatable {
        /// The first entry of this form is kept; another person must enter it again.
        case waitingForSecondEntry
        /// Two people's entries agree: the response is stored.
        case stored
        /// Another person's entry of this form disagrees at these item indexes; each may correct their own.
        case differs([Int])
    }

    /// Enters a paper form (numbered by its invitation): kept as this person's entry; when another person's
    /// entry of the same form agrees, the response is stored and the entries removed.
    public func enterPaper(number: Int64, in campaignID: Int64, _ sheet: SIPASAnswerSheet, by userID: Int64, at time: Date) async throws
        -> PaperEntry
    {
        guard let invitation = try await invitation(number: number, in: campaignID) else { throw Problem.unknownForm }
        try Self.checkOpen(invitation)
        guard sheet.answeredCount > 0 else { throw Problem.noAnswers }
        guard let questionnaire = try await questionnaire(id: invitation.campaign.questionnaireID) else {
            throw Problem.unknownQuestionnaire
        }
        return try await database.transaction { session in
            try await session.insert(into: "sipas_paper_entries").columns("invitation_id", "entered_by", "answers", "entered_at")
                .values(SQLBind(invitation.id), SQLBind(userID), SQLBind(sheet.stored), SQLBind(time.milliseconds))
                .onConflict(with: ["invitation_id", "entered_by"]) { $0.set(excludedValueOf: "answers").set(excludedValueOf: "entered_at") }
                .run()
            let others = try await session.select().column("answers").from("sipas_paper_entries").where(
                "invitation_id", .equal, invitation.id
            )
            .where("entered_by", .notEqual, userID).all()
            .compactMap { SIPASAnswerSheet(stored: try $0.decode(column: "answers", as: String.self), questionnaire: questionnaire) }
            guard !others.isEmpty else { return .waitingForSecondEntry }
            guard others.contains(sheet) else { return .differs(others[0].differences(from: sheet)) }
            try await Self.store(invitation, sheet, source: .paper, at: time, on: session)
            try await session.delete(from: "sipas_paper_entries").where("invitation_id", .equal, invitation.id).run()
            try await AuditTrail.append(
                AuditRecord(
                    actorID: userID, action: "sipas.paper", objectType: "sipasCampaign", objectID: String(campaignID),
                    reason: "phiếu giấy \(invitation.id)"), at: time, on: session)
            return .stored
        }
    }

    /// Paper forms entered once and waiting for the second entry, or whose two entries disagree.
    public func pendingPaperForms(of campaignID: Int64) async throws -> [(number: Int64, entries: Int)] {
        try await database.sql.raw(
            """
            SELECT e.invitation_id AS number, COUNT(*) AS entries FROM sipas_paper_entries e JOIN sipas_invitations i ON i.id = e.invitation_id
            WHERE i.campaign_id = \(bind: campaignID) GROUP BY e.invitation_id ORDER BY e.invitation_id
            """
        ).all().map { (try $0.decode(column: "number", as: Int64.self), try $0.decode(column: "entries", as: Int.self)) }
    }

    /// A paper form to hand out: its number, and to whom (from the dossier — the form goes to the person, the
    /// answers entered from it carry neither).
    public struct PaperForm: Sendable, Equatable {
        public var number: Int64
        public var unitName: String
        public var applicantName: String
        public var applicantAddress: String?
    }

    /// The forms for the drawn people not reached by a link and not answered yet.
    public func paperForms(of campaignID: Int64) async throws -> [PaperForm] {
        try await database.sql.raw(
            """
            SELECT i.id AS number, u.name AS unit_name, d.applicant_name AS name, d.applicant_address AS address
            FROM sipas_invitations i JOIN dossiers d ON d.id = i.dossier_id JOIN units u ON u.id = d.processing_unit_id
            WHERE i.campaign_id = \(bind: campaignID) AND i.invited_at IS NULL AND i.answered_at IS NULL AND i.declined_at IS NULL ORDER BY i.id
            """
        ).all().map {
            PaperForm(
                number: try $0.decode(column: "number", as: Int64.self), unitName: try $0.decode(column: "unit_name", as: String.self),
                applicantName: try $0.decode(column: "name", as: String.self),
                applicantAddress: try $0.decode(column: "address", as: String?.self))
        }
    }
}
