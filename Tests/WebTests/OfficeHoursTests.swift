import Domain
import Foundation
import HTTPTypes
import HummingbirdTesting
import Persistence
import Testing
import Web

@testable import Services

/// A unit's own office hours: set by its head (or the secretariat, or an administrator), audited, and used
/// by the due-date calculator for that unit.
@Suite struct OfficeHoursTests {
    let password = testPassword

    func wards(_ services: AppServices) async throws -> (hoanKiem: Int64, cuaNam: Int64) {
        let day = LocalDate(iso: "2026-01-01")!
        let hoanKiem = try #require(try await services.units.find(code: "00070", validOn: day))
        let cuaNam = try #require(try await services.units.find(code: "00073", validOn: day))
        _ = try await services.accounts.create(
            username: "lanhdao.hk", displayName: "Lãnh đạo Hoàn Kiếm", password: password,
            grants: [Grant(role: .unitHead, unitID: hoanKiem.id), Grant(role: .deskOfficer, unitID: cuaNam.id)], actorID: nil)
        return (hoanKiem.id, cuaNam.id)
    }

    @Test func aUnitHeadSetsTheHoursAndTheCalculatorUsesThem() async throws {
        try await withApp { client, services in
            let ids = try await wards(services)
            let head = try await Browser.signedIn(client, as: "lanhdao.hk")
            let page = try await head.get("/units/\(ids.hoanKiem)")
            #expect(page.text.contains("Đặt giờ làm việc của đơn vị"))
            #expect(page.text.contains("08:00-12:00 và 13:00-17:00 (giờ chung)"))
            let saved = try await head.post("/units/\(ids.hoanKiem)/office-hours", form: ["hours": "07:30-11:30,13:30-17:30"])
            #expect(saved.status == .seeOther)
            #expect(
                try await CalendarStore(services.database.sql).officeHours(of: ids.hoanKiem)
                    == (try OfficeHours(parsing: "07:30-11:30,13:30-17:30")))
            let history = try await AuditTrail.entries(objectType: "unit", objectID: String(ids.hoanKiem), on: services.database.sql)
            #expect(history.first?.action == "unit.officeHours")
            // A dossier received Monday 09:10 with 0.5 day ends at the unit's own closing time.
            let due = try await client.execute(
                uri: "/calendar/due?received=2026-03-02T09:10&amount=0.5&unit=days&unitID=\(ids.hoanKiem)", method: .get)
            #expect(due.text.contains("Hẹn trả kết quả: 02/03/2026 17:30"))
            let common = try await client.execute(uri: "/calendar/due?received=2026-03-02T09:10&amount=0.5&unit=days", method: .get)
            #expect(common.text.contains("Hẹn trả kết quả: 02/03/2026 17:00"))
        }
    }

    @Test(arguments: ["8h-12h", "13:00-17:00,08:00-12:00", "08:00-12:00", "08:00-25:00,13:00-17:00"])
    func badHoursAreRefusedAndNothingChanges(hours: String) async throws {
        try await withApp { client, services in
            let ids = try await wards(services)
            let head = try await Browser.signedIn(client, as: "lanhdao.hk")
            try await head.get("/units/\(ids.hoanKiem)")
            let response = try await head.post("/units/\(ids.hoanKiem)/office-hours", form: ["hours": hours])
            #expect(response.status == .badRequest)
            #expect(response.text.contains("Giờ làm việc phải có dạng") || response.text.contains("Buổi sáng phải kết thúc"))
            #expect(try await CalendarStore(services.database.sql).officeHours(of: ids.hoanKiem) == nil)
        }
    }

    @Test func aDeskOfficerGrantDoesNotAllowSettingHours() async throws {
        try await withApp { client, services in
            let ids = try await wards(services)
            let head = try await Browser.signedIn(client, as: "lanhdao.hk")
            let page = try await head.get("/units/\(ids.cuaNam)")
            #expect(!page.text.contains("Đặt giờ làm việc của đơn vị"))
            try await head.get("/units/\(ids.hoanKiem)")
            #expect(
                try await head.post("/units/\(ids.cuaNam)/office-hours", form: ["hours": "07:00-11:00,13:00-17:00"]).status == .forbidden)
            #expect(try await CalendarStore(services.database.sql).officeHours(of: ids.cuaNam) == nil)
        }
    }
}
