import Domain
import Foundation
import Persistence

/// Demonstration data: Hanoi's real units, demo departments, demo procedures, one account per role and a year of
/// the city's activity. Running it twice changes nothing. The demo password is printed for trying the product and
/// must never be used in service.
public enum DemoData {
    public static let password = "thu nghiem mot cua ha noi"

    public struct Login: Sendable, Equatable {
        public var username: String
        public var displayName: String
        public var role: Role
        public var unitName: String?
    }

    /// How much of the city to load.
    public enum Scale: String, Sendable, CaseIterable {
        /// A year of the whole city's activity (docs/FOUNDATION.md, "The demo"): under a minute on SQLite.
        case city
        /// The two demo wards' last two months only, with the PAR sample framework and the reform tasks: for tests
        /// that bring their own data (seconds, a few megabytes).
        case wards
    }

    /// Seeds everything and returns the demo logins; on a database seeded before, nothing changes.
    public static func seed(services: AppServices, scale: Scale = .city) async throws -> [Login] {
        try await seed(services: services, scale: scale, dossiersAYear: DemoDossiers.yearly)
    }

    /// `dossiersAYear`: how many dossiers the city receives over the year (tests use fewer).
    package static func seed(services: AppServices, scale: Scale, dossiersAYear: Int) async throws -> [Login] {
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
        func id(_ username: String) async throws -> Int64? { try await services.users.credentials(username: username)?.user.id }
        if let citizen = try await id("congdan.mau") {
            // The demo citizen can file online at once: a made-up ID (male, born 1990) and the consent to handling.
            try await CitizenAccounts(services.database).recordProfile(
                of: citizen, personalID: "001090012345", phone: nil, verifiedBy: "demo", consents: [.handling], at: now)
        }
        // The demo wards' last two months through the desk; for the city, a year of dossiers and ratings everywhere,
        // feedback, a SIPAS campaign and last year's PAR round (docs/FOUNDATION.md, "The demo").
        if let hoanKiem, try await services.dossiers.codes(receivedBy: hoanKiem.id).isEmpty {
            var staff: [String: SyntheticDossiers.Staff] = [:]
            if let desk = try await id("motcua.hoankiem"), let officer = try await id("thuly.hoankiem"),
                let head = try await id("lanhdao.hoankiem")
            {
                staff["00070"] = .init(desk: desk, officer: officer, head: head)
            }
            try await DemoDossiers.seed(services: services, staff: staff, cityYear: scale == .city ? dossiersAYear : 0, now: now)
        }
        if scale == .city, try await services.par.rounds().isEmpty {
            var heads: [String: Int64] = [:]
            for (code, username) in [
                ("00070", "lanhdao.hoankiem"), ("00073", "lanhdao.cuanam"), ("DEMO-SNV", "lanhdao.sonoivu"),
                ("DEMO-STP", "lanhdao.sotuphap"),
            ] {
                heads[code] = try await id(username)
            }
            let secretariat = try await id("thuky.totcongtac")
            try await DemoFeedback.seed(services: services, answeredBy: heads, now: now)
            try await DemoSIPASCampaign.seed(services: services, secretariat: secretariat, now: now)
            var headsByUnit: [Int64: Int64] = [:]
            for (code, head) in heads { if let unit = departments[code] { headsByUnit[unit] = head } }
            try await DemoPARRound.seed(
                services: services,
                actors: .init(
                    secretariat: secretariat, council: try await id("hoidong.thamdinh"),
                    leader: try await id("lanhdao.thanhpho"), heads: headsByUnit), now: now)
        }
        // This year's sample PAR framework, ready for a round (marked a sample on every page).
        if try await services.par.frameworks().isEmpty {
            try await services.par.load(try PARFrameworks.shippedSample(), by: nil, at: now)
        }
        // The reform tasks of Notice 90/TB-VP (2022 and 2023 plans, marked demo), urged as of 10/04/2023.
        if let office = departments["DEMO-VP"], let homeAffairs, let justice = departments["DEMO-STP"],
            let district = try await units.find(code: "002", validOn: LocalDate(year: 2023, month: 3, day: 1)!),
            let planID = try await DemoReformPlan.seed(
                on: services.database, files: services.files,
                units: .init(cityOffice: office, homeAffairs: homeAffairs, justice: justice, hoanKiemDistrict: district.id),
                calendar: try await services.workingCalendar(), at: now),
            let plan = try await services.reform.plan(id: planID)
        {
            try await services.urge(plan: plan, asOf: DemoReformPlan.asOf, rules: ReformUrging(window: 10, escalateAfter: 10), by: nil)
        }
        return logins
    }
}
