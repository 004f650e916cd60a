/// What MotCua counts for an indicator of the service index: a numerator and a denominator over a unit and
/// a period — from the statistics counters kept as dossiers and ratings change, or, for the portal
/// synchronisation and feedback, counted live from their small tables (docs/SERVICE-INDEX.md).
/// The definitions are our reading of the national portal's figures (the official appendix was not at
/// hand); each says which dossiers it counts, and the drill-down lists exactly those.
public enum ServiceIndexMeasure: String, Sendable, Codable, CaseIterable {
    /// 1.4 — dossiers received in the period every event of which the national portal accepted, of those received.
    case syncedToNationalPortal = "dossiers.synchronised"
    /// 2.1 — dossiers completed in the period early or on time, of those completed.
    case completedOnTime = "dossiers.completedOnTime"
    /// 3.1 — dossiers received online for procedures offered fully online, of all received for those procedures.
    case fullyOnline = "dossiers.fullyOnline"
    /// 4.3 — dossiers with a fee, received in the period, whose fee was paid online.
    case paidOnline = "dossiers.paidOnline"
    /// 5.1 — feedback items due in the period that were answered by their deadline, of those due in it (an
    /// item not answered yet whose deadline is still ahead is not judged yet).
    case feedbackOnTime = "feedback.onTime"
    /// 5.2 — ratings of feedback answers given in the period that say satisfied, of all such ratings.
    case feedbackSatisfied = "feedback.satisfied"
    /// 5.3 — dossier ratings given in the period with an overall 4–5, of those given.
    case ratingsSatisfied = "ratings.satisfied"
    /// 6.1 — dossiers completed in the period with an electronic result, of those completed.
    case electronicResult = "dossiers.electronicResult"
    /// 6.2 — dossiers received in person in the period whose papers were digitised, of those received in person.
    case digitised = "dossiers.digitised"
    /// 6.4 — dossiers received in the period that reused at least one digitised document, of all received.
    case reusedDocuments = "dossiers.reusedDocuments"
    /// 6.5 — electronic results of the period synced to the applicant's data store, of the electronic results.
    case resultSynced = "dossiers.resultSynced"
    /// 6.6 — dossiers of citizens received in the period checked against the population database.
    case populationChecked = "dossiers.populationChecked"

    /// The counters summed for the numerator and for the denominator within the period; nil for a measure
    /// counted live.
    public var counters: (numerator: [DossierStatistics.Counter], denominator: [DossierStatistics.Counter])? {
        switch self {
        case .syncedToNationalPortal, .feedbackOnTime, .feedbackSatisfied: nil
        case .completedOnTime: ([.early, .onTime], DossierStatistics.Counter.completed)
        case .fullyOnline: ([.fullyOnlineReceived], [.fullyOnlineOffered])
        case .paidOnline: ([.paidOnline], [.withFee])
        case .ratingsSatisfied: ([.ratedSatisfied], [.rated])
        case .electronicResult: ([.electronicResult], DossierStatistics.Counter.completed)
        case .digitised: ([.digitised], [.newInPerson])
        case .reusedDocuments: ([.reusedDocuments], DossierStatistics.Counter.new)
        case .resultSynced: ([.resultSynced], [.electronicResult])
        case .populationChecked: ([.populationChecked], [.ofCitizens])
        }
    }
}
