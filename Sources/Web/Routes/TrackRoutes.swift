import Domain
import Foundation
import Hummingbird
import Persistence

/// The public tracking page a printed form's QR code leads to: where a dossier stands and when its result
/// is due — without any personal data, since the code alone opens it.
struct TrackRoutes {
    let services: AppServices

    func register(on router: some RouterMethods<AppRequestContext>) {
        router.get("/track") { request, context in
            guard let text = request.query("code"), !text.isEmpty else {
                return Page("Tra cứu hồ sơ", body: TrackPage(result: nil, query: "").body).render(context: context, request: request)
            }
            guard let code = DossierCode(parsing: text) else {
                return Page("Tra cứu hồ sơ", body: TrackPage(result: nil, query: text, error: "Mã hồ sơ không đúng dạng (ví dụ 00070-260302-0001).").body,
                            status: .badRequest).render(context: context, request: request)
            }
            return Response.redirect(to: SiteRoute.track(code: code.text).path, type: .normal)
        }
        router.get(SiteRoute.track().pattern) { request, context in
            guard let text = context.parameters.get("code"), let code = DossierCode(parsing: text.removingPercentEncoding ?? text),
                  let dossier = try await services.dossiers.find(code: code),
                  let version = try await services.procedures.version(id: dossier.procedureVersionID)
            else {
                return Page("Tra cứu hồ sơ", body: TrackPage(result: nil, query: context.parameters.get("code") ?? "",
                                                             error: "Không tìm thấy hồ sơ có mã này.").body,
                            status: .notFound).render(context: context, request: request)
            }
            let result = TrackPage.Result(
                code: dossier.code.text, procedureName: version.procedure.name, status: dossier.state.status,
                receivedAt: dossier.receivedAt, appointmentAt: dossier.appointmentAt,
                receivingUnit: try await services.units.find(id: dossier.receivingUnitID)?.name ?? "")
            let clock = LocalClock(utcOffsetMinutes: services.configuration.officeHours.utcOffsetMinutes)
            return Page("Tra cứu hồ sơ \(dossier.code.text)", body: TrackPage(result: result, query: code.text, clock: clock).body)
                .render(context: context, request: request)
        }
    }
}
