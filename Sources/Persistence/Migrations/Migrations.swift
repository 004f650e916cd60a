/// Every schema change, in the order it is applied. Append only; never edit a migration that has shipped.
public enum Migrations {
    public static let all: [any Migration] = [
        CreateUnits(),
        CreatePeople(),
        CreateSessions(),
        CreateAuditTrail(),
        CreateCalendarDays(),
        CreateProcedures(),
        CreateDossiers(),
        CreatePortalOutbox(),
        CreateAttachments(),
        CreateJobs(),
        OrderProcedureUnits(),
        CreateStatisticsCounters(),
        CreateNotifications(),
        CreateDossierRatings(),
        CreateCitizenAccounts(),
        CreateOnlineFiling(),
        CreateFeedback(),
        AddAttachmentPurpose(),
        AddServiceIndex(),
        CreateSIPASCampaigns(),
        CreateSIPASResponses(),
        AddSIPASCollection(),
        CreatePAR(),
        CreateReformPlans(),
    ]
}
