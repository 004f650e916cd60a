import Domain
import Foundation
import Testing

/// The formula of indices.md: max × min(1, numerator ÷ denominator); denominator 0 → not applicable, full
/// marks; no data → no points and out of the measurable maximum.
@Suite struct ServiceIndexScoreTests {
    static let framework = try! ServiceIndexFramework(json: Data("""
        {"id": "test", "title": "Thử", "validFrom": "2022-06-23", "note": "fixture",
         "groups": [
          {"code": "1", "name": "A", "max": 10, "indicators": [
            {"code": "1.1", "name": "a", "max": 6, "numerator": "n", "denominator": "d", "measure": "dossiers.completedOnTime"},
            {"code": "1.2", "name": "b", "max": 4, "numerator": "n", "denominator": "d"}]},
          {"code": "2", "name": "B", "max": 8, "indicators": [
            {"code": "2.1", "name": "c", "max": 8, "numerator": "n", "denominator": "d", "measure": "dossiers.fullyOnline"}]}]}
        """.utf8))

    @Test(arguments: [
        (6.0, 3, 4, 4.5),
        (6.0, 0, 5, 0.0),
        (6.0, 5, 5, 6.0),
        (6.0, 7, 5, 6.0),   // more in the numerator than the denominator (e.g. late data) is capped
        (6.0, 0, 0, 6.0),   // not applicable: full marks
        (20.0, 1, 3, 20.0 / 3),
    ])
    func points(max: Double, numerator: Int, denominator: Int, expected: Double) {
        #expect(abs(ServiceIndexScore.points(max: max, count: .init(numerator: numerator, denominator: denominator)) - expected) < 1e-12)
    }

    @Test func indicatorsWithoutDataScoreNothingAndLeaveTheMeasurableMaximum() {
        let score = ServiceIndexScore(framework: Self.framework, counts: [.completedOnTime: .init(numerator: 3, denominator: 4), .fullyOnline: .zero])
        #expect(score.total == 4.5 + 8)
        #expect(score.max == 18 && score.measurableMax == 14)
        #expect(abs(score.scaledTo100! - 12.5 / 14 * 100) < 1e-12)
        let noData = score.indicators.first { $0.code == "1.2" }!
        #expect(!noData.hasData && noData.points == nil && noData.lost == 0 && !noData.isApplicable)
        let notApplicable = score.indicators.first { $0.code == "2.1" }!
        #expect(notApplicable.hasData && !notApplicable.isApplicable && notApplicable.points == 8)
        #expect(score.weakest(3).map(\.code) == ["1.1"])
    }

    @Test(arguments: [
        ([90.0, 80, 80, 70], [1, 2, 2, 4]),
        ([50.0, 50, 50], [1, 1, 1]),
        ([1.0, 2, 3], [3, 2, 1]),
        ([70.004, 70.001], [1, 2]),  // unrounded: no tie at two decimals
        ([Double](), [Int]()),
    ])
    func competitionRanking(values: [Double], expected: [Int]) {
        #expect(CompetitionRanking.ranks(values) == expected)
    }

    @Test func frameworkFilesAreChecked() {
        func problem(_ json: String) -> ServiceIndexFramework.Problem? {
            do { _ = try ServiceIndexFramework(json: Data(json.utf8)); return nil } catch { return error }
        }
        let head = #"{"id": "x", "title": "x", "validFrom": "2022-06-23", "note": "", "groups": ["#
        let indicator = #"{"code": "1.1", "name": "a", "max": 6, "numerator": "n", "denominator": "d"}"#
        #expect(problem(head + #"{"code": "1", "name": "A", "max": 7, "indicators": ["# + indicator + "]}]}") == .maximaDoNotAddUp(group: "1"))
        #expect(problem(head + #"{"code": "1", "name": "A", "max": 12, "indicators": ["# + indicator + "," + indicator + "]}]}") == .duplicateCode("1.1"))
        #expect(problem(head + #"{"code": "1", "name": "A", "max": 0, "indicators": []}]}"#) == .emptyGroup("1"))
        let unknownMeasure = indicator.replacingOccurrences(of: #""denominator": "d""#, with: #""denominator": "d", "measure": "dossiers.guessed""#)
        if case .malformed = problem(head + #"{"code": "1", "name": "A", "max": 6, "indicators": ["# + unknownMeasure + "]}]}") {} else {
            Issue.record("an unknown measure must be refused")
        }
        #expect(problem(#"{"id": "x", "title": "x", "validFrom": "2022-06-23", "validTo": "2021-01-01", "note": "", "groups": []}"#) == .validity)
    }
}
