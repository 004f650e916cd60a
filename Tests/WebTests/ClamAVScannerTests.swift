import Testing

@testable import Services
@testable import Web

/// The answers of clamd's INSTREAM command, and the addresses MOTCUA_CLAMD accepts.
@Suite struct ClamAVScannerTests {
    @Test(
        arguments: [
            ("stream: OK\0", nil), ("stream: Eicar-Test-Signature FOUND\0", "Eicar-Test-Signature"),
            ("stream: Win.Test.EICAR_HDB-1 FOUND\n", "Win.Test.EICAR_HDB-1"),
        ] as [(String, String?)])
    func verdicts(reply: String, finding: String?) throws {
        #expect(try ClamAVScanner.verdict(reply) == finding)
    }

    @Test(arguments: ["INSTREAM size limit exceeded. ERROR\0", "", "stream: Can't allocate memory ERROR\0"])
    func errorsAreNotCleanVerdicts(reply: String) {
        #expect(throws: ClamAVScanner.Failure.self) { try ClamAVScanner.verdict(reply) }
    }

    @Test func addresses() {
        #expect(ClamAVScanner.Address("unix:/run/clamav/clamd.ctl") == .unix("/run/clamav/clamd.ctl"))
        #expect(ClamAVScanner.Address("tcp://127.0.0.1:3310") == .tcp(host: "127.0.0.1", port: 3310))
        #expect(ClamAVScanner.Address("clamd") == nil)
        #expect(ClamAVScanner.Address("unix:") == nil)
        #expect(ClamAVScanner.Address("tcp://127.0.0.1") == nil)
    }
}
