import Domain
import Plot
import Services

/// The front page serves citizens first: find a procedure, track a dossier, file online, the procedures most filed
/// and the catalogue grouped by life event; then the public figures. A signed-in person is greeted with the way to
/// their own work (a citizen's dossiers, an officer's roles).
struct HomePage {
    var identity: Identity?
    var figures: HomeFigures
    /// An officer's work, first thing on their home page.
    var work: StaffWork? = nil

    var body: [Node<HTML.BodyContext>] {
        [
            .h1(.text("Dịch vụ công Hà Nội")),
            .p(.class("lead"), .text("Tìm thủ tục hành chính, nộp hồ sơ trực tuyến, theo dõi kết quả và đánh giá sự phục vụ.")),
            greeting,
            .form(
                .class("search-hero"), .action(SiteRoute.procedures.path), .method(.get), .attribute(named: "role", value: "search"),
                .label(.for("home-q"), .text("Bạn cần làm thủ tục gì?")),
                .div(
                    .class("search-hero__row"),
                    .input(
                        .type(.search), .id("home-q"), .name("q"),
                        .attribute(named: "placeholder", value: "Ví dụ: khai sinh, giấy phép xây dựng"),
                        .attribute(named: "aria-describedby", value: "home-q-hint")),
                    .button(.type(.submit), .class("button"), .text("Tìm thủ tục"))),
                .p(
                    .id("home-q-hint"), .class("hint"),
                    .text("Gõ vài từ của tên thủ tục, có dấu hay không dấu đều được; \(figures.procedures) thủ tục đang được công bố."))
            ),
            .ul(
                .class("cards"),
                .li(
                    .class("card"),
                    .h2(.id("track-title"), .text("Tra cứu hồ sơ")),
                    .form(
                        .action("/track"), .method(.get), .class("stack"), .attribute(named: "aria-labelledby", value: "track-title"),
                        .label(.for("home-code"), .text("Mã hồ sơ (in trên giấy tiếp nhận)")),
                        .input(
                            .type(.text), .id("home-code"), .name("code"), .attribute(named: "autocomplete", value: "off"),
                            .attribute(named: "placeholder", value: "00070-260302-0001"),
                            .attribute(named: "aria-describedby", value: "home-code-hint")),
                        .p(
                            .id("home-code-hint"), .class("hint"),
                            .text("Bước sau, bốn số cuối điện thoại hoặc số định danh đã khai mở xem chi tiết và kết quả.")),
                        .button(.type(.submit), .class("button"), .text("Tra cứu")))),
                .li(
                    .class("card"),
                    .h2(.text("Nộp hồ sơ trực tuyến")),
                    .p(.text("\(figures.filedOnline) thủ tục nộp được trên mạng, không phải đến Bộ phận Một cửa.")),
                    .p(.a(.class("button"), .href(SiteRoute.procedures.path + "?online=1"), .text("Chọn thủ tục để nộp"))),
                    filingAccount),
                .li(
                    .class("card"),
                    .h2(.text("Góp ý, phản ánh")),
                    .p(.text("Phản ánh, kiến nghị về thủ tục hay thái độ phục vụ; theo dõi câu trả lời của cơ quan.")),
                    .p(
                        .a(.href(SiteRoute.feedbackNew.path), .text("Gửi phản ánh, kiến nghị")), .text(" · "),
                        .a(.href(SiteRoute.feedback.path), .text("Các phản ánh đã trả lời"))))
            ),
            mostFiled,
            lifeEvents,
            .section(
                .attribute(named: "aria-labelledby", value: "public-title"),
                .h2(.id("public-title"), .text("Thông tin công khai")),
                .ul(
                    .class("link-list"),
                    .li(
                        .a(.href(SiteRoute.publicStatistics.path), .text("Tình hình giải quyết hồ sơ")),
                        .text(": số hồ sơ, đúng hạn, trễ hạn của từng đơn vị.")),
                    .li(
                        .a(.href(SiteRoute.publicPAR.path), .text("Chỉ số cải cách hành chính (PAR INDEX)")),
                        .text(" đã công bố của các sở, xã, phường.")),
                    .li(.a(.href(SiteRoute.publicNews.path), .text("Tin cải cách hành chính")), .text(".")),
                    .li(
                        .a(.href(SiteRoute.units.path), .text("Đơn vị hành chính")),
                        .text(": 126 xã, phường từ ngày 01/07/2025 và các đơn vị trước đó.")),
                    .li(
                        .a(.href(SiteRoute.glossary.path), .text("Thuật ngữ, chữ viết tắt")), .text(" và "),
                        .a(.href(SiteRoute.apiUnits.path), .text("dữ liệu mở")), .text(" (JSON).")))
            ),
        ]
    }

    private var filingAccount: Node<HTML.BodyContext> {
        guard let identity else {
            return .p(
                .class("hint"), .text("Cần tài khoản: "), .a(.href(SiteRoute.signIn.path), .text("đăng nhập")), .text(" hoặc "),
                .a(.href(SiteRoute.register.path), .text("đăng ký")), .text("."))
        }
        return .if(identity.has(.citizen), .p(.a(.href(SiteRoute.myDossiers.path), .text("Hồ sơ của tôi"))))
    }

