import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing
import Web

@testable import Services

@Suite struct PagesTests {
    @Test func healthAnswersOK() async throws {
        try await withApp { client, _ in
            let response = try await client.execute(uri: "/healthz", method: .get)
            #expect(response.status == .ok)
            #expect(response.text == "ok")
        }
    }

    @Test func theHomePageIsVietnameseWithSecurityHeaders() async throws {
        try await withApp { client, _ in
            let response = try await client.execute(uri: "/", method: .get)
            #expect(response.status == .ok)
            #expect(response.text.contains(#"<html lang="vi">"#))
            #expect(response.text.contains("Bỏ qua, đến nội dung chính"))
            #expect(response.text.contains("Đăng nhập"))
            let csp = try #require(response.headers[.contentSecurityPolicy])
            #expect(csp.contains("script-src 'self'"))
            #expect(!csp.contains("unsafe-inline"))
            #expect(csp.contains("frame-ancestors 'none'"))
            #expect(response.headers[.xContentTypeOptions] == "nosniff")
            #expect(
                response.headers[values: .setCookie].contains {
                    $0.hasPrefix("motcua_csrf=") && $0.contains("HttpOnly") && $0.contains("SameSite=Strict")
                })
        }
    }

    @Test(arguments: ["hoan+kiem", "hoan%20kiem", "HO%C3%80N+KI%E1%BA%BEM"])
    func unitSearchIgnoresDiacritics(query: String) async throws {
        try await withApp { client, _ in
            let response = try await client.execute(uri: "/units?q=\(query)", method: .get)
            #expect(response.text.contains("Phường Hoàn Kiếm"))
            #expect(response.text.contains("Tìm thấy 1 đơn vị."))
        }
    }

    @Test func aUnitPageShowsItsPredecessors() async throws {
        try await withApp { client, services in
            let unit = try #require(
                try await services.units.list(.init(query: "phuong hoan kiem", validOn: .init(iso: "2026-01-01"))).first)
            let response = try await client.execute(uri: "/units/\(unit.id)", method: .get)
            #expect(response.status == .ok)
            #expect(response.text.contains("Hình thành từ"))
            #expect(response.text.contains("Phường Hàng Trống"))
        }
    }

    @Test(arguments: ["/units/999999", "/units/abc", "/no-such-page"])
    func unknownPagesAnswer404InVietnamese(uri: String) async throws {
        try await withApp { client, _ in
            let response = try await client.execute(uri: uri, method: .get)
            #expect(response.status == .notFound)
            #expect(response.text.contains("Không tìm thấy"))
        }
    }

    @Test func theGlossaryExplainsAbbreviations() async throws {
        try await withApp { client, _ in
            let text = try await client.execute(uri: "/glossary", method: .get).text
            for term in ["TTHC", "UBND", "CCHC", "PAR INDEX", "SIPAS"] { #expect(text.contains(term)) }
        }
    }

    @Test func assetsAreServed() async throws {
        try await withApp { client, _ in
            let css = try await client.execute(uri: "/assets/site.css", method: .get)
            #expect(css.headers[.contentType]?.hasPrefix("text/css") == true)
            let script = try await client.execute(uri: "/assets/site.js", method: .get)
            #expect(script.text.contains("motcua.textSize"))
        }
    }
}
