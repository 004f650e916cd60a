import Domain
import Foundation
import Persistence

/// Demonstration data: Hanoi's real units, demo departments, demo procedures, and one account per role. Running it twice
/// changes nothing. The demo password is printed for trying the product and must never be used in service.
public enum DemoData {
    public static let password = "thu nghiem mot cua ha noi"

    public struct Login: Sendable, Equatable {
        public var username: String
        public var displayName: String
        public var role: Role
        public var unitName: String?
    }

    /// Seeds everything and returns the demo logins.
    public static func seed(services: AppServices) async throws -> [Login] {
        let now = services.clock()
        let departments = try await DemoCatalogue.load(on: services.database, at: now)
        let cityID = try await HanoiUnitImport.cityID(on: services.database.sql)
        let units = services.units
        let day = LocalDate(year: 2025, month: 7, day: 1)!
        let hoanKiem = try await units.find(code: "00070", validOn: day)
        let cuaNam = try await units.find(code: "00073", validOn: day)
        let homeAffairs = departments["DEMO-SNV"]
        let people: [(String, String, Role, Int64?)] = [
            ("quantri", "Quản trị hệ thống (mẫu)", .admin, nil),
            ("lanhdao.thanhpho", "Lãnh đạo Thành phố (mẫu)", .cityLeader, cityID),
            ("thuky.totcongtac", "Thư ký Tổ công tác (mẫu)", .secretariat, homeAffairs),
            ("hoidong.thamdinh", "Thành viên Hội đồng thẩm định (mẫu)", .appraisalCouncil, homeAffairs),
            ("dieutra.1", "Điều tra viên SIPAS số 1 (mẫu)", .surveyor, homeAffairs),
            ("dieutra.2", "Điều tra viên SIPAS số 2 (mẫu)", .surveyor, homeAffairs),
            ("lanhdao.sonoivu", "Lãnh đạo Sở Nội vụ (mẫu)", .unitHead, homeAffairs),
            ("lanhdao.sotuphap", "Lãnh đạo Sở Tư pháp (mẫu)", .unitHead, departments["DEMO-STP"]),
            ("lanhdao.hoankiem", "Lãnh đạo UBND phường Hoàn Kiếm (mẫu)", .unitHead, hoanKiem?.id),
            ("motcua.hoankiem", "Cán bộ Một cửa phường Hoàn Kiếm (mẫu)", .deskOfficer, hoanKiem?.id),
            ("thuly.hoankiem", "Chuyên viên phường Hoàn Kiếm (mẫu)", .caseOfficer, hoanKiem?.id),
            ("lanhdao.cuanam", "Lãnh đạo UBND phường Cửa Nam (mẫu)", .unitHead, cuaNam?.id),
            ("congdan.mau", "Nguyễn Văn An (công dân mẫu)", .citizen, nil),
        ]
        var logins: [Login] = []
        for (username, name, role, unitID) in people {
            if try await services.users.credentials(username: username) == nil {
                _ = try await services.accounts.create(
                    username: username, displayName: name, password: password, grants: [Grant(role: role, unitID: unitID)],
                    isDemo: true, actorID: nil)
            }
            let unitName = try await unitID.asyncMap { try await units.find(id: $0)?.name } ?? nil
            logins.append(Login(username: username, displayName: name, role: role, unitName: unitName))
        }
        if let citizen = try await services.users.credentials(username: "congdan.mau")?.user.id {
            // The demo citizen can file online at once: a made-up ID (male, born 1990) and the consent to handling.
            try await CitizenAccounts(services.database).recordProfile(
                of: citizen, personalID: "001090012345", phone: nil, verifiedBy: "demo", consents: [.handling], at: now)
        }
        if try await services.dossiers.codes(receivedBy: hoanKiem?.id ?? 0).isEmpty {
            // About 150 dossiers of the last two months at the two demo wards, so that queues and statistics have content.
            let today = services.today()
            try await SyntheticDossiers(database: services.database, desk: services.desk, calendar: try await services.workingCalendar())
                .make(count: 150, seed: 2026, unitCodes: ["00070", "00073"], from: today.adding(days: -60), to: today, now: now)
        }
        // The sample PAR framework, ready for a round (marked a sample on every page).
        if try await services.par.frameworks().isEmpty {
            try await services.par.load(try PARFrameworks.shippedSample(), by: nil, at: now)
        }
        // The reform tasks of Notice 90/TB-VP (2022 and 2023 plans, marked demo), urged as of 10/04/2023.
        if let office = departments["DEMO-VP"], let homeAffairs, let justice = departments["DEMO-STP"],
           let district = try await units.find(code: "002", validOn: LocalDate(year: 2023, month: 3, day: 1)!),
           let planID = try await DemoReformPlan.seed(on: services.database, files: services.files,
                                                      units: .init(cityOffice: office, homeAffairs: homeAffairs, justice: justice, hoanKiemDistrict: district.id),
                                                      calendar: try await services.workingCalendar(), at: now),
           let plan = try await services.reform.plan(id: planID) {
            try await services.urge(plan: plan, asOf: DemoReformPlan.asOf, rules: ReformUrging(window: 10, escalateAfter: 10), by: nil)
        }
        return logins
    }
}
