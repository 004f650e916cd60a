import Domain
import Foundation
import Hummingbird
import Persistence
import Services

/// Collecting a SIPAS campaign's answers: the secretariat sends the invitations and ends the collection; a
/// drawn person answers the anonymous questionnaire from their one-time link or the QR code of their result
/// slip; enumerators enter paper forms twice.
struct SIPASCollectionRoutes {
    let services: AppServices

    func register(on router: some RouterMethods<AppRequestContext>) {
        router.post(SiteRoute.sipasCampaignInvite().pattern) { _, context in
            let identity = try context.require(.secretariat, .admin)
            let id = try context.parameters.id()
            let run = try await managing(id) {
                try await campaigns.invite(id, by: identity.user.id, at: services.clock(), messages: invitationMessages)
            }
            return Response.redirect(
                to: SiteRoute.sipasCampaign(id: id).path + "?invited=\(run.invited)&withoutContact=\(run.withoutContact)", type: .normal)
        }
        router.post(SiteRoute.sipasCampaignClose().pattern) { _, context in
            let identity = try context.require(.secretariat, .admin)
            let id = try context.parameters.id()
            try await managing(id) { try await campaigns.close(id, by: identity.user.id, at: services.clock()) }
            return Response.redirect(to: SiteRoute.sipasCampaign(id: id).path + "?saved=1", type: .normal)
        }
        router.get(SiteRoute.sipasCampaignPaperForms().pattern) { request, context in
            let identity = try context.require(.secretariat, .admin)
            let (campaign, questionnaire) = try await campaignAndQuestionnaire(try context.parameters.id())
            let forms = try await campaigns.paperForms(of: campaign.id)
            try await services.audit(
                AuditRecord(
                    actorID: identity.user.id, action: "sipas.printForms", objectType: "sipasCampaign",
                    objectID: String(campaign.id), reason: "\(forms.count) phiếu"))
            let page = SIPASPaperFormsPage(campaign: campaign, questionnaire: questionnaire, forms: forms)
            return Page("Phiếu giấy — \(campaign.name)", body: page.body).render(context: context, request: request)
        }
        router.get(SiteRoute.sipasCampaignPaper().pattern) { request, context in
            _ = try context.require(.surveyor, .secretariat, .admin)
            let (campaign, questionnaire) = try await campaignAndQuestionnaire(try context.parameters.id())
            return try await paperPage(
                campaign, questionnaire, number: "", sheet: SIPASAnswerSheet(blankFor: questionnaire), context: context, request: request)
        }
        router.post(SiteRoute.sipasCampaignPaper().pattern) { request, context in
            let identity = try context.require(.surveyor, .secretariat, .admin)
            let (campaign, questionnaire) = try await campaignAndQuestionnaire(try context.parameters.id())
            let fields = try await request.form([String: String].self, empty: [:])
            let numberText = (fields["number"] ?? "").trimmingCharacters(in: .whitespaces)
            let sheet: SIPASAnswerSheet
            do throws(SIPASAnswerSheet.Problem) { sheet = try SIPASAnswerSheet(fields: fields, questionnaire: questionnaire) } catch {
                return try await paperPage(
                    campaign, questionnaire, number: numberText, sheet: SIPASAnswerSheet(blankFor: questionnaire),
                    error: error.description, context: context, request: request)
            }
            guard let number = Int64(numberText) else {
                return try await paperPage(
                    campaign, questionnaire, number: numberText, sheet: sheet, error: "Số phiếu là một số nguyên in trên phiếu giấy.",
                    context: context, request: request)
            }
            do {
                switch try await campaigns.enterPaper(number: number, in: campaign.id, sheet, by: identity.user.id, at: services.clock()) {
                case .waitingForSecondEntry:
                    return try await paperPage(
                        campaign, questionnaire, number: "", sheet: SIPASAnswerSheet(blankFor: questionnaire), outcome: .waiting(number),
                        context: context, request: request)
                case .stored:
                    return try await paperPage(
                        campaign, questionnaire, number: "", sheet: SIPASAnswerSheet(blankFor: questionnaire), outcome: .stored(number),
                        context: context, request: request)
                case .differs(let indexes):
                    return try await paperPage(
                        campaign, questionnaire, number: numberText, sheet: sheet,
                        outcome: .differs(number, indexes.map { questionnaire.items[$0].code }), context: context, request: request)
                }
            } catch let problem as SIPASCampaigns.Problem {
                return try await paperPage(
                    campaign, questionnaire, number: numberText, sheet: sheet, error: problem.message, context: context, request: request)
            }
        }
        router.get(SiteRoute.survey().pattern) { request, context in
            guard let invitation = try await invitation(token: context) else { return unknownLink(context: context, request: request) }
            return try await survey(invitation, hidden: [:], fields: nil, context: context, request: request)
        }
        router.post(SiteRoute.survey().pattern) { request, context in
            guard let invitation = try await invitation(token: context) else { return unknownLink(context: context, request: request) }
            return try await survey(
                invitation, hidden: [:], fields: try await request.form([String: String].self, empty: [:]), context: context,
                request: request)
        }
        router.get(SiteRoute.slipSurvey().pattern) { request, context in
            guard let (dossier, invitation) = try await slip(context, token: request.query("t")) else {
                return unknownLink(context: context, request: request)
            }
            return try await survey(
                invitation, dossier: dossier, hidden: ["t": request.query("t") ?? ""], fields: nil, context: context, request: request)
        }
        router.post(SiteRoute.slipSurvey().pattern) { request, context in
            let fields = try await request.form([String: String].self, empty: [:])
            guard let (dossier, invitation) = try await slip(context, token: fields["t"]) else {
                return unknownLink(context: context, request: request)
            }
            return try await survey(
                invitation, dossier: dossier, hidden: ["t": fields["t"] ?? ""], fields: fields, context: context, request: request)
        }
    }

