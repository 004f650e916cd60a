import Domain
import Foundation
import SQLKit

extension SyntheticDossiers {
    /// Makes `count` dossiers quickly by writing their final rows directly — for millions of dossiers, where
    /// going through the desk would take hours: each dossier's code, due instant, outcome (open, result on
    /// time or late, ineligible, withdrawn, refused at receipt), return and apology slip follow the same
    /// model as ``make(count:seed:unitCodes:from:to:now:progress:)``, with its events (receipt, apology,
    /// end, return) and the statistics counters its facts contribute. Given `ratings`, about a third of the
    /// applicants who received their result rate it (lower when it came late), counted as the rating desk
    /// counts them. No audit rows or portal messages are written: these are not acts of anyone. Run it on a database nobody is using at the same time (codes
    /// continue each agency's day from what is stored).
    ///
    /// Receipts are spread over the working days of [from, to] at `unitCodes` (nil: every current unit that
    /// receives a procedure), a fifth of them at the five busiest units.
    @discardableResult
    public func bulk(
        count: Int, seed: UInt64, unitCodes: [String]?, from: LocalDate, to: LocalDate, now: Date, ratings: RatingCriteria? = nil,
        progress: @escaping @Sendable (Int, Int) -> Void = { _, _ in }
    ) async throws -> Summary {
        var random = SeededRandom(seed: seed)
        let clock = LocalClock()
        let calculator = DeadlineCalculator(calendar: calendar)
        let teams = try await bulkTeams(unitCodes: unitCodes, validOn: to)
        guard !teams.isEmpty else { return Summary() }
        let days = (0...from.days(to: to)).map { from.adding(days: $0) }.filter { calendar.isWorkingDay($0) }
        guard !days.isEmpty else { return Summary() }
        var sequences: [String: Int] = [:]
        for row in try await database.sql.select().columns("agency_unit_id", "day", "last").from("dossier_sequences").all() {
            sequences["\(try row.decode(column: "agency_unit_id", as: Int64.self)) \(try row.decode(column: "day", as: String.self))"] =
                try row.decode(column: "last", as: Int.self)
        }
        var counters: [StatisticsCounters.Key: Int64] = [:]
        var summary = Summary()
        let chunk = 5000
        for chunkStart in stride(from: 0, to: count, by: chunk) {
            var made: [BulkDossier] = []
            made.reserveCapacity(chunk)
            for _ in chunkStart..<min(chunkStart + chunk, count) {
                let team =
                    random.chance(0.2)
                    ? teams[Int.random(in: 0..<min(5, teams.count), using: &random)]
                    : teams[Int.random(in: 0..<teams.count, using: &random)]
                let procedure = team.procedures[Int.random(in: 0..<team.procedures.count, using: &random)]
                let day = days[Int.random(in: 0..<days.count, using: &random)]
                let minute = [8 * 60, 13 * 60][Int.random(in: 0...1, using: &random)] + Int.random(in: 0..<235, using: &random)
                let received = clock.instant(parsing: day.iso + "T00:00")!.addingTimeInterval(Double(minute * 60))
                guard received < now else { continue }
                let key = "\(team.unit.id) \(day.iso)"
                let sequence = (sequences[key] ?? 0) + 1
                sequences[key] = sequence
                made.append(
                    try Self.bulkDossier(
                        code: DossierCode(agencyCode: team.unit.code, day: day, sequence: sequence), team: team, procedure: procedure,
                        received: received, now: now, calculator: calculator, ratings: ratings, random: &random))
            }
            let batch = made
            try await database.transaction { session in
                let store = DossierStore(session)
                var written = batch.map(\.dossier)
                for start in stride(from: 0, to: written.count, by: 500) {
                    let slice = Array(written[start..<min(start + 500, written.count)])
                    for (offset, id) in try await store.insert(slice).enumerated() { written[start + offset].id = id }
                }
                let events = zip(written, batch).flatMap { dossier, item in item.events.map { ($0, dossier.id) } }
                for start in stride(from: 0, to: events.count, by: 1000) {
                    try await store.append(Array(events[start..<min(start + 1000, events.count)]))
                }
                guard let ratings else { return }
                let rated = zip(written, batch).compactMap { dossier, item in item.rating.map { (dossier, $0) } }
                for start in stride(from: 0, to: rated.count, by: 500) {
                    let insert = session.insert(into: "dossier_ratings")
                        .columns(
                            "dossier_id", "unit_id", "criteria_version", "overall", "answers", "comment", "channel", "created_at",
                            "updated_at")
                    for (dossier, rated) in rated[start..<min(start + 500, rated.count)] {
                        let answers = String(decoding: try JSONEncoder.sorted.encode(rated.rating.answers), as: UTF8.self)
                        insert.values(
                            SQLBind(dossier.id), SQLBind(dossier.processingUnitID), SQLBind(Int64(ratings.version)),
                            SQLBind(Int64(rated.rating.overall)), SQLBind(answers), SQLBind(rated.rating.comment),
                            SQLBind(rated.channel.rawValue), SQLBind(rated.at.milliseconds), SQLBind(rated.at.milliseconds))
                    }
                    try await insert.run()
                }
            }
            for item in made {
                let facts = DossierStore.facts(item.dossier, events: item.events)
                let rating =
                    item.rating.map { DossierStatistics.ratingContributions(firstRatedAt: $0.at, overall: $0.rating.overall, clock: clock) }
                    ?? []
                for contribution in DossierStatistics.contributions(facts, calculator: calculator) + rating {
                    counters[
                        .init(unitID: item.dossier.processingUnitID, counter: contribution.counter, day: contribution.day), default: 0] +=
                        contribution.value
                }
            }
            summary.dossiers += made.count
            summary.events += made.reduce(0) { $0 + $1.events.count }
            progress(min(chunkStart + chunk, count), count)
        }
        let totals = counters, lasts = sequences
        try await database.transaction { session in
            try await StatisticsCounters(session).add(
                totals.map { ($0.key.unitID, .init(day: $0.key.day, counter: $0.key.counter, value: $0.value)) })
            let rows = lasts.sorted { $0.key < $1.key }
            for start in stride(from: 0, to: rows.count, by: 1000) {
                let insert = session.insert(into: "dossier_sequences").columns("agency_unit_id", "day", "last")
                for (key, last) in rows[start..<min(start + 1000, rows.count)] {
                    let parts = key.split(separator: " ")
                    insert.values(SQLBind(Int64(parts[0])!), SQLBind(String(parts[1])), SQLBind(Int64(last)))
                }
                try await insert.onConflict(with: ["agency_unit_id", "day"]) { $0.set(excludedValueOf: "last") }.run()
            }
        }
        return summary
    }

