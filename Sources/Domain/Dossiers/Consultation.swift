import Foundation

/// An opinion asked of another unit about a dossier (lấy ý kiến): the consult event (the unit, the question in its
/// reason) and the event that recorded the answer, if it came.
public struct Consultation: Sendable, Equatable {
    /// The unit asked, by name as it was then.
    public var agency: String
    public var agencyUnitID: Int64?
    public var asked: DossierEvent
    public var answer: DossierEvent?

    /// Every opinion asked in a dossier's history, in order, each with the answer that followed it.
    public static func all(in events: [DossierEvent]) -> [Consultation] {
        var result: [Consultation] = []
        for event in events {
            switch event.action {
            case "consult":
                let values = event.values
                result.append(
                    Consultation(agency: values["agency"] ?? "", agencyUnitID: values["agencyUnitID"].flatMap { Int64($0) }, asked: event))
            case "consultationAnswered":
                if let open = result.lastIndex(where: { $0.answer == nil }) { result[open].answer = event }
            default:
                break
            }
        }
        return result
    }
}