    /// The invitation texts on every channel the dossier has, with the person's own link.
    private var invitationMessages: @Sendable (SIPASCampaigns.Invitee, String) -> [NotificationOutbox.Message] {
        { [services] invitee, token in
            guard let templates = services.notificationTemplates else { return [] }
            let values = [
                "campaign": "đợt khảo sát sự hài lòng về dịch vụ hành chính công", "agency": invitee.unitName,
                "surveyURL": services.surveyURL(token: token),
            ]
            let contacts: [(NotificationChannel, String?)] = [(.sms, invitee.phone), (.email, invitee.email)]
            return contacts.compactMap { channel, recipient in
                guard let recipient else { return nil }
                let text = templates.render(.surveyInvitation, channel, values: values)
                return NotificationOutbox.Message(
                    dossierID: nil, eventSequence: nil, purpose: .surveyInvitation, channel: channel, recipient: recipient,
                    subject: text.subject, body: text.body)
            }
        }
    }

    /// Runs a manager's act on a campaign: a missing campaign is a 404, a refused act a message on its page.
    @discardableResult
    private func managing<T>(_ id: Int64, _ act: () async throws -> T) async throws -> T {
        do { return try await act() } catch let problem as SIPASCampaigns.Problem {
            if problem == .notFound { throw AppError.notFound }
            throw AppError.badRequest(problem.message)
        }
    }

    private func invitation(token context: AppRequestContext) async throws -> SIPASCampaigns.Invitation? {
        guard let token = context.parameters.get("token") else { return nil }
        return try await campaigns.invitation(token: token)
    }

    /// The dossier of a result slip's QR code and its applicant's invitation in a campaign collecting now; nil
    /// when the code or its token is wrong.
    private func slip(_ context: AppRequestContext, token: String?) async throws -> (Dossier, SIPASCampaigns.Invitation?)? {
        guard let text = context.parameters.get("code"), let code = DossierCode(parsing: text), let token,
            services.slipSurveyLink.opens(token, code),
            let dossier = try await services.dossiers.find(code: code)
        else { return nil }
        return (dossier, try await campaigns.invitation(dossierID: dossier.id))
    }

    /// A survey link or slip code that opens nothing (mistyped, or made up).
    private func unknownLink(context: AppRequestContext, request: Request) -> Response {
        Page(
            "Khảo sát sự hài lòng",
            body: [
                .h1(.text("Không mở được phiếu khảo sát")),
                .p(
                    .class("notice notice--error"), .attribute(named: "role", value: "alert"),
                    .text(
                        "Đường dẫn hoặc mã QR khảo sát không đúng. Vui lòng mở lại đường dẫn trong tin nhắn, thư mời, hoặc quét lại mã trên phiếu trả kết quả."
                    )),
            ], status: .notFound
        ).render(context: context, request: request)
    }

