import Domain
import Foundation
import SQLKit

/// A SIPAS campaign: the questionnaire, the units, the period of service use and the sample design.
public struct SIPASCampaign: Sendable, Equatable {
    public enum Status: String, Sendable, CaseIterable {
        case draft, sampled, collecting, closed

        public var title: String {
            switch self {
            case .draft: "Đang chuẩn bị"
            case .sampled: "Đã chọn mẫu"
            case .collecting: "Đang thu phiếu"
            case .closed: "Đã kết thúc"
            }
        }
    }

    public var id: Int64
    public var name: String
    public var questionnaireID: String
    public var serviceFrom: LocalDate
    public var serviceTo: LocalDate
    public var unitIDs: [Int64]
    public var design: SIPASSample.Design
    public var seed: UInt64
    public var status: Status
    public var createdAt: Date
    public var drawnAt: Date?
}

/// Campaigns kept in the database: created by the secretariat, their frame built from the completed dossiers
/// of their units and period, their sample drawn once and stored (strata and the dossiers whose applicants are
/// invited, never a copy of names or contacts).
public struct SIPASCampaigns: Sendable {
    let database: Database

    public init(_ database: Database) { self.database = database }

    public enum Problem: Error, Equatable {
        case noUnits, badPeriod, badSize, unknownQuestionnaire, notFound
        case alreadyDrawn(SIPASCampaign.Status)
        case emptyFrame
        case notCollecting(SIPASCampaign.Status)
        case alreadyAnswered, noAnswers, unknownForm
        case questionnaireInUse(String)

        public var message: String {
            switch self {
            case .noUnits: "Chọn ít nhất một đơn vị được khảo sát."
            case .badPeriod: "Thời gian sử dụng dịch vụ không hợp lệ: ngày bắt đầu phải trước ngày kết thúc, tối đa 2 năm."
            case .badSize: "Cỡ mẫu phải từ 1 đến 100.000 và số tối thiểu mỗi tầng không âm."
            case .unknownQuestionnaire: "Không tìm thấy phiếu khảo sát đã chọn."
            case .notFound: "Không tìm thấy đợt khảo sát."
            case .alreadyDrawn(let status): "Đợt khảo sát đã chọn mẫu (\(status.title)); mẫu chỉ chọn một lần."
            case .emptyFrame: "Không có người dân nào đã nhận kết quả tại các đơn vị này trong thời gian đã chọn."
            case .notCollecting(let status): "Đợt khảo sát không trong thời gian thu phiếu (\(status.title))."
            case .alreadyAnswered: "Phiếu khảo sát này đã được trả lời; mỗi người chỉ trả lời một lần."
            case .noAnswers: "Vui lòng trả lời ít nhất một câu hỏi trước khi gửi phiếu."
            case .unknownForm: "Không có phiếu số này trong mẫu của đợt khảo sát."
            case .questionnaireInUse(let id):
                "Phiếu khảo sát “\(id)” đã được dùng cho một đợt khảo sát nên không được sửa; hãy nạp phiên bản mới với mã khác."
            }
        }
    }

    // MARK: Questionnaires

    /// Stores the shipped questionnaire unless one with its id is stored.
    public func loadShippedQuestionnaireIfMissing(at time: Date) async throws {
        let shipped = try SIPASSurveys.shippedQuestionnaire()
        guard try await questionnaire(id: shipped.id) == nil else { return }
        try await load(shipped, at: time)
    }

