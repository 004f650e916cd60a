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

    /// Makes `count` dossiers received in [from, to) at the given units (by code, valid on `to`).
    @discardableResult
    public func make(
        count: Int, seed: UInt64, unitCodes: [String], from: LocalDate, to: LocalDate, now: Date,
        progress: @escaping @Sendable (Int, Int) -> Void = { _, _ in }
    ) async throws -> Summary {
        var random = SeededRandom(seed: seed)
        let clock = LocalClock()
        let units = UnitStore(database.sql)
        var staff: [(unit: OrgUnit, desk: DossierWorkflow.Actor, officer: DossierWorkflow.Actor, head: DossierWorkflow.Actor, procedures: [String])] = []
        for code in unitCodes {
            guard let unit = try await units.find(code: code, validOn: to) else { continue }
            let procedures = try await ProcedureStore(database.sql).list(.init(receivingUnitID: unit.id)).map(\.code)
            guard !procedures.isEmpty else { continue }
            var ids: [Int64] = []
            for (suffix, role) in [("motcua", Role.deskOfficer), ("thuly", .caseOfficer), ("lanhdao", .unitHead)] {
                let username = "synthetic.\(suffix).\(unit.code.lowercased())"
                if let existing = try await UserStore(database.sql).credentials(username: username)?.user.id {
                    ids.append(existing)
                } else {
                    ids.append(try await UserStore(database.sql).create(
                        username: username, displayName: "Cán bộ mô phỏng \(unit.name)", email: nil, passwordHash: "!",
                        grants: [Grant(role: role, unitID: unit.id)], isDemo: true, at: now))
                }
            }
            staff.append((unit, .init(userID: ids[0], roles: [.deskOfficer]), .init(userID: ids[1], roles: [.caseOfficer]),
                          .init(userID: ids[2], roles: [.unitHead]), procedures))
        }
        guard !staff.isEmpty else { return Summary() }
        let days = (0...from.days(to: to)).map { from.adding(days: $0) }.filter { calendar.isWorkingDay($0) }
        guard !days.isEmpty else { return Summary() }
        let givenNames = ["An", "Bình", "Chi", "Dũng", "Giang", "Hà", "Hải", "Hoa", "Hùng", "Lan", "Linh", "Minh", "Nam", "Ngọc", "Phương", "Quân", "Sơn", "Thảo", "Trang", "Tuấn"]
        let familyNames = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ"]
        let middleNames = ["Văn", "Thị", "Minh", "Thu", "Đức", "Ngọc", "Quang", "Thanh"]
        var summary = Summary()
        for index in 0..<count {
            let team = staff[Int.random(in: 0..<staff.count, using: &random)]
            let day = days[Int.random(in: 0..<days.count, using: &random)]
            let minute = [8 * 60, 13 * 60][Int.random(in: 0...1, using: &random)] + Int.random(in: 0..<235, using: &random)
            guard let received = clock.instant(parsing: day.iso + String(format: "T%02d:%02d", minute / 60, minute % 60)), received < now else { continue }
            let female = random.chance(0.5)
            let birthYear = Int.random(in: 1950...2006, using: &random)
            let identifier = "001" + String((birthYear >= 2000 ? 2 : 0) + (female ? 1 : 0)) + String(format: "%02d%06d", birthYear % 100, Int.random(in: 0..<1_000_000, using: &random))
            let name = "\(familyNames.randomElement(using: &random)!) \(female ? "Thị" : middleNames.randomElement(using: &random)!) \(givenNames.randomElement(using: &random)!)"
            let channel: Channel = random.chance(0.55) ? .online : (random.chance(0.9) ? .inPerson : .post)
            let procedure = team.procedures[Int.random(in: 0..<team.procedures.count, using: &random)]
            // About one applicant in five gives no phone number (reached on paper by the SIPAS surveys).
            let number = Int.random(in: 0..<100_000_000, using: &random)
            let phone = number % 5 == 0 ? nil : String(format: "09%08d", number)
            var dossier = try await desk.receive(
                .init(procedureCode: procedure, receivingUnitID: team.unit.id, channel: channel,
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
            func act(_ action: DossierWorkflow.Action, _ actor: DossierWorkflow.Actor, _ reason: String = "", appointment: Date? = nil, at: Date) async throws {
                dossier = try await desk.act(action, on: dossier.id, seenLockVersion: dossier.lockVersion, by: actor, reason: reason,
                                             newAppointment: appointment, at: at)
                time = at
                summary.events += 1
            }
            if random.chance(0.03), let at = try later(0.02) {
                try await act(.withdraw, team.desk, "Người nộp đề nghị rút hồ sơ", at: at)
                progress(index + 1, count)
                continue
            }
            guard let transferAt = try later(0.05) else { progress(index + 1, count); continue }
            try await act(.transfer, team.desk, at: transferAt)
            if dossier.state.status == .inProgress, let at = try later(0.02) { try await act(.assign(userID: team.officer.userID), team.head, at: at) }
            if random.chance(0.1), dossier.state.status == .inProgress, let at = try later(0.2) {
                try await act(.requestSupplement, team.officer, "Đề nghị bổ sung bản sao giấy tờ", at: at)
                guard let resume = try later(0.5) else { progress(index + 1, count); continue }
                try await act(.supplementReceived, team.officer, at: resume)
            }
            var apologised = false
            while [.inProgress, .interAgency].contains(dossier.state.status) {
                let step = version.procedure.steps[dossier.state.step]
                let share = Double(Self.limitSeconds(step.budget)) / max(total, 1)
                guard let at = try later(max(share, 0.05)) else { break }
                if !apologised, pace > 1.2, let due = dossier.dueAt, at > due, time.addingTimeInterval(60) < (dossier.appointmentAt ?? due) {
                    try await act(.issueApology, team.officer, "Cần thêm thời gian xác minh", appointment: at.addingTimeInterval(86_400), at: time.addingTimeInterval(60))
                    apologised = true
                }
                let actor = step.role == .unitHead ? team.head : team.officer
                try await act(dossier.state.status == .interAgency ? .interAgencyReturned : .completeStep, actor, at: at)
            }
            if dossier.state.status == .resultReady, let at = try later(0.05) { try await act(.returnResult, team.desk, at: at) }
            progress(index + 1, count)
        }
        return summary
    }

    /// A limit as office seconds of the standard hours (a rough pace for the simulation; 0 days counts as half a day).
    static func limitSeconds(_ limit: TimeLimit) -> Int {
        switch limit {
        case .workingDays(let halfDays): max(halfDays, 1) * OfficeHours.standard.daySeconds / 2
        case .workingHours(let minutes): minutes * 60
        }
    }
}
