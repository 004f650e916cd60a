import Domain
import Foundation
import Testing

@Suite struct RatingCriteriaTests {
    static func json(criteria: String, overall: Int = 5) -> Data {
        Data(
            """
            {"version": 1, "source": "test", "criteria": [\(criteria)],
             "overall": [\((1...overall).map { "\"mức \($0)\"" }.joined(separator: ","))]}
            """.utf8)
    }

    @Test func aCriteriaSetIsCheckedWhenLoaded() throws {
        let loaded = try RatingCriteria(json: Self.json(criteria: #"{"code": "A", "text": "Tận tình", "scale": ["Không", "Có"]}"#))
        #expect(loaded.criteria.map(\.code) == ["A"])
        #expect(throws: RatingCriteria.Problem.overallMustHaveFiveLevels) { try RatingCriteria(json: Self.json(criteria: "", overall: 3)) }
        #expect(throws: RatingCriteria.Problem.duplicateCode("A")) {
            try RatingCriteria(
                json: Self.json(
                    criteria: #"{"code": "A", "text": "x", "scale": ["0", "1"]}, {"code": "A", "text": "y", "scale": ["0", "1"]}"#))
        }
        #expect(throws: RatingCriteria.Problem.scaleTooShort("A")) {
            try RatingCriteria(json: Self.json(criteria: #"{"code": "A", "text": "x", "scale": ["0"]}"#))
        }
    }

    /// A criterion about fees is asked only where a fee was due; an answer to it on a free dossier is refused.
    @Test(arguments: [(true, ["A", "FEE"]), (false, ["A"])])
    func aFeeCriterionAppliesOnlyWhereAFeeWasDue(feeDue: Bool, codes: [String]) throws {
        let all = try RatingCriteria(
            json: Self.json(
                criteria: #"{"code": "A", "text": "Tận tình", "scale": ["Không", "Có"]}, "#
                    + #"{"code": "FEE", "text": "Thu đúng phí", "scale": ["Không", "Có"], "onlyWhenFeeDue": true}"#))
        let applicable = all.applicable(feeDue: feeDue)
        #expect(applicable.criteria.map(\.code) == codes)
        #expect(DossierRating(overall: 5, answers: ["FEE": 1]).problems(against: applicable).isEmpty == feeDue)
    }

    @Test(arguments: [(5, true), (4, true), (3, false), (1, false)])
    func satisfiedMeansFourOrFive(overall: Int, satisfied: Bool) {
        #expect(DossierRating(overall: overall, answers: [:]).isSatisfied == satisfied)
    }

    @Test(arguments: [
        (DossierStatus.returned, true), (.ineligible, true), (.resultReady, false), (.inProgress, false), (.withdrawn, false),
    ])
    func onlyAHandedOverResultOrAnIneligibilityAnswerCanBeRated(status: DossierStatus, can: Bool) {
        #expect(DossierRating.canRate(status) == can)
    }
}