    /// The questionnaire of an invitation: shown, saved for later, sent once, or declined.
    private func survey(
        _ invitation: SIPASCampaigns.Invitation?, dossier: Dossier? = nil, hidden: [String: String], fields: [String: String]?,
        context: AppRequestContext, request: Request
    ) async throws -> Response {
        guard let invitation else {
            // A slip whose applicant is not in a sample being collected: SIPAS asks only the people drawn.
            let rating = dossier.map { SiteRoute.rate(code: $0.code.text).path + "?t=" + services.ratingLink.token(for: $0.code) }
            return Page(
                "Khảo sát sự hài lòng",
                body: [
                    .h1(.text("Khảo sát sự hài lòng về dịch vụ hành chính công")),
                    .p(
                        .id("survey-status"),
                        .text(
                            "Cảm ơn ông/bà. Hồ sơ này hiện không thuộc mẫu của đợt khảo sát nào đang thu phiếu "
                                + "(người trả lời khảo sát được chọn ngẫu nhiên).")),
                    .unwrap(rating) { .p(.a(.href($0), .text("Đánh giá việc giải quyết hồ sơ này"))) },
                ]
            ).render(context: context, request: request)
        }
        guard let questionnaire = try await campaigns.questionnaire(id: invitation.campaign.questionnaireID) else {
            throw AppError.notFound
        }
        let path = dossier.map { SiteRoute.slipSurvey(code: $0.code.text).path } ?? request.uri.path
        var page = SIPASSurveyPage(
            questionnaire: questionnaire, campaignName: invitation.campaign.name, unitName: invitation.unitName, action: path,
            hidden: hidden,
            sheet: invitation.draft.flatMap { SIPASAnswerSheet(stored: $0, questionnaire: questionnaire) }
                ?? SIPASAnswerSheet(blankFor: questionnaire),
            state: Self.state(of: invitation), error: nil, csrfToken: context.csrfToken)
        guard let fields, page.state == .open else {
            return Page("Khảo sát sự hài lòng", body: page.body).render(context: context, request: request)
        }
        do {
            switch fields["action"] {
            case "decline":
                try await campaigns.decline(invitation, at: services.clock())
                page.state = .declined
            default:
                page.sheet = try SIPASAnswerSheet(fields: fields, questionnaire: questionnaire)
                if fields["action"] == "save" {
                    try await campaigns.saveDraft(invitation, page.sheet)
                    page.state = .saved
                } else {
                    try await campaigns.submit(invitation, page.sheet, source: .web, at: services.clock())
                    page.state = .thanks
                }
            }
        } catch let problem as SIPASCampaigns.Problem {
            page.error = problem.message
            if problem == .alreadyAnswered { page.state = .alreadyAnswered }
        } catch let problem as SIPASAnswerSheet.Problem {
            page.error = problem.description
        }
        return Page("Khảo sát sự hài lòng", body: page.body, status: page.error == nil ? .ok : .badRequest).render(
            context: context, request: request)
    }

    private static func state(of invitation: SIPASCampaigns.Invitation) -> SIPASSurveyPage.State {
        if invitation.answeredAt != nil { return .alreadyAnswered }
        if invitation.declinedAt != nil { return .declined }
        return invitation.campaign.status == .collecting ? .open : .notCollecting
    }

    private func paperPage(
        _ campaign: SIPASCampaign, _ questionnaire: SIPASQuestionnaire, number: String, sheet: SIPASAnswerSheet,
        outcome: SIPASPaperEntryPage.Outcome? = nil, error: String? = nil, context: AppRequestContext, request: Request
    ) async throws -> Response {
        let page = SIPASPaperEntryPage(
            campaign: campaign, questionnaire: questionnaire, number: number, sheet: sheet, outcome: outcome, error: error,
            pending: try await campaigns.pendingPaperForms(of: campaign.id), csrfToken: context.csrfToken)
        return Page("Nhập phiếu giấy", body: page.body, status: error == nil ? .ok : .badRequest).render(context: context, request: request)
    }

    private func campaignAndQuestionnaire(_ id: Int64) async throws -> (SIPASCampaign, SIPASQuestionnaire) {
        guard let campaign = try await campaigns.find(id: id),
            let questionnaire = try await campaigns.questionnaire(id: campaign.questionnaireID)
        else {
            throw AppError.notFound
        }
        return (campaign, questionnaire)
    }

    private var campaigns: SIPASCampaigns { SIPASCampaigns(services.database) }
}
