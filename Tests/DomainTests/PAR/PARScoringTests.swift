import Domain
import Foundation
import Testing

/// Every scoring method, the caps of leaves and sums, missing leaves, the index and the competition ranking.
@Suite struct PARScoringTests {
    // Thresholds 100 → 4, 90 → 3, 80 → 2; linear 80 → 0 … 100 → max; survey percent; deduction 0.5 a time.
    static let thresholds = PARMethod.computed(
        source: .taskCompletion,
        rule: .thresholds([
            .init(atLeast: 90, points: 3), .init(atLeast: 100, points: 4), .init(atLeast: 80, points: 2),
        ]))
    static let linear = PARMethod.computed(source: .onTimeRate, rule: .linear(from: 80, to: 100))
    static let lessIsBetter = PARMethod.computed(source: .lateTasks, rule: .linear(from: 10, to: 0))

    @Test(
        arguments: [
            (thresholds, 100.0, 4.0, 4.0), (thresholds, 99.9, 4.0, 3.0), (thresholds, 90, 4, 3), (thresholds, 85, 4, 2),
            (thresholds, 79.99, 4, 0),
            (thresholds, 100, 3.5, 3.5),  // a threshold's points never exceed the criterion's maximum
            (linear, 80, 6, 0), (linear, 90, 6, 3), (linear, 100, 6, 6), (linear, 120, 6, 6), (linear, 50, 6, 0),
            (lessIsBetter, 0, 2, 2), (lessIsBetter, 5, 2, 1), (lessIsBetter, 12, 2, 0),
            (.survey(source: .sipasOverall), 82.5, 12, 9.9), (.survey(source: nil), 120, 12, 12), (.survey(source: nil), -3, 12, 0),
            (.deduction(source: .lateTasks, perOccurrence: 0.5), 0, 3, 3), (.deduction(source: .lateTasks, perOccurrence: 0.5), 4, 3, 1),
            (.deduction(source: .lateTasks, perOccurrence: 0.5), 7, 3, 0),  // floored at 0
        ] as [(PARMethod, Double, Double, Double)])
    func aMethodTurnsAValueIntoPoints(method: PARMethod, value: Double, max: Double, points: Double) throws {
        #expect(abs(try #require(method.points(for: value, max: max)) - points) < 1e-9)
    }

    @Test func manualPointsHaveNoFormula() {
        #expect(PARMethod.manual.points(for: 3, max: 4) == nil)
    }

    /// Area A (max 10): A.1 manual 4, A.2 node of max 5 over A.2.1 (4) and A.2.2 (4); area B (max 5): B.1 (6, more
    /// than its area: the area caps).
    static let framework = PARFramework(
        year: 2025, unitKind: .department,
        areas: [
            .init(
                code: "A", name: "A", max: 10,
                criteria: [
                    .init(code: "A.1", name: "a1", max: 4, method: .manual),
                    .init(
                        code: "A.2", name: "a2", max: 5,
                        subCriteria: [
                            .init(code: "A.2.1", name: "a21", max: 4, method: .manual),
                            .init(code: "A.2.2", name: "a22", max: 4, method: linear),
                        ]),
                ]),
            .init(code: "B", name: "B", max: 5, criteria: [.init(code: "B.1", name: "b1", max: 6, method: .survey(source: .sipasOverall))]),
        ])

    @Test(
        arguments: [
            // leaf scores → (total, areas A and B, missing)
            (["A.1": 4, "A.2.1": 4, "A.2.2": 4, "B.1": 6], 14.0, 9.0, 5.0, [String]()),  // every sum capped: A.2 at 5, B at 5
            (["A.1": 9, "A.2.1": 1, "A.2.2": 1, "B.1": 2], 8, 6, 2, []),  // a leaf capped at its maximum (A.1 → 4)
            (["A.1": 3, "B.1": 4.5], 7.5, 3, 4.5, ["A.2.1", "A.2.2"]),  // missing leaves score 0 and are reported
            ([:], 0, 0, 0, ["A.1", "A.2.1", "A.2.2", "B.1"]),
        ] as [([String: Double], Double, Double, Double, [String])])
    func sumsAreCappedAndMissingLeavesReported(leaves: [String: Double], total: Double, a: Double, b: Double, missing: [String]) throws {
        let unit = try #require(PARResults.compute(Self.framework, scores: ["U": leaves]).units.first)
        #expect(unit.total == Decimal(double: total) && unit.areas["A"] == Decimal(double: a) && unit.areas["B"] == Decimal(double: b))
        #expect(unit.missing == missing)
        #expect(unit.index == (Decimal(double: total) / 15 * 100).published)
    }

