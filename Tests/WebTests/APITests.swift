import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing
import Web

@Suite struct APITests {
    struct UnitList: Decodable {
        struct Unit: Decodable { var id: Int64; var code: String; var name: String; var kind: String; var parentId: Int64?; var validFrom: String?; var validTo: String?; var isDemo: Bool }
        var units: [Unit]
    }

    @Test func listsEveryUnitPublicly() async throws {
        try await withApp { client, _ in
            let response = try await client.execute(uri: "/api/v1/units", method: .get)
            #expect(response.status == .ok)
            let list = try JSONDecoder().decode(UnitList.self, from: Data(buffer: response.body))
            #expect(list.units.count == 683)
            let current = try JSONDecoder().decode(UnitList.self, from: Data(buffer: try await client.execute(uri: "/api/v1/units?validOn=2026-01-01&kind=ward", method: .get).body))
            #expect(current.units.count == 51)
            #expect(current.units.allSatisfy { $0.validFrom == "2025-07-01" && $0.validTo == nil })
        }
    }

    @Test(arguments: ["/api/v1/units?kind=planet", "/api/v1/units?validOn=31/12/2025"])
    func badParametersGetATypedError(uri: String) async throws {
        try await withApp { client, _ in
            let response = try await client.execute(uri: uri, method: .get)
            #expect(response.status == .badRequest)
            let error = try JSONDecoder().decode([String: [String: String]].self, from: Data(buffer: response.body))
            #expect(error["error"]?["code"] == "bad_request")
        }
    }

    @Test func everyAPIRouteIsDescribedInOpenAPI() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let spec = try String(contentsOf: root.appendingPathComponent("openapi.yaml"), encoding: .utf8)
        for path in ["/api/v1/units:", "/api/v1/units/{id}:", "/api/v1/me:", "/api/v1/users:", "/api/v1/users/{id}:",
                     "/api/v1/procedures:", "/api/v1/procedures/{code}:", "/api/v1/statistics:"] {
            #expect(spec.contains("  \(path)"), "openapi.yaml lacks \(path)")
        }
    }
}
