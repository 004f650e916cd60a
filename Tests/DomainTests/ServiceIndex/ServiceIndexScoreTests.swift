import Domain
import Foundation
import Testing

/// The formula of indices.md, in exact decimals: max × min(1, numerator ÷ denominator); denominator 0 → not
/// applicable: no points and out of the measurable maximum, like no data; no dossier → no index; rankings on
/// the published (two-decimal) index, so equal published values tie (issue 21, points 2 and 3).
@Suite struct ServiceIndexScoreTests {
    static let framework = try! ServiceIndexFramework(
        json: Data(
            """
            {"id": "test", "title": "Thử", "validFrom": "2022-06-23", "note": "fixture",
             "groups": [
              {"code": "1", "name": "A", "max": 10, "indicators": [
                {"code": "1.1", "name": "a", "max": 6, "numerator": "n", "denominator": "d", "measure": "dossiers.completedOnTime"},
                {"code": "1.2", "name": "b", "max": 4, "numerator": "n", "denominator": "d"}]},
              {"code": "2", "name": "B", "max": 8, "indicators": [
                {"code": "2.1", "name": "c", "max": 8, "numerator": "n", "denominator": "d", "measure": "dossiers.fullyOnline"}]}]}
            """.utf8))

    /// Progress, satisfaction with dossiers and with feedback: what a ward without dossiers still has to count.
    static let satisfaction = try! ServiceIndexFramework(
        json: Data(
            """
            {"id": "test2", "title": "Thử", "validFrom": "2022-06-23", "note": "fixture",
             "groups": [
              {"code": "2", "name": "Tiến độ", "max": 20, "indicators": [
                {"code": "2.1", "name": "a", "max": 20, "numerator": "n", "denominator": "d", "measure": "dossiers.completedOnTime"}]},
              {"code": "5", "name": "Hài lòng", "max": 12, "indicators": [
                {"code": "5.1", "name": "b", "max": 6, "numerator": "n", "denominator": "d", "measure": "feedback.onTime"},
                {"code": "5.3", "name": "c", "max": 6, "numerator": "n", "denominator": "d", "measure": "ratings.satisfied"}]}]}
            """.utf8))

    @Test(
        arguments: [
            ("6", 3, 4, "4.5"),
            ("6", 0, 5, "0"),
            ("6", 5, 5, "6"),
            ("6", 7, 5, "6"),  // more in the numerator than the denominator (e.g. late data) is capped
            ("6", 0, 0, nil),  // not applicable: no points
            ("20", 1, 3, "6.67"),  // published to two decimals
            ("20", 2, 3, "13.33"),
            ("0.5", 1, 8, "0.06"),  // 0.0625: halves away from zero
        ] as [(String, Int, Int, String?)])
    func points(max: String, numerator: Int, denominator: Int, expected: String?) {
        let points = ServiceIndexScore.points(max: Decimal(string: max)!, count: .init(numerator: numerator, denominator: denominator))
        #expect(points?.published == expected.flatMap { Decimal(string: $0) })
    }

    @Test func notApplicableAndNoDataScoreNothingAndLeaveTheMeasurableMaximum() {
        let score = ServiceIndexScore(
            framework: Self.framework, counts: [.completedOnTime: .init(numerator: 3, denominator: 4), .fullyOnline: .zero])
        #expect(score.total == Decimal(string: "4.5"))
        #expect(score.max == 18 && score.measurableMax == 6)
        #expect(score.index == 75)
        let noData = score.indicators.first { $0.code == "1.2" }!
        #expect(!noData.hasData && noData.points == nil && noData.lost == 0 && !noData.isApplicable)
        let notApplicable = score.indicators.first { $0.code == "2.1" }!
        #expect(notApplicable.hasData && !notApplicable.isApplicable && notApplicable.points == nil && notApplicable.lost == 0)
        #expect(score.groups.map(\.measurableMax) == [6, 0])
        #expect(score.weakest(3).map(\.code) == ["1.1"])
    }

    /// `motcua index service` on a fresh database gave 80/80 = 100 points: a unit or period without dossiers
    /// has no index ("Chưa có dữ liệu"), and a satisfaction indicator without ratings scores nothing.
    @Test func noDossierNoIndex() {
        let nothing = ServiceIndexScore(framework: Self.framework, counts: [.completedOnTime: .zero, .fullyOnline: .zero])
        #expect(nothing.index == nil && nothing.total == 0 && nothing.measurableMax == 0 && !nothing.hasDossiers)
        let zeros = ServiceIndexScore(
            framework: Self.satisfaction,
            counts: Dictionary(uniqueKeysWithValues: ServiceIndexMeasure.allCases.map { ($0, .zero) }))
        #expect(zeros.index == nil && zeros.indicators.allSatisfy { $0.points == nil })
        // Feedback alone is not a dossier: no index either.
        let feedbackOnly = ServiceIndexScore(framework: Self.satisfaction, counts: [.feedbackOnTime: .init(numerator: 1, denominator: 1)])
        #expect(feedbackOnly.index == nil)
        // One dossier completed on time, nothing rated: 2.1 scores, the satisfaction indicator is not applicable.
        let one = ServiceIndexScore(
            framework: Self.satisfaction,
            counts: [
                .completedOnTime: .init(numerator: 1, denominator: 1), .ratingsSatisfied: .zero,
                .feedbackOnTime: .zero,
            ])
        #expect(one.index == 100 && one.measurableMax == 20)
        #expect(one.indicators.first { $0.measure == .ratingsSatisfied }?.points == nil)
        // Two thirds on time and one rating of two satisfied: (13.33… + 3) / 26 × 100 = 62.82.
        let some = ServiceIndexScore(
            framework: Self.satisfaction,
            counts: [
                .completedOnTime: .init(numerator: 2, denominator: 3),
                .ratingsSatisfied: .init(numerator: 1, denominator: 2),
            ])
        #expect(some.index == Decimal(string: "62.82") && some.total.published == Decimal(string: "16.33"))
    }

