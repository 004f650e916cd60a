import Domain
import Foundation
import Hummingbird
import Plot
import Services

/// "Tính ngày hẹn trả": a receipt instant, a limit in working days or hours, up to three pauses, and the
/// computation explained step by step. A GET form, so that a result can be shared as a link.
struct DueDatePage {
    /// What the person typed, kept as text so that a refused form comes back as it was.
    struct Entry {
        var received = ""
        /// The unit whose office hours apply ("" for the common hours).
        var unitID = ""
        var unit = "days"
        var amount = ""
        var pauses: [(pause: String, resume: String)] = Array(repeating: ("", ""), count: DueDatePage.pauseSlots)

        init() {}

        init(request: Request) {
            received = request.query("received") ?? ""
            unitID = request.query("unitID") ?? ""
            unit = request.query("unit") == "hours" ? "hours" : "days"
            amount = request.query("amount") ?? ""
            pauses = (1...DueDatePage.pauseSlots).map { (request.query("pause\($0)") ?? "", request.query("resume\($0)") ?? "") }
        }

        struct Refusal: Error {
            var message: String
        }

        func compute(calculator: DeadlineCalculator) -> Result<DeadlineSchedule, Refusal> {
            let clock = LocalClock(utcOffsetMinutes: calculator.officeHours.utcOffsetMinutes)
            guard let receivedAt = clock.instant(typed: received) else {
                return .failure(Refusal(message: "Thời điểm tiếp nhận không hợp lệ."))
            }
            guard let number = Double(amount.replacingOccurrences(of: ",", with: ".").trimmingCharacters(in: .whitespaces)) else {
                return .failure(Refusal(message: "Vui lòng nhập thời hạn là một số (ví dụ 5 hoặc 0,5)."))
            }
            do {
                let limit = unit == "hours" ? try TimeLimit.hours(number) : try TimeLimit.days(number)
                var stops: [DeadlineSchedule.Pause] = []
                for (index, pair) in pauses.enumerated() where !pair.pause.isEmpty || !pair.resume.isEmpty {
                    guard let pause = clock.instant(typed: pair.pause) else {
                        return .failure(Refusal(message: "Thời điểm tạm dừng lần \(index + 1) không hợp lệ."))
                    }
                    let resume = pair.resume.isEmpty ? nil : clock.instant(typed: pair.resume)
                    if !pair.resume.isEmpty, resume == nil {
                        return .failure(Refusal(message: "Thời điểm tiếp tục lần \(index + 1) không hợp lệ."))
                    }
                    stops.append(.init(pausedAt: pause, resumedAt: resume))
                }
                if stops.dropLast().contains(where: { $0.resumedAt == nil }) {
                    return .failure(Refusal(message: "Chỉ lần tạm dừng cuối cùng được để trống thời điểm tiếp tục."))
                }
                return .success(try calculator.schedule(receivedAt: receivedAt, limit: limit, pauses: stops))
            } catch let problem as TimeLimit.Problem {
                return .failure(Refusal(message: problem.message))
            } catch let problem as DeadlineCalculator.Problem {
                return .failure(Refusal(message: problem.message))
            } catch {
                return .failure(Refusal(message: "Không tính được thời hạn."))
            }
        }
    }

    static let pauseSlots = 3

    var entry: Entry
    var result: Result<DeadlineSchedule, Entry.Refusal>?
    var officeHours: OfficeHours
    var units: [OrgUnit]

    private var clock: LocalClock { LocalClock(utcOffsetMinutes: officeHours.utcOffsetMinutes) }

    var body: [Node<HTML.BodyContext>] {
        [
            .h1(.text("Tính ngày hẹn trả")),
            .p(
                .text(
                    "Theo giờ làm việc của đơn vị (giờ Hà Nội) và lịch nghỉ lễ, Tết, ngày hoán đổi của năm. Ngày nghỉ lễ và thứ Bảy, Chủ nhật không được tính; thứ Bảy làm bù được tính."
                )),
            .form(
                .class("form form--wide"), .action(SiteRoute.dueDate.path), .method(.get),
                .div(
                    .class("field"), .label(.for("received"), .text("Thời điểm tiếp nhận")),
                    .dateTimeInput(id: "received", name: "received", value: entry.received, clock: clock, required: true)),
                .div(
                    .class("field"), .label(.for("unitID"), .text("Đơn vị giải quyết")),
                    .select(
                        .id("unitID"), .attribute(named: "name", value: "unitID"),
                        .choice("", "Giờ làm việc chung", isSelected: entry.unitID.isEmpty),
                        .forEach(units) { .choice(String($0.id), $0.name, isSelected: String($0.id) == entry.unitID) })),
                .fieldset(
                    .element(named: "legend", text: "Thời hạn giải quyết"),
                    .div(
                        .class("field field--inline"),
                        .label(.for("amount"), .text("Số")),
                        .input(
                            .type(.text), .id("amount"), .name("amount"), .value(entry.amount),
                            .attribute(named: "inputmode", value: "decimal"),
                            .attribute(named: "required", value: "required"), .attribute(named: "aria-describedby", value: "amount-hint")),
                        .label(.for("unit"), .text("Đơn vị")),
                        .select(
                            .id("unit"), .attribute(named: "name", value: "unit"),
                            .choice("days", "ngày làm việc", isSelected: entry.unit == "days"),
                            .choice("hours", "giờ làm việc", isSelected: entry.unit == "hours"))),
                    .p(.class("hint"), .id("amount-hint"), .text("Ngày làm việc theo bội số 0,5; 0 là giải quyết trong ngày."))
                ),
                .fieldset(
                    .element(named: "legend", text: "Tạm dừng (yêu cầu bổ sung, chờ thực hiện nghĩa vụ tài chính) — không bắt buộc"),
                    .forEach(Array(entry.pauses.enumerated())) { index, pair in
                        .div(
                            .class("field field--inline"),
                            .label(.for("pause\(index + 1)"), .text("Tạm dừng lần \(index + 1)")),
                            .dateTimeInput(id: "pause\(index + 1)", name: "pause\(index + 1)", value: pair.pause, clock: clock),
                            .label(.for("resume\(index + 1)"), .text("Tiếp tục")),
                            .dateTimeInput(id: "resume\(index + 1)", name: "resume\(index + 1)", value: pair.resume, clock: clock))
                    }
                ),
                .button(.type(.submit), .class("button"), .text("Tính"))
            ),
            resultNode,
        ]
    }

    private var resultNode: Node<HTML.BodyContext> {
        switch result {
        case nil:
            return .empty
        case .failure(let refusal):
            return .p(.class("notice notice--error"), .id("form-error"), .attribute(named: "role", value: "alert"), .text(refusal.message))
        case .success(let schedule):
            return .section(
                .attribute(named: "aria-labelledby", value: "result-title"),
                .h2(.id("result-title"), .text("Kết quả")),
                .p(.text("Giờ làm việc áp dụng: \(officeHours.text.replacingOccurrences(of: ",", with: " và ")).")),
                .p(
                    .class("notice notice--success"), .id("due"), .attribute(named: "role", value: "status"),
                    .text(schedule.due.map { "Hẹn trả kết quả: \(clock.text($0))" } ?? "Hồ sơ đang tạm dừng: chưa có ngày hẹn trả.")),
                .h3(.text("Cách tính")),
                .ol(.class("steps"), .forEach(schedule.steps) { .li(.text($0.text)) })
            )
        }
    }
}
