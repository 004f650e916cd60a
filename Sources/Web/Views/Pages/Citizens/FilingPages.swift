import Domain
import Foundation
import Persistence
import Plot
import Services

/// The citizen's dossiers filed online and drafts not yet submitted.
struct MyDossiersPage {
    var items: [DossierQueueItem]
    var drafts: [(OnlineDraft, String)]
    var clock: LocalClock
    /// The dossiers already rated.
    var rated: Set<Int64> = []
    /// The feedback the citizen sent while signed in, newest first.
    var feedback: [FeedbackItem] = []

    var body: [Node<HTML.BodyContext>] {
        [
            .h1(.text("Hồ sơ của tôi")),
            .h2(.text("Hồ sơ đã nộp")),
            items.isEmpty
                ? .p(.text("Chưa có hồ sơ nộp trực tuyến."))
                : .table(
                    .class("table"),
                    .thead(
                        .tr(
                            .th(.text("Mã hồ sơ")), .th(.text("Thủ tục")), .th(.text("Trạng thái")), .th(.text("Ngày hẹn trả")),
                            .th(.text("Việc cần làm")))),
                    .tbody(
                        .forEach(items) { item in
                            .tr(
                                .td(.a(.href(SiteRoute.myDossier(id: item.dossier.id).path), .text(item.dossier.code.text))),
                                .td(.text(item.procedureName)),
                                .td(.text(item.dossier.state.status.title)),
                                .td(.text(item.dossier.appointmentAt.map(clock.text) ?? "Tạm dừng")),
                                .td(nextStep(item.dossier)))
                        })
                ),
            .h2(.text("Hồ sơ nháp")),
            drafts.isEmpty
                ? .p(.text("Không có hồ sơ nháp."))
                : .ul(
                    .forEach(drafts) { draft, name in
                        .li(
                            .a(.href(SiteRoute.draft(id: draft.id).path), .text(name)),
                            .text(" — cập nhật \(clock.text(draft.updatedAt)), \(draft.files.count) tệp"))
                    }),
            .p(.a(.href(SiteRoute.procedures.path + "?online=1"), .text("Tìm thủ tục nộp trực tuyến"))),
            .h2(.id("feedback-title"), .text("Phản ánh, kiến nghị đã gửi")),
            feedback.isEmpty
                ? .p(.text("Chưa gửi phản ánh, kiến nghị nào khi đăng nhập."))
                : .table(
                    .class("table"), .attribute(named: "aria-labelledby", value: "feedback-title"),
                    .thead(.tr(.th(.text("Mã")), .th(.text("Gửi lúc")), .th(.text("Nội dung")), .th(.text("Trả lời")))),
                    .tbody(
                        .forEach(feedback) { item in
                            .tr(
                                .td(.a(.href(SiteRoute.feedbackItem(code: item.code).path), .text(item.code))),
                                .td(.text(clock.text(item.receivedAt))),
                                .td(.text(item.content.shortened(to: 120))), .td(feedbackState(item)))
                        })
                ),
            .p(.a(.href(SiteRoute.feedbackNew.path), .text("Gửi phản ánh, kiến nghị mới"))),
        ]
    }

    /// Where an item stands: waiting (with the due day), answered — and the rating of the answer it still asks for.
    private func feedbackState(_ item: FeedbackItem) -> Node<HTML.BodyContext> {
        guard let answeredAt = item.answeredAt else { return .text("Chờ trả lời (hạn \(clock.localDate(item.dueAt).vietnamese))") }
        let answered = "Đã trả lời \(clock.localDate(answeredAt).vietnamese)"
        guard item.ratedAt == nil else { return .text(answered + ", đã đánh giá") }
        return .group(
            .text(answered + " — "), .a(.href(SiteRoute.feedbackItem(code: item.code).path + "#rating"), .text("Đánh giá câu trả lời")))
    }

