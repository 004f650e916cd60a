import Domain
import Foundation
import SQLKit

/// Realistic dossiers made reproducibly from a seed, through the real desk (every code, due instant, event,
/// audit row and outbox message is what intake and the workflow would make): receipts spread over the
/// working hours of a period, with supplements, apologies, withdrawals, early, on-time and late results, and
/// recent dossiers still open. Synthetic officers (three per unit, marked demo, unable to sign in) act.
public struct SyntheticDossiers: Sendable {
    let database: Database
    let desk: DossierDesk
    let calendar: WorkingCalendar

    public init(database: Database, desk: DossierDesk, calendar: WorkingCalendar) {
        self.database = database
        self.desk = desk
        self.calendar = calendar
    }

    public struct Summary: Sendable, Equatable {
        public var dossiers = 0
        public var events = 0
    }

    /// The accounts that act for a unit instead of its synthetic officers (the demo's own sign-ins).
    public struct Staff: Sendable {
        public var desk: Int64
        public var officer: Int64
        public var head: Int64

        public init(desk: Int64, officer: Int64, head: Int64) {
            self.desk = desk
            self.officer = officer
            self.head = head
        }
    }

    /// Makes `count` dossiers received in [from, to) at the given units (by code, valid on `to`), acted on by
    /// `staff` where given. With `ratings`, about a third of the applicants rate their result once handed over.
    @discardableResult
    public func make(
        count: Int, seed: UInt64, unitCodes: [String], from: LocalDate, to: LocalDate, now: Date, staff known: [String: Staff] = [:],
        ratings: RatingCriteria? = nil, progress: @escaping @Sendable (Int, Int) -> Void = { _, _ in }
    ) async throws -> Summary {
        var random = SeededRandom(seed: seed)
        let clock = LocalClock()
        let units = UnitStore(database.sql)
        var staff:
            [(
                unit: OrgUnit, desk: DossierWorkflow.Actor, officer: DossierWorkflow.Actor, head: DossierWorkflow.Actor,
                procedures: [String]
            )] = []
        for code in unitCodes {
            guard let unit = try await units.find(code: code, validOn: to) else { continue }
            let procedures = try await ProcedureStore(database.sql).list(.init(receivingUnitID: unit.id)).map(\.code)
            guard !procedures.isEmpty else { continue }
            var ids: [Int64] = []
            if let given = known[code] {
                ids = [given.desk, given.officer, given.head]
            } else {
                for (suffix, role) in [("motcua", Role.deskOfficer), ("thuly", .caseOfficer), ("lanhdao", .unitHead)] {
                    let username = "synthetic.\(suffix).\(unit.code.lowercased())"
                    if let existing = try await UserStore(database.sql).credentials(username: username)?.user.id {
                        ids.append(existing)
                    } else {
                        ids.append(
                            try await UserStore(database.sql).create(
                                username: username, displayName: "Cán bộ mô phỏng \(unit.name)", email: nil, passwordHash: "!",
                                grants: [Grant(role: role, unitID: unit.id)], isDemo: true, at: now))
                    }
                }
            }
            staff.append(
                (
                    unit, .init(userID: ids[0], roles: [.deskOfficer]), .init(userID: ids[1], roles: [.caseOfficer]),
                    .init(userID: ids[2], roles: [.unitHead]), procedures
                ))
        }
        guard !staff.isEmpty else { return Summary() }
        let days = (0...from.days(to: to)).map { from.adding(days: $0) }.filter { calendar.isWorkingDay($0) }
        guard !days.isEmpty else { return Summary() }
        let givenNames = [
            "An", "Bình", "Chi", "Dũng", "Giang", "Hà", "Hải", "Hoa", "Hùng", "Lan", "Linh", "Minh", "Nam", "Ngọc", "Phương", "Quân", "Sơn",
            "Thảo", "Trang", "Tuấn",
        ]
        let familyNames = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ"]
        let middleNames = ["Văn", "Thị", "Minh", "Thu", "Đức", "Ngọc", "Quang", "Thanh"]
        var summary = Summary()
        for index in 0..<count {
            let team = staff[Int.random(in: 0..<staff.count, using: &random)]
            let day = days[Int.random(in: 0..<days.count, using: &random)]
            let minute = [8 * 60, 13 * 60][Int.random(in: 0...1, using: &random)] + Int.random(in: 0..<235, using: &random)
            guard let received = clock.instant(parsing: day.iso + String(format: "T%02d:%02d", minute / 60, minute % 60)), received < now
            else { continue }
            let female = random.chance(0.5)
            let birthYear = Int.random(in: 1950...2006, using: &random)
            let identifier =
                "001" + String((birthYear >= 2000 ? 2 : 0) + (female ? 1 : 0))
                + String(format: "%02d%06d", birthYear % 100, Int.random(in: 0..<1_000_000, using: &random))
            let name =
                "\(familyNames.randomElement(using: &random)!) \(female ? "Thị" : middleNames.randomElement(using: &random)!) \(givenNames.randomElement(using: &random)!)"
            let channel: Channel = random.chance(0.55) ? .online : (random.chance(0.9) ? .inPerson : .post)
            let procedure = team.procedures[Int.random(in: 0..<team.procedures.count, using: &random)]
            // About one applicant in five gives no phone number (reached on paper by the SIPAS surveys).
            let number = Int.random(in: 0..<100_000_000, using: &random)
            let phone = number % 5 == 0 ? nil : String(format: "09%08d", number)
            var dossier = try await desk.receive(
                .init(
                    procedureCode: procedure, receivingUnitID: team.unit.id, channel: channel,
                    applicant: Applicant(kind: .person, name: name, identifier: identifier, phone: phone), isDemo: true),
                by: team.desk, at: received, day: day)
            summary.dossiers += 1
            summary.events += 1
            guard let version = try await ProcedureStore(database.sql).version(id: dossier.procedureVersionID) else { continue }
            var time = received
            // Each act comes some working minutes after the previous one; a late dossier takes longer.
            let pace = random.chance(0.12) ? 1.6 : (random.chance(0.35) ? 0.45 : 0.8)
            let total = Double(Self.limitSeconds(version.procedure.timeLimit))
            func later(_ fraction: Double) throws -> Date? {
                let seconds = Int64(max(600, total * fraction * pace))
                let next = try DeadlineCalculator(calendar: calendar).instant(after: seconds, from: time)
                return next < now ? next : nil
            }
            func act(
                _ action: DossierWorkflow.Action, _ actor: DossierWorkflow.Actor, _ reason: String = "", appointment: Date? = nil, at: Date
            ) async throws {
                dossier = try await desk.act(
                    action, on: dossier.id, seenLockVersion: dossier.lockVersion, by: actor, reason: reason,
                    newAppointment: appointment, at: at)
                time = at
                summary.events += 1
            }
            if random.chance(0.03), let at = try later(0.02) {
                try await act(.withdraw, team.desk, "Người nộp đề nghị rút hồ sơ", at: at)
                progress(index + 1, count)
                continue
            }
            guard let transferAt = try later(0.05) else {
                progress(index + 1, count)
                continue
            }
            try await act(.transfer, team.desk, at: transferAt)
            if dossier.state.status == .inProgress, let at = try later(0.02) {
                try await act(.assign(userID: team.officer.userID), team.head, at: at)
            }
            if random.chance(0.1), dossier.state.status == .inProgress, let at = try later(0.2) {
                try await act(.requestSupplement, team.officer, "Đề nghị bổ sung bản sao giấy tờ", at: at)
                guard let resume = try later(0.5) else {
                    progress(index + 1, count)
                    continue
                }
                try await act(.supplementReceived, team.officer, at: resume)
            }
            var apologised = false
            while [.inProgress, .interAgency].contains(dossier.state.status) {
                let step = version.procedure.steps[dossier.state.step]
                let share = Double(Self.limitSeconds(step.budget)) / max(total, 1)
                guard let at = try later(max(share, 0.05)) else { break }
                if !apologised, pace > 1.2, let due = dossier.dueAt, at > due, time.addingTimeInterval(60) < (dossier.appointmentAt ?? due)
                {
                    try await act(
                        .issueApology, team.officer, "Cần thêm thời gian xác minh", appointment: at.addingTimeInterval(86_400),
                        at: time.addingTimeInterval(60))
                    apologised = true
                }
                let actor = step.role == .unitHead ? team.head : team.officer
                try await act(dossier.state.status == .interAgency ? .interAgencyReturned : .completeStep, actor, at: at)
            }
            if dossier.state.status == .resultReady, let at = try later(0.05) { try await act(.returnResult, team.desk, at: at) }
            if let ratings, DossierRating.canRate(dossier.state.status), random.chance(0.35), let at = try later(0.1) {
                let late = (dossier.finishedAt ?? time) > (dossier.dueAt ?? .distantFuture)
                let rating = Self.syntheticRating(late: late, feeDue: version.procedure.hasFee, criteria: ratings, random: &random)
                try await RatingStore(database).rate(
                    dossier.id, rating, criteria: ratings.applicable(feeDue: version.procedure.hasFee),
                    channel: [.portal, .desk, .link][Int.random(in: 0...2, using: &random)], at: at)
            }
            progress(index + 1, count)
        }
        return summary
    }

