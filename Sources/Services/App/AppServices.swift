import Domain
import Foundation
import Logging
import Persistence

/// What the routes share: the database, the configuration, the clock and the account rules.
public final class AppServices: Sendable {
    public let database: Database
    public let configuration: AppConfiguration
    public let clock: @Sendable () -> Date
    public let accounts: AccountService
    package let calendarCache = VersionedCache<String, WorkingCalendar>()
    package let unitDirectoryCache = VersionedCache<UnitStore.Version, UnitDirectory>()
    package let homeCache = VersionedCache<String, HomeFigures>()
    /// Tokens of the rating links sent with results.
    package let ratingLink: DossierLink
    /// Tokens of the SIPAS survey QR codes printed on result slips.
    package let slipSurveyLink: DossierLink
    /// The texts of the messages to applicants and citizens.
    package let notificationTemplates: NotificationTemplates?
    /// The criteria applicants rate their dossiers' handling by (shipped data, checked by the tests).
    private let shippedRatingCriteria = try? RatingStore.shippedCriteria()

    /// The criteria a dossier is rated by (``RatingCriteria/applicable(feeDue:)``); nil without a readable list.
    package func ratingCriteria(for dossier: Dossier) -> RatingCriteria? {
        shippedRatingCriteria?.applicable(feeDue: dossier.service.feeDue)
    }
    /// Prints forms to PDF when this machine has a headless browser; nil otherwise.
    package let pdf = PDFRenderer.find()
    public var printsPDF: Bool { pdf != nil }
    /// Background jobs of this instance (catalogue imports and exports).
    public let jobs = JobRunner()
    /// The deadline arithmetic of a processing unit: the working calendar in force and the unit's office hours.
    public let deadlines: DossierDesk.Calculator
    /// The one-stop desk: intake and workflow, with due instants from the working calendar and the
    /// processing unit's office hours. One per instance, so that intakes arriving together are written together.
    public let desk: DossierDesk
    /// The room kept free on the data folder's disk, where stored files go.
    public let filesReserve: StorageReserve
    /// The same room on the disk of the SQLite file, when the database is one (PostgreSQL answers for its own
    /// disk): below it every change and every audited reading is refused (``StorageReserveMiddleware``).
    public let databaseReserve: StorageReserve?

    public init(database: Database, configuration: AppConfiguration, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.database = database
        self.configuration = configuration
        self.clock = clock
        self.filesReserve = StorageReserve(folder: configuration.dataDirectory, bytes: configuration.storageReserveBytes)
        if case .sqliteFile(let path) = database.location {
            self.databaseReserve = StorageReserve(
                folder: (path as NSString).deletingLastPathComponent, bytes: configuration.storageReserveBytes)
        } else {
            self.databaseReserve = nil
        }
        self.accounts = AccountService(database: database, bcryptCost: configuration.bcryptCost, clock: clock)
        self.deadlines = { [calendarCache] unitID, session in
            let calendars = CalendarStore(session)
            let hours = try await calendars.officeHours(of: unitID) ?? configuration.officeHours
            return DeadlineCalculator(calendar: try await Self.calendar(calendarCache, calendars), officeHours: hours)
        }
        let publicURL = configuration.publicURL.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        // The shipped templates are checked by the tests; a broken file would stop messages, not the desk.
        let templates = try? DossierNotices.shippedTemplates()
        self.notificationTemplates = templates
        // Without a readable secret (the server would not start then), a random key: links that do not verify
        // later, rather than links anyone could forge.
        let secret = (try? configuration.resolvedSecret()) ?? randomToken(bytes: 32)
        let ratingLink = DossierLink(purpose: "rating-link", secret: secret)
        self.ratingLink = ratingLink
        self.slipSurveyLink = DossierLink(purpose: "survey-slip", secret: secret)
        let notices = templates.map { templates in
            DossierNotices(
                templates: templates, clock: configuration.localClock,
                ratingURL: { code in publicURL + SiteRoute.rate(code: code.text).path + "?t=" + ratingLink.token(for: code) }
            ) { code in
                publicURL + SiteRoute.track(code: code.text).path
            }
        }
        self.desk = DossierDesk(database: database, calculator: deadlines, notices: notices)
    }

    /// The public tracking link of a dossier (printed as a QR code, sent in notifications).
    public func trackingURL(_ code: DossierCode) -> String {
        configuration.publicURL.trimmingCharacters(in: CharacterSet(charactersIn: "/")) + SiteRoute.track(code: code.text).path
    }

    /// The SIPAS survey link printed as a QR code on a dossier's result slip.
    package func slipSurveyURL(_ code: DossierCode) -> String {
        configuration.publicURL.trimmingCharacters(in: CharacterSet(charactersIn: "/")) + SiteRoute.slipSurvey(code: code.text).path
            + "?t=" + slipSurveyLink.token(for: code)
    }

    /// A survey invitation's link.
    package func surveyURL(token: String) -> String {
        configuration.publicURL.trimmingCharacters(in: CharacterSet(charactersIn: "/")) + SiteRoute.survey(token: token).path
    }

