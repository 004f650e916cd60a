import Domain
import Foundation
import Plot
import Services

/// The official forms printed from a dossier (one-stop.md): 01 receipt and appointment slip, 02 supplement
/// request, 03 refusal of receipt, 06 process control sheet, and the apology slip. The numbers are those of
/// TT 03/2025/TT-VPCP (confirmed for 01, 02, 03, 06, 07); the apology slip has no confirmed number. The
/// layout and wording are ours, to be checked against the circular's templates; each form names the
/// template by the date of the act. Every form carries the dossier code and a QR code of the public
/// tracking link. Printing hides the site's header and footer (print CSS).
enum OfficialForm: String, CaseIterable {
    case receipt
    case supplementRequest
    case refusal
    case controlSheet
    case apology
    /// Ours (no template in the circulars): what was handed over, with the QR code of the SIPAS survey.
    case resultSlip

    var number: String? {
        switch self {
        case .receipt: "01"
        case .supplementRequest: "02"
        case .refusal: "03"
        case .controlSheet: "06"
        case .apology, .resultSlip: nil
        }
    }

    var title: String {
        switch self {
        case .receipt: "Giấy tiếp nhận hồ sơ và hẹn trả kết quả"
        case .supplementRequest: "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ"
        case .refusal: "Phiếu từ chối tiếp nhận giải quyết hồ sơ"
        case .controlSheet: "Phiếu kiểm soát quá trình giải quyết hồ sơ"
        case .apology: "Phiếu xin lỗi và hẹn lại ngày trả kết quả"
        case .resultSlip: "Phiếu trả kết quả giải quyết hồ sơ"
        }
    }

    /// The circular whose templates apply on a day: TT 03/2025/TT-VPCP from 1 Jul 2025 (Decree 118/2025),
    /// TT 01/2018/TT-VPCP before.
    static func template(on day: LocalDate) -> String {
        day >= LocalDate(year: 2025, month: 7, day: 1)! ? "Thông tư 03/2025/TT-VPCP" : "Thông tư 01/2018/TT-VPCP"
    }

    /// The event a form records, when the form belongs to one (a refusal, a supplement request, an apology).
    var eventAction: String? {
        switch self {
        case .supplementRequest: "requestSupplement"
        case .refusal: "refuseAtReceipt"
        case .apology: "issueApology"
        case .resultSlip: "returnResult"
        case .receipt: "receive"
        case .controlSheet: nil
        }
    }
}

/// One printed form of one dossier.
struct OfficialFormPage {
    var form: OfficialForm
    var dossier: Dossier
    var procedure: Procedure
    var agencyName: String
    var event: DossierEvent?
    var controlSheet: ControlSheet
    var trackingURL: String
    /// The SIPAS survey link of the result slip's second QR code.
    var surveyURL: String?
    var clock: LocalClock
    /// Whether this server can print the form to PDF (a headless browser is installed).
    var offersPDF = false

    var body: [Node<HTML.BodyContext>] {
        let actDay = clock.localDate(event?.occurredAt ?? dossier.receivedAt)
        return [
            .p(
                .class("no-print"),
                .a(.href(SiteRoute.dossier(id: dossier.id).path), .text("← Về hồ sơ")), .text(" · "),
                .button(.type(.button), .class("button"), .attribute(named: "data-print", value: ""), .text("In phiếu")),
                .if(
                    offersPDF,
                    .group(
                        .text(" · "),
                        .a(
                            .class("pdf-link"), .href(SiteRoute.dossierForm(id: dossier.id, form: form.rawValue).path + "?format=pdf"),
                            .text("Tải tệp PDF"))))),
            .article(
                .class("official-form"),
                .div(
                    .class("form-head"),
                    .div(.p(.class("agency"), .text(agencyName.uppercased())), .p(.text("BỘ PHẬN MỘT CỬA"))),
                    .div(
                        .p(.class("motto"), .text("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")),
                        .p(.class("motto-sub"), .text("Độc lập - Tự do - Hạnh phúc")))),
                .p(
                    .class("form-number"),
                    .text(
                        form == .resultSlip
                            ? "Phiếu của hệ thống MotCua"
                            : form.number.map { "Mẫu số \($0) — \(OfficialForm.template(on: actDay))" } ?? OfficialForm.template(on: actDay)
                    )),
                .h1(.text(form.title.uppercased())),
                .p(.class("dossier-code"), .text("Mã hồ sơ: \(dossier.code.text)")),
                content,
                .div(
                    .class("form-foot"),
                    .div(
                        .class("qr-box"), .raw((try? QRCode(trackingURL).svg(title: "Mã QR tra cứu hồ sơ \(dossier.code.text)")) ?? ""),
                        .p(.class("qr-caption"), .text("Tra cứu hồ sơ: \(trackingURL)"))),
                    .div(
                        .class("signature"), .p(.text("Hà Nội, ngày \(actDay.day) tháng \(actDay.month) năm \(actDay.year)")),
                        .p(.strong(.text("NGƯỜI LẬP PHIẾU"))), .p(.em(.text("(Ký, ghi rõ họ tên)")))))
            ),
        ]
    }

