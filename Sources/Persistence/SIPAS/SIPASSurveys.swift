import Domain
import Foundation

/// SIPAS surveys: the questionnaire shipped with MotCua (Seed/Data/sipas-2022-questionnaire.json).
public enum SIPASSurveys {
    /// Read once.
    public static func shippedQuestionnaire() throws -> SIPASQuestionnaire { try shipped.get() }

    private static let shipped = Result { () throws -> SIPASQuestionnaire in
        guard let url = Bundle.module.url(forResource: "sipas-2022-questionnaire", withExtension: "json", subdirectory: "Data") else {
            throw PersistenceError.corrupt("sipas-2022-questionnaire.json is missing from the bundle")
        }
        return try SIPASQuestionnaire(json: Data(contentsOf: url))
    }
}
