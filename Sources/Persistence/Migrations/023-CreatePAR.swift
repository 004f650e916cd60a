import SQLKit

/// PAR INDEX: frameworks per year and kind of unit (frozen once a round starts), assessment rounds, each
/// unit's assessment with one entry per leaf criterion (self-score, explanation, the platform's figure, the
/// council's review, the unit's one answer), the history of every score change, evidence files, and the
/// published results, frozen and versioned.
struct CreatePAR: Migration {
    let name = "023-create-par"

    func prepare(on database: any SQLDatabase) async throws {
        let double = SQLDataType.custom(SQLRaw("DOUBLE PRECISION"))
        try await database.create(table: "par_frameworks")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("year", type: .int, .notNull)
            .column("unit_kind", type: .text, .notNull)
            .column("definition", type: .text, .notNull)
            .column("frozen", type: .boolean, .notNull, .default(false))
            .column("updated_by", type: .bigint)
            .column("updated_at", type: .bigint, .notNull)
            .unique("year", "unit_kind")
            .run()
        try await database.create(table: "par_rounds")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("framework_id", type: .bigint, .notNull, .references("par_frameworks", "id"))
            .column("status", type: .text, .notNull)
            .column("self_due", type: .text, .notNull)
            .column("response_due", type: .text, .notNull)
            .column("opened_by", type: .bigint)
            .column("opened_at", type: .bigint, .notNull)
            .column("approved_by", type: .bigint)
            .column("approved_at", type: .bigint)
            .unique("framework_id")
            .run()
        try await database.create(table: "par_assessments")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("round_id", type: .bigint, .notNull, .references("par_rounds", "id"))
            .column("unit_id", type: .bigint, .notNull, .references("units", "id"))
            .column("submitted_by", type: .bigint)
            .column("submitted_at", type: .bigint)
            .unique("round_id", "unit_id")
            .run()
        try await database.create(table: "par_entries")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("assessment_id", type: .bigint, .notNull, .references("par_assessments", "id"))
            .column("criterion", type: .text, .notNull)
            .column("self_score", type: double)
            .column("explanation", type: .text, .notNull)
            .column("computed_value", type: double)
            .column("computed_points", type: double)
            .column("review", type: .text, .notNull)
            .column("adjusted_score", type: double)
            .column("review_reason", type: .text)
            .column("response", type: .text)
            .column("responded_at", type: .bigint)
            .column("version", type: .int, .notNull)
            .column("updated_at", type: .bigint, .notNull)
            .unique("assessment_id", "criterion")
            .run()
        try await database.create(table: "par_entry_history")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("entry_id", type: .bigint, .notNull, .references("par_entries", "id"))
            .column("actor_id", type: .bigint)
            .column("action", type: .text, .notNull)
            .column("score", type: double)
            .column("reason", type: .text)
            .column("at", type: .bigint, .notNull)
            .run()
        try await database.create(index: "par_entry_history_entry").on("par_entry_history").column("entry_id").run()
        try await database.create(table: "par_evidence")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("entry_id", type: .bigint, .notNull, .references("par_entries", "id"))
            .column("sha256", type: .text, .notNull)
            .column("size", type: .bigint, .notNull)
            .column("file_type", type: .text, .notNull)
            .column("original_name", type: .text, .notNull)
            .column("uploaded_by", type: .bigint)
            .column("uploaded_at", type: .bigint, .notNull)
            .run()
        try await database.create(index: "par_evidence_entry").on("par_evidence").column("entry_id").run()
        try await database.create(table: "par_publications")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("round_id", type: .bigint, .notNull, .references("par_rounds", "id"))
            .column("version", type: .int, .notNull)
            .column("document", type: .text, .notNull)
            .column("reason", type: .text)
            .column("published_by", type: .bigint)
            .column("published_at", type: .bigint, .notNull)
            .unique("round_id", "version")
            .run()
    }

    func revert(on database: any SQLDatabase) async throws {
        for table in [
            "par_publications", "par_evidence", "par_entry_history", "par_entries", "par_assessments", "par_rounds", "par_frameworks",
        ] {
            try await database.drop(table: table).run()
        }
    }
}
