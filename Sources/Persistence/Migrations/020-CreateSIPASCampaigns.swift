import SQLKit

/// SIPAS campaigns: the questionnaires loaded, each campaign with its units, period of service use and sample
/// design, the strata drawn and the people invited (by their dossier — no copy of names or contacts), and
/// the people who asked not to be surveyed (by a hash of their ID number).
struct CreateSIPASCampaigns: Migration {
    let name = "020-create-sipas-campaigns"

    func prepare(on database: any SQLDatabase) async throws {
        try await database.create(table: "sipas_questionnaires")
            .column("id", type: .text, .primaryKey(autoIncrement: false))
            .column("definition", type: .text, .notNull)
            .column("loaded_at", type: .bigint, .notNull)
            .run()
        try await database.create(table: "sipas_campaigns")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("name", type: .text, .notNull)
            .column("questionnaire_id", type: .text, .notNull, .references("sipas_questionnaires", "id"))
            .column("service_from", type: .text, .notNull)
            .column("service_to", type: .text, .notNull)
            .column("design", type: .text, .notNull)
            .column("seed", type: .bigint, .notNull)
            .column("status", type: .text, .notNull)
            .column("created_by", type: .bigint, .references("users", "id"))
            .column("created_at", type: .bigint, .notNull)
            .column("drawn_at", type: .bigint)
            .run()
        try await database.create(table: "sipas_campaign_units")
            .column("campaign_id", type: .bigint, .notNull, .references("sipas_campaigns", "id"))
            .column("unit_id", type: .bigint, .notNull, .references("units", "id"))
            .unique("campaign_id", "unit_id")
            .run()
        try await database.create(table: "sipas_strata")
            .column("campaign_id", type: .bigint, .notNull, .references("sipas_campaigns", "id"))
            .column("stratum", type: .text, .notNull)
            .column("unit_code", type: .text, .notNull)
            .column("population", type: .bigint, .notNull)
            .column("allocated", type: .bigint, .notNull)
            .column("too_few", type: .boolean, .notNull)
            .unique("campaign_id", "stratum")
            .run()
        try await database.create(table: "sipas_invitations")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("campaign_id", type: .bigint, .notNull, .references("sipas_campaigns", "id"))
            .column("stratum", type: .text, .notNull)
            .column("dossier_id", type: .bigint, .notNull, .references("dossiers", "id"))
            .column("weight", type: .custom(SQLRaw("DOUBLE PRECISION")), .notNull)
            .column("token_hash", type: .text, .unique)
            .column("invited_at", type: .bigint)
            .column("answered_at", type: .bigint)
            .run()
        try await database.create(index: "sipas_invitations_campaign").on("sipas_invitations").column("campaign_id").column("stratum").run()
        try await database.create(table: "sipas_opt_outs")
            .column("identifier_hash", type: .text, .primaryKey(autoIncrement: false))
            .column("created_at", type: .bigint, .notNull)
            .run()
    }

    func revert(on database: any SQLDatabase) async throws {
        for table in [
            "sipas_opt_outs", "sipas_invitations", "sipas_strata", "sipas_campaign_units", "sipas_campaigns", "sipas_questionnaires",
        ] {
            try await database.drop(table: table).run()
        }
    }
}
