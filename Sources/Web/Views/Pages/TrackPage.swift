import Domain
import Foundation
import Persistence
import Plot
import Services

/// Tracking a dossier: by code, where it stands (no personal data); with the last four digits of the
/// applicant's phone or ID number, its timeline, countdown, supplement request, apology slip and result.
struct TrackPage {
    struct Result {
        var code: String
        var procedureName: String
        var status: DossierStatus
        var receivedAt: Date
        var appointmentAt: Date?
        var receivingUnit: String
    }

    struct Details {
        var timeline: [PublicTimeline.Entry]
        var workingDaysLeft: Double?
        var supplementReason: String?
        var apology: (at: Date, reason: String)?
        /// The electronic result, once it is released.
        var results: [Attachment] = []
        /// The digits that opened the details, sent again with a download.
        var digits = ""
    }

    var query: String
    var csrfToken: String
    var error: String? = nil
    var clock = LocalClock()
    var result: Result?
    var details: Details?
    /// The digits typed did not open the details (the field is marked invalid).
    var digitsError = false
    /// The rating form, once the result was handed over and while the rating can still change.
    var rating: RatingForm?
    var ratingSaved = false
    /// A rating was given more than 7 days ago: it stands.
    var ratingClosed = false

    var body: [Node<HTML.BodyContext>] {
        [
            .h1(.text("Tra cứu hồ sơ")),
            .form(
                .class("filters"), .action("/track"), .method(.get), .attribute(named: "role", value: "search"),
                .div(
                    .class("field"), .label(.for("code"), .text("Mã hồ sơ (in trên giấy hẹn)")),
                    .input(.type(.search), .id("code"), .name("code"), .value(query))),
                .button(.type(.submit), .class("button"), .text("Tra cứu"))
            ),
            .unwrap(error) { .p(.class("notice notice--error"), .attribute(named: "role", value: "alert"), .text($0)) },
            .unwrap(result) { result in
                .group(
                    .dl(
                        .class("facts"),
                        .dt(.text("Mã hồ sơ")), .dd(.text(result.code)),
                        .dt(.text("Thủ tục")), .dd(.text(result.procedureName)),
                        .dt(.text("Nơi tiếp nhận")), .dd(.text(result.receivingUnit)),
                        .dt(.text("Trạng thái")), .dd(.strong(.id("status"), .text(result.status.title))),
                        .dt(.text("Ngày tiếp nhận")), .dd(.text(clock.text(result.receivedAt))),
                        .dt(.text("Ngày hẹn trả")),
                        .dd(.text(result.appointmentAt.map(clock.text) ?? "Đang tạm dừng, sẽ hẹn lại khi đủ hồ sơ")),
                        .unwrap(details) { details in
                            .unwrap(details.workingDaysLeft) {
                                .group(.dt(.text("Thời gian còn lại")), .dd(.id("countdown"), .text(Self.days($0))))
                            }
                        }
                    ),
                    details.map { detailsSection($0) } ?? digitsForm(result)
                )
            },
        ]
    }

    /// "còn 2,5 ngày làm việc"
    static func days(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        let text =
            rounded == rounded.rounded() ? String(Int(rounded)) : String(format: "%.1f", rounded).replacingOccurrences(of: ".", with: ",")
        return "còn \(text) ngày làm việc"
    }

    private func digitsForm(_ result: Result) -> Node<HTML.BodyContext> {
        .form(
            .class("form track-details"), .action(SiteRoute.track(code: result.code).path), .method(.post),
            .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
            .h2(.text("Xem chi tiết hồ sơ")),
            .div(
                .class("field"),
                .label(.for("digits"), .text("Bốn chữ số cuối của số điện thoại hoặc số định danh cá nhân đã khai khi nộp hồ sơ")),
                .input(
                    .type(.text), .id("digits"), .name("digits"), .attribute(named: "inputmode", value: "numeric"),
                    .attribute(named: "autocomplete", value: "off"), .attribute(named: "maxlength", value: "4"),
                    .attribute(named: "pattern", value: "[0-9]{4}"), .attribute(named: "required", value: "required"),
                    .attribute(named: "aria-invalid", value: digitsError ? "true" : "false"))),
            .button(.type(.submit), .class("button"), .text("Xem chi tiết"))
        )
    }

    private func detailsSection(_ details: Details) -> Node<HTML.BodyContext> {
        .section(
            .attribute(named: "aria-labelledby", value: "details-title"),
            .h2(.id("details-title"), .text("Chi tiết hồ sơ")),
            .unwrap(details.supplementReason) { reason in
                .div(
                    .class("notice"), .attribute(named: "role", value: "note"),
                    .p(.strong(.text("Hồ sơ cần bổ sung: "))), .p(.id("supplement-reason"), .text(reason)),
                    .p(.text("Thời gian giải quyết tạm dừng đến khi nhận đủ hồ sơ. Vui lòng nộp phần bổ sung tại nơi tiếp nhận.")))
            },
            .unwrap(details.apology) { apology in
                .div(
                    .class("notice"), .attribute(named: "role", value: "note"),
                    .p(.strong(.text("Phiếu xin lỗi và hẹn lại ngày trả kết quả (\(clock.text(apology.at))): "))), .p(.text(apology.reason))
                )
            },
            Self.results(details.results) { file in
                .form(
                    .class("inline-form"), .action(SiteRoute.trackResult(code: result?.code, fileID: file.id).path), .method(.post),
                    .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
                    .input(.type(.hidden), .name("digits"), .value(details.digits)),
                    .button(.type(.submit), .class("button button--secondary"), .text("Tải về \(file.originalName)")))
            },
            .if(
                ratingSaved,
                .p(.class("notice notice--success"), .attribute(named: "role", value: "status"), .text("Cảm ơn ông/bà đã đánh giá."))),
            .unwrap(rating) { form in
                .section(
                    .attribute(named: "aria-labelledby", value: "rating-title"),
                    .h3(.id("rating-title"), .text("Đánh giá việc giải quyết hồ sơ")), form.body)
            },
            .if(ratingClosed, .p(.text("Ông/bà đã đánh giá hồ sơ này; đánh giá chỉ được sửa trong 7 ngày."))),
            .h3(.text("Diễn biến")),
            Self.timeline(details.timeline, clock: clock)
        )
    }

    /// The files of a dossier's electronic result, each with its way to download.
    static func results(_ files: [Attachment], download: (Attachment) -> Node<HTML.BodyContext>) -> Node<HTML.BodyContext> {
        guard !files.isEmpty else { return .empty }
        return .section(
            .class("no-print"), .attribute(named: "aria-labelledby", value: "results-title"),
            .h3(.id("results-title"), .text("Kết quả giải quyết (bản điện tử)")),
            .ul(
                .class("result-files"),
                .forEach(files) { file in
                    .li(
                        download(file), .text(" \(max(1, file.size / 1024)) KB"),
                        .unwrap(file.description.isEmpty ? nil : file.description) { .text(" — " + $0) })
                })
        )
    }

    /// A dossier's history for its applicant, oldest first.
    static func timeline(_ entries: [PublicTimeline.Entry], clock: LocalClock, printed: Bool = true) -> Node<HTML.BodyContext> {
        .ol(
            .class(printed ? "timeline" : "timeline no-print"),
            .forEach(entries) { entry in
                .li(
                    .span(.class("timeline__time"), .text(clock.text(entry.at))), .text(" — "), .text(entry.text),
                    .unwrap(entry.reason) { .span(.class("timeline__reason"), .text(": " + $0)) })
            })
    }
}
