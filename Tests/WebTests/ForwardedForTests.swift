import Testing
import Web

@testable import Services

/// The client's address behind trusted proxies only; a forged header from anyone else changes nothing.
@Suite struct ForwardedForTests {
    static let proxies: Set<String> = ["10.0.0.5", "10.0.0.6"]

    static let cases: [(remote: String, header: [String], client: String)] = [
        ("203.0.113.7", [], "203.0.113.7"),  // no proxy
        ("203.0.113.7", ["1.2.3.4"], "203.0.113.7"),  // a client cannot name itself
        ("10.0.0.5", ["198.51.100.9"], "198.51.100.9"),  // through the proxy
        ("10.0.0.5", ["1.2.3.4, 198.51.100.9"], "198.51.100.9"),  // what the client claimed on the left is ignored
        ("10.0.0.5", ["198.51.100.9, 10.0.0.6"], "198.51.100.9"),  // two trusted proxies in a row
        ("10.0.0.5", ["1.2.3.4", "198.51.100.9"], "198.51.100.9"),  // the header repeated
        ("10.0.0.5", [], "10.0.0.5"),  // the proxy itself (a health check)
        ("10.0.0.5", [" , "], "10.0.0.5"),
    ]

    @Test(arguments: 0..<cases.count)
    func theClientIsTheLastUntrustedHop(index: Int) {
        let example = Self.cases[index]
        #expect(ForwardedFor.client(remote: example.remote, header: example.header, trusted: Self.proxies) == example.client)
    }

    @Test func onlyAddressesAreTrusted() throws {
        let configuration = try AppConfiguration.load(environment: ["MOTCUA_TRUSTED_PROXIES": "10.0.0.5, ::1"])
        #expect(configuration.trustedProxies == ["10.0.0.5", "::1"])
        #expect(throws: AppConfiguration.Problems.self) {
            try AppConfiguration.load(environment: ["MOTCUA_TRUSTED_PROXIES": "proxy.local"])
        }
        #expect(throws: AppConfiguration.Problems.self) { try AppConfiguration.load(environment: ["MOTCUA_TRUSTED_PROXIES": "10.0.0.256"]) }
    }
}
