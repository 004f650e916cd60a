import Domain
import Foundation
import Hummingbird
import Persistence
import Plot
import Services

/// The officer's work queue: the open dossiers of their units (or only theirs), most urgent first, coloured
/// by the working time left, with filters and a search by code, applicant or procedure.
struct DossierQueuePage {
    /// The filter as typed, kept as text for the form.
    struct Filter {
        var query = ""
        var status = ""
        var channel = ""
        var mine = false
        var includeFinished = false
        var receivedFrom = ""
        var receivedTo = ""
        var dueFrom = ""
        var dueTo = ""
        var clock: LocalClock

        init(request: Request, clock: LocalClock) {
            self.clock = clock
            query = request.query("q") ?? ""
            status = request.query("status") ?? ""
            channel = request.query("channel") ?? ""
            mine = request.query("mine") == "1"
            includeFinished = request.query("all") == "1"
            receivedFrom = request.query("receivedFrom") ?? ""
            receivedTo = request.query("receivedTo") ?? ""
            dueFrom = request.query("dueFrom") ?? ""
            dueTo = request.query("dueTo") ?? ""
        }

        /// A date field as the start of that local day (or of the next day, for an upper bound).
        private func day(_ text: String, next: Bool = false) -> Date? {
            guard let date = LocalDate(typed: text) else { return nil }
            return clock.instant(parsing: date.adding(days: next ? 1 : 0).iso + "T00:00")
        }

        func storeFilter(me: Int64) -> DossierStore.QueueFilter {
            var filter = DossierStore.QueueFilter(
                query: query, statuses: DossierStatus(rawValue: status).map { [$0] } ?? [], channel: Channel(rawValue: channel),
                assigneeID: mine ? me : nil, openOnly: !includeFinished && DossierStatus(rawValue: status)?.isFinal != true)
            filter.receivedFrom = day(receivedFrom)
            filter.receivedBefore = day(receivedTo, next: true)
            filter.dueFrom = day(dueFrom)
            filter.dueBefore = day(dueTo, next: true)
            return filter
        }
    }

    var items: [DossierQueueItem]
    var filter: Filter
    var now: Date
    var clock: LocalClock
    var calculator: DeadlineCalculator
    var canReceive: Bool
    /// The dossier whose consultation the reader has just answered (it left their queue with the answer).
    var answered: DossierCode? = nil

    var body: [Node<HTML.BodyContext>] {
        [
            .h1(.text("Hồ sơ")),
            .unwrap(answered) { code in
                .p(
                    .class("notice notice--success"), .attribute(named: "role", value: "status"),
                    .text("Đã gửi ý kiến về hồ sơ \(code.text). Hồ sơ đã trở lại đơn vị giải quyết."))
            },
            .p(
                .if(canReceive, .a(.class("button"), .href(SiteRoute.newDossier.path), .text("Tiếp nhận hồ sơ mới"))),
                .text(" "), .a(.href(SiteRoute.dossierLog.path), .text("Sổ theo dõi hồ sơ (mẫu 07)"))),
            .form(
                .class("filters"), .action(SiteRoute.dossiers.path), .method(.get), .attribute(named: "role", value: "search"),
                .div(
                    .class("field"), .label(.for("q"), .text("Mã hồ sơ, người nộp, thủ tục")),
                    .input(.type(.search), .id("q"), .name("q"), .value(filter.query))),
                .div(
                    .class("field"), .label(.for("status"), .text("Trạng thái")),
                    .select(
                        .id("status"), .attribute(named: "name", value: "status"),
                        .choice("", "Đang xử lý (tất cả)", isSelected: filter.status.isEmpty),
                        .forEach(DossierStatus.allCases) { .choice($0.rawValue, $0.title, isSelected: $0.rawValue == filter.status) })),
                .div(
                    .class("field"), .label(.for("channel"), .text("Kênh")),
                    .select(
                        .id("channel"), .attribute(named: "name", value: "channel"),
                        .choice("", "Tất cả", isSelected: filter.channel.isEmpty),
                        .forEach(Channel.allCases) { .choice($0.rawValue, $0.title, isSelected: $0.rawValue == filter.channel) })),
                dateField("receivedFrom", "Tiếp nhận từ ngày", filter.receivedFrom),
                dateField("receivedTo", "đến ngày", filter.receivedTo),
                dateField("dueFrom", "Hạn từ ngày", filter.dueFrom),
                dateField("dueTo", "đến ngày", filter.dueTo),
                .div(
                    .class("field field--check"),
                    .input(
                        .type(.checkbox), .id("mine"), .name("mine"), .value("1"),
                        .attribute(named: "checked", value: filter.mine ? "checked" : "")),
                    .label(.for("mine"), .text("Chỉ hồ sơ giao cho tôi"))),
                .div(
                    .class("field field--check"),
                    .input(
                        .type(.checkbox), .id("all"), .name("all"), .value("1"),
                        .attribute(named: "checked", value: filter.includeFinished ? "checked" : "")),
                    .label(.for("all"), .text("Gồm hồ sơ đã kết thúc"))),
                .button(.type(.submit), .class("button"), .text("Lọc"))
            ),
            .p(.attribute(named: "role", value: "status"), .text("\(items.count) hồ sơ")),
            .table(
                .class("table queue"),
                .caption(.text("Hồ sơ của đơn vị, hạn gần nhất trước")),
                .thead(
                    .tr(
                        .th(.text("Mã hồ sơ")), .th(.text("Thủ tục")), .th(.text("Người nộp")), .th(.text("Trạng thái")),
                        .th(.text("Tiếp nhận")), .th(.text("Hạn xử lý")), .th(.text("Còn lại")))),
                .tbody(
                    .forEach(items) { item in
                        let urgency = Self.urgency(item.dossier, now: now, calculator: calculator)
                        return .tr(
                            .class("urgency--\(urgency.key)"),
                            .td(.a(.href(SiteRoute.dossier(id: item.dossier.id).path), .text(item.dossier.code.text))),
                            .td(.text(item.procedureName)),
                            .td(.text(item.dossier.applicant.name)),
                            .td(.text(item.dossier.state.status.title)),
                            .td(.text(clock.text(item.dossier.receivedAt))),
                            .td(.text(item.dossier.dueAt.map(clock.text) ?? "—")),
                            .td(.span(.class("urgency"), .text(urgency.text)))
                        )
                    })
            ),
        ]
    }

    private func dateField(_ name: String, _ label: String, _ value: String) -> Node<HTML.FormContext> {
        .div(.class("field"), .label(.for(name), .text(label)), .dateInput(id: name, name: name, value: value))
    }

    /// How much working time is left: more than a day, a day or less, overdue, paused, or finished.
    static func urgency(_ dossier: Dossier, now: Date, calculator: DeadlineCalculator) -> (key: String, text: String) {
        if dossier.state.status.isFinal || dossier.state.status == .resultReady {
            guard let finished = dossier.finishedAt, let due = dossier.dueAt else { return ("done", "Đã xong") }
            return finished <= due ? ("done", "Xong đúng hạn") : ("late", "Xong trễ hạn")
        }
        guard let due = dossier.dueAt else { return ("paused", "Tạm dừng") }
        if now > due { return ("late", "Quá hạn") }
        let seconds = (try? calculator.workingSeconds(from: now, to: due)) ?? 0
        let minutes = Int(seconds / 60)
        let text = minutes >= 480 ? "\(minutes / 480) ngày \(minutes % 480 / 60) giờ" : "\(minutes / 60) giờ \(minutes % 60) phút"
        return (minutes <= 480 ? "soon" : "ok", text)
    }
}