    @Test func rankingIsStandardCompetitionOnThePublishedIndex() {
        let scores: [String: [String: Double]] = [
            "D": ["A.1": 4, "B.1": 5], "B": ["A.1": 4, "B.1": 5], "C": ["A.1": 4, "B.1": 4.999], "A": ["A.1": 1],
            "E": ["A.1": 4, "B.1": 5.0000001],
        ]
        let results = PARResults.compute(Self.framework, scores: scores)
        // E: B.1 is capped at 5 like B and D: three tied at rank 1 (60.00); C, 8.999 of 15 = 59.993…, publishes
        // as 59.99 and comes 4th; then A.
        #expect(results.units.map(\.unit) == ["B", "D", "E", "C", "A"])
        #expect(results.units.map(\.rank) == [1, 1, 1, 4, 5])
        #expect(results.units.map(\.index) == [60, 60, 60, Decimal(string: "59.99")!, Decimal(string: "6.67")!])
    }

    /// Hanoi's 2023 district results had Nam Từ Liêm and Hoàn Kiếm tied at 95.70, both 2nd. Two units whose
    /// points add to 95.70 in binary floating point as 95.69999999999999 and 95.7 were ranked apart; in exact
    /// decimals they tie.
    @Test func theHanoi2023TieIsATie() throws {
        let framework = PARFramework(
            year: 2023, unitKind: .district,
            areas: [
                .init(
                    code: "1", name: "x", max: 100,
                    criteria: [
                        .init(code: "1.1", name: "a", max: 96, method: .manual), .init(code: "1.2", name: "b", max: 2, method: .manual),
                        .init(code: "1.3", name: "c", max: 2, method: .manual),
                    ])
            ])
        let namTuLiem = [95.1, 0.3, 0.3], hoanKiem = [95.3, 0.2, 0.2]
        #expect(namTuLiem.reduce(0, +) != hoanKiem.reduce(0, +), "binary floating point tells them apart")
        func leaves(_ points: [Double]) -> [String: Double] { ["1.1": points[0], "1.2": points[1], "1.3": points[2]] }
        let results = PARResults.compute(framework, scores: ["NTL": leaves(namTuLiem), "HK": leaves(hoanKiem), "BD": leaves([96, 0, 0])])
        #expect(results.units.map(\.unit) == ["BD", "HK", "NTL"] && results.units.map(\.rank) == [1, 2, 2])
        #expect(results.units.map(\.index) == [96, Decimal(string: "95.7")!, Decimal(string: "95.7")!])
        #expect(results.units[1].total == results.units[2].total)
    }

