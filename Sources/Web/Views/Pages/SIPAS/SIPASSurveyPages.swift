import Domain
import Foundation
import Persistence
import Plot
import Services

/// The anonymous questionnaire a drawn person opens from their link or the QR code of their result slip:
/// one group of five levels and "don't know" per item, big enough to tap on a phone; the answers can be saved
/// and continued later from the same link, and sent once.
struct SIPASSurveyPage {
    enum State: Equatable {
        case open
        case saved
        case thanks
        case alreadyAnswered
        case declined
        case notCollecting
    }

    var questionnaire: SIPASQuestionnaire
    var campaignName: String
    var unitName: String
    var action: String
    /// Hidden fields the form sends back (the slip's token).
    var hidden: [String: String]
    var sheet: SIPASAnswerSheet
    var state: State
    var error: String?
    var csrfToken: String

    var body: [Node<HTML.BodyContext>] {
        [
            .h1(.text("Khảo sát sự hài lòng về dịch vụ hành chính công")),
            .p(.class("lead"), .text("\(campaignName) — về việc giải quyết thủ tục hành chính của ông/bà tại \(unitName).")),
            notice,
            state == .open || state == .saved ? form : .empty,
        ]
    }

    private var notice: Node<HTML.BodyContext> {
        if let error {
            return .p(.class("notice notice--error"), .id("form-error"), .attribute(named: "role", value: "alert"), .text(error))
        }
        let text: String? =
            switch state {
            case .open: nil
            case .saved: "Đã lưu các câu trả lời. Ông/bà có thể mở lại đường dẫn này để làm tiếp và gửi phiếu."
            case .thanks: "Cảm ơn ông/bà đã trả lời phiếu khảo sát. Ý kiến của ông/bà giúp cơ quan hành chính phục vụ tốt hơn."
            case .alreadyAnswered: "Phiếu khảo sát này đã được trả lời. Cảm ơn ông/bà."
            case .declined: "Ông/bà đã chọn không tham gia khảo sát; ông/bà sẽ không được mời lại."
            case .notCollecting: "Đợt khảo sát này hiện không thu phiếu. Cảm ơn ông/bà."
            }
        return .unwrap(text) {
            .p(.class("notice notice--success"), .id("survey-status"), .attribute(named: "role", value: "status"), .text($0))
        }
    }

    private var form: Node<HTML.BodyContext> {
        .group(
            .p(
                .text(
                    "Phiếu không ghi tên người trả lời; các câu trả lời chỉ được dùng để tính chỉ số hài lòng chung. "
                        + "Ông/bà có thể bỏ qua câu không muốn trả lời.")),
            .form(
                .class("form survey"), .action(action), .method(.post),
                .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
                .forEach(hidden.sorted(by: { $0.key < $1.key })) { .input(.type(.hidden), .name($0.key), .value($0.value)) },
                .forEach(questionnaire.sections) { section in
                    .fieldset(
                        .class("survey-section"), .element(named: "legend", text: section.label),
                        .forEach(section.aspects) { aspect in
                            .group(.h2(.class("survey-aspect"), .text(aspect.label)), .forEach(aspect.items) { item(section, $0) })
                        })
                },
                .div(
                    .class("actions"),
                    .button(.type(.submit), .class("button"), .name("action"), .value("submit"), .text("Gửi phiếu")),
                    .button(.type(.submit), .class("button button--secondary"), .name("action"), .value("save"), .text("Lưu để làm tiếp")))
            ),
            .form(
                .class("form decline"), .action(action), .method(.post),
                .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
                .forEach(hidden.sorted(by: { $0.key < $1.key })) { .input(.type(.hidden), .name($0.key), .value($0.value)) },
                .input(.type(.hidden), .name("action"), .value("decline")),
                .button(.type(.submit), .class("button button--secondary"), .text("Không tham gia khảo sát"))
            )
        )
    }

    private func item(_ section: SIPASQuestionnaire.Section, _ item: SIPASQuestionnaire.Item) -> Node<HTML.FormContext> {
        let index = questionnaire.items.firstIndex { $0.code == item.code } ?? 0
        let current = sheet.answer(at: index)
        let levels = questionnaire.scale + [questionnaire.dontKnow]
        return .fieldset(
            .class("survey-item"),
            .element(named: "legend", text: item.text),
            .div(
                .class("survey-levels"),
                .forEach(levels) { level in
                    let id = "\(item.code)-\(level.value)"
                    return .div(
                        .class("survey-level"),
                        .input(
                            .type(.radio), .id(id), .name(item.code), .value(String(level.value)),
                            .attribute(named: "checked", value: current == level.value ? "checked" : "")),
                        .label(.for(id), .text(level.label)))
                })
        )
    }
}

/// Entry of paper forms by enumerators: the form's number (its invitation in the sample) and one box per item
/// (1–5, 0 for don't know, empty when not answered). Each form is entered by two people; it counts once the
/// two entries agree.
struct SIPASPaperEntryPage {
    enum Outcome: Equatable {
        case waiting(Int64)
        case stored(Int64)
        case differs(Int64, [String])
    }

    var campaign: SIPASCampaign
    var questionnaire: SIPASQuestionnaire
    var number: String
    var sheet: SIPASAnswerSheet
    var outcome: Outcome?
    var error: String?
    var pending: [(number: Int64, entries: Int)]
    var csrfToken: String