    /// What follows migrations that corrected the shipped calendar: the due instants of open dossiers are
    /// recomputed with it (each shown, audited and counted once — `DossierDesk.recomputeDueInstants`).
    @discardableResult
    public func afterMigrations(_ applied: [String]) async throws -> [DossierDesk.DueCorrection] {
        guard applied.contains("031-add-2026-new-year-swap") else { return [] }
        return try await desk.recomputeDueInstants(
            reason: "Bổ sung ngày nghỉ hoán đổi dịp Tết Dương lịch 2026 (Công văn 12729/VPCP-KGVX)",
            actorID: nil, at: clock(), days: LocalDate(iso: "2026-01-02")!...LocalDate(iso: "2026-01-10")!)
    }

    /// Recounts the statistics counters when none are stored beside stored dossiers (a database from before
    /// the counters, or one whose counters were cleared). Returns the number of dossiers recounted.
    @discardableResult
    public func recountStatisticsIfMissing() async throws -> Int {
        guard try await StatisticsCounters(database.sql).isEmpty(), try await dossiers.count() > 0 else { return 0 }
        return try await database.rebuildStatisticsCounters(calculator: deadlines)
    }

    public var units: UnitStore { UnitStore(database.sql) }
    public var users: UserStore { UserStore(database.sql) }
    public var procedures: ProcedureStore { ProcedureStore(database.sql) }

    public var dossiers: DossierStore { DossierStore(database.sql) }

    /// The stored files under the data folder; uploads pass the configured malware scanner.
    public var files: FileStore {
        FileStore(
            dataDirectory: configuration.dataDirectory, scanner: configuration.clamd.map { ClamAVScanner(address: $0) },
            reserve: filesReserve)
    }

    /// Files attached to dossiers, kept under the data folder.
    public var attachments: DossierAttachments {
        DossierAttachments(database: database, files: files, calculator: desk.attachmentsCalculator)
    }

    /// The roles a signed-in person holds on a dossier's units.
    package func actor(_ identity: Identity, on units: [Int64]) async throws -> DossierWorkflow.Actor {
        DossierWorkflow.Actor(userID: identity.user.id, grants: identity.grants, tree: try await unitTree(), dossierUnits: units)
    }

    /// The unit a page about one unit shows: the one asked for, else the reader's first granted unit, else
    /// (for a person without a unit, such as an administrator) the city.
    package func defaultUnit(_ asked: String?, for identity: Identity) async throws -> Int64? {
        if let asked { return Int64(asked) }
        if let granted = identity.grants.compactMap(\.unitID).first { return granted }
        return try await HanoiUnitImport.cityID(on: database.sql)
    }

    /// Every unit and their tree, from the cache (one cheap query when no unit was added). Pages read units here.
    package func unitDirectory() async throws -> UnitDirectory {
        let units = self.units
        return try await unitDirectoryCache.value(version: { try await units.version() }, build: { try await units.directory() })
    }

    /// The unit tree, from the cached directory.
    package func unitTree() async throws -> UnitTree { try await unitDirectory().tree }

    /// The working calendar built from the table, rebuilt only when the table has changed.
    package static func calendar(_ cache: VersionedCache<String, WorkingCalendar>, _ store: CalendarStore) async throws -> WorkingCalendar {
        try await cache.value(version: { try await store.version() }, build: { try await store.workingCalendar() })
    }

    /// The working calendar in force (the table, with provisional years pre-filled).
    public func workingCalendar() async throws -> WorkingCalendar {
        try await Self.calendar(calendarCache, CalendarStore(database.sql))
    }

    /// The account, grants and unit scope of a signed-in person; nil when the account is gone or disabled.
    package func identity(userID: Int64) async throws -> Identity? {
        guard let user = try await users.find(id: userID), user.isActive else { return nil }
        let grants = try await users.grants(of: userID)
        let needsTree = !grants.contains { $0.role.seesWholeCity } && grants.contains { $0.unitID != nil }
        let tree = needsTree ? try await unitTree() : UnitTree(parentByUnit: [])
        return Identity(user: user, grants: grants, scope: UnitScope(grants: grants, tree: tree))
    }

    /// The city's local time: local days, periods' bounds, dates shown (``AppConfiguration/localClock``).
    package var localClock: LocalClock { configuration.localClock }

    /// Today's date in the city's time zone.
    public func today() -> LocalDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = configuration.timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: clock())
        return LocalDate(year: parts.year!, month: parts.month!, day: parts.day!)!
    }

    /// Applicants' ratings, counted on the city's local days.
    public var ratings: RatingStore {
        RatingStore(database, clock: localClock)
    }

    /// Records an act in the audit trail in its own transaction. Below the database's reserve it is refused, and
    /// so is the reading it records: no audit row, no reading.
    package func audit(_ record: AuditRecord) async throws {
        try databaseReserve?.ensureRoom()
        let time = clock()
        try await database.transaction { session in
            try await AuditTrail.append(record, at: time, on: session)
        }
    }
}
