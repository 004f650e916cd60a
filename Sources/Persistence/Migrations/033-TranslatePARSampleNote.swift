import Domain
import Foundation
import SQLKit

/// The sample PAR framework's note was in English and is shown on the framework page, which speaks Vietnamese
/// only; the shipped file now has it in Vietnamese. A database that stored the sample before keeps the old note:
/// this gives every stored copy of the sample with that note the shipped one. The note scores nothing, so a
/// frozen copy is corrected too; areas, criteria and maxima are not touched.
struct TranslatePARSampleNote: Migration {
    let name = "033-translate-par-sample-note"

    static let englishNote =
        "SAMPLE, not an official framework. The 8 areas are those of the provincial PAR INDEX (docs/PAR.md, indices.md §3); "
        + "their point split, the criteria, sub-criteria, maxima and rules are MotCua's placeholders, written to exercise every scoring method, "
        + "until the secretariat enters the official annex of the year's decision."

    func prepare(on database: any SQLDatabase) async throws {
        let note = try PARFrameworks.shippedSample().note
        let rows = try await database.select().columns("id", "definition").from("par_frameworks").all()
        for row in rows {
            let id = try row.decode(column: "id", as: Int64.self)
            var framework = try PARFramework(json: Data(try row.decode(column: "definition", as: String.self).utf8))
            guard framework.sample == true, framework.note == Self.englishNote else { continue }
            framework.note = note
            try await database.update("par_frameworks").set("definition", to: String(decoding: try framework.json(), as: UTF8.self))
                .where("id", .equal, id).run()
        }
    }

    /// The English note is not put back.
    func revert(on database: any SQLDatabase) async throws {}
}
