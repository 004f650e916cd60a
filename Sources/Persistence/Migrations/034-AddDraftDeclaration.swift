import SQLKit

/// What an online draft keeps besides its files: the declaration filled in online (JSON of ``Declaration``), the
/// contact details for notifications and how the applicant wants the result (``ResultDelivery``, with the postal
/// address), so the citizen can check everything on one page before sending. One column per statement: SQLite adds
/// one column at a time.
struct AddDraftDeclaration: Migration {
    let name = "034-add-draft-declaration"
    static let columns = ["declaration", "phone", "email", "delivery", "delivery_address"]

    func prepare(on database: any SQLDatabase) async throws {
        for column in Self.columns {
            try await database.alter(table: "online_drafts").column(column, type: .text).run()
        }
    }

    func revert(on database: any SQLDatabase) async throws {
        for column in Self.columns.reversed() {
            try await database.alter(table: "online_drafts").dropColumn(column).run()
        }
    }
}
