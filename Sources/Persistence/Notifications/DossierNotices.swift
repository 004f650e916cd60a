import Domain
import Foundation
import SQLKit

/// The messages the applicant gets about a dossier event (receipt, supplement request, late notice, result),
/// by e-mail and SMS where the dossier has an address and a phone number, from the templates.
public struct DossierNotices: Sendable {
    public let templates: NotificationTemplates
    /// The public tracking link of a dossier.
    public let trackingURL: @Sendable (DossierCode) -> String
    /// The link that opens a dossier's rating without the tracking digits (it carries its own token).
    public let ratingURL: @Sendable (DossierCode) -> String
    public let clock: LocalClock

    public init(
        templates: NotificationTemplates, clock: LocalClock = LocalClock(),
        ratingURL: @escaping @Sendable (DossierCode) -> String = { _ in "" },
        trackingURL: @escaping @Sendable (DossierCode) -> String
    ) {
        self.templates = templates
        self.clock = clock
        self.ratingURL = ratingURL
        self.trackingURL = trackingURL
    }

    /// The templates shipped with MotCua (Seed/Data/notification-templates.json).
    public static func shippedTemplates() throws -> NotificationTemplates {
        guard let url = Bundle.module.url(forResource: "notification-templates", withExtension: "json", subdirectory: "Data") else {
            throw PersistenceError.corrupt("notification-templates.json is missing from the bundle")
        }
        return try NotificationTemplates(json: Data(contentsOf: url))
    }

    /// What to send about `event` of `dossier` (nothing for events the applicant is not told of).
    public func messages(for dossier: Dossier, event: DossierEvent, procedureName: String, agencyName: String) -> [NotificationOutbox
        .Message]
    {
        guard let purpose = NotificationPurpose.of(action: event.action, statusAfter: event.statusAfter) else { return [] }
        let values = [
            "code": dossier.code.text, "procedure": procedureName, "agency": agencyName, "reason": event.reason,
            "appointment": (dossier.appointmentAt ?? dossier.dueAt).map(clock.text) ?? "", "trackingURL": trackingURL(dossier.code),
            "ratingURL": ratingURL(dossier.code),
        ]
        var recipients: [(NotificationChannel, String)] = []
        if let email = dossier.applicant.email, !email.isEmpty { recipients.append((.email, email)) }
        if let phone = dossier.applicant.phone.map(Self.phoneNumber), !phone.isEmpty { recipients.append((.sms, phone)) }
        return recipients.map { channel, recipient in
            let text = templates.render(purpose, channel, values: values)
            return NotificationOutbox.Message(
                dossierID: dossier.id, eventSequence: event.sequence, purpose: purpose, channel: channel,
                recipient: recipient, subject: text.subject, body: text.body)
        }
    }

    /// A phone number as gateways take it: digits and a leading +.
    public static func phoneNumber(_ text: String) -> String {
        text.filter { $0.isASCII && ($0.isNumber || $0 == "+") }
    }

    /// Queues the messages of events in the caller's transaction (unit names read once for them all); demo
    /// dossiers get none.
    func enqueue(_ events: [(dossier: Dossier, event: DossierEvent, procedureName: String)], on session: any SQLDatabase) async throws {
        // Demo and synthetic dossiers carry made-up addresses and numbers that may belong to real people: never
        // write to them.
        let wanted = events.filter {
            !$0.dossier.isDemo && NotificationPurpose.of(action: $0.event.action, statusAfter: $0.event.statusAfter) != nil
                && ($0.dossier.applicant.email?.isEmpty == false || $0.dossier.applicant.phone?.isEmpty == false)
        }
        guard !wanted.isEmpty else { return }
        var names: [Int64: String] = [:]
        for row in try await session.select().columns("id", "name").from("units")
            .where("id", .in, Array(Set(wanted.map(\.dossier.receivingUnitID)))).all()
        {
            names[try row.decode(column: "id", as: Int64.self)] = try row.decode(column: "name", as: String.self)
        }
        for (dossier, event, procedureName) in wanted {
            try await NotificationOutbox(session).enqueue(
                messages(for: dossier, event: event, procedureName: procedureName, agencyName: names[dossier.receivingUnitID] ?? ""),
                at: event.occurredAt)
        }
    }
}