    /// A receiving unit with the procedures it receives, each with its processing unit and time limit.
    struct BulkTeam {
        var unit: ListedUnit
        var procedures: [(summary: ProcedureSummary, processing: ListedUnit)]
    }

    private func bulkTeams(unitCodes: [String]?, validOn day: LocalDate) async throws -> [BulkTeam] {
        let unitStore = UnitStore(database.sql), procedures = ProcedureStore(database.sql)
        let units: [OrgUnit]
        if let unitCodes {
            units = try await unitCodes.asyncCompactMap { try await unitStore.find(code: $0, validOn: day) }
        } else {
            units = try await unitStore.list(.init(validOn: day))
        }
        var teams: [BulkTeam] = []
        var unitsOfVersion: [Int64: [ListedUnit]] = [:]
        for unit in units {
            var offered: [(summary: ProcedureSummary, processing: ListedUnit)] = []
            for summary in try await procedures.list(.init(receivingUnitID: unit.id)) {
                if unitsOfVersion[summary.versionID] == nil {
                    unitsOfVersion[summary.versionID] = try await procedures.units(ofVersion: summary.versionID)
                }
                let listed = unitsOfVersion[summary.versionID] ?? []
                let intake = DossierDesk.Intake(
                    procedureCode: summary.code, receivingUnitID: unit.id, channel: .inPerson,
                    applicant: Applicant(kind: .person, name: "", identifier: ""))
                guard let (agency, processing) = try? DossierDesk.units(for: intake, among: listed) else { continue }
                _ = agency
                offered.append((summary, processing))
            }
            if !offered.isEmpty {
                teams.append(BulkTeam(unit: ListedUnit(id: unit.id, code: unit.code, role: .receiving), procedures: offered))
            }
        }
        return teams
    }

    /// A dossier as the bulk path writes it: its row, its events and its applicant's rating, if any.
    struct BulkDossier {
        var dossier: Dossier
        var events: [DossierEvent]
        var rating: (rating: DossierRating, channel: RatingStore.Channel, at: Date)?
    }