    /// What the applicant can do now with a dossier, as a link to where it is done.
    private func nextStep(_ dossier: Dossier) -> Node<HTML.BodyContext> {
        let page = SiteRoute.myDossier(id: dossier.id).path
        switch dossier.state.status {
        case .awaitingSupplement: return .a(.href(page + "#supplement-title"), .text("Bổ sung hồ sơ"))
        case .resultReady: return .text("Nhận kết quả")
        case _ where DossierRating.canRate(dossier.state.status):
            return rated.contains(dossier.id)
                ? .text("Đã đánh giá") : .a(.class("button"), .href(page + "#rating-title"), .text("Đánh giá"))
        default: return .text("Chờ giải quyết")
        }
    }
}

/// One of the citizen's dossiers: the receipt (code, appointment, documents filed) to keep or print, and
/// the way to its tracking details.
struct MyDossierPage {
    var dossier: Dossier
    var procedureName: String
    var agencyName: String
    var attachments: [Attachment]
    var trackingURL: String
    var clock: LocalClock
    var justFiled: Bool
    var timeline: [PublicTimeline.Entry] = []
    /// The officer's request, while the dossier waits for a supplement: the citizen answers it here.
    var supplementReason: String?
    var csrfToken = ""
    var supplementSent = false
    var error: String?
    /// The electronic result, once it is released.
    var results: [Attachment] = []
    var rating: Rating = .notYet
    /// The messages sent to the applicant about this dossier.
    var notifications: [NotificationOutbox.Row] = []
    /// The declaration filled in online and the way the result is received, as the receipt event keeps them.
    var declaration: Declaration?
    var delivery: ResultDelivery.Choice?

    /// The applicant's rating: not possible yet, open (the form, with when it was given if it was), or no longer changeable.
    enum Rating {
        case notYet
        case open(RatingForm, ratedAt: Date?, justSaved: Bool)
        case closed(Date)
    }