    /// Stores a questionnaire version. A version a campaign uses is never changed: a new wording is a new id.
    public func load(_ questionnaire: SIPASQuestionnaire, at time: Date) async throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        if let stored = try await self.questionnaire(id: questionnaire.id) {
            if stored == questionnaire { return }
            let users = try await database.sql.select().column("id").from("sipas_campaigns").where(
                "questionnaire_id", .equal, questionnaire.id
            ).limit(1).all()
            guard users.isEmpty else { throw Problem.questionnaireInUse(questionnaire.id) }
        }
        try await database.sql.insert(into: "sipas_questionnaires").columns("id", "definition", "loaded_at")
            .values(
                SQLBind(questionnaire.id), SQLBind(String(decoding: try encoder.encode(questionnaire), as: UTF8.self)),
                SQLBind(time.milliseconds)
            )
            .onConflict(with: ["id"]) { $0.set(excludedValueOf: "definition").set(excludedValueOf: "loaded_at") }.run()
    }

    /// The stored questionnaires, by id.
    public func questionnaires() async throws -> [SIPASQuestionnaire] {
        try await database.sql.select().column("definition").from("sipas_questionnaires").orderBy("id").all()
            .map { try SIPASQuestionnaire(json: Data(try $0.decode(column: "definition", as: String.self).utf8)) }
    }

    public func questionnaire(id: String) async throws -> SIPASQuestionnaire? {
        guard let row = try await database.sql.select().column("definition").from("sipas_questionnaires").where("id", .equal, id).first()
        else { return nil }
        return try SIPASQuestionnaire(json: Data(try row.decode(column: "definition", as: String.self).utf8))
    }

    // MARK: Campaigns

    public func create(
        name: String, questionnaireID: String, serviceFrom: LocalDate, serviceTo: LocalDate, unitIDs: [Int64],
        design: SIPASSample.Design, seed: UInt64, by userID: Int64?, at time: Date
    ) async throws -> Int64 {
        guard !unitIDs.isEmpty else { throw Problem.noUnits }
        guard serviceFrom <= serviceTo, serviceFrom.days(to: serviceTo) <= 731 else { throw Problem.badPeriod }
        guard (1...100_000).contains(design.size), design.minimumPerStratum >= 0 else { throw Problem.badSize }
        guard try await questionnaire(id: questionnaireID) != nil else { throw Problem.unknownQuestionnaire }
        let designText = String(decoding: try JSONEncoder().encode(design), as: UTF8.self)
        return try await database.transaction { session in
            let row = try await session.insert(into: "sipas_campaigns")
                .columns("name", "questionnaire_id", "service_from", "service_to", "design", "seed", "status", "created_by", "created_at")
                .values(
                    SQLBind(VietnameseText.normalized(name)), SQLBind(questionnaireID), SQLBind(serviceFrom.iso), SQLBind(serviceTo.iso),
                    SQLBind(designText), SQLBind(Int64(bitPattern: seed)), SQLBind(SIPASCampaign.Status.draft.rawValue), SQLBind(userID),
                    SQLBind(time.milliseconds)
                )
                .returning("id").first()
            guard let id = try row?.decode(column: "id", as: Int64.self) else {
                throw PersistenceError.corrupt("campaign insert returned no id")
            }
            let units = session.insert(into: "sipas_campaign_units").columns("campaign_id", "unit_id")
            for unit in Set(unitIDs).sorted() { units.values(SQLBind(id), SQLBind(unit)) }
            try await units.run()
            try await AuditTrail.append(
                AuditRecord(
                    actorID: userID, action: "sipas.create", objectType: "sipasCampaign", objectID: String(id),
                    reason: name), at: time, on: session)
            return id
        }
    }

    public func find(id: Int64) async throws -> SIPASCampaign? {
        guard let row = try await database.sql.select().column("*").from("sipas_campaigns").where("id", .equal, id).first() else {
            return nil
        }
        let units = try await database.sql.select().column("unit_id").from("sipas_campaign_units").where("campaign_id", .equal, id).orderBy(
            "unit_id"
        )
        .all().map { try $0.decode(column: "unit_id", as: Int64.self) }
        return try Self.decode(row, units: units)
    }

    public func list() async throws -> [SIPASCampaign] {
        var result: [SIPASCampaign] = []
        for row in try await database.sql.select().column("id").from("sipas_campaigns").orderBy("id", .descending).all() {
            if let campaign = try await find(id: try row.decode(column: "id", as: Int64.self)) { result.append(campaign) }
        }
        return result
    }

    /// Who may be invited: the applicants of the dossiers of the campaign's units that ended with a result
    /// handed over or an answer of ineligibility in the period, each once (by their latest dossier), without
    /// those who asked not to be surveyed and the account holders who do not consent to surveys.
    public func frame(of campaign: SIPASCampaign, clock: LocalClock = LocalClock()) async throws -> [SIPASSample.Entry] {
        let (start, end) = ReportingPeriod(from: campaign.serviceFrom, through: campaign.serviceTo).bounds(clock)
        let rows = try await database.sql.raw(
            """
            SELECT d.id AS dossier_id, d.applicant_identifier AS applicant, d.channel AS channel, u.code AS unit, v.field AS field
            FROM dossiers d JOIN units u ON u.id = d.processing_unit_id JOIN procedure_versions v ON v.id = d.procedure_version_id
            WHERE d.processing_unit_id IN (\(binds: campaign.unitIDs)) AND d.status IN ('returned', 'ineligible')
              AND d.finished_at >= \(bind: start.milliseconds) AND d.finished_at < \(bind: end.milliseconds)
            """
        ).all()
        let entries = try rows.map { row in
            SIPASSample.Entry(
                applicant: try row.decode(column: "applicant", as: String.self), unit: try row.decode(column: "unit", as: String.self),
                field: try row.decode(column: "field", as: String.self), channel: try decodeEnum(row, "channel", as: Channel.self),
                dossierID: try row.decode(column: "dossier_id", as: Int64.self))
        }
        return SIPASSample.frame(entries, optedOut: try await optedOut(among: Set(entries.map(\.applicant))))
    }

    /// The applicants among these who must not be surveyed.
    func optedOut(among applicants: Set<String>) async throws -> Set<String> {
        let hashes = Set(
            try await database.sql.select().column("identifier_hash").from("sipas_opt_outs").all()
                .map { try $0.decode(column: "identifier_hash", as: String.self) })
        let withoutConsent = try await database.sql.raw(
            """
            SELECT p.personal_id AS applicant FROM citizen_profiles p
            WHERE NOT EXISTS (SELECT 1 FROM consents c WHERE c.user_id = p.user_id AND c.purpose = 'surveys' AND c.withdrawn_at IS NULL)
            """
        ).all().map { try $0.decode(column: "applicant", as: String.self) }
        return Set(applicants.filter { hashes.contains(sha256Hex($0)) }).union(withoutConsent.filter(applicants.contains))
    }

    /// Someone asks not to be surveyed again (kept as a hash of their ID number).
    public func optOut(identifier: String, at time: Date) async throws {
        try await database.sql.insert(into: "sipas_opt_outs").columns("identifier_hash", "created_at")
            .values(SQLBind(sha256Hex(identifier)), SQLBind(time.milliseconds)).ignoringConflicts(with: ["identifier_hash"]).run()
    }

    /// Draws the sample once: the strata and the invited dossiers are stored and the campaign is sampled.
    @discardableResult
    public func draw(_ id: Int64, by userID: Int64?, at time: Date, clock: LocalClock = LocalClock()) async throws -> SIPASSample.Result {
        guard let campaign = try await find(id: id) else { throw Problem.notFound }
        guard campaign.status == .draft else { throw Problem.alreadyDrawn(campaign.status) }
        let frame = try await frame(of: campaign, clock: clock)
        guard !frame.isEmpty else { throw Problem.emptyFrame }
        let result = SIPASSample.draw(frame, design: campaign.design, seed: campaign.seed)
        try await database.transaction { session in
            let updated = try await session.update("sipas_campaigns").set("status", to: SIPASCampaign.Status.sampled.rawValue)
                .set("drawn_at", to: time.milliseconds).where("id", .equal, id).where("status", .equal, SIPASCampaign.Status.draft.rawValue)
                .returning("id").all()
            guard !updated.isEmpty else { throw Problem.alreadyDrawn(.sampled) }
            let strata = session.insert(into: "sipas_strata").columns(
                "campaign_id", "stratum", "unit_code", "population", "allocated", "too_few")
            for stratum in result.strata {
                strata.values(
                    SQLBind(id), SQLBind(stratum.key), SQLBind(stratum.unit), SQLBind(Int64(stratum.population)),
                    SQLBind(Int64(stratum.allocated)), SQLBind(stratum.tooFew))
            }
            try await strata.run()
            for start in stride(from: 0, to: result.drawn.count, by: 500) {
                let invitations = session.insert(into: "sipas_invitations").columns("campaign_id", "stratum", "dossier_id", "weight")
                for drawn in result.drawn[start..<min(start + 500, result.drawn.count)] {
                    invitations.values(SQLBind(id), SQLBind(drawn.stratum), SQLBind(drawn.entry.dossierID), SQLBind(drawn.weight))
                }
                try await invitations.run()
            }
            try await AuditTrail.append(
                AuditRecord(
                    actorID: userID, action: "sipas.draw", objectType: "sipasCampaign", objectID: String(id),
                    reason: "khung mẫu \(frame.count), chọn \(result.drawn.count), số khởi tạo \(campaign.seed)"),
                at: time, on: session)
        }
        return result
    }

    /// A stratum as stored, with its invitations sent and answered (the live response rate).
    public struct StoredStratum: Sendable, Equatable {
        public var key: String
        public var unitCode: String
        public var population: Int
        public var allocated: Int
        public var tooFew: Bool
        public var invited: Int
        public var answered: Int

        public var responseRate: Double? { allocated > 0 ? Double(answered) / Double(allocated) : nil }
    }

    public func strata(of id: Int64) async throws -> [StoredStratum] {
        var counts: [String: (invited: Int, answered: Int)] = [:]
        for row in try await database.sql.raw(
            """
            SELECT stratum, SUM(CASE WHEN invited_at IS NULL THEN 0 ELSE 1 END) AS invited, SUM(CASE WHEN answered_at IS NULL THEN 0 ELSE 1 END) AS answered
            FROM sipas_invitations WHERE campaign_id = \(bind: id) GROUP BY stratum
            """
        ).all() {
            counts[try row.decode(column: "stratum", as: String.self)] = (
                try row.decode(column: "invited", as: Int.self), try row.decode(column: "answered", as: Int.self)
            )
        }
        return try await database.sql.select().column("*").from("sipas_strata").where("campaign_id", .equal, id).orderBy("stratum").all()
            .map { row in
                let key = try row.decode(column: "stratum", as: String.self)
                return StoredStratum(
                    key: key, unitCode: try row.decode(column: "unit_code", as: String.self),
                    population: try row.decode(column: "population", as: Int.self),
                    allocated: try row.decode(column: "allocated", as: Int.self),
                    tooFew: try row.decode(column: "too_few", as: Bool.self), invited: counts[key]?.invited ?? 0,
                    answered: counts[key]?.answered ?? 0)
            }
    }

    static func decode(_ row: any SQLRow, units: [Int64]) throws -> SIPASCampaign {
        let design = try JSONDecoder().decode(SIPASSample.Design.self, from: Data(try row.decode(column: "design", as: String.self).utf8))
        guard let from = LocalDate(iso: try row.decode(column: "service_from", as: String.self)),
            let to = LocalDate(iso: try row.decode(column: "service_to", as: String.self))
        else { throw PersistenceError.corrupt("campaign dates") }
        return SIPASCampaign(
            id: try row.decode(column: "id", as: Int64.self), name: try row.decode(column: "name", as: String.self),
            questionnaireID: try row.decode(column: "questionnaire_id", as: String.self), serviceFrom: from, serviceTo: to, unitIDs: units,
            design: design, seed: UInt64(bitPattern: try row.decode(column: "seed", as: Int64.self)),
            status: try decodeEnum(row, "status", as: SIPASCampaign.Status.self),
            createdAt: Date(milliseconds: try row.decode(column: "created_at", as: Int64.self)),
            drawnAt: try row.decode(column: "drawn_at", as: Int64?.self).map(Date.init(milliseconds:)))
    }
}

