import Domain
import Foundation
import HTTPTypes
import HummingbirdTesting
import Persistence
import Testing
import Web

@testable import Services

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
            #expect(html.contains("200.000\u{00A0}đ") && html.contains("Giấy tờ cần chuẩn bị"))
            #expect(html.contains("1 bản chính") && !html.contains("Bản sao 0"))
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

    /// The home page serves citizens: a search, tracking by code, filing online, the procedures most filed and the
    /// catalogue by life event, each figure the same as the list it links to (issue 22).
    @Test func theHomePageLeadsCitizensToTheirProcedure() async throws {
        try await withApp { client, services in
            try await seed(services)
            let ward = try #require(try await services.units.find(code: "00070", validOn: LocalDate(iso: "2026-01-01")!)).id
            let desk = try await services.accounts.create(
                username: "motcua", displayName: "Một cửa", password: testPassword,
                grants: [Grant(role: .deskOfficer, unitID: ward)], actorID: nil)
            for code in ["DEMO-HT-02", "DEMO-HT-05", "DEMO-HT-02"] {
                _ = try await services.desk.receive(
                    .init(
                        procedureCode: code, receivingUnitID: ward, channel: .inPerson,
                        applicant: Applicant(kind: .person, name: "Đỗ Minh", identifier: "001095012345", phone: "0912 345 678")),
                    by: DossierWorkflow.Actor(userID: desk, roles: [.deskOfficer]), at: services.clock(), day: services.today())
            }
            let home = try await client.execute(uri: "/", method: .get).text
            #expect(home.contains(#"<form class="search-hero" action="/procedures" method="get""#))
            #expect(home.contains(#"action="/track" method="get""#) && home.contains(#"name="code""#))
            // Most filed first, with their numbers of dossiers; a procedure nobody filed is not listed.
            let marriage = try #require(home.range(of: "Đăng ký kết hôn</a>"))
            let correction = try #require(home.range(of: "Đăng ký thay đổi, cải chính, bổ sung thông tin hộ tịch</a>"))
            #expect(marriage.lowerBound < correction.lowerBound)
            #expect(home.contains("trực tuyến một phần, 2 hồ sơ"))
            #expect(!home.contains("Đăng ký khai sinh</a>"))
            // Each count on the page is the length of the list behind its link.
            func count(_ query: String) async throws -> Int {
                let api = try await client.execute(uri: "/api/v1/procedures?\(query)", method: .get)
                return try JSONDecoder().decode([String: [[String: AnyCodable]]].self, from: Data(buffer: api.body))["procedures"]?.count
                    ?? -1
            }
            #expect(home.contains("\(try await count("online=1")) thủ tục nộp được trên mạng"))
            #expect(home.contains("\(try await count("")) thủ tục đang được công bố"))
            for event in LifeEvent.all {
                let listed = try await count("event=\(event.id)")
                #expect(home.contains(#"href="/procedures?event=\#(event.id)""#) == (listed > 0), "\(event.id)")
            }
            let marriageCount = try await count("event=ket-hon")
            #expect(marriageCount == 2)
            #expect(home.contains("Đăng ký kết hôn, xác nhận tình trạng hôn nhân.</p><p class=\"hint\">2 thủ tục"))
        }
    }

    @Test func listsByLifeEventAndOnlineFilingAndSaysWhenNothingIsFound() async throws {
        try await withApp { client, services in
            try await seed(services)
            let event = try await client.execute(uri: "/procedures?event=ket-hon", method: .get).text
            #expect(event.contains("Thủ tục theo sự kiện: Kết hôn"))
            #expect(event.contains("Xác nhận tình trạng hôn nhân") && !event.contains("Đăng ký khai sinh"))
            #expect(event.contains(#"<input type="hidden" name="event" value="ket-hon"/>"#))
            let online = try await client.execute(uri: "/procedures?online=1", method: .get).text
            #expect(online.contains("Nộp hồ sơ trực tuyến") && online.contains("Đăng ký khai sinh"))
            #expect(!online.contains("Chứng thực bản sao từ bản chính"))
            let unknown = try await client.execute(uri: "/api/v1/procedures?event=khong-co", method: .get)
            #expect(unknown.status == .badRequest)
            let none = try await client.execute(uri: "/procedures?q=xyzzy", method: .get).text
            #expect(none.contains("Không tìm thấy thủ tục nào.") && none.contains("gõ ít từ hơn"))
            #expect(!none.contains("<table"))
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