    var body: [Node<HTML.BodyContext>] {
        [
            .h1(.text("Hồ sơ \(dossier.code.text)")),
            .if(
                justFiled,
                .p(
                    .class("notice notice--success"), .attribute(named: "role", value: "status"),
                    .text("Hồ sơ đã được tiếp nhận. Mã hồ sơ của ông/bà là \(dossier.code.text)."))),
            // The next thing the applicant can do comes first: rate the handling once the result is handed over.
            ratingSection,
            .article(
                .class("official-form"),
                .h2(.text("Giấy tiếp nhận hồ sơ trực tuyến")),
                .dl(
                    .class("facts"),
                    .dt(.text("Mã hồ sơ")), .dd(.strong(.id("code"), .text(dossier.code.text))),
                    .dt(.text("Thủ tục")), .dd(.text(procedureName)),
                    .dt(.text("Nơi tiếp nhận")), .dd(.text(agencyName)),
                    .dt(.text("Thời điểm nộp")), .dd(.text(clock.text(dossier.receivedAt))),
                    .dt(.text("Trạng thái")), .dd(.text(dossier.state.status.title)),
                    .dt(.text("Ngày hẹn trả kết quả")),
                    .dd(.id("appointment"), .text(dossier.appointmentAt.map(clock.text) ?? "Tạm dừng chờ bổ sung")),
                    .unwrap(delivery) { .group(.dt(.text("Cách nhận kết quả")), .dd(.text($0.text))) }),
                .unwrap(declaration) { declaration in .group(.h3(.text("Tờ khai đã khai trực tuyến")), declaration.answersNode) },
                .h3(.text("Giấy tờ đã nộp")),
                .ul(.forEach(attachments.filter { $0.purpose == .application }) { .li(.text("\($0.description): \($0.originalName)")) }),
                .div(
                    .class("qr-box"), .raw((try? QRCode(trackingURL).svg(title: "Mã QR tra cứu hồ sơ \(dossier.code.text)")) ?? ""),
                    .p(.class("qr-caption"), .text("Tra cứu: "), .a(.href(trackingURL), .text(trackingURL))))
            ),
            .p(
                .class("no-print"),
                .button(.type(.button), .class("button"), .attribute(named: "data-print", value: ""), .text("In giấy tiếp nhận")),
                .text(" "), .a(.href(SiteRoute.myDossiers.path), .text("← Hồ sơ của tôi"))),
            .unwrap(error) { .p(.class("notice notice--error"), .attribute(named: "role", value: "alert"), .text($0)) },
            .if(
                supplementSent,
                .p(
                    .class("notice notice--success"), .attribute(named: "role", value: "status"),
                    .text("Đã gửi tệp bổ sung. Cán bộ sẽ kiểm tra và tiếp tục giải quyết hồ sơ."))),
            .unwrap(supplementReason) { reason in
                .section(
                    .class("no-print"), .attribute(named: "aria-labelledby", value: "supplement-title"),
                    .h2(.id("supplement-title"), .text("Bổ sung hồ sơ")),
                    .p(.id("supplement-reason"), .text(reason)),
                    .form(
                        .class("form upload"), .action(SiteRoute.mySupplement(id: dossier.id).path), .method(.post),
                        .attribute(named: "enctype", value: "multipart/form-data"),
                        .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
                        .div(
                            .class("field"),
                            .label(.for("supplement-file"), .text("Tệp bổ sung (PDF, JPEG, PNG, DOCX, XLSX; tối đa 10 MB)")),
                            .input(
                                .type(.file), .id("supplement-file"), .name("file"), .attribute(named: "required", value: "required"),
                                .attribute(named: "accept", value: ".pdf,.jpg,.jpeg,.png,.docx,.xlsx"))),
                        .div(
                            .class("field"), .label(.for("supplement-note"), .text("Ghi chú cho cán bộ (không bắt buộc)")),
                            .input(.type(.text), .id("supplement-note"), .name("note"))),
                        .button(.type(.submit), .class("button"), .text("Gửi bổ sung"))
                    )
                )
            },
            TrackPage.results(results) { file in
                .a(.href(SiteRoute.myResult(id: dossier.id, fileID: file.id).path), .text("Tải về \(file.originalName)"))
            },
            .h2(.class("no-print"), .text("Diễn biến")),
            TrackPage.timeline(timeline, clock: clock, printed: false),
            .if(
                !notifications.isEmpty,
                .section(
                    .class("no-print"), .attribute(named: "aria-labelledby", value: "notifications-title"),
                    .h2(.id("notifications-title"), .text("Thông báo đã gửi cho ông/bà")),
                    .ul(
                        .forEach(notifications) { row in
                            .li(
                                .text(
                                    "\(clock.text(row.sentAt ?? row.createdAt)) — \(row.message.channel.title) đến \(row.message.recipient): "
                                ),
                                .span(.class("hint"), .text(row.message.subject ?? row.message.body)))
                        })
                )),
        ]
    }

    private var ratingSection: Node<HTML.BodyContext> {
        switch rating {
        case .notYet:
            return .empty
        case .closed(let ratedAt):
            return .p(
                .class("no-print"), .text("Ông/bà đã đánh giá hồ sơ này lúc \(clock.text(ratedAt)); đánh giá chỉ được sửa trong 7 ngày."))
        case .open(let form, let ratedAt, let justSaved):
            return .section(
                .class("no-print"), .attribute(named: "aria-labelledby", value: "rating-title"),
                .h2(.id("rating-title"), .text("Đánh giá việc giải quyết hồ sơ")),
                .if(
                    justSaved,
                    .p(.class("notice notice--success"), .attribute(named: "role", value: "status"), .text("Cảm ơn ông/bà đã đánh giá."))),
                .unwrap(ratedAt) { .p(.text("Ông/bà đã đánh giá lúc \(clock.text($0)); trong 7 ngày có thể sửa rồi gửi lại.")) },
                form.body
            )
        }
    }
}