extension SIPASCampaigns {
    /// How a response reached the campaign.
    public enum Source: String, Sendable { case web, paper, `import` }

    /// Imports responses from a CSV file (unit codes must be the campaign's units); all or none, audited.
    /// Returns how many were kept.
    @discardableResult
    public func importResponses(_ csv: Data, into id: Int64, by userID: Int64?, at time: Date) async throws -> Int {
        guard let campaign = try await find(id: id) else { throw Problem.notFound }
        guard let questionnaire = try await questionnaire(id: campaign.questionnaireID) else { throw Problem.unknownQuestionnaire }
        var codes: Set<String> = []
        for unitID in campaign.unitIDs { if let unit = try await UnitStore(database.sql).find(id: unitID) { codes.insert(unit.code) } }
        let responses = try SIPASResponses.read(csv: csv, questionnaire: questionnaire, units: codes)
        let width = responses.itemCodes.count
        try await database.transaction { session in
            for start in stride(from: 0, to: responses.count, by: 500) {
                let insert = session.insert(into: "sipas_responses").columns(
                    "campaign_id", "unit_code", "weight", "answers", "source", "created_at")
                for index in start..<min(start + 500, responses.count) {
                    let answers = responses.answers[index * width..<(index + 1) * width].map { String($0) }.joined(separator: ",")
                    insert.values(
                        SQLBind(id), SQLBind(responses.units[Int(responses.unitOfResponse[index])]), SQLBind(responses.weights[index]),
                        SQLBind(answers), SQLBind(Source.import.rawValue), SQLBind(time.milliseconds))
                }
                try await insert.run()
            }
            try await AuditTrail.append(
                AuditRecord(
                    actorID: userID, action: "sipas.import", objectType: "sipasCampaign", objectID: String(id),
                    reason: "\(responses.count) phiếu trả lời"), at: time, on: session)
        }
        return responses.count
    }

