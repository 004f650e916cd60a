import Domain
import Foundation
import Testing

@Suite struct LocalDateTests {
    @Test(arguments: [
        ("2025-07-01", "01/07/2025"),
        ("2024-02-29", "29/02/2024"),
        ("2000-02-29", "29/02/2000"),
    ])
    func parsesAndFormats(iso: String, vietnamese: String) throws {
        let date = try #require(LocalDate(iso: iso))
        #expect(date.iso == iso)
        #expect(date.vietnamese == vietnamese)
    }

    @Test(arguments: ["2025-02-29", "1900-02-29", "2025-13-01", "2025-04-31", "25-07-01", "2025-7-1", "", "2025-07-01T00:00"])
    func rejectsDatesThatDoNotExist(text: String) {
        #expect(LocalDate(iso: text) == nil)
    }

    @Test func ordersChronologically() throws {
        let a = try #require(LocalDate(iso: "2025-06-30"))
        let b = try #require(LocalDate(iso: "2025-07-01"))
        #expect(a < b)
        let unit = OrgUnit(id: 1, code: "00070", name: "Phường Hàng Trống", kind: .ward, parentID: nil, validFrom: nil, validTo: a)
        #expect(unit.isValid(on: a))
        #expect(!unit.isValid(on: b))
    }

    @Test func decodesFromJSONAndRejectsBadText() throws {
        let good = try JSONDecoder().decode([LocalDate].self, from: Data(#"["2026-02-17"]"#.utf8))
        #expect(good.first?.iso == "2026-02-17")
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([LocalDate].self, from: Data(#"["17/02/2026"]"#.utf8)) }
    }
}
