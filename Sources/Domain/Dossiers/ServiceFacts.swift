/// What a dossier shows of the service it was given, as the service index of Decision 766 measures it
/// (indices.md, group 1, 4 and 6). Some are set by MotCua itself — whether the procedure was offered fully
/// online and charged a fee when the dossier was received, whether a result file was attached — and the
/// others by the officers on the dossier page until the systems that know them (payment, scanning, the
/// population database, the citizen's data store) are connected.
public struct ServiceFacts: Sendable, Equatable, Hashable, Codable {
    /// The procedure was offered fully online (toàn trình) when the dossier was received.
    public var fullyOnlineOffered = false
    /// The procedure charges a fee or a charge.
    public var feeDue = false
    /// The fee was paid online.
    public var feePaidOnline = false
    /// Papers received at the desk were scanned into the dossier (số hóa).
    public var digitised = false
    /// At least one document was taken from digitised data already held instead of being asked for again.
    public var reusedDocuments = false
    /// The applicant's identity was checked against the national population database.
    public var populationChecked = false
    /// The result was issued as a file (kết quả điện tử).
    public var electronicResult = false
    /// The electronic result was synced to the applicant's personal data store.
    public var resultSynced = false

    public init(
        fullyOnlineOffered: Bool = false, feeDue: Bool = false, feePaidOnline: Bool = false, digitised: Bool = false,
        reusedDocuments: Bool = false, populationChecked: Bool = false, electronicResult: Bool = false, resultSynced: Bool = false
    ) {
        self.fullyOnlineOffered = fullyOnlineOffered
        self.feeDue = feeDue
        self.feePaidOnline = feePaidOnline
        self.digitised = digitised
        self.reusedDocuments = reusedDocuments
        self.populationChecked = populationChecked
        self.electronicResult = electronicResult
        self.resultSynced = resultSynced
    }

    /// The facts an officer records on the dossier page (the others MotCua knows itself).
    public enum Recorded: String, Sendable, CaseIterable, Codable {
        case feePaidOnline, digitised, reusedDocuments, populationChecked, resultSynced

        public var title: String {
            switch self {
            case .feePaidOnline: "Phí, lệ phí đã thanh toán trực tuyến"
            case .digitised: "Giấy tờ nộp trực tiếp đã được số hóa"
            case .reusedDocuments: "Có tái sử dụng dữ liệu, giấy tờ đã số hóa"
            case .populationChecked: "Đã khai thác, đối chiếu Cơ sở dữ liệu quốc gia về dân cư"
            case .resultSynced: "Kết quả điện tử đã đồng bộ vào kho dữ liệu của người nộp"
            }
        }

        public var keyPath: WritableKeyPath<ServiceFacts, Bool> {
            switch self {
            case .feePaidOnline: \.feePaidOnline
            case .digitised: \.digitised
            case .reusedDocuments: \.reusedDocuments
            case .populationChecked: \.populationChecked
            case .resultSynced: \.resultSynced
            }
        }
    }
}