    /// How a synthetic applicant rates a dossier: most are satisfied, fewer when the result came late; each
    /// criterion that applies follows the overall level, and some unhappy applicants say why.
    static func syntheticRating(late: Bool, feeDue: Bool, criteria: RatingCriteria, random: inout SeededRandom) -> DossierRating {
        let shares = late ? [0.15, 0.20, 0.30, 0.25, 0.10] : [0.03, 0.05, 0.12, 0.35, 0.45]
        var roll = Double.random(in: 0..<1, using: &random), overall = 1
        for share in shares.dropLast() where roll >= share {
            roll -= share
            overall += 1
        }
        var answers: [String: Int] = [:]
        for criterion in criteria.applicable(feeDue: feeDue).criteria {
            let top = criterion.scale.count - 1
            let level =
                overall >= 4
                ? (random.chance(0.9) ? top : top - 1)
                : (overall == 3
                    ? Int.random(in: (top - 1)...top, using: &random)
                    : Int.random(in: 0...(top - 1), using: &random))
            answers[criterion.code] = level
        }
        let complaints = [
            "Phải đi lại nhiều lần.", "Trả kết quả chậm so với giấy hẹn.", "Hướng dẫn chưa rõ ràng, phải bổ sung giấy tờ.",
            "Thời gian chờ tại quầy lâu.",
        ]
        let comment = overall <= 2 && random.chance(0.6) ? complaints[Int.random(in: 0..<complaints.count, using: &random)] : ""
        return DossierRating(overall: overall, answers: answers, comment: comment)
    }

    /// A limit as office seconds of the standard hours (a rough pace for the simulation; 0 days counts as half a day).
    static func limitSeconds(_ limit: TimeLimit) -> Int {
        switch limit {
        case .workingDays(let halfDays): max(halfDays, 1) * OfficeHours.standard.daySeconds / 2
        case .workingHours(let minutes): minutes * 60
        }
    }
}
