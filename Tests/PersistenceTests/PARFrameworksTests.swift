import Domain
import Persistence
import Testing

/// The shipped sample framework: readable, marked a sample, with the 8 provincial areas adding up to 100 and
/// every scoring method present.
@Suite struct PARFrameworksTests {
    @Test func theShippedSampleIsMarkedAndComplete() throws {
        let framework = try PARFrameworks.shippedSample()
        #expect(framework.sample == true && framework.note?.hasPrefix("MẪU, không phải bộ tiêu chí chính thức") == true)
        #expect(framework.areas.count == 8 && framework.max == 100)
        let methods = Set(framework.leaves.compactMap { $0.method?.name })
        #expect(methods == ["manual", "computed", "survey", "deduction"])
        #expect(framework.leaves.contains { $0.code == "3.4.1" })
    }
}
