import Domain
import Foundation
import Hummingbird
import Persistence
import Services

/// The calendar pages: the year view (public), the due-date calculator (public), and the secretariat's
/// changes to the yearly table (each audited, through ``CalendarStore/apply(_:actorID:at:on:statutory:)``).
struct CalendarRoutes {
    let services: AppServices

    struct DayForm: Decodable {
        var date: String?
        var kind: String?
        var name: String?
        var reference: String?
    }

    struct SwapForm: Decodable {
        var dayOff: String?
        var workday: String?
        var name: String?
        var reference: String?
    }

    struct RemovalForm: Decodable {
        var date: String?
        var reason: String?
    }

    struct ConfirmationForm: Decodable {
        var year: String?
        var reference: String?
    }

    func register(on router: some RouterMethods<AppRequestContext>) {
        router.get(SiteRoute.calendar.pattern) { request, context in
            let year = request.query("year").flatMap { Int($0) } ?? services.today().year
            guard CalendarEdit.years.contains(year) else { throw AppError.badRequest(CalendarEdit.Problem.outsideYears.message) }
            return try await calendarPage(year: year, saved: request.query("saved") == "1", error: nil, context: context, request: request)
        }
        router.get(SiteRoute.dueDate.pattern) { request, context in
            var entry = DueDatePage.Entry(request: request)
            if entry.received.isEmpty { entry = DueDatePage.Entry() }
            var hours = services.configuration.officeHours
            if let unitID = Int64(entry.unitID) {
                guard try await services.unitDirectory().find(id: unitID) != nil else {
                    throw AppError.badRequest("Không tìm thấy đơn vị đã chọn.")
                }
                hours = try await CalendarStore(services.database.sql).officeHours(of: unitID) ?? hours
            }
            let result =
                entry.received.isEmpty
                ? nil
                : entry.compute(
                    calculator: DeadlineCalculator(calendar: try await services.workingCalendar(), officeHours: hours))
            let units = try await services.unitDirectory().list(.init(validOn: services.today()))
            let page = DueDatePage(entry: entry, result: result, officeHours: hours, units: units)
            let status: HTTPResponse.Status = if case .failure = result { .badRequest } else { .ok }
            return Page("Tính ngày hẹn trả", body: page.body, status: status).render(context: context, request: request)
        }
        router.post(SiteRoute.calendarDays.pattern) { request, context in
            let editor = try context.require(.secretariat, .admin)
            let form = try await request.form(DayForm.self, empty: DayForm())
            let date = try Self.date(form.date)
            guard let kind = form.kind.flatMap(CalendarDay.Kind.init(rawValue:)) else {
                return try await refused(year: date.year, "Vui lòng chọn loại ngày.", context: context, request: request)
            }
            let row = CalendarDay(
                date: date, kind: kind, name: VietnameseText.normalized(form.name ?? ""),
                reference: VietnameseText.normalized(form.reference ?? ""))
            return try await edit(.set(row), by: editor, context: context, request: request)
        }
        router.post(SiteRoute.calendarSwaps.pattern) { request, context in
            let editor = try context.require(.secretariat, .admin)
            let form = try await request.form(SwapForm.self, empty: SwapForm())
            let dayOff = try Self.date(form.dayOff)
            let workday = try Self.date(form.workday)
            return try await edit(
                .swap(
                    dayOff: dayOff, workday: workday, name: VietnameseText.normalized(form.name ?? ""),
                    reference: VietnameseText.normalized(form.reference ?? "")), by: editor, context: context, request: request)
        }
        router.post(SiteRoute.calendarRemovals.pattern) { request, context in
            let editor = try context.require(.secretariat, .admin)
            let form = try await request.form(RemovalForm.self, empty: RemovalForm())
            return try await edit(
                .remove(try Self.date(form.date), reason: VietnameseText.normalized(form.reason ?? "")),
                by: editor, context: context, request: request)
        }
        router.post(SiteRoute.calendarConfirmations.pattern) { request, context in
            let editor = try context.require(.secretariat, .admin)
            let form = try await request.form(ConfirmationForm.self, empty: ConfirmationForm())
            guard let year = form.year.flatMap({ Int($0) }) else { throw AppError.badRequest("Năm không hợp lệ.") }
            return try await edit(
                .confirm(year: year, reference: VietnameseText.normalized(form.reference ?? "")), by: editor, context: context,
                request: request)
        }
        router.get(SiteRoute.calendarFile.pattern) { request, _ in
            let year = request.query("year").flatMap { Int($0) } ?? services.today().year
            guard CalendarEdit.years.contains(year) else { throw AppError.badRequest(CalendarEdit.Problem.outsideYears.message) }
            // The rows in force: the stored year, or the days the rules pre-fill for a year not entered yet.
            let rows = try await services.workingCalendar().rows(in: year)
            let file = CalendarFile(
                source: "Lịch làm việc năm \(year) trong MotCua, tải lúc \(LocalClock().text(services.clock()))", days: rows)
            var headers = HTTPFields()
            headers[.contentType] = "application/json; charset=utf-8"
            headers[.contentDisposition] = "attachment; filename=\"lich-lam-viec-\(year).json\""
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: file.json())))
        }
        router.post(SiteRoute.calendarFiles.pattern) { request, context in
            let editor = try context.require(.secretariat, .admin)
            let year = services.today().year
            guard let upload = try await AttachmentRoutes.upload(request, context) else {
                return try await refused(year: year, "Vui lòng chọn tệp lịch (JSON).", context: context, request: request)
            }
            let file: CalendarFile
            do throws(CalendarFile.Problem) { file = try CalendarFile(json: upload.data) } catch {
                return try await refused(year: year, error.description, context: context, request: request)
            }
            try await CalendarStore.load(file, actorID: editor.user.id, at: services.clock(), on: services.database)
            let corrected = try await services.desk.recomputeDueInstants(
                reason: CalendarFile.correctionReason(file), actorID: editor.user.id,
                at: services.clock(), days: file.span)
            return Response.redirect(
                to: SiteRoute.calendar.path + "?year=\(file.years[0])&saved=1&recomputed=\(corrected.count)", type: .normal)
        }
    }

    /// A date from a form's date field (yyyy-MM-dd), or a 400 that says so.
    static func date(_ text: String?) throws -> LocalDate {
        guard let text, let date = LocalDate(typed: text) else { throw AppError.badRequest("Ngày không hợp lệ (cần dạng ngày/tháng/năm).") }
        return date
    }

    private func edit(_ edit: CalendarEdit, by editor: Identity, context: AppRequestContext, request: Request) async throws -> Response {
        do {
            try await CalendarStore.apply(edit, actorID: editor.user.id, at: services.clock(), on: services.database)
        } catch let problem as CalendarEdit.Problem {
            return try await refused(year: edit.year, problem.message, context: context, request: request)
        }
        // Open dossiers whose due instant the corrected calendar moves get it now (each shown, audited, counted once).
        let corrected = try await services.desk.recomputeDueInstants(
            reason: "Lịch làm việc năm \(edit.year) được điều chỉnh",
            actorID: editor.user.id, at: services.clock(), days: edit.days)
        return Response.redirect(to: SiteRoute.calendar.path + "?year=\(edit.year)&saved=1&recomputed=\(corrected.count)", type: .normal)
    }

    private func refused(year: Int, _ message: String, context: AppRequestContext, request: Request) async throws -> Response {
        return try await calendarPage(
            year: min(max(year, CalendarEdit.years.lowerBound), CalendarEdit.years.upperBound), saved: false,
            error: message, context: context, request: request)
    }

    private func calendarPage(year: Int, saved: Bool, error: String?, context: AppRequestContext, request: Request) async throws -> Response
    {
        let recomputed = request.uri.queryParameters["recomputed"].flatMap { Int(String($0)) }
        let calendar = try await services.workingCalendar()
        let page = CalendarPage(
            year: year, calendar: calendar, today: services.today(),
            editing: context.identity?.editsCalendar == true ? CalendarPage.Editing(csrfToken: context.csrfToken) : nil,
            saved: saved, error: error, recomputed: recomputed)
        return Page("Lịch làm việc năm \(year)", body: page.body, status: error == nil ? .ok : .badRequest).render(
            context: context, request: request)
    }
}