    @Test func rankingDoesNotDependOnInputOrder() {
        var random = SeededRandom(seed: 7)
        for _ in 0..<50 {
            var scores: [String: [String: Double]] = [:]
            for unit in 0..<12 {
                scores["U\(unit)"] = [
                    "A.1": Double(random.below(5)), "A.2.1": Double(random.below(5)), "B.1": Double(random.below(3)) * 2.5,
                ]
            }
            let first = PARResults.compute(Self.framework, scores: scores)
            // The same scores built in another order (a dictionary's order follows its insertions).
            var shuffled: [String: [String: Double]] = [:]
            for key in random.shuffled(Array(scores.keys)) { shuffled[key] = scores[key] }
            #expect(PARResults.compute(Self.framework, scores: shuffled) == first)
            #expect(
                zip(first.units, first.units.dropFirst()).allSatisfy {
                    $0.index > $1.index || ($0.index == $1.index && $0.unit < $1.unit && $0.rank == $1.rank)
                })
        }
    }

    @Test func scoresAreReadFromCSVWithTheLineOfAProblem() throws {
        let scores = try PARScores.read(csv: "unit,criterion,score\nSNV,A.1,3.5\nSNV,B.1,\"4,5\"\nSTC,A.2.1,0\n", framework: Self.framework)
        #expect(scores == ["SNV": ["A.1": 3.5, "B.1": 4.5], "STC": ["A.2.1": 0]])
        let bad: [(String, PARScores.Problem)] = [
            ("unit,score\nSNV,1\n", .missingColumn("criterion")),
            ("unit,criterion,score\nSNV,A.2,1\n", .unknownCriterion(line: 2, code: "A.2")),  // a node, not a leaf
            ("unit,criterion,score\nSNV,A.1,1\nSNV,A.9,1\n", .unknownCriterion(line: 3, code: "A.9")),
            ("unit,criterion,score\nSNV,A.1,nhiều\n", .badScore(line: 2, value: "nhiều")),
            ("unit,criterion,score\nSNV,A.1,-1\n", .badScore(line: 2, value: "-1")),
            ("unit,criterion,score\nSNV,A.1,1\nSNV,A.1,2\n", .duplicate(line: 3, unit: "SNV", code: "A.1")),
            ("unit,criterion,score\nSNV,A.1\n", .fieldCount(line: 2, expected: 3, found: 2)),
            ("unit,criterion,score\n,A.1,1\n", .emptyUnit(line: 2)),
        ]
        for (text, problem) in bad {
            #expect(throws: problem) { try PARScores.read(csv: text, framework: Self.framework) }
        }
    }

    @Test func aFrameworkFileIsCheckedAndRoundTrips() throws {
        let data = try Self.framework.json()
        #expect(try PARFramework(json: data) == Self.framework)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"method\" : \"computed\"") && text.contains("\"linear\" : {"))
        // The refusals and their lines: PARFrameworkFileTests.
    }

    @Test func aPublicationCarriesTheChangeTheAreasLostMostAndWhatRecomputesIt() throws {
        let scores: [String: [String: Double]] = [
            "SNV": ["A.1": 4, "A.2.1": 1, "B.1": 2], "STC": ["A.1": 4, "A.2.1": 4, "A.2.2": 4, "B.1": 5],
        ]
        let publication = PARPublication(
            framework: Self.framework, scores: scores, names: ["SNV": "Sở Nội vụ"], previous: ["SNV": 50, "SXD": 70])
        #expect(publication.units.map(\.code) == ["STC", "SNV"] && publication.units.map(\.rank) == [1, 2])
        let snv = publication.units[1]
        // SNV: A = 4 + 1 = 5 of 10 (5 lost), B = 2 of 5 (3 lost); index 7/15 = 46.67 published, 3.33 less than 50.
        #expect(
            snv.name == "Sở Nội vụ" && snv.lostMost == ["A", "B"] && snv.index == Decimal(string: "46.67")
                && snv.change == Decimal(string: "-3.33"))
        #expect(publication.units[0].change == nil && publication.units[0].name == "STC" && publication.units[0].lostMost == ["A"])
        // The published leaf scores recompute the same ranking.
        let again = PARResults.compute(Self.framework, scores: try PARScores.read(csv: publication.scoresCSV, framework: Self.framework))
        #expect(again.units.map(\.unit) == publication.units.map(\.code) && again.units.map(\.index) == publication.units.map(\.index))
    }

    /// Hanoi's PAR guidance (as reported): when the survey part was not run for a unit, its appraised points are
    /// rescaled to 100 — 63 of 70 → 90.00 — instead of scoring the survey 0 (63.00). A framework option, with its
    /// source; a unit with survey scores is scored the same both ways (issue 21, point 4).
    @Test(
        arguments: [
            (PARFramework.WithoutSurvey.rescale, "90", true), (.zero, "63", false), (nil, "63", false),
        ] as [(PARFramework.WithoutSurvey?, String, Bool)])
    func aUnitWithoutTheSurvey(rule: PARFramework.WithoutSurvey?, index: String, rescaled: Bool) throws {
        var framework = PARFramework(
            year: 2025, unitKind: .commune,
            areas: [
                .init(
                    code: "A", name: "Thẩm định", max: 70,
                    criteria: [
                        .init(code: "A.1", name: "a", max: 40, method: .manual), .init(code: "A.2", name: "b", max: 30, method: .manual),
                    ]),
                .init(
                    code: "S", name: "Điều tra xã hội học", max: 30,
                    criteria: [
                        .init(code: "S.1", name: "s1", max: 20, method: .survey(source: .sipasOverall)),
                        .init(code: "S.2", name: "s2", max: 10, method: .survey(source: nil)),
                    ]),
            ])
        framework.withoutSurvey = rule
        framework.withoutSurveySource = rule == .rescale ? "Hướng dẫn chấm điểm PAR INDEX của Thành phố (như báo chí đưa tin)" : nil
        try framework.validate()
        let results = PARResults.compute(
            framework, scores: ["NOSURVEY": ["A.1": 36, "A.2": 27], "SURVEYED": ["A.1": 36, "A.2": 27, "S.1": 18, "S.2": 7]])
        let without = try #require(results.units.first { $0.unit == "NOSURVEY" })
        #expect(without.total == 63 && without.index == Decimal(string: index) && without.rescaledWithoutSurvey == rescaled)
        #expect(without.missing == (rescaled ? [] : ["S.1", "S.2"]))
        let surveyed = try #require(results.units.first { $0.unit == "SURVEYED" })
        #expect(surveyed.index == 88 && !surveyed.rescaledWithoutSurvey)
        let publication = PARPublication(framework: framework, scores: ["NOSURVEY": ["A.1": 36, "A.2": 27]], names: [:], previous: [:])
        #expect(publication.units[0].rescaledWithoutSurvey == rescaled && publication.units[0].index == Decimal(string: index))
    }

    @Test func rescalingWithoutASourceIsRefused() throws {
        let json =
            #"{"year":2025,"unitKind":"commune","withoutSurvey":"rescale","areas":[{"code":"1","name":"x","max":5,"criteria":[{"code":"1.1","name":"a","max":5,"method":"manual"}]}]}"#
        #expect(throws: PARFramework.Problem.onLine(1, .withoutSurveyUnsourced)) { try PARFramework(json: Data(json.utf8)) }
        let sourced = json.replacingOccurrences(
            of: #""withoutSurvey":"rescale""#, with: #""withoutSurvey":"rescale","withoutSurveySource":"QĐ …/QĐ-UBND""#)
        #expect(try PARFramework(json: Data(sourced.utf8)).withoutSurvey == .rescale)
        do {
            _ = try PARFramework(json: Data(json.replacingOccurrences(of: "rescale", with: "guess").utf8))
            Issue.record("an unknown rule is refused")
        } catch {
            if case .onLine(1, .malformed) = error {} else { Issue.record("refused as malformed, not \(error)") }
        }
    }
}