    /// The latest campaign before this one, with the same questionnaire, that has answers (for the comparison).
    public func previousWithAnswers(_ campaign: SIPASCampaign) async throws -> SIPASCampaign? {
        let row = try await database.sql.raw(
            """
            SELECT c.id AS id FROM sipas_campaigns c
            WHERE c.id < \(bind: campaign.id) AND c.questionnaire_id = \(bind: campaign.questionnaireID)
              AND EXISTS (SELECT 1 FROM sipas_responses r WHERE r.campaign_id = c.id)
            ORDER BY c.id DESC LIMIT 1
            """
        ).first()
        guard let id = try row?.decode(column: "id", as: Int64.self) else { return nil }
        return try await find(id: id)
    }

    /// The campaign's responses, ready for `SIPASResults.compute`.
    public func responses(of id: Int64, questionnaire: SIPASQuestionnaire) async throws -> SIPASResponses {
        var responses = SIPASResponses(itemCodes: questionnaire.items.map(\.code))
        for row in try await database.sql.select().columns("unit_code", "weight", "answers").from("sipas_responses").where(
            "campaign_id", .equal, id
        )
        .orderBy("id").all() {
            let answers = try row.decode(column: "answers", as: String.self).split(separator: ",", omittingEmptySubsequences: false).map {
                Int8($0) ?? -1
            }
            guard answers.count == responses.itemCodes.count else {
                throw PersistenceError.corrupt("a SIPAS response does not match its questionnaire")
            }
            responses.append(
                unit: try row.decode(column: "unit_code", as: String.self), weight: try row.decode(column: "weight", as: Double.self),
                answers: answers)
        }
        return responses
    }
}
