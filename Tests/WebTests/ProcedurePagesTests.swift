import Domain
import Foundation
import HTTPTypes
import HummingbirdTesting
import Persistence
import Testing
import Web

/// The public catalogue pages and API, on the demo catalogue.
@Suite struct ProcedurePagesTests {
    func seed(_ services: AppServices) async throws {
        try await DemoCatalogue.load(on: services.database, at: Date())
    }

    @Test(arguments: ["khai sinh", "KHAI SINH", "Khai Sinh", "đăng ký khai sinh", "DEMO-HT-01"])
    func searchIgnoresDiacriticsAndCaseOnThePageAndInTheAPI(query: String) async throws {
        try await withApp { client, services in
            try await seed(services)
            let encoded = query.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            let page = try await client.execute(uri: "/procedures?q=\(encoded)", method: .get)
            #expect(page.status == .ok)
            #expect(page.text.contains("Đăng ký khai sinh"))
            #expect(page.text.contains("1 thủ tục"))
            let api = try await client.execute(uri: "/api/v1/procedures?q=\(encoded)", method: .get)
            let list = try JSONDecoder().decode([String: [[String: AnyCodable]]].self, from: Data(buffer: api.body))
            #expect(list["procedures"]?.compactMap { $0["code"]?.text } == ["DEMO-HT-01"])
        }
    }

    @Test func aProcedurePageShowsStepsUnitsAndDelegation() async throws {
        try await withApp { client, services in
            try await seed(services)
            let page = try await client.execute(uri: "/procedures/DEMO-TP-01", method: .get)
            #expect(page.status == .ok)
            let html = page.text
            #expect(html.contains("Cấp Phiếu lý lịch tư pháp"))
            #expect(html.contains("200.000 đ"))
            #expect(html.contains("Thẩm định, dự thảo kết quả"))
            #expect(html.contains("Quyết định ủy quyền mẫu số 01/QĐ-DEMO"))
            #expect(html.contains("Sở Tư pháp"))
            #expect(html.contains("Thủ tục mẫu"))
            #expect(try await client.execute(uri: "/procedures/NO-SUCH", method: .get).status == .notFound)
        }
    }

    @Test func filtersByFieldAndOnlineLevel() async throws {
        try await withApp { client, services in
            try await seed(services)
            let inPerson = try await client.execute(uri: "/api/v1/procedures?onlineLevel=inPerson", method: .get)
            let levels = try JSONDecoder().decode([String: [[String: AnyCodable]]].self, from: Data(buffer: inPerson.body))
            #expect(levels["procedures"]?.allSatisfy { $0["onlineLevel"]?.text == "inPerson" } == true)
            #expect(levels["procedures"]?.isEmpty == false)
            let page = try await client.execute(uri: "/procedures?field=H%E1%BB%99+t%E1%BB%8Bch", method: .get)
            #expect(page.text.contains("Đăng ký kết hôn"))
            #expect(!page.text.contains("Cấp giấy phép xây dựng"))
            #expect(try await client.execute(uri: "/api/v1/procedures?onlineLevel=pigeon", method: .get).status == .badRequest)
        }
    }

    @Test func browsesByTheUnitWhereOneFiles() async throws {
        try await withApp { client, services in
            try await seed(services)
            let ward = try #require(try await services.units.find(code: "00070", validOn: LocalDate(iso: "2026-01-01")!))
            let all = try await client.execute(uri: "/procedures", method: .get)
            #expect(all.text.contains("<option value=\"\(ward.id)\">\(ward.name)</option>"))
            let atWard = try await client.execute(uri: "/procedures?unitId=\(ward.id)", method: .get)
            // The ward receives its own procedures (civil status) but not a department's (a building licence for professionals).
            #expect(atWard.text.contains("Đăng ký kết hôn") && !atWard.text.contains("Cấp chứng chỉ hành nghề hoạt động xây dựng"))
            #expect(atWard.text.contains("<option value=\"\(ward.id)\" selected"))
            #expect(try await client.execute(uri: "/procedures?unitId=abc", method: .get).status == .badRequest)
        }
    }
}

/// Enough of a JSON value to read strings out of API answers in tests.
struct AnyCodable: Decodable {
    var text: String?
    init(from decoder: any Decoder) throws {
        text = try? decoder.singleValueContainer().decode(String.self)
    }
}
