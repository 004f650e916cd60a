import Domain
import Foundation
import Hummingbird
import Persistence
import Services

/// The published PAR INDEX results, for everyone: the list, each round's ranking (any published version),
/// and the table as CSV and XLSX. What is shown is the stored publication, never recomputed.
struct PublicPARRoutes {
    let services: AppServices

    func register(on router: some RouterMethods<AppRequestContext>) {
        registerReproduction(on: router)
        router.get(SiteRoute.publicPAR.pattern) { request, context in
            Page("Kết quả PAR INDEX", body: PARPublicListPage(rounds: try await services.par.publishedRounds()).body).render(
                context: context, request: request)
        }
        router.get(SiteRoute.publicPARRound().pattern) { request, context in
            let id = try context.parameters.id()
            let (publication, version, publishedAt) = try await published(id, request)
            let latest = try await services.par.publication(of: id)?.version ?? version
            let page = PARPublicationPage(roundID: id, publication: publication, version: version, latest: latest, publishedAt: publishedAt)
            return Page(publication.title, body: page.body).render(context: context, request: request)
        }
        router.get(SiteRoute.publicPARRoundCSV().pattern) { request, context in
            let (publication, version, _) = try await published(try context.parameters.id(), request)
            let rows = PARPublicationPage.rows(publication).map { $0.map { $0.csvText(decimals: 4) } }
            return StatisticsRoutes.download(
                ByteBuffer(string: "\u{FEFF}" + CSV.text(rows)), type: "text/csv; charset=utf-8",
                name: "par-index-\(publication.year)-\(publication.unitKind.rawValue)-v\(version).csv")
        }
        router.get(SiteRoute.publicPARRoundXLSX().pattern) { request, context in
            let (publication, version, _) = try await published(try context.parameters.id(), request)
            return StatisticsRoutes.download(
                ByteBuffer(bytes: Spreadsheet(sheetName: "PAR INDEX", rows: PARPublicationPage.rows(publication)).xlsx()),
                type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                name: "par-index-\(publication.year)-\(publication.unitKind.rawValue)-v\(version).xlsx")
        }
    }

    /// What anyone needs to recompute the ranking with `motcua par compute`: the leaf scores and the framework
    /// (frozen since the round opened).
    func registerReproduction(on router: some RouterMethods<AppRequestContext>) {
        router.get(SiteRoute.publicPARRoundScores().pattern) { request, context in
            let (publication, version, _) = try await published(try context.parameters.id(), request)
            return StatisticsRoutes.download(
                ByteBuffer(string: publication.scoresCSV), type: "text/csv; charset=utf-8",
                name: "par-index-\(publication.year)-\(publication.unitKind.rawValue)-v\(version)-diem.csv")
        }
        router.get(SiteRoute.publicPARRoundFramework().pattern) { _, context in
            let id = try context.parameters.id()
            guard try await services.par.publication(of: id) != nil, let round = try await services.par.round(id: id),
                let stored = try await services.par.framework(id: round.frameworkID)
            else { throw AppError.notFound }
            return StatisticsRoutes.download(
                ByteBuffer(bytes: try stored.framework.json()), type: "application/json",
                name: "par-\(stored.framework.year)-\(stored.framework.unitKind.rawValue).json")
        }
    }

    private func published(_ id: Int64, _ request: Request) async throws -> (PARPublication, Int, Date) {
        let asked = try request.query("version").map { text -> Int in
            guard let number = Int(text) else { throw AppError.badRequest("Phiên bản là một số nguyên.") }
            return number
        }
        guard let stored = try await services.par.publication(of: id, version: asked) else { throw AppError.notFound }
        let publication: PARPublication
        do { publication = try JSONDecoder().decode(PARPublication.self, from: stored.document) } catch {
            throw PersistenceError.corrupt("a PAR publication")
        }
        return (publication, stored.version, stored.publishedAt)
    }
}