    private var greeting: Node<HTML.BodyContext> {
        guard let identity else {
            return .p(
                .class("hint"), .text("Cán bộ, công chức: "), .a(.href(SiteRoute.signIn.path), .text("đăng nhập")), .text(" để làm việc."))
        }
        let staff = identity.grants.filter { $0.role != .citizen }
        return .section(
            .class("greeting notice"), .attribute(named: "aria-labelledby", value: "greeting-title"),
            .h2(.id("greeting-title"), .text("Xin chào, \(identity.user.displayName)")),
            .if(
                identity.has(.citizen),
                .p(.a(.href(SiteRoute.myDossiers.path), .text("Hồ sơ của tôi")), .text(": hồ sơ đã nộp, hồ sơ nháp, kết quả và đánh giá."))),
            .unwrap(work) { work in
                .ul(
                    .id("my-work"), .class("link-list"),
                    .li(
                        .a(.href(SiteRoute.dossiers.path), .text("\(DisplayFormat.integer(work.open)) hồ sơ đang xử lý")),
                        .text(" của đơn vị")),
                    .li(
                        .a(.href(SiteRoute.dossiers.path), .text("\(DisplayFormat.integer(work.overdue)) hồ sơ đã quá hạn")),
                        .text(work.overdue == 0 ? "" : ", cần xử lý ngay hoặc gửi thư xin lỗi, hẹn lại")),
                    .unwrap(work.mine) {
                        .li(.a(.href(SiteRoute.dossiers.path + "?mine=1"), .text("\(DisplayFormat.integer($0)) hồ sơ được giao cho bạn")))
                    },
                    .unwrap(work.feedbackWaiting) { .li(.a(.href(SiteRoute.feedbackInbox.path), .text("\($0) phản ánh chờ trả lời"))) },
                    .forEach(work.par) { task in
                        .li(
                            .a(.href(SiteRoute.parAssessment(id: task.roundID, unitID: task.unitID).path), .text(Self.title(of: task))),
                            .text(", hạn \(task.due.vietnamese)"))
                    })
            },
            .if(
                !staff.isEmpty,
                .group(
                    .p(
                        .text(
                            "Vai trò của bạn: \(staff.map(\.role.title).joined(separator: "; ")). Các việc của vai trò ở mục \u{201C}Danh mục\u{201D}."
                        ))
                ))
        )
    }

    /// A PAR task as the unit's head reads it.
    static func title(of task: StaffWork.PARWork) -> String {
        guard let criteria = task.evidenceCriteria else { return "Tự đánh giá Chỉ số CCHC (PAR INDEX) của \(task.unitName)" }
        return "Bổ sung tài liệu kiểm chứng cho \(criteria) tiêu chí PAR INDEX của \(task.unitName) theo yêu cầu của Hội đồng thẩm định"
    }

    private var mostFiled: Node<HTML.BodyContext> {
        .if(
            !figures.mostFiled.isEmpty,
            .section(
                .attribute(named: "aria-labelledby", value: "most-filed-title"),
                .h2(.id("most-filed-title"), .text("Thủ tục được nộp nhiều nhất")),
                .p(.class("hint"), .text("Theo số hồ sơ tiếp nhận trong 12 tháng qua.")),
                .ol(
                    .class("link-list"),
                    .forEach(figures.mostFiled) { entry in
                        .li(
                            .a(.href(SiteRoute.procedure(code: entry.procedure.code).path), .text(entry.procedure.name)),
                            .span(
                                .class("hint"),
                                .text(
                                    " — \(entry.procedure.onlineLevel.title.lowercasedFirstLetter), \(DisplayFormat.integer(entry.dossiers)) hồ sơ"
                                )))
                    })
            ))
    }

    private var lifeEvents: Node<HTML.BodyContext> {
        .section(
            .attribute(named: "aria-labelledby", value: "events-title"),
            .h2(.id("events-title"), .text("Thủ tục theo sự kiện")),
            .forEach(LifeEvent.Audience.allCases) { audience in
                let events = figures.events.filter { $0.event.audience == audience && $0.procedures > 0 }
                return .if(
                    !events.isEmpty,
                    .group(
                        .h3(.text(audience.title)),
                        .ul(
                            .class("cards cards--small"),
                            .forEach(events) { entry in
                                .li(
                                    .class("card"),
                                    .a(
                                        .class("card__title"), .href(SiteRoute.procedures.path + "?event=" + entry.event.id),
                                        .text(entry.event.title)),
                                    .p(.text(entry.event.summary)),
                                    .p(.class("hint"), .text("\(entry.procedures) thủ tục")))
                            })
                    ))
            },
            .p(.a(.href(SiteRoute.procedures.path), .text("Xem tất cả \(figures.procedures) thủ tục theo lĩnh vực, nơi nộp")))
        )
    }
}

extension String {
    /// The text with its first letter lower-cased, to follow other words ("Trực tuyến toàn trình" → "trực tuyến toàn trình").
    var lowercasedFirstLetter: String { prefix(1).lowercased() + dropFirst() }
}