    var body: [Node<HTML.BodyContext>] {
        [
            .h1(.text("Nhập phiếu giấy — \(campaign.name)")),
            .p(
                .text(
                    "Mỗi phiếu giấy được hai người nhập độc lập; phiếu chỉ được tính khi hai lần nhập giống nhau. "
                        + "Ghi 1–5 theo mức trả lời, 0 nếu người trả lời chọn “không biết”, để trống câu bỏ qua.")),
            notice,
            .form(
                .class("form paper-entry"), .action(SiteRoute.sipasCampaignPaper(id: campaign.id).path), .method(.post),
                .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
                .div(
                    .class("field"), .label(.for("number"), .text("Số phiếu (in trên phiếu giấy)")),
                    .input(.type(.number), .id("number"), .name("number"), .value(number), .attribute(named: "required", value: "required"))
                ),
                .table(
                    .class("table"),
                    .caption(.text("Câu trả lời trên phiếu")),
                    .thead(.tr(.th(.text("Mã")), .th(.text("Câu hỏi")), .th(.text("Trả lời")))),
                    .tbody(
                        .forEach(Array(questionnaire.items.enumerated())) { index, item in
                            .tr(
                                .td(.text(item.code)), .td(.label(.for("paper-\(item.code)"), .text(item.text))),
                                .td(
                                    .input(
                                        .type(.text), .id("paper-\(item.code)"), .name(item.code), .class("answer-box"),
                                        .value(sheet.answer(at: index).map(String.init) ?? ""),
                                        .attribute(named: "inputmode", value: "numeric"), .attribute(named: "maxlength", value: "1"),
                                        .attribute(named: "pattern", value: "[0-5]"), .attribute(named: "autocomplete", value: "off"))))
                        })
                ),
                .button(.type(.submit), .class("button"), .text("Lưu lần nhập"))
            ),
            pending.isEmpty
                ? .empty
                : .table(
                    .class("table"), .id("pending-forms"),
                    .caption(.text("Phiếu đang chờ nhập lần hai hoặc cần đối chiếu")),
                    .thead(.tr(.th(.text("Số phiếu")), .th(.text("Số lần nhập")))),
                    .tbody(.forEach(pending) { .tr(.td(.text(String($0.number))), .td(.text(String($0.entries)))) })
                ),
        ]
    }

    private var notice: Node<HTML.BodyContext> {
        if let error {
            return .p(.class("notice notice--error"), .id("form-error"), .attribute(named: "role", value: "alert"), .text(error))
        }
        switch outcome {
        case .waiting(let number):
            return .p(
                .class("notice notice--success"), .id("entry-status"), .attribute(named: "role", value: "status"),
                .text("Đã lưu lần nhập thứ nhất của phiếu số \(number). Cần một người khác nhập lại phiếu này."))
        case .stored(let number):
            return .p(
                .class("notice notice--success"), .id("entry-status"), .attribute(named: "role", value: "status"),
                .text("Hai lần nhập phiếu số \(number) khớp nhau: phiếu đã được tính."))
        case .differs(let number, let items):
            return .p(
                .class("notice notice--error"), .id("entry-status"), .attribute(named: "role", value: "alert"),
                .text(
                    "Lần nhập này của phiếu số \(number) khác lần nhập của người kia ở các câu: \(items.joined(separator: ", ")). "
                        + "Hãy đối chiếu với phiếu giấy và sửa lần nhập của mình; phiếu được tính khi hai lần nhập khớp nhau."))
        case nil:
            return .empty
        }
    }
}

/// The paper forms to hand out to the drawn people no link reached: one printed page each, with its number
/// (which the enumerators type when they enter it), the addressee, and every item with boxes for the levels.
struct SIPASPaperFormsPage {
    var campaign: SIPASCampaign
    var questionnaire: SIPASQuestionnaire
    var forms: [SIPASCampaigns.PaperForm]

    var body: [Node<HTML.BodyContext>] {
        let levels = questionnaire.scale + [questionnaire.dontKnow]
        return [
            .p(
                .class("no-print"), .a(.href(SiteRoute.sipasCampaign(id: campaign.id).path), .text("← Về đợt khảo sát")), .text(" · "),
                .button(.type(.button), .class("button"), .attribute(named: "data-print", value: ""), .text("In phiếu"))),
            .h1(.class("no-print"), .text("Phiếu giấy — \(campaign.name)")),
            forms.isEmpty
                ? .p(.text("Không còn người nào trong mẫu cần mời bằng phiếu giấy."))
                : .p(
                    .class("no-print"),
                    .text(
                        "\(forms.count) phiếu cho những người được chọn chưa nhận được đường dẫn (không có số điện thoại hay thư điện tử).")
                ),
            .forEach(forms) { form in
                .article(
                    .class("official-form paper-form"),
                    .h2(.text("PHIẾU KHẢO SÁT SỰ HÀI LÒNG VỀ DỊCH VỤ HÀNH CHÍNH CÔNG")),
                    .p(.strong(.text("Số phiếu: ")), .span(.class("paper-form-number"), .text(String(form.number)))),
                    .p(.text("Kính gửi ông/bà \(form.applicantName)" + (form.applicantAddress.map { ", \($0)" } ?? "") + ".")),
                    .p(
                        .text(
                            "Ông/bà được chọn ngẫu nhiên cho \(campaign.name), về việc giải quyết thủ tục hành chính tại \(form.unitName). "
                                + "Xin đánh dấu một ô cho mỗi câu; câu không muốn trả lời có thể bỏ qua. Câu trả lời không gắn với tên ông/bà."
                        )),
                    .table(
                        .class("table"),
                        .thead(.tr(.th(.text("Câu")), .th(.text("Nội dung")), .forEach(levels) { .th(.text($0.label)) })),
                        .tbody(
                            .forEach(questionnaire.items) { item in
                                .tr(.td(.text(item.code)), .td(.text(item.text)), .forEach(levels) { _ in .td(.class("box"), .text("☐")) })
                            })
                    )
                )
            },
        ]
    }
}
