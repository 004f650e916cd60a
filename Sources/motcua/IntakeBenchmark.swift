import ArgumentParser
import Domain
import Foundation
import Logging
import Persistence
import SQLKit
import Services

extension BenchCommand {
    /// Durable intake on a fresh SQLite file (WAL, synchronous=FULL): dossiers received through the product's
    /// desk (checks, due instant, code sequence, dossier, first event, audit row and outbox message, committed
    /// before the desk answers; intakes arriving together share a transaction) against plain inserts of the
    /// same four rows per dossier, one committed transaction each, in the same run.
    struct Intake: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Dossiers received per second through the desk, against plain inserts of the same rows (SQLite file).")
        @Option(help: "Dossiers per measurement.") var count = 2000
        @Option(help: "Intakes in flight at once through the desk (desk officers working together).") var concurrency = 8

        func run() async throws {
            try await BenchDatabase.with { database in
                let ward = try await UnitStore(database.sql).find(code: "00070", validOn: LocalDate(year: 2026, month: 1, day: 1)!)!
                let officer = try await UserStore(database.sql).create(
                    username: "bench.desk", displayName: "Bench", email: nil, passwordHash: "!",
                    grants: [Grant(role: .deskOfficer, unitID: ward.id)], at: Date())
                // The product's desk: due instants from the stored calendar and office hours, as the server computes them.
                // A secret given, so that no key file is written into the temporary folder.
                let configuration = try AppConfiguration.load(environment: [
                    "MOTCUA_DATA_DIR": FileManager.default.temporaryDirectory.path, "MOTCUA_SECRET": UUID().uuidString + UUID().uuidString,
                ])
                let desk = AppServices(database: database, configuration: configuration).desk
                let actor = DossierWorkflow.Actor(userID: officer, roles: [.deskOfficer])
                let version = try await ProcedureStore(database.sql).find(code: "DEMO-HT-05")!.summary.versionID
                let start = LocalClock().instant(parsing: "2026-03-02T09:00")!
                let clock = ContinuousClock()

                let plain = try await clock.measure {
                    for index in 0..<count {
                        try await database.transaction { session in
                            let id = try await session.insert(into: "dossiers")
                                .columns(
                                    "code", "receiving_unit_id", "processing_unit_id", "procedure_version_id", "channel", "applicant_kind",
                                    "applicant_name", "applicant_identifier", "search_text", "status", "step", "received_at",
                                    "first_due_at",
                                    "due_at", "appointment_at", "lock_version", "is_demo"
                                )
                                .values(
                                    SQLBind("BENCH-260302-\(index)"), SQLBind(ward.id), SQLBind(ward.id), SQLBind(version),
                                    SQLBind("inPerson"),
                                    SQLBind("person"), SQLBind("Nguyễn Văn A"), SQLBind("001095012345"), SQLBind("bench nguyen van a"),
                                    SQLBind("received"), SQLBind(Int64(0)), SQLBind(start.milliseconds), SQLBind(start.milliseconds),
                                    SQLBind(start.milliseconds), SQLBind(start.milliseconds), SQLBind(Int64(1)), SQLBind(true)
                                )
                                .returning("id").first()!.decode(column: "id", as: Int64.self)
                            try await session.insert(into: "dossier_events")
                                .columns(
                                    "dossier_id", "sequence", "action", "actor_id", "unit_id", "occurred_at", "reason", "detail",
                                    "status_after", "step_after"
                                )
                                .values(
                                    SQLBind(id), SQLBind(Int64(1)), SQLBind("receive"), SQLBind(officer), SQLBind(ward.id),
                                    SQLBind(start.milliseconds),
                                    SQLBind(""), SQLBind("{}"), SQLBind("received"), SQLBind(Int64(0))
                                ).run()
                            try await session.insert(into: "portal_outbox")
                                .columns("dossier_id", "event_sequence", "payload", "status", "attempts", "next_attempt_at", "created_at")
                                .values(
                                    SQLBind(id), SQLBind(Int64(1)), SQLBind("{}"), SQLBind("pending"), SQLBind(Int64(0)),
                                    SQLBind(start.milliseconds),
                                    SQLBind(start.milliseconds)
                                ).run()
                            try await session.insert(into: "audit_log")
                                .columns(
                                    "sequence", "occurred_at", "actor_id", "unit_id", "action", "object_type", "object_id", "reason",
                                    "previous_hash", "hash"
                                )
                                .values(
                                    SQLBind(Int64(1_000_000 + index)), SQLBind(start.milliseconds), SQLBind(officer), SQLBind(ward.id),
                                    SQLBind("bench"),
                                    SQLBind("dossier"), SQLBind("BENCH-\(index)"), SQLBind(""), SQLBind(""), SQLBind("")
                                ).run()
                        }
                    }
                }
                let intake = DossierDesk.Intake(
                    procedureCode: "DEMO-HT-05", receivingUnitID: ward.id, channel: .inPerson,
                    applicant: Applicant(kind: .person, name: "Nguyễn Văn A", identifier: "001095012345"))
                let day = LocalDate(year: 2026, month: 3, day: 2)!
                let one = try await clock.measure {
                    for _ in 0..<count { _ = try await desk.receive(intake, by: actor, at: start, day: day) }
                }
                let parallel = concurrency
                let many = try await clock.measure {
                    try await withThrowingTaskGroup(of: Void.self) { group in
                        for worker in 0..<parallel {
                            group.addTask {
                                for _ in stride(from: worker, to: count, by: parallel) {
                                    _ = try await desk.receive(intake, by: actor, at: start, day: day)
                                }
                            }
                        }
                        try await group.waitForAll()
                    }
                }
                func perSecond(_ duration: Duration) -> Double {
                    Double(count) / (Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18)
                }
                let plainRate = perSecond(plain), oneRate = perSecond(one), manyRate = perSecond(many)
                print(String(format: "plain inserts of the same rows, one at a time:  %6.0f dossiers/s  (baseline)", plainRate))
                print(
                    String(
                        format: "durable intake through the desk, one at a time: %6.0f dossiers/s  ratio %.3f", oneRate, oneRate / plainRate
                    ))
                print(
                    String(
                        format: "durable intake through the desk, %2d at once:    %6.0f dossiers/s  ratio %.3f  (target ≥ 1 000/s: %@)",
                        parallel, manyRate, manyRate / plainRate, manyRate >= 1000 ? "met" : "NOT met"))
            }
        }
    }
}