    /// One dossier's final row and events.
    private static func bulkDossier(
        code: DossierCode, team: BulkTeam, procedure: (summary: ProcedureSummary, processing: ListedUnit), received: Date, now: Date,
        calculator: DeadlineCalculator, ratings: RatingCriteria?, random: inout SeededRandom
    ) throws -> BulkDossier {
        let givenNames = ["An", "Bình", "Chi", "Dũng", "Giang", "Hà", "Hải", "Hoa", "Hùng", "Lan", "Linh", "Minh", "Nam", "Ngọc", "Phương"]
        let familyNames = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ"]
        let female = random.chance(0.5)
        let birthYear = Int.random(in: 1950...2006, using: &random)
        let identifier =
            "001" + String((birthYear >= 2000 ? 2 : 0) + (female ? 1 : 0))
            + String(birthYear % 100 + 100).dropFirst() + String(Int.random(in: 0..<1_000_000, using: &random) + 1_000_000).dropFirst()
        let name = "\(familyNames.randomElement(using: &random)!) \(female ? "Thị" : "Văn") \(givenNames.randomElement(using: &random)!)"
        // About one applicant in five gives no phone number.
        let number = Int.random(in: 0..<100_000_000, using: &random)
        let phone = number % 5 == 0 ? nil : "09" + String(number + 100_000_000).dropFirst()
        let channel: Channel = random.chance(0.55) ? .online : (random.chance(0.9) ? .inPerson : .post)
        let due = try calculator.due(receivedAt: received, limit: procedure.summary.timeLimit)
        let limit = Double(limitSeconds(procedure.summary.timeLimit))
        let roll = Double.random(in: 0..<1, using: &random)
        let pace = random.chance(0.12) ? Double.random(in: 1.05...1.6, using: &random) : Double.random(in: 0.3...1.0, using: &random)
        var status: DossierStatus
        var finished: Date?
        var events = [
            DossierEvent(
                sequence: 1, action: "receive", actorID: nil, unitID: team.unit.id, occurredAt: received, reason: "", detail: "{}",
                statusAfter: .received, stepAfter: 0)
        ]
        func event(_ action: String, _ at: Date, _ status: DossierStatus, unit: Int64) {
            events.append(
                DossierEvent(
                    sequence: events.count + 1, action: action, actorID: nil, unitID: unit, occurredAt: at, reason: "",
                    detail: "{}", statusAfter: status, stepAfter: 0))
        }
        if roll < 0.01 {
            status = .rejectedAtReceipt
            finished = received.addingTimeInterval(600)
        } else {
            let end = try calculator.instant(after: Int64(max(600, limit * (roll < 0.04 ? 0.1 : pace))), from: received)
            if end >= now {
                status = .inProgress
            } else {
                finished = end
                status = roll < 0.04 ? .withdrawn : (roll < 0.06 ? .ineligible : .resultReady)
            }
        }
        var appointment = due
        var rating: (rating: DossierRating, channel: RatingStore.Channel, at: Date)?
        if pace > 1, status != .rejectedAtReceipt, random.chance(0.5) {
            let slip = max(received.addingTimeInterval(60), due.addingTimeInterval(-3600))
            // A slip goes out while the dossier is open (a withdrawn one may have ended before).
            if slip < now, finished.map({ slip < $0 }) ?? true {
                appointment = try calculator.instant(after: Int64(limit * 0.7), from: due)
                event("issueApology", slip, .inProgress, unit: procedure.processing.id)
            }
        }
        if let finished {
            let action =
                switch status {
                case .rejectedAtReceipt: "refuseAtReceipt"
                case .withdrawn: "withdraw"
                case .ineligible: "declareIneligible"
                default: "completeStep"
                }
            event(action, finished, status, unit: status == .rejectedAtReceipt ? team.unit.id : procedure.processing.id)
            // Most results are collected within three days; the others within a month.
            let handedOver = finished.addingTimeInterval(
                Double(
                    random.chance(0.85)
                        ? Int.random(in: 3600...(3 * 86_400), using: &random)
                        : Int.random(in: (3 * 86_400)...(30 * 86_400), using: &random)))
            if status == .resultReady, handedOver < now {
                status = .returned
                event("returnResult", handedOver, .returned, unit: team.unit.id)
            }
            let ratedAt = handedOver.addingTimeInterval(Double(Int.random(in: 600...(2 * 86_400), using: &random)))
            if let ratings, DossierRating.canRate(status), ratedAt < now, random.chance(0.35) {
                rating = (
                    syntheticRating(late: finished > due, feeDue: procedure.summary.hasFee, criteria: ratings, random: &random),
                    [RatingStore.Channel.portal, .desk, .link][Int.random(in: 0...2, using: &random)], ratedAt
                )
            }
        }
        // What the service index measures, at made-up rates (not any unit's real figures).
        let electronic = finished != nil && (status == .resultReady || status == .returned) && random.chance(0.5)
        let service = ServiceFacts(
            fullyOnlineOffered: procedure.summary.onlineLevel == .fullyOnline, feeDue: procedure.summary.hasFee,
            feePaidOnline: procedure.summary.hasFee && random.chance(channel == .online ? 0.7 : 0.2),
            digitised: channel == .inPerson && random.chance(0.6), reusedDocuments: random.chance(0.2),
            populationChecked: random.chance(0.75),
            electronicResult: electronic, resultSynced: electronic && random.chance(0.6))
        let dossier = Dossier(
            id: 0, code: code, receivingUnitID: team.unit.id, processingUnitID: procedure.processing.id,
            procedureVersionID: procedure.summary.versionID, channel: channel,
            applicant: Applicant(kind: .person, name: name, identifier: identifier, phone: phone),
            state: .init(status: status, step: 0, assigneeID: nil),
            receivedAt: received, firstDueAt: due, dueAt: due, appointmentAt: appointment, finishedAt: finished, lockVersion: events.count,
            isDemo: true, service: service)
        return BulkDossier(dossier: dossier, events: events, rating: rating)
    }
}

extension Sequence {
    func asyncCompactMap<T>(_ transform: (Element) async throws -> T?) async rethrows -> [T] {
        var result: [T] = []
        for element in self { if let value = try await transform(element) { result.append(value) } }
        return result
    }
}
