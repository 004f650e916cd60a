import Plot
import Services

/// The frame of every page: skip link, header with the navigation, the text-size control (A−/A/A+, remembered
/// by the browser) and the account menu, the main landmark and the footer.
struct Layout {
    var title: String
    var identity: Identity?
    var csrfToken: String
    var currentPath: String
    /// A page handed to the public on a shared device (the rating tablet at the desk): no menu, no account, no
    /// link away from the page — the staff's menu must not be one tap from the applicant.
    var isKiosk = false

    func document(content: [Node<HTML.BodyContext>]) -> HTML {
        HTML(
            .lang(.vietnamese),
            .head(
                .encoding(.utf8),
                .viewport(.accordingToDevice),
                .element(named: "title", text: "\(title) — MotCua Hà Nội"),
                .stylesheet(SiteRoute.stylesheet.path),
                .script(.src(SiteRoute.script.path))
            ),
            .body(
                .a(.class("skip-link"), .href("#main"), .text("Bỏ qua, đến nội dung chính")),
                .header(
                    .class("site-header"),
                    .div(
                        .class("site-header__top"),
                        isKiosk
                            ? .span(
                                .class("brand"), .span(.class("brand__name"), .text("MotCua")),
                                .span(.class("brand__place"), .text("Hà Nội")))
                            : .a(
                                .class("brand"), .href(SiteRoute.home.path), .span(.class("brand__name"), .text("MotCua")),
                                .span(.class("brand__place"), .text("Hà Nội"))),
                        textSizeControl,
                        .if(!isKiosk, accountMenu)
                    ),
                    .if(!isKiosk, navigation)
                ),
                .main(.id("main"), .attribute(named: "tabindex", value: "-1"), .group(content)),
                .if(
                    !isKiosk,
                    .footer(
                        .class("site-footer"),
                        .p(
                            .text(
                                "MotCua — nền tảng mở phục vụ công tác cải cách hành chính và giải quyết thủ tục hành chính theo cơ chế một cửa, một cửa liên thông."
                            )),
                        .p(.a(.href(SiteRoute.glossary.path), .text("Thuật ngữ, chữ viết tắt")))
                    ))
            )
        )
    }

    private var navigation: Node<HTML.BodyContext> {
        var items: [(String, String)] = [
            (SiteRoute.home.path, "Trang chủ"),
            (SiteRoute.procedures.path, "Thủ tục hành chính"),
            ("/track", "Tra cứu hồ sơ"),
            (SiteRoute.feedback.path, "Phản ánh, kiến nghị"),
            (SiteRoute.publicStatistics.path, "Số liệu công khai"),
            (SiteRoute.publicNews.path, "Tin tức CCHC"),
            (SiteRoute.units.path, "Đơn vị hành chính"),
            (SiteRoute.calendar.path, "Lịch làm việc"),
            (SiteRoute.glossary.path, "Thuật ngữ"),
        ]
        if identity?.has(.citizen) == true {
            items.append((SiteRoute.myDossiers.path, "Hồ sơ của tôi"))
            items.append((SiteRoute.accountConsents.path, "Dữ liệu cá nhân"))
        }
        if identity?.isStaff == true {
            items.append((SiteRoute.dossiers.path, "Hồ sơ"))
            items.append((SiteRoute.statistics.path, "Thống kê"))
            items.append((SiteRoute.serviceIndex.path, "Chỉ số phục vụ"))
            items.append((SiteRoute.feedbackInbox.path, "Phản ánh gửi đến"))
            if identity?.grants.contains(where: { [.secretariat, .admin, .cityLeader, .appraisalCouncil].contains($0.role) }) == true {
                items.append((SiteRoute.delegations.path, "Ủy quyền"))
                items.append((SiteRoute.sipasCampaigns.path, "Khảo sát SIPAS"))
            }
            if identity?.grants.contains(where: {
                [.secretariat, .admin, .cityLeader, .appraisalCouncil, .unitHead, .caseOfficer].contains($0.role)
            }) == true {
                items.append((SiteRoute.par.path, "PAR INDEX"))
                items.append((SiteRoute.reform.path, "Nhiệm vụ CCHC"))
            }
            items.append((SiteRoute.users.path, "Người dùng"))
        }
        if identity?.has(.surveyor) == true && identity?.isStaff != true {
            items.append((SiteRoute.sipasCampaigns.path, "Nhập phiếu SIPAS"))
        }
        if identity?.has(.admin) == true {
            items.append((SiteRoute.audit.path, "Nhật ký"))
            items.append((SiteRoute.portalSync.path, "Đồng bộ DVCQG"))
            items.append((SiteRoute.operations.path, "Vận hành"))
        }
        // On a phone the list folds behind "Danh mục" (site.js shows the button; without script the list stays open).
        return .nav(
            .attribute(named: "aria-label", value: "Điều hướng chính"),
            .button(
                .type(.button), .class("nav-toggle"), .attribute(named: "aria-expanded", value: "false"),
                .attribute(named: "aria-controls", value: "site-menu"), .attribute(named: "hidden"), .text("Danh mục")),
            .ul(
                .id("site-menu"),
                .forEach(items) { item in
                    .li(
                        .a(
                            .href(item.0),
                            .if(item.0 == currentPath, .attribute(named: "aria-current", value: "page")),
                            .text(item.1)))
                })
        )
    }

    private var textSizeControl: Node<HTML.BodyContext> {
        .div(
            .class("text-size"), .id("text-size"), .attribute(named: "role", value: "group"),
            .attribute(named: "aria-label", value: "Cỡ chữ"), .attribute(named: "hidden"),
            .span(.class("text-size__label"), .attribute(named: "aria-hidden", value: "true"), .text("Cỡ chữ:")),
            .button(
                .type(.button), .attribute(named: "data-text-size", value: "smaller"),
                .attribute(named: "aria-label", value: "Giảm cỡ chữ"), .text("A−")),
            .button(
                .type(.button), .attribute(named: "data-text-size", value: "reset"),
                .attribute(named: "aria-label", value: "Cỡ chữ mặc định"), .text("A")),
            .button(
                .type(.button), .attribute(named: "data-text-size", value: "larger"), .attribute(named: "aria-label", value: "Tăng cỡ chữ"),
                .text("A+"))
        )
    }

    private var accountMenu: Node<HTML.BodyContext> {
        guard let identity else {
            return .div(
                .class("account"),
                .a(.class("button button--secondary"), .href(SiteRoute.signIn(returningTo: currentPath)), .text("Đăng nhập")),
                .a(.class("button"), .href(SiteRoute.register.path), .text("Đăng ký")))
        }
        return .div(
            .class("account"),
            .span(.class("account__name"), .text(identity.user.displayName)),
            .form(
                .class("inline-form"), .action(SiteRoute.signOut.path), .method(.post),
                .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
                .button(.type(.submit), .class("button button--secondary"), .text("Đăng xuất"))
            )
        )
    }
}
