import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Persistence
import TestSupport
import Web

@testable import Services

/// Runs `body` against the application on a fresh database with Hanoi's units imported.
func withApp(
    configure: @Sendable (inout AppConfiguration) -> Void = { _ in },
    _ body: @escaping @Sendable (any TestClientProtocol, AppServices) async throws -> Void
) async throws {
    try await TestDatabase.with { database in
        // Stored files go to a folder of this test's own.
        let dataDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("motcua-test-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dataDirectory) }
        var configuration = try AppConfiguration.load(environment: [
            "MOTCUA_SECRET": String(repeating: "k", count: 40), "MOTCUA_DATA_DIR": dataDirectory,
        ])
        configuration.bcryptCost = 4
        configure(&configuration)
        let services = AppServices(database: database, configuration: configuration)
        try await HanoiUnitImport.run(on: database, actorID: nil, at: Date())
        let app = try buildApplication(services: services, logger: TestDatabase.logger)
        try await app.test(.router) { client in try await body(client, services) }
    }
}

/// The password of every account the tests create (long enough for the policy, not a common one).
let testPassword = "một mật khẩu đủ dài cho thử nghiệm"

/// A client that keeps cookies between requests, as a browser does, and fills in the CSRF token.
actor Browser {
    let client: any TestClientProtocol
    private var cookies: [String: String] = [:]
    private(set) var csrfToken = ""

    init(_ client: any TestClientProtocol) { self.client = client }

    @discardableResult
    func get(_ uri: String) async throws -> TestResponse {
        let response = try await client.execute(uri: uri, method: .get, headers: cookieHeader())
        absorb(response)
        return response
    }

    @discardableResult
    func post(_ uri: String, form: [String: String], includeToken: Bool = true) async throws -> TestResponse {
        var fields = form
        if includeToken { fields["_csrf"] = csrfToken }
        let body = fields.map { "\($0.key)=\(formEncode($0.value))" }.joined(separator: "&")
        var headers = cookieHeader()
        headers[.contentType] = "application/x-www-form-urlencoded"
        let response = try await client.execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: body))
        absorb(response)
        return response
    }

    /// Posts a multipart form with one file, as a browser's file upload does.
    @discardableResult
    func postFile(_ uri: String, field: String, filename: String, data: [UInt8], form: [String: String] = [:], includeToken: Bool = true)
        async throws -> TestResponse
    {
        let boundary = "----motcua-test-boundary"
        var fields = form
        if includeToken { fields["_csrf"] = csrfToken }
        var body = ByteBuffer()
        for (name, value) in fields {
            body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n")
        }
        body.writeString(
            "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(field)\"; filename=\"\(filename)\"\r\nContent-Type: application/octet-stream\r\n\r\n"
        )
        body.writeBytes(data)
        body.writeString("\r\n--\(boundary)--\r\n")
        var headers = cookieHeader()
        headers[.contentType] = "multipart/form-data; boundary=\(boundary)"
        let response = try await client.execute(uri: uri, method: .post, headers: headers, body: body)
        absorb(response)
        return response
    }

    /// The same browser — its cookies and form token — against another application over the same database, as
    /// when a person's next request reaches another instance.
    func moved(to other: any TestClientProtocol) async -> Browser {
        let browser = Browser(other)
        await browser.adopt(cookies: cookies, csrfToken: csrfToken)
        return browser
    }

    private func adopt(cookies: [String: String], csrfToken: String) {
        self.cookies = cookies
        self.csrfToken = csrfToken
    }

    /// A new browser, signed in through the form with the test password.
    static func signedIn(_ client: any TestClientProtocol, as username: String) async throws -> Browser {
        let browser = Browser(client)
        try await browser.signIn(username, testPassword)
        return browser
    }

    /// Signs in through the form and returns the response to the POST.
    @discardableResult
    func signIn(_ username: String, _ password: String) async throws -> TestResponse {
        try await get("/sign-in")
        return try await post("/sign-in", form: ["username": username, "password": password])
    }

    private func cookieHeader() -> HTTPFields {
        var headers = HTTPFields()
        if !cookies.isEmpty { headers[.cookie] = cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ") }
        return headers
    }

    private func absorb(_ response: TestResponse) {
        for header in response.headers[values: .setCookie] {
            let pair = header.split(separator: ";")[0].split(separator: "=", maxSplits: 1)
            guard pair.count == 2 else { continue }
            if header.contains("Max-Age=0") || header.contains("Expires=Thu, 01 Jan 1970") {
                cookies[String(pair[0])] = nil
            } else {
                cookies[String(pair[0])] = String(pair[1])
            }
        }
        let html = String(buffer: response.body)
        if let range = html.range(of: #"name="_csrf" value=""#) {
            csrfToken = String(html[range.upperBound...].prefix { $0 != "\"" })
        }
    }

    private func formEncode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }
}