    /// The declaration the applicant filled in online, kept with the receipt event.
    private var declaration: Declaration? { event.flatMap(Declaration.init(receiptEvent:)) }

    /// Where the result is received: the applicant's choice when filing online, else the receiving desk.
    private var deliveryLine: String {
        guard let choice = event.flatMap(ResultDelivery.Choice.init(receiptEvent:)) else {
            return "Đăng ký nhận kết quả tại: \(agencyName)."
        }
        switch choice.delivery {
        case .atDesk: return "Đăng ký nhận kết quả tại: \(agencyName)."
        case .post: return "Đăng ký nhận kết quả qua dịch vụ bưu chính công ích, địa chỉ: \(choice.address ?? "")."
        case .electronic: return "Đăng ký nhận kết quả: bản điện tử trong tài khoản của người nộp trên Cổng dịch vụ công."
        }
    }

    private var applicantLine: Node<HTML.BodyContext> {
        .p(
            .text(
                "Người nộp: \(dossier.applicant.name) — \(dossier.applicant.kind == .person ? "số định danh" : "mã số thuế") \(dossier.applicant.identifier)"
                    + (dossier.applicant.phone.map { " — điện thoại \($0)" } ?? "")))
    }

    private var content: Node<HTML.BodyContext> {
        switch form {
        case .receipt:
            return .group(
                .p(.text("\(agencyName) đã tiếp nhận hồ sơ của:")),
                applicantLine,
                .p(.text("Thủ tục: \(procedure.name) (mã \(procedure.code)).")),
                .p(.text("Thành phần hồ sơ:")),
                // What the desk ticked at intake, when it did; otherwise the procedure's list.
                .unwrap(
                    event.flatMap(PaperChecklist.init(receiptEvent:)),
                    { checklist in
                        .ol(.class("papers-received"), .forEach(checklist.papers) { .li(.text("\($0.name): \($0.text)")) })
                    },
                    else: .ol(
                        .forEach(procedure.documents) { document in
                            .li(
                                .text(
                                    "\(document.name): "
                                        + (declaration != nil && procedure.declaration?.replaces == document.name
                                            ? "khai trực tuyến" : document.countText)))
                        })),
                .unwrap(declaration) { declaration in
                    .group(
                        .p(.text("Nội dung \(declaration.title.lowercased()) (khai trực tuyến):")),
                        .ul(.class("declaration-answers"), .forEach(declaration.answers) { .li(.text("\($0.label): \($0.value)")) }))
                },
                .p(.text("Số lượng hồ sơ: 01 bộ. Thời gian giải quyết theo quy định: \(procedure.timeLimitText).")),
                .p(.text("Thời gian nhận hồ sơ: \(clock.text(dossier.receivedAt)).")),
                .p(.strong(.text("Thời gian trả kết quả: \(clock.text(dossier.appointmentAt ?? dossier.firstDueAt))."))),
                .p(.text(deliveryLine))
            )
        case .supplementRequest:
            return .group(
                .p(.text("Ngày \(event.map { clock.text($0.occurredAt) } ?? "…"), \(agencyName) nhận hồ sơ của:")),
                applicantLine,
                .p(.text("Thủ tục: \(procedure.name).")),
                .p(.text("Yêu cầu bổ sung, hoàn thiện hồ sơ gồm những nội dung sau:")),
                .blockquote(.text(event?.reason ?? "")),
                .p(
                    .text(
                        "Thời gian giải quyết được tính lại từ khi nhận đủ hồ sơ bổ sung. Trong quá trình hoàn thiện hồ sơ, nếu có vướng mắc, ông/bà liên hệ Bộ phận Một cửa để được hướng dẫn."
                    ))
            )
        case .refusal:
            return .group(
                .p(.text("\(agencyName) tiếp nhận hồ sơ của:")),
                applicantLine,
                .p(.text("Thủ tục: \(procedure.name).")),
                .p(.text("Sau khi xem xét, cơ quan từ chối tiếp nhận hồ sơ với lý do:")),
                .blockquote(.text(event?.reason ?? "")),
                .p(.text("Xin thông báo để ông/bà được biết và thực hiện."))
            )
        case .controlSheet:
            return .group(
                applicantLine,
                .p(.text("Thủ tục: \(procedure.name). Ngày hẹn trả: \(clock.text(dossier.appointmentAt ?? dossier.firstDueAt))")),
                .table(
                    .class("table"),
                    .thead(
                        .tr(
                            .th(.text("Bước")), .th(.text("Người thực hiện")), .th(.text("Nhận lúc")), .th(.text("Chuyển lúc")),
                            .th(.text("Hạn")),
                            .th(.text("Kết quả")))),
                    .tbody(
                        .forEach(Array(controlSheet.rows.enumerated())) { index, row in
                            .tr(
                                .td(.text("\(index + 1). \(row.step.name)")), .td(.text(row.step.role.title)),
                                .td(.text(row.reached.map(clock.text) ?? "")), .td(.text(row.left.map(clock.text) ?? "")),
                                .td(.text(row.due.map(clock.text) ?? "")), .td(.text(DossierPage.verdict(row))))
                        })
                )
            )
        case .apology:
            return .group(
                .p(.text("\(agencyName) đã tiếp nhận hồ sơ của:")),
                applicantLine,
                .p(.text("Thủ tục: \(procedure.name). Ngày hẹn trả ban đầu: \(clock.text(dossier.firstDueAt)).")),
                .p(.text("Do:")),
                .blockquote(.text(event?.reason ?? "")),
                .p(
                    .text(
                        "nên hồ sơ của ông/bà chưa được giải quyết đúng hạn. Chúng tôi xin lỗi ông/bà và hẹn lại thời gian trả kết quả vào:"
                    )),
                .p(
                    .strong(
                        .text(
                            event.flatMap { Self.appointment(in: $0.detail) }.map(clock.text)
                                ?? (dossier.appointmentAt.map(clock.text) ?? "")))),
                .p(.text("Mong ông/bà thông cảm."))
            )
        case .resultSlip:
            return .group(
                .p(.text("\(agencyName) đã trả kết quả giải quyết hồ sơ cho:")),
                applicantLine,
                .p(.text("Thủ tục: \(procedure.name) (mã \(procedure.code)).")),
                .p(.text("Thời gian trả kết quả: \(event.map { clock.text($0.occurredAt) } ?? "").")),
                .unwrap(surveyURL) { url in
                    .div(
                        .class("qr-box survey-qr"), .raw((try? QRCode(url).svg(title: "Mã QR khảo sát sự hài lòng")) ?? ""),
                        .p(
                            .class("qr-caption"),
                            .text(
                                "Mời ông/bà quét mã để cho biết mức độ hài lòng về việc giải quyết hồ sơ "
                                    + "(khảo sát không ghi tên): "), .span(.class("survey-url"), .text(url))))
                }
            )
        }
    }

    static func appointment(in detail: String) -> Date? {
        guard let values = try? JSONDecoder().decode([String: String].self, from: Data(detail.utf8)),
            let text = values["appointment"], let milliseconds = Double(text)
        else { return nil }
        return Date(timeIntervalSince1970: milliseconds / 1000)
    }
}
