import Domain
import Foundation

/// Every route of the site and the API, so that the router's registrations and the links on pages come from
/// one place. A case without its id is the router pattern (`/units/:id`); with it, the link (`/units/42`).
package enum SiteRoute: Sendable {
    case home
    case health
    case glossary
    case signIn
    case signOut
    case units
    case unit(id: Int64? = nil)
    case unitOfficeHours(id: Int64? = nil)
    case users
    case user(id: Int64? = nil)
    case newUser
    case userGrants(id: Int64? = nil)
    case userGrantRevocation(id: Int64? = nil, grantID: Int64? = nil)
    case userStatus(id: Int64? = nil)
    case audit
    case procedures
    case procedure(code: String? = nil)
    case apiProcedures
    case apiProcedure(code: String? = nil)
    case dossiers
    case newDossier
    case dossier(id: Int64? = nil)
    case dossierActions(id: Int64? = nil)
    case dossierForm(id: Int64? = nil, form: String? = nil)
    case dossierAttachments(id: Int64? = nil)
    case dossierAttachment(id: Int64? = nil, attachmentID: Int64? = nil)
    case dossierServiceFacts(id: Int64? = nil)
    case dossierLog
    case track(code: String? = nil)
    case trackRating(code: String? = nil)
    case trackResult(code: String? = nil, fileID: Int64? = nil)
    case rate(code: String? = nil)
    case register
    case demoOutbox
    case registerVerify
    case registerResend
    case accountConsents
    case fileOnline(code: String? = nil)
    case myDossiers
    case feedback
    case feedbackNew
    case feedbackInbox
    case feedbackItem(code: String? = nil)
    case feedbackRating(code: String? = nil)
    case feedbackAnswer(code: String? = nil)
    case myDossier(id: Int64? = nil)
    case myRating(id: Int64? = nil)
    case mySupplement(id: Int64? = nil)
    case myResult(id: Int64? = nil, fileID: Int64? = nil)
    case draft(id: Int64? = nil)
    case draftFiles(id: Int64? = nil)
    case draftFileRemoval(id: Int64? = nil, fileID: Int64? = nil)
    case draftDeclaration(id: Int64? = nil)
    case draftReview(id: Int64? = nil)
    case draftSubmission(id: Int64? = nil)
    case draftRemoval(id: Int64? = nil)
    case dossierRating(id: Int64? = nil)
    case statistics
    case statisticsDossiers
    case statisticsCSV
    case statisticsXLSX
    case apiStatistics
    case serviceIndex
    case serviceIndexUnit(id: Int64? = nil)
    case serviceIndexRecords
    case publicStatistics
    case sipasCampaigns
    case sipasCampaignNew
    case sipasQuestionnaires
    case sipasCampaign(id: Int64? = nil)
    case sipasCampaignDraw(id: Int64? = nil)
    case sipasCampaignImport(id: Int64? = nil)
    case sipasCampaignResults(id: Int64? = nil)
    case sipasCampaignResultsCSV(id: Int64? = nil)
    case sipasCampaignResultsXLSX(id: Int64? = nil)
    case sipasCampaignResponsesCSV(id: Int64? = nil)
    case sipasCampaignInvite(id: Int64? = nil)
    case sipasCampaignClose(id: Int64? = nil)
    case sipasCampaignPaper(id: Int64? = nil)
    case sipasCampaignPaperForms(id: Int64? = nil)
    case survey(token: String? = nil)
    case par
    case parFrameworks
    case parFramework(id: Int64? = nil)
    case parFrameworkJSON(id: Int64? = nil)
    case parRounds
    case parRound(id: Int64? = nil)
    case parRoundAdvance(id: Int64? = nil)
    case parRoundPublish(id: Int64? = nil)
    case parAssessment(id: Int64? = nil, unitID: Int64? = nil)
    case parAssessmentSubmit(id: Int64? = nil, unitID: Int64? = nil)
    case parAssessmentAcceptRest(id: Int64? = nil, unitID: Int64? = nil)
    case parEntry(id: Int64? = nil, act: String? = nil)
    case parEvidence(id: Int64? = nil, fileID: Int64? = nil)
    case reform
    case reformPlans
    case reformPlan(id: Int64? = nil)
    case reformPlanImport(id: Int64? = nil)
    case reformPlanTasks(id: Int64? = nil)
    case reformPlanOverdue(id: Int64? = nil)
    case reformPlanTimeline(id: Int64? = nil)
    case reformPlanReport(id: Int64? = nil)
    case reformPlanReportXLSX(id: Int64? = nil)
    case reformPlanUrge(id: Int64? = nil)
    case reformPlanCarryOver(id: Int64? = nil)
    case reformBoard(id: Int64? = nil, unitID: Int64? = nil)
    case reformTask(id: Int64? = nil)
    case reformTaskReport(id: Int64? = nil)
    case reformTaskDecision(id: Int64? = nil)
    case reformTaskFile(id: Int64? = nil, fileID: Int64? = nil)
    case reformTaskItems(id: Int64? = nil)
    case reformTaskItem(id: Int64? = nil, itemID: Int64? = nil)
    case reformDirectives
    case reformDirective(id: Int64? = nil)
    case reformDirectivePublication(id: Int64? = nil)
    case reformDirectiveFile(id: Int64? = nil)
    case publicNews
    case publicNewsItem(id: Int64? = nil)
    case publicNewsRating(id: Int64? = nil)
    case publicNewsFile(id: Int64? = nil)
    case publicPAR
    case publicPARRound(id: Int64? = nil)
    case publicPARRoundCSV(id: Int64? = nil)
    case publicPARRoundXLSX(id: Int64? = nil)
    case publicPARRoundScores(id: Int64? = nil)
    case publicPARRoundFramework(id: Int64? = nil)
    case slipSurvey(code: String? = nil)
    case publicStatisticsJSON
    case publicStatisticsCSV
    case serviceIndexWhatIf(id: Int64? = nil)
    case apiServiceIndex
    case apiServiceIndexRanking
    case delegations
    case operations
    case operationsRetry
    case operationsBackup
    case portalSync
    case portalSyncRetry
    case catalogue
    case catalogueImports
    case catalogueExports
    case job(id: Int64? = nil)
    case jobResult(id: Int64? = nil)
    case calendar
    case calendarDays
    case calendarSwaps
    case calendarRemovals
    case calendarConfirmations
    case calendarFiles
    case calendarFile
    case dueDate
    case stylesheet
    case script
    case apiUnits
    case apiUnit(id: Int64? = nil)
    case apiMe
    case apiUsers
    case apiUser(id: Int64? = nil)

    package static let apiPrefix = "/api/"

    /// The sign-in page that returns to `path` afterwards (not to the pages of signing in or registering themselves).
    package static func signIn(returningTo path: String) -> String {
        let plain = path == home.path || path.hasPrefix(signIn.path) || path.hasPrefix(register.path) || path.hasPrefix(signOut.path)
        return plain
            ? signIn.path
            : signIn.path + "?next="
                + (path.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(.init(charactersIn: "/-_.~"))) ?? "")
    }

    package var path: String {
        switch self {
        case .home: "/"
        case .health: "/healthz"
        case .glossary: "/glossary"
        case .signIn: "/sign-in"
        case .signOut: "/sign-out"
        case .units: "/units"
        case .unit(let id): "/units/\(Self.segment(id))"
        case .unitOfficeHours(let id): "/units/\(Self.segment(id))/office-hours"
        case .users: "/users"
        case .user(let id): "/users/\(Self.segment(id))"
        case .newUser: "/users/new"
        case .userGrants(let id): "/users/\(Self.segment(id))/grants"
        case .userGrantRevocation(let id, let grantID): "/users/\(Self.segment(id))/grants/\(Self.segment(grantID, name: "grant"))/revoke"
        case .userStatus(let id): "/users/\(Self.segment(id))/status"
        case .audit: "/audit"
        case .procedures: "/procedures"
        case .procedure(let code): "/procedures/\(code.map(Self.escaped) ?? ":code")"
        case .apiProcedures: "/api/v1/procedures"
        case .apiProcedure(let code): "/api/v1/procedures/\(code.map(Self.escaped) ?? ":code")"
        case .dossiers: "/dossiers"
        case .newDossier: "/dossiers/new"
        case .dossier(let id): "/dossiers/\(Self.segment(id))"
        case .dossierActions(let id): "/dossiers/\(Self.segment(id))/actions"
        case .dossierForm(let id, let form): "/dossiers/\(Self.segment(id))/forms/\(form ?? ":form")"
        case .dossierAttachments(let id): "/dossiers/\(Self.segment(id))/attachments"
        case .dossierServiceFacts(let id): "/dossiers/\(Self.segment(id))/service-facts"
        case .dossierAttachment(let id, let attachmentID):
            "/dossiers/\(Self.segment(id))/attachments/\(Self.segment(attachmentID, name: "attachment"))"
        case .dossierLog: "/dossier-log"
        case .track(let code): "/track/\(code.map(Self.escaped) ?? ":code")"
        case .register: "/register"
        case .demoOutbox: "/demo/outbox"
        case .registerVerify: "/register/verify"
        case .registerResend: "/register/resend"
        case .accountConsents: "/account/consents"
        case .fileOnline(let code): "/procedures/\(code.map(Self.escaped) ?? ":code")/file"
        case .myDossiers: "/my/dossiers"
        case .feedback: "/feedback"
        case .feedbackNew: "/feedback/new"
        case .feedbackInbox: "/feedback/inbox"
        case .feedbackItem(let code): "/feedback/items/\(code.map(Self.escaped) ?? ":code")"
        case .feedbackRating(let code): "/feedback/items/\(code.map(Self.escaped) ?? ":code")/rating"
        case .feedbackAnswer(let code): "/feedback/items/\(code.map(Self.escaped) ?? ":code")/answer"
        case .myDossier(let id): "/my/dossiers/\(Self.segment(id))"
        case .myRating(let id): "/my/dossiers/\(Self.segment(id))/rating"
        case .mySupplement(let id): "/my/dossiers/\(Self.segment(id))/supplement"
        case .myResult(let id, let fileID): "/my/dossiers/\(Self.segment(id))/results/\(Self.segment(fileID, name: "file"))"
        case .draft(let id): "/my/drafts/\(Self.segment(id))"
        case .draftFiles(let id): "/my/drafts/\(Self.segment(id))/files"
        case .draftFileRemoval(let id, let fileID): "/my/drafts/\(Self.segment(id))/files/\(Self.segment(fileID, name: "file"))/delete"
        case .draftDeclaration(let id): "/my/drafts/\(Self.segment(id))/declaration"
        case .draftReview(let id): "/my/drafts/\(Self.segment(id))/review"
        case .draftSubmission(let id): "/my/drafts/\(Self.segment(id))/submit"
        case .draftRemoval(let id): "/my/drafts/\(Self.segment(id))/delete"
        case .rate(let code): "/rate/\(code.map(Self.escaped) ?? ":code")"
        case .trackRating(let code): "/track/\(code.map(Self.escaped) ?? ":code")/rating"
        case .trackResult(let code, let fileID): "/track/\(code.map(Self.escaped) ?? ":code")/results/\(Self.segment(fileID, name: "file"))"
        case .dossierRating(let id): "/dossiers/\(Self.segment(id))/rating"
        case .statistics: "/statistics"
        case .statisticsDossiers: "/statistics/dossiers"
        case .statisticsCSV: "/statistics.csv"
        case .statisticsXLSX: "/statistics.xlsx"
        case .apiStatistics: "/api/v1/statistics"
        case .serviceIndex: "/index"
        case .serviceIndexUnit(let id): "/index/units/\(Self.segment(id))"
        case .serviceIndexRecords: "/index/records"
        case .publicStatistics: "/public/statistics"
        case .sipasCampaigns: "/sipas"
        case .sipasCampaignNew: "/sipas/new"
        case .sipasQuestionnaires: "/sipas/questionnaires"
        case .sipasCampaign(let id): "/sipas/\(Self.segment(id))"
        case .sipasCampaignDraw(let id): "/sipas/\(Self.segment(id))/draw"
        case .sipasCampaignImport(let id): "/sipas/\(Self.segment(id))/import"
        case .sipasCampaignResults(let id): "/sipas/\(Self.segment(id))/results"
        case .sipasCampaignResultsCSV(let id): "/sipas/\(Self.segment(id))/results.csv"
        case .sipasCampaignResultsXLSX(let id): "/sipas/\(Self.segment(id))/results.xlsx"
        case .sipasCampaignResponsesCSV(let id): "/sipas/\(Self.segment(id))/responses.csv"
        case .sipasCampaignInvite(let id): "/sipas/\(Self.segment(id))/invite"
        case .sipasCampaignClose(let id): "/sipas/\(Self.segment(id))/close"
        case .sipasCampaignPaper(let id): "/sipas/\(Self.segment(id))/paper"
        case .sipasCampaignPaperForms(let id): "/sipas/\(Self.segment(id))/paper/forms"
        case .survey(let token): "/s/\(token.map(Self.escaped) ?? ":token")"
        case .par: "/par"
        case .parFrameworks: "/par/frameworks"
        case .parFramework(let id): "/par/frameworks/\(Self.segment(id))"
        case .parFrameworkJSON(let id): "/par/frameworks/\(Self.segment(id))/json"
        case .parRounds: "/par/rounds"
        case .parRound(let id): "/par/rounds/\(Self.segment(id))"
        case .parRoundAdvance(let id): "/par/rounds/\(Self.segment(id))/advance"
        case .parRoundPublish(let id): "/par/rounds/\(Self.segment(id))/publish"
        case .parAssessment(let id, let unitID): "/par/rounds/\(Self.segment(id))/units/\(Self.segment(unitID, name: "unit"))"
        case .parAssessmentSubmit(let id, let unitID): "/par/rounds/\(Self.segment(id))/units/\(Self.segment(unitID, name: "unit"))/submit"
        case .parAssessmentAcceptRest(let id, let unitID):
            "/par/rounds/\(Self.segment(id))/units/\(Self.segment(unitID, name: "unit"))/accept-rest"
        case .parEntry(let id, let act): "/par/entries/\(Self.segment(id))/\(act ?? ":act")"
        case .parEvidence(let id, let fileID): "/par/entries/\(Self.segment(id))/evidence/\(Self.segment(fileID, name: "file"))"
        case .reform: "/reform"
        case .reformPlans: "/reform/plans"
        case .reformPlan(let id): "/reform/plans/\(Self.segment(id))"
        case .reformPlanImport(let id): "/reform/plans/\(Self.segment(id))/import"
        case .reformPlanTasks(let id): "/reform/plans/\(Self.segment(id))/tasks"
        case .reformPlanOverdue(let id): "/reform/plans/\(Self.segment(id))/overdue"
        case .reformPlanTimeline(let id): "/reform/plans/\(Self.segment(id))/timeline"
        case .reformPlanReport(let id): "/reform/plans/\(Self.segment(id))/report"
        case .reformPlanReportXLSX(let id): "/reform/plans/\(Self.segment(id))/report.xlsx"
        case .reformPlanUrge(let id): "/reform/plans/\(Self.segment(id))/urge"
        case .reformPlanCarryOver(let id): "/reform/plans/\(Self.segment(id))/carry-over"
        case .reformBoard(let id, let unitID): "/reform/plans/\(Self.segment(id))/units/\(Self.segment(unitID, name: "unit"))"
        case .reformTask(let id): "/reform/tasks/\(Self.segment(id))"
        case .reformTaskReport(let id): "/reform/tasks/\(Self.segment(id))/report"
        case .reformTaskDecision(let id): "/reform/tasks/\(Self.segment(id))/decision"
        case .reformTaskFile(let id, let fileID): "/reform/tasks/\(Self.segment(id))/files/\(Self.segment(fileID, name: "file"))"
        case .reformTaskItems(let id): "/reform/tasks/\(Self.segment(id))/items"
        case .reformTaskItem(let id, let itemID): "/reform/tasks/\(Self.segment(id))/items/\(Self.segment(itemID, name: "item"))"
        case .reformDirectives: "/reform/directives"
        case .reformDirective(let id): "/reform/directives/\(Self.segment(id))"
        case .reformDirectivePublication(let id): "/reform/directives/\(Self.segment(id))/publication"
        case .reformDirectiveFile(let id): "/reform/directives/\(Self.segment(id))/file"
        case .publicNews: "/public/news"
        case .publicNewsItem(let id): "/public/news/\(Self.segment(id))"
        case .publicNewsRating(let id): "/public/news/\(Self.segment(id))/rating"
        case .publicNewsFile(let id): "/public/news/\(Self.segment(id))/file"
        case .publicPAR: "/public/par"
        case .publicPARRound(let id): "/public/par/\(Self.segment(id))"
        case .publicPARRoundCSV(let id): "/public/par/\(Self.segment(id))/csv"
        case .publicPARRoundXLSX(let id): "/public/par/\(Self.segment(id))/xlsx"
        case .publicPARRoundScores(let id): "/public/par/\(Self.segment(id))/scores.csv"
        case .publicPARRoundFramework(let id): "/public/par/\(Self.segment(id))/framework.json"
        case .slipSurvey(let code): "/s/d/\(code.map(Self.escaped) ?? ":code")"
        case .publicStatisticsJSON: "/public/statistics.json"
        case .publicStatisticsCSV: "/public/statistics.csv"
        case .serviceIndexWhatIf(let id): "/index/units/\(Self.segment(id))/what-if"
        case .apiServiceIndex: "/api/v1/index/service"
        case .apiServiceIndexRanking: "/api/v1/index/ranking"
        case .delegations: "/delegations"
        case .operations: "/operations"
        case .operationsRetry: "/operations/retry-notifications"
        case .operationsBackup: "/operations/backup"
        case .portalSync: "/portal-sync"
        case .portalSyncRetry: "/portal-sync/retry"
        case .catalogue: "/catalogue"
        case .catalogueImports: "/catalogue/imports"
        case .catalogueExports: "/catalogue/exports"
        case .job(let id): "/jobs/\(Self.segment(id))"
        case .jobResult(let id): "/jobs/\(Self.segment(id))/result"
        case .calendar: "/calendar"
        case .calendarDays: "/calendar/days"
        case .calendarSwaps: "/calendar/swaps"
        case .calendarRemovals: "/calendar/removals"
        case .calendarConfirmations: "/calendar/confirmations"
        case .calendarFiles: "/calendar/files"
        case .calendarFile: "/calendar/file.json"
        case .dueDate: "/calendar/due"
        case .stylesheet: "/assets/site.css"
        case .script: "/assets/site.js"
        case .apiUnits: "/api/v1/units"
        case .apiUnit(let id): "/api/v1/units/\(Self.segment(id))"
        case .apiMe: "/api/v1/me"
        case .apiUsers: "/api/v1/users"
        case .apiUser(let id): "/api/v1/users/\(Self.segment(id))"
        }
    }

    private static func segment(_ id: Int64?, name: String = "id") -> String { id.map(String.init) ?? ":\(name)" }

    /// A text value as one path segment.
    private static func escaped(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/"))) ?? text
    }
}
