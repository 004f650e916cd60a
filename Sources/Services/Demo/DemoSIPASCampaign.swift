import Domain
import Foundation
import Persistence

/// The demo's SIPAS campaign about the last full quarter: the people served by ten wards and two departments,
/// a stratified sample drawn by the secretariat, invited a week after the quarter (the messages of that time are
/// not sent again), about 60% answering over three weeks, then closed — so the results page has figures to read.
package enum DemoSIPASCampaign {
    package static let units = [
        "00070", "00073", "00004", "00008", "00025", "00256", "00283", "00277", "00235", "00229", "DEMO-STP", "DEMO-SNV",
    ]

    package static func seed(services: AppServices, secretariat: Int64?, now: Date) async throws {
        let campaigns = SIPASCampaigns(services.database)
        guard try await campaigns.list().isEmpty else { return }
        try await campaigns.loadShippedQuestionnaireIfMissing(at: now)
        guard let questionnaire = try await campaigns.questionnaires().first else { return }
        let today = services.today()
        // The last full quarter before this month.
        let thisQuarter = LocalDate(year: today.year, month: (today.month - 1) / 3 * 3 + 1, day: 1)!
        let quarterEnd = thisQuarter.adding(days: -1)
        let quarterStart = LocalDate(year: quarterEnd.year, month: quarterEnd.month - 2, day: 1)!
        let clock = LocalClock()
        guard let created = clock.instant(parsing: quarterEnd.adding(days: 5).iso + "T09:00"), created.addingTimeInterval(30 * 86_400) < now
        else { return }
        let unitIDs = try await services.unitDirectory().list(.init(validOn: quarterEnd)).filter { units.contains($0.code) }.map(\.id)
        let quarter = (quarterStart.month - 1) / 3 + 1
        let id = try await campaigns.create(
            name: "Khảo sát sự hài lòng quý \(["I", "II", "III", "IV"][quarter - 1])/\(quarterStart.year) (dữ liệu mẫu)",
            questionnaireID: questionnaire.id, serviceFrom: quarterStart, serviceTo: quarterEnd, unitIDs: unitIDs,
            design: .init(size: 400, allocation: .proportional, minimumPerStratum: 20), seed: 2026, by: secretariat, at: created)
        try await campaigns.draw(id, by: secretariat, at: created.addingTimeInterval(600))
        _ = try await campaigns.invite(id, by: secretariat, at: created.addingTimeInterval(2 * 86_400)) { _, _ in [] }
        var random = SeededRandom(seed: 2026)
        for (index, number) in try await campaigns.invitationNumbers(of: id).enumerated() where random.chance(0.6) {
            guard let invitation = try await campaigns.invitation(number: number, in: id) else { continue }
            // Each person has a general mood; each item follows it, some are "don't know" or skipped. About three in
            // four answers are 4 or 5, near the 80-odd per cent the Ministry published for SIPAS 2023.
            let mood = [5, 5, 5, 5, 4, 4, 4, 4, 4, 3, 2][Int.random(in: 0...10, using: &random)]
            var fields: [String: String] = [:]
            for item in questionnaire.items {
                let roll = Double.random(in: 0..<1, using: &random)
                if roll < 0.04 { continue }
                if roll < 0.08 {
                    fields[item.code] = String(questionnaire.dontKnow.value)
                    continue
                }
                fields[item.code] = String(min(5, max(1, mood + [-1, 0, 0, 0, 0, 1][Int.random(in: 0...5, using: &random)])))
            }
            let sheet = try SIPASAnswerSheet(fields: fields, questionnaire: questionnaire)
            let spread = (index * 4_000) % (20 * 86_400)
            let answered = created.addingTimeInterval(Double(3 * 86_400 + spread))
            try await campaigns.submit(invitation, sheet, source: .web, at: answered)
        }
        try await campaigns.close(id, by: secretariat, at: created.addingTimeInterval(28 * 86_400))
    }
}
