import SQLKit

/// SIPAS responses: per campaign, the unit, the design weight and the answers in the questionnaire's item
/// order (−1 not answered, 0 don't know, 1–5), where they came from — never who gave them.
struct CreateSIPASResponses: Migration {
    let name = "021-create-sipas-responses"

    func prepare(on database: any SQLDatabase) async throws {
        try await database.create(table: "sipas_responses")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("campaign_id", type: .bigint, .notNull, .references("sipas_campaigns", "id"))
            .column("unit_code", type: .text, .notNull)
            .column("weight", type: .custom(SQLRaw("DOUBLE PRECISION")), .notNull)
            .column("answers", type: .text, .notNull)
            .column("source", type: .text, .notNull)
            .column("created_at", type: .bigint, .notNull)
            .run()
        try await database.create(index: "sipas_responses_campaign").on("sipas_responses").column("campaign_id").run()
    }

    func revert(on database: any SQLDatabase) async throws {
        try await database.drop(table: "sipas_responses").run()
    }
}