    @Test(
        arguments: [
            ([90, 80, 80, 70], [1, 2, 2, 4]),
            ([50, 50, 50], [1, 1, 1]),
            ([1, 2, 3], [3, 2, 1]),
            ([Decimal](), [Int]()),
        ] as [([Decimal], [Int])])
    func competitionRanking(values: [Decimal], expected: [Int]) {
        #expect(CompetitionRanking.ranks(values) == expected)
    }

    /// Two units whose points add to the same total in another order share their rank: in binary floating
    /// point 0.1 + 0.2 + 0.3 and 0.3 + 0.2 + 0.1 differ, and the units were ranked apart.
    @Test func equalDecimalTotalsTie() {
        let tenths = [0.1, 0.2, 0.3]
        #expect(tenths.reduce(0, +) != tenths.reversed().reduce(0, +))
        let a = tenths.map { Decimal(double: $0) }.reduce(0, +), b = tenths.reversed().map { Decimal(double: $0) }.reduce(0, +)
        #expect(CompetitionRanking.ranks([a.published, b.published]) == [1, 1])
        // Published to two decimals: 95.704 and 95.695 both publish as 95.70 and tie, as Hanoi's 2023 districts did.
        #expect(
            CompetitionRanking.ranks([Decimal(string: "95.704")!.published, Decimal(string: "95.695")!.published, Decimal(string: "96")!])
                == [2, 2, 1])
    }

    /// A maximum or a typed score read as binary floating point comes back as the decimal a person wrote.
    @Test(arguments: [
        (0.1, "0.1"), (0.3, "0.3"), (95.7, "95.7"), (2.675, "2.675"), (1.0 / 3, "0.33333"), (Double.nan, "0"), (-0.5, "-0.5"),
    ])
    func decimalsFromBinary(value: Double, decimal: String) {
        #expect(Decimal(double: value) == Decimal(string: decimal))
    }

    @Test(arguments: [("95.705", "95,71"), ("95.7", "95,70"), ("0", "0,00"), ("-1.005", "-1,01"), ("100", "100,00")])
    func publishedVietnamese(value: String, text: String) {
        #expect(Decimal(string: value)!.vietnamese() == text)
    }

    /// A framework file that cannot be used is refused with the line to look at and the reason in Vietnamese.
    @Test(arguments: [
        (
            #""max": 6, "numerator""#, #""max": 5, "numerator""#,
            "Dòng 6: Điểm tối đa của các chỉ số trong nhóm 1 không cộng lại bằng điểm tối đa của nhóm."
        ),
        (#"{"code": "1.2""#, #"{"code": "1.1""#, "Dòng 8: Mã 1.1 xuất hiện hai lần."),
        (#""max": 4, "numerator": "n2""#, #""max": -4, "numerator": "n2""#, "Dòng 8: Điểm tối đa của 1.2 không được âm."),
        (
            #""validFrom": "2022-06-23","#, #""validFrom": "2022-06-23", "validTo": "2021-01-01","#,
            "Dòng 2: Ngày hết hiệu lực (validTo) đứng trước ngày có hiệu lực (validFrom)."
        ),
        (
            #""denominator": "d2"}"#, #""denominator": "d2", "measure": "dossiers.guessed"}"#,
            "Dòng 8: Tệp bộ chỉ số không đúng cấu trúc: “measure” không nhận giá trị “dossiers.guessed”."
        ),
        (#""max": 10,"#, #""max": "mười","#, "Dòng 6: Tệp bộ chỉ số không đúng cấu trúc: “max” phải là một số."),
    ])
    func frameworkFilesAreChecked(replacing: String, with replacement: String, message: String) {
        let file = """
            {
              "id": "x", "title": "x", "validFrom": "2022-06-23", "note": "",
              "groups": [
                {
                  "code": "1", "name": "A",
                  "max": 10,
                  "indicators": [{"code": "1.1", "name": "a", "max": 6, "numerator": "n", "denominator": "d"},
                                 {"code": "1.2", "name": "b", "max": 4, "numerator": "n2", "denominator": "d2"}]
                }
              ]
            }
            """
        #expect(file.contains(replacing))
        #expect((try? ServiceIndexFramework(json: Data(file.utf8))) != nil)
        do {
            _ = try ServiceIndexFramework(json: Data(file.replacingOccurrences(of: replacing, with: replacement).utf8))
            Issue.record("accepted")
        } catch {
            #expect(error.description == message)
        }
        #expect(throws: ServiceIndexFramework.Problem.onLine(1, .emptyGroup("1"))) {
            try ServiceIndexFramework(
                json: Data(
                    #"{"id": "x", "title": "x", "validFrom": "2022-06-23", "note": "", "groups": [{"code": "1", "name": "A", "max": 0, "indicators": []}]}"#
                        .utf8))
        }
    }
}
