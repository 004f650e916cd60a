import Domain
import Foundation
import Persistence
import SQLKit
import Testing

@testable import Services
@testable import Web

/// Issue 22, "A demo that looks like a city": `serve --demo` loads a year of the whole city — dossiers at every
/// ward, commune and department with their ratings, the demo wards' last months through the desk with the demo's
/// own officers, feedback, a SIPAS campaign with answers and last year's published PAR round — every figure of
/// which reconciles with its records, and loading it again changes nothing. (A smaller year than the real demo's,
/// for speed; the shape is the same.)
@Suite struct DemoDataTests {
    @Test func theDemoCityHasAYearOfActivity() async throws {
        try await withApp { _, services in
            _ = try await DemoData.seed(services: services, scale: .city, dossiersAYear: 3_000)
            let sql = services.database.sql
            func count(_ query: SQLQueryString) async throws -> Int {
                try await sql.raw("SELECT COUNT(*) AS n FROM (\(query)) counted").first()!.decode(column: "n", as: Int.self)
            }
            // Dossiers across the city, a year back, and their ratings.
            #expect(try await count("SELECT DISTINCT receiving_unit_id FROM dossiers") > 100)
            let yearAgo = services.clock().addingTimeInterval(-360 * 86_400).milliseconds
            #expect(try await count("SELECT id FROM dossiers WHERE received_at < \(bind: yearAgo + 30 * 86_400_000)") > 0)
            let rated = try await count("SELECT dossier_id FROM dossier_ratings")
            #expect(rated > 300)
            #expect(
                try await count(
                    "SELECT r.dossier_id FROM dossier_ratings r JOIN dossiers d ON d.id = r.dossier_id WHERE d.status NOT IN ('returned', 'ineligible')"
                ) == 0)
            // The demo's case officer has work of his own; the desk's dossiers carry the demo sign-ins' names.
            let officer = try #require(try await services.users.credentials(username: "thuly.hoankiem")?.user.id)
            #expect(try await count("SELECT id FROM dossiers WHERE assignee_id = \(bind: officer)") > 0)
            // Feedback answered (some published and rated), one waiting in time and one past its deadline.
            let feedback = try await FeedbackStore(services.database).inbox(units: try await services.unitDirectory().list().map(\.id))
            let now = services.clock()
            #expect(feedback.count == DemoFeedback.items.count)
            #expect(feedback.contains { $0.isAnswered && $0.publishable && $0.satisfied == true })
            #expect(feedback.contains { !$0.isAnswered && $0.dueAt > now } && feedback.contains { !$0.isAnswered && $0.dueAt < now })
            // A closed SIPAS campaign with answers from most strata.
            let campaigns = SIPASCampaigns(services.database)
            let campaign = try #require(try await campaigns.list().first)
            #expect(campaign.status == .closed)
            #expect(try await campaigns.strata(of: campaign.id).filter { $0.answered > 0 }.count >= 8)
            // Last year's PAR round published with every department ranked; this year's framework open for a round.
            let round = try #require(try await services.par.rounds().first)
            let published = try #require(try await services.par.publication(of: round.id))
            let publication = try JSONDecoder().decode(PARPublication.self, from: published.document)
            #expect(round.status == .published && publication.units.count == 15)
            #expect(try await services.par.frameworks().map(\.frozen) == [false, true])
            // Every figure of last month equals its recount from the records (a month takes ~30 s in a debug build).
            let lastMonth = ReportingPeriod.months(count: 2, endingWith: services.today())[0]
            let differences = try await services.reconcileStatistics([lastMonth])
            #expect(differences.isEmpty, "\(differences.prefix(5))")
            // Loading it again changes nothing.
            let before = try await services.dossiers.count()
            _ = try await DemoData.seed(services: services, scale: .city, dossiersAYear: 3_000)
            #expect(try await services.dossiers.count() == before)
            let rounds = try await services.par.rounds().count, campaignCount = try await campaigns.list().count
            #expect(rounds == 1 && campaignCount == 1)
        }
    }
}
