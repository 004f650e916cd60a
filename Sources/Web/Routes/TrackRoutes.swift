import Domain
import Foundation
import Hummingbird
import Persistence
import Services

/// Public tracking, no account needed. The code alone (the printed QR code, the link in a notification)
/// shows where a dossier stands and when its result is due, without personal data; the code with the last
/// four digits of the applicant's phone or ID number opens the details: the timeline in plain Vietnamese,
/// the countdown in working days, a supplement request, an apology slip, the result. Lookups by code are
/// throttled per address (codes are sequential: walking them must not work) and wrong digits per code.
struct TrackRoutes {
    let services: AppServices

    struct DigitsForm: Decodable { var digits: String? }

    func register(on router: some RouterMethods<AppRequestContext>) {
        router.get("/track") { request, context in
            guard let text = request.query("code"), !text.isEmpty else {
                return page(TrackPage(query: "", csrfToken: context.csrfToken), context: context, request: request)
            }
            guard let code = DossierCode(parsing: text) else {
                return page(
                    TrackPage(query: text, csrfToken: context.csrfToken, error: "Mã hồ sơ không đúng dạng (ví dụ 00070-260302-0001)."),
                    status: .badRequest, context: context, request: request)
            }
            return Response.redirect(to: SiteRoute.track(code: code.text).path, type: .normal)
        }
        router.get(SiteRoute.track().pattern) { request, context in
            try await lookUp(request, context, digits: nil)
        }
        router.post(SiteRoute.track().pattern) { request, context in
            let form = try await request.form(DigitsForm.self, empty: DigitsForm())
            return try await lookUp(request, context, digits: form.digits ?? "")
        }
        // The applicant's rating, from the details the digits opened (checked again here).
        router.post(SiteRoute.trackRating().pattern) { request, context in
            let fields = try await request.form([String: String].self, empty: [:])
            return try await lookUp(request, context, digits: fields["digits"] ?? "", rating: fields)
        }
        // A file of the electronic result, from the details the digits opened (checked again here).
        router.post(SiteRoute.trackResult().pattern) { request, context in
            let form = try await request.form(DigitsForm.self, empty: DigitsForm())
            return try await lookUp(request, context, digits: form.digits ?? "", download: try context.parameters.id("file"))
        }
    }

    private func lookUp(
        _ request: Request, _ context: AppRequestContext, digits: String?, rating fields: [String: String]? = nil,
        download fileID: Int64? = nil
    ) async throws -> Response {
        let raw = context.parameters.get("code") ?? ""
        let now = services.clock()
        let counters = FailureCounters(services.database)
        let addressKey = "track-address:" + context.clientAddress
        if let until = try await counters.lockedUntil(addressKey, at: now) {
            throw AppError.tooManyRequests(retryAfterSeconds: Int(until.timeIntervalSince(now)) + 1)
        }
        // Every lookup from an address counts, found or not: walking the sequential codes is what is slowed.
        try await counters.recordFailure(addressKey, at: now, policy: .trackingPerAddress)
        guard let code = DossierCode(parsing: raw.removingPercentEncoding ?? raw),
            let dossier = try await services.dossiers.find(code: code),
            let version = try await services.procedures.version(id: dossier.procedureVersionID)
        else {
            return page(
                TrackPage(query: raw, csrfToken: context.csrfToken, error: "Không tìm thấy hồ sơ có mã này."), status: .notFound,
                context: context, request: request)
        }
        var track = TrackPage(query: code.text, csrfToken: context.csrfToken, clock: clock)
        track.result = TrackPage.Result(
            code: dossier.code.text, procedureName: version.procedure.name, status: dossier.state.status, receivedAt: dossier.receivedAt,
            appointmentAt: dossier.appointmentAt,
            receivingUnit: try await services.unitDirectory().find(id: dossier.receivingUnitID)?.name ?? "")
        guard let digits else { return page(track, context: context, request: request) }

        let codeKey = "track-code:" + code.text
        if let until = try await counters.lockedUntil(codeKey, at: now) {
            track.error = "Đã nhập sai quá nhiều lần. Vui lòng thử lại sau \(clock.text(until))."
            return page(track, status: .tooManyRequests, context: context, request: request)
        }
        guard PublicTimeline.opens(digits, phone: dossier.applicant.phone, identifier: dossier.applicant.identifier) else {
            try await counters.recordFailure(codeKey, at: now, policy: .trackingPerCode)
            track.error = "Bốn chữ số không khớp với số điện thoại hoặc số định danh đã khai khi nộp hồ sơ."
            track.digitsError = true
            return page(track, status: .badRequest, context: context, request: request)
        }
        try await counters.clear(codeKey)
        let results = try await services.attachments.releasedResult(of: dossier)
        if let fileID {
            guard let file = results.first(where: { $0.id == fileID }) else { throw AppError.notFound }
            return try await AttachmentRoutes.download(file, of: dossier, by: nil, services: services)
        }
        if DossierRating.canRate(dossier.state.status), let criteria = services.ratingCriteria(for: dossier) {
            let ratings = services.ratings
            var form = RatingForm(
                criteria: criteria, action: SiteRoute.trackRating(code: code.text).path, csrfToken: context.csrfToken,
                hidden: [("digits", digits)], current: try await ratings.rating(of: dossier.id)?.rating)
            if let fields {
                let answered = RatingForm.rating(from: fields)
                do {
                    try await ratings.rate(dossier.id, answered, criteria: criteria, channel: .portal, at: now)
                    form.current = answered
                    track.ratingSaved = true
                } catch let problem as RatingStore.Problem {
                    form.current = answered
                    form.error = problem.message
                }
            }
            let stored = try await ratings.rating(of: dossier.id)
            track.rating = stored.map { $0.isChangeable(at: now) } ?? true ? form : nil
            track.ratingClosed = stored.map { !$0.isChangeable(at: now) } ?? false
        }
        let events = try await services.dossiers.events(of: dossier)
        track.details = TrackPage.Details(
            timeline: PublicTimeline.entries(events),
            workingDaysLeft: try await workingDaysLeft(dossier, at: now),
            supplementReason: dossier.state.status == .awaitingSupplement ? events.last { $0.action == "requestSupplement" }?.reason : nil,
            apology: events.last { $0.action == "issueApology" }.map { ($0.occurredAt, $0.reason) },
            results: results, digits: digits)
        return page(track, context: context, request: request)
    }

    /// Working days from now to the appointment, or nil when paused, finished or already past.
    private func workingDaysLeft(_ dossier: Dossier, at now: Date) async throws -> Double? {
        guard !dossier.state.status.isFinal, dossier.state.status != .resultReady, let appointment = dossier.appointmentAt,
            appointment > now
        else { return nil }
        let calculator = try await services.deadlines(dossier.processingUnitID, services.database.sql)
        guard let seconds = try? calculator.workingSeconds(from: now, to: appointment) else { return nil }
        return Double(seconds) / Double(calculator.officeHours.daySeconds)
    }

    private var clock: LocalClock { services.localClock }

    private func page(_ track: TrackPage, status: HTTPResponse.Status = .ok, context: AppRequestContext, request: Request) -> Response {
        Page(track.result.map { "Tra cứu hồ sơ \($0.code)" } ?? "Tra cứu hồ sơ", body: track.body, status: status).render(
            context: context, request: request)
    }
}
