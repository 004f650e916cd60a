import Domain
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import Services
@testable import Web

@Suite struct APITests {
    struct UnitList: Decodable {
        struct Unit: Decodable {
            var id: Int64
            var code: String
            var name: String
            var kind: String
            var parentId: Int64?
            var validFrom: String?
            var validTo: String?
            var isDemo: Bool
        }
        var units: [Unit]
    }

    @Test func listsEveryUnitPublicly() async throws {
        try await withApp { client, _ in
            let response = try await client.execute(uri: "/api/v1/units", method: .get)
            #expect(response.status == .ok)
            let list = try JSONDecoder().decode(UnitList.self, from: Data(buffer: response.body))
            #expect(list.units.count == 683)
            let current = try JSONDecoder().decode(
                UnitList.self,
                from: Data(buffer: try await client.execute(uri: "/api/v1/units?validOn=2026-01-01&kind=ward", method: .get).body))
            #expect(current.units.count == 51)
            #expect(current.units.allSatisfy { $0.validFrom == "2025-07-01" && $0.validTo == nil })
        }
    }

    static let badParameters = [
        "/api/v1/units?kind=planet", "/api/v1/units?validOn=31/12/2025", "/api/v1/units?kind=",
        "/api/v1/procedures?unitId=", "/api/v1/procedures?unitId=x", "/api/v1/statistics?from=",
        "/api/v1/procedures?online=AAA", "/api/v1/procedures?event=", "/api/v1/procedures?event=khong-co",
    ]

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
        for path in [
            "/api/v1/units:", "/api/v1/units/{id}:", "/api/v1/me:", "/api/v1/users:", "/api/v1/users/{id}:",
            "/api/v1/procedures:", "/api/v1/procedures/{code}:", "/api/v1/statistics:",
        ] {
            #expect(spec.contains("  \(path)"), "openapi.yaml lacks \(path)")
        }
        let roles = spec.split(separator: "\n").drop { !$0.hasPrefix("    Role:") }.first { $0.contains("enum:") }
        #expect(
            roles?.contains("[\(Role.allCases.map(\.rawValue).joined(separator: ", "))]") == true, "openapi.yaml's Role lists every role")
        // The query parameters the spec types as numbers, dates or choices are those the API refuses empty.
        let typed = spec.split(separator: "\n").filter { $0.contains("in: query") && !$0.contains("schema: { type: string }") }
            .compactMap { $0.firstMatch(of: /name: (\w+)/).map { String($0.1) } }
        #expect(Set(typed) == APIQueryMiddleware.typed)
        // The life events the spec enumerates are those the catalogue knows.
        let events = spec.split(separator: "\n").first { $0.contains("name: event, in: query") }
        #expect(
            events?.contains("enum: [\(LifeEvent.all.map { "\"\($0.id)\"" }.joined(separator: ", "))]") == true,
            "openapi.yaml's event lists every LifeEvent")
    }

    /// A procedure with every optional part filled in encodes only names the spec's `Procedure` schema declares
    /// (the schema refuses additional properties, so a field added to the domain must be added to the spec too).
    @Test func theProcedureSchemaNamesEveryFieldAProcedureCanHold() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let spec = try String(contentsOf: root.appendingPathComponent("openapi.yaml"), encoding: .utf8)
        let schemas =
            spec.split(separator: "\n").drop { !$0.hasPrefix("    Procedure:") }.prefix { !$0.hasPrefix("    UnitRef:") }
            + spec.split(separator: "\n").drop { !$0.hasPrefix("    TimeLimit:") }.dropFirst().prefix {
                !$0.hasPrefix("    ") || $0.hasPrefix("     ")
            }
        let declared = Set(schemas.joined(separator: "\n").matches(of: /(\w+):/).map { String($0.1) })
        let declaration = DeclarationForm(
            title: "Tờ khai", replaces: "Tờ khai", source: "Thông tư",
            sections: [
                .init(
                    title: "Người yêu cầu",
                    fields: DeclarationForm.Kind.allCases.map {
                        .init(key: $0.rawValue.lowercased(), label: "Ô", kind: $0, required: false, hint: "Gợi ý", options: ["Một"])
                    })
            ])
        var procedure = Procedure(
            code: "X", name: "Thủ tục", field: "Hộ tịch", level: .commune, timeLimit: .workingDays(halfDays: 0),
            fees: [.init(name: "Lệ phí", amount: 1)],
            documents: [.init(name: "Tờ khai", originals: 1, copies: 0)], onlineLevel: .fullyOnline, receivingUnits: ["00070"],
            processingUnits: ["00070"], isBoundaryFree: true,
            delegation: .init(authority: "UBND", until: try #require(LocalDate(year: 2027, month: 1, day: 1)), reference: "Quyết định"),
            steps: [.init(name: "Thẩm định", role: .caseOfficer, budget: .workingDays(halfDays: 2), otherAgency: "Sở")],
            legalBasis: "Luật", declaration: declaration)
        procedure.sameDay = SameDayRule(cutoffMinute: 900, source: "Quyết định")
        func keys(_ value: Any) -> Set<String> {
            if let object = value as? [String: Any] { return object.reduce(into: Set(object.keys)) { $0.formUnion(keys($1.value)) } }
            if let array = value as? [Any] { return array.reduce(into: []) { $0.formUnion(keys($1)) } }
            return []
        }
        let encoded = keys(try JSONSerialization.jsonObject(with: JSONEncoder().encode(procedure)))
        #expect(encoded.subtracting(declared).isEmpty, "openapi.yaml's Procedure lacks \(encoded.subtracting(declared).sorted())")
        let kinds = schemas.first { $0.contains("kind: { type: string, enum:") }
        #expect(
            kinds?.contains("[\(DeclarationForm.Kind.allCases.map(\.rawValue).joined(separator: ", "))]") == true,
            "openapi.yaml's declaration kinds are DeclarationForm.Kind's")
    }

    /// Methods the site does not use (the API: anything but reading) are answered 405 with Allow, not refused as a forged form.
    @Test(arguments: [
        ("/api/v1/units", HTTPRequest.Method.put), ("/api/v1/me", .delete), ("/api/v1/me", .post), ("/", .trace), ("/sign-in", .patch),
    ])
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
