import Domain
import Foundation
import Testing

@Suite struct NotificationTemplatesTests {
    /// A complete set of templates, with `body` for one purpose and channel replaced.
    static func file(
        replacing purpose: NotificationPurpose? = nil, _ channel: NotificationChannel = .sms, body: String = "", dropping: Bool = false
    ) -> Data {
        var templates: [[String: String]] = []
        for each in NotificationPurpose.allCases {
            for via in NotificationChannel.allCases {
                if each == purpose, via == channel, dropping { continue }
                let standard = each.placeholders.contains("code") ? "Hồ sơ {code}" : "Nội dung: {\(each.placeholders.sorted()[0])}"
                var template = [
                    "purpose": each.rawValue, "channel": via.rawValue, "body": each == purpose && via == channel ? body : standard,
                ]
                if via == .email { template["subject"] = each.placeholders.contains("code") ? "Về hồ sơ {code}" : "Thông báo" }
                templates.append(template)
            }
        }
        return try! JSONSerialization.data(withJSONObject: ["templates": templates])
    }

    @Test func placeholdersAreFilled() throws {
        let templates = try NotificationTemplates(json: Self.file(replacing: .received, body: "Hồ sơ {code} hẹn {appointment}; {reason}"))
        let text = templates.render(.received, .sms, values: ["code": "00070-260212-0001", "appointment": "26/02/2026 12:00"])
        #expect(text.body == "Hồ sơ 00070-260212-0001 hẹn 26/02/2026 12:00; ")
        #expect(text.subject == nil)
        #expect(templates.render(.received, .email, values: ["code": "X"]).subject == "Về hồ sơ X")
    }

    @Test func aTemplateWithAnUnknownPlaceholderOrAMissingOneIsRefused() {
        #expect(throws: NotificationTemplates.Problem.unknownPlaceholder(purpose: .oneTimeCode, channel: .sms, name: "procedure")) {
            try NotificationTemplates(json: Self.file(replacing: .oneTimeCode, body: "Mã {code} cho {procedure}"))
        }
        #expect(throws: NotificationTemplates.Problem.missing(purpose: .lateNotice, channel: .sms)) {
            try NotificationTemplates(json: Self.file(replacing: .lateNotice, dropping: true))
        }
        #expect(throws: NotificationTemplates.Problem.self) { try NotificationTemplates(json: Data("{\"templates\": 3}".utf8)) }
    }

    @Test(arguments: [
        ("receive", DossierStatus.received, NotificationPurpose?.some(.received)),
        ("requestSupplement", .awaitingSupplement, .supplementRequested),
        ("issueApology", .inProgress, .lateNotice),
        ("completeStep", .resultReady, .resultReady),
        ("completeStep", .inProgress, nil),
        ("declareIneligible", .ineligible, .resultReady),
        ("transfer", .inProgress, nil),
        ("returnResult", .returned, nil),
    ])
    func whichEventsTheApplicantIsToldOf(action: String, status: DossierStatus, purpose: NotificationPurpose?) {
        #expect(NotificationPurpose.of(action: action, statusAfter: status) == purpose)
    }

    @Test(arguments: [(1, 60.0 as Double?), (2, 120), (3, 240), (11, 61_440), (12, nil)])
    func retriesWaitLongerAndEnd(attempts: Int, delay: Double?) {
        #expect(RetrySchedule().delay(afterAttempts: attempts) == delay)
        #expect(RetrySchedule(longestDelay: 100).delay(afterAttempts: 3) == 100)
    }
}
