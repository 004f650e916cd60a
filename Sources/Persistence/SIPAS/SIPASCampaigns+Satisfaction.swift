import Domain
import Foundation
import SQLKit

/// What the other indices take from SIPAS: a unit's satisfaction as measured by the latest campaign that
/// surveyed it about a period — beside the service index's satisfaction group, and as a computed source of
/// the PAR criteria.
public struct SIPASSatisfaction: Sendable, Equatable {
    public var campaignID: Int64
    public var campaignName: String
    public var serviceFrom: LocalDate
    public var serviceTo: LocalDate
    /// The unit's code, or `SIPASResults.all` for all the campaign's units together.
    public var unit: String
    public var responses: Int
    public var figures: SIPASResults.Unit

    /// The percent satisfied with the service (the questionnaire's `service` section).
    public var service: Double? { figures.sections["service"] }
    /// Whether some items had too small an effective sample to publish.
    public var isTooSmall: Bool { !figures.tooSmall.isEmpty }
}

extension SIPASCampaigns {
    /// The satisfaction of a unit (by code; nil for all units of the campaign together) from the latest
    /// campaign with answers for it whose period of service use overlaps the days given.
    public func satisfaction(of unitCode: String?, from: LocalDate, through: LocalDate) async throws -> SIPASSatisfaction? {
        let unit = unitCode ?? SIPASResults.all
        let ofUnit: SQLQueryString = unitCode.map { "AND r.unit_code = \(bind: $0)" } ?? ""
        let rows = try await database.sql.raw(
            """
            SELECT c.id AS id FROM sipas_campaigns c
            WHERE c.service_from <= \(bind: through.iso) AND c.service_to >= \(bind: from.iso)
              AND EXISTS (SELECT 1 FROM sipas_responses r WHERE r.campaign_id = c.id \(ofUnit))
            ORDER BY c.service_to DESC, c.id DESC LIMIT 1
            """
        ).all()
        guard let id = try rows.first?.decode(column: "id", as: Int64.self), let campaign = try await find(id: id),
            let questionnaire = try await questionnaire(id: campaign.questionnaireID)
        else { return nil }
        let responses = try await responses(of: id, questionnaire: questionnaire)
        guard let figures = SIPASResults.compute(questionnaire, responses).units[unit] else { return nil }
        let count = unit == SIPASResults.all ? responses.count : responses.unitOfResponse.filter { responses.units[Int($0)] == unit }.count
        return SIPASSatisfaction(
            campaignID: id, campaignName: campaign.name, serviceFrom: campaign.serviceFrom, serviceTo: campaign.serviceTo,
            unit: unit, responses: count, figures: figures)
    }
}
