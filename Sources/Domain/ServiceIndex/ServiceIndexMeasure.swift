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

    /// Whether it counts dossiers (or their ratings): a unit with none of these applicable in a period had no
    /// dossier in it, and has no index.
    public var countsDossiers: Bool {
        switch self {
        case .feedbackOnTime, .feedbackSatisfied: false
        default: true
        }
    }

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

    /// What the numerator counts, in Vietnamese (the pages' wording of the definitions above).
    public var numeratorTitle: String {
        switch self {
        case .syncedToNationalPortal: "Hồ sơ tiếp nhận trong kỳ đã đồng bộ đầy đủ lên Cổng Dịch vụ công quốc gia"
        case .completedOnTime: "Hồ sơ giải quyết trong kỳ trước hạn hoặc đúng hạn"
        case .fullyOnline: "Hồ sơ nộp trực tuyến của thủ tục được cung cấp trực tuyến toàn trình"
        case .paidOnline: "Hồ sơ có phí, lệ phí đã thanh toán trực tuyến"
        case .feedbackOnTime: "Phản ánh, kiến nghị đến hạn trong kỳ được trả lời đúng hạn"
        case .feedbackSatisfied: "Đánh giá hài lòng về trả lời phản ánh, kiến nghị"
        case .ratingsSatisfied: "Đánh giá hồ sơ ở mức hài lòng, rất hài lòng"
        case .electronicResult: "Hồ sơ giải quyết trong kỳ có kết quả điện tử"
        case .digitised: "Hồ sơ nộp trực tiếp đã được số hóa"
        case .reusedDocuments: "Hồ sơ có tái sử dụng dữ liệu, giấy tờ đã số hóa"
        case .resultSynced: "Kết quả điện tử đã đồng bộ vào kho dữ liệu của người nộp"
        case .populationChecked: "Hồ sơ của công dân đã khai thác Cơ sở dữ liệu quốc gia về dân cư"
        }
    }

    /// What the denominator counts, in Vietnamese.
    public var denominatorTitle: String {
        switch self {
        case .syncedToNationalPortal, .reusedDocuments: "Hồ sơ tiếp nhận trong kỳ"
        case .completedOnTime, .electronicResult: "Hồ sơ giải quyết trong kỳ"
        case .fullyOnline: "Hồ sơ tiếp nhận của thủ tục được cung cấp trực tuyến toàn trình"
        case .paidOnline: "Hồ sơ tiếp nhận của thủ tục có phí, lệ phí"
        case .feedbackOnTime: "Phản ánh, kiến nghị đến hạn trả lời trong kỳ"
        case .feedbackSatisfied: "Đánh giá về trả lời phản ánh, kiến nghị trong kỳ"
        case .ratingsSatisfied: "Đánh giá hồ sơ trong kỳ"
        case .digitised: "Hồ sơ tiếp nhận trực tiếp trong kỳ"
        case .resultSynced: "Hồ sơ có kết quả điện tử"
        case .populationChecked: "Hồ sơ của công dân tiếp nhận trong kỳ"
        }
    }
}
