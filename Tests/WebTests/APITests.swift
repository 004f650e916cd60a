import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing
import Domain
@testable import Web

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

    static let badParameters = ["/api/v1/units?kind=planet", "/api/v1/units?validOn=31/12/2025", "/api/v1/units?kind=",
                                "/api/v1/procedures?unitId=", "/api/v1/procedures?unitId=x", "/api/v1/statistics?from=",
                                "/api/v1/procedures?online=AAA", "/api/v1/procedures?event=", "/api/v1/procedures?event=khong-co"]

    @Test(arguments: badParameters)
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
        let roles = spec.split(separator: "\n").drop { !$0.hasPrefix("    Role:") }.first { $0.contains("enum:") }
        #expect(roles?.contains("[\(Role.allCases.map(\.rawValue).joined(separator: ", "))]") == true, "openapi.yaml's Role lists every role")
        // The query parameters the spec types as numbers, dates or choices are those the API refuses empty.
        let typed = spec.split(separator: "\n").filter { $0.contains("in: query") && !$0.contains("schema: { type: string }") }
            .compactMap { $0.firstMatch(of: /name: (\w+)/).map { String($0.1) } }
        #expect(Set(typed) == APIQueryMiddleware.typed)
        // The life events the spec enumerates are those the catalogue knows.
        let events = spec.split(separator: "\n").first { $0.contains("name: event, in: query") }
        #expect(events?.contains("enum: [\(LifeEvent.all.map { "\"\($0.id)\"" }.joined(separator: ", "))]") == true, "openapi.yaml's event lists every LifeEvent")
    }

    /// Methods the site does not use (the API: anything but reading) are answered 405 with Allow, not refused as a forged form.
    @Test(arguments: [("/api/v1/units", HTTPRequest.Method.put), ("/api/v1/me", .delete), ("/api/v1/me", .post), ("/", .trace), ("/sign-in", .patch)])
    func unusedMethodsAreNotAllowed(uri: String, method: HTTPRequest.Method) async throws {
        try await withApp { client, _ in
            let response = try await client.execute(uri: uri, method: method)
            #expect(response.status == .methodNotAllowed)
            #expect(response.headers[.allow] == (uri.hasPrefix("/api/") ? "GET, HEAD" : "GET, HEAD, POST"))
            if uri.hasPrefix("/api/") {
                let error = try JSONDecoder().decode([String: [String: String]].self, from: Data(buffer: response.body))
                #expect(error["error"]?["code"] == "method_not_allowed")
            }
        }
    }
}
