import Domain
import Foundation
import Persistence
import Plot
import Services

/// One dossier: what it is, where it stands, its due instants, the process control sheet (each step's own
/// due and whether it was met), its history, and the actions the reader may take now.
struct DossierPage {
    var dossier: Dossier
    var procedure: Procedure
    var events: [DossierEvent]
    var people: [Int64: String]
    var unitNames: [Int64: String]
    var allowed: [DossierWorkflow.Action]
    /// The units whose opinion may be asked, when the reader may ask one.
    var consultableUnits: [OrgUnit] = []
    var officers: [User]
    var controlSheet: ControlSheet
    var attachments: [Attachment]
    var notifications: [NotificationOutbox.Row]
    var canAttach: Bool
    /// The reader is a desk officer of the receiving unit (hands over results, offers the rating tablet).
    var allowedToHandOver = false
    var clock: LocalClock
    var csrfToken: String
    var saved: Bool
    var error: String?
    /// Just received at the desk: the confirmation with the code, the appointment and the receipt to print comes first.
    var justReceived = false

    var body: [Node<HTML.BodyContext>] {
        [
            .h1(.text("Hồ sơ \(dossier.code.text)")),
            justReceived ? confirmation : FormNotice.node(error: error, saved: saved),
            .if(dossier.isDemo, .p(.class("notice"), .text("Hồ sơ mẫu để trình diễn."))),
            nextStep,
            .dl(
                .class("facts"),
                .dt(.text("Thủ tục")), .dd(.a(.href(SiteRoute.procedure(code: procedure.code).path), .text(procedure.name))),
                .dt(.text("Trạng thái")), .dd(.strong(.id("status"), .text(dossier.state.status.title))),
                .dt(.text("Bước hiện tại")),
                .dd(
                    .text(
                        procedure.steps.indices.contains(dossier.state.step)
                            ? "\(dossier.state.step + 1). \(procedure.steps[dossier.state.step].name)" : "—")),
                .dt(.text("Người được phân công")), .dd(.text(dossier.state.assigneeID.flatMap { people[$0] } ?? "—")),
                .dt(.text("Kênh")), .dd(.text(dossier.channel.title)),
                .dt(.text("Nơi tiếp nhận")), .dd(.text(unitNames[dossier.receivingUnitID] ?? "—")),
                .dt(.text("Đơn vị giải quyết")), .dd(.text(unitNames[dossier.processingUnitID] ?? "—")),
                .dt(.text("Tiếp nhận lúc")), .dd(.text(clock.text(dossier.receivedAt))),
                .dt(.text("Hạn giải quyết")), .dd(.text(dossier.dueAt.map(clock.text) ?? "Tạm dừng — tính lại khi tiếp tục")),
                .dt(.text("Ngày hẹn trả")), .dd(.text(dossier.appointmentAt.map(clock.text) ?? "—")),
                .dt(.text("Hoàn thành lúc")), .dd(.text(dossier.finishedAt.map(clock.text) ?? "—"))
            ),
            .h2(.text("Người nộp hồ sơ")),
            .dl(
                .class("facts"),
                .dt(.text(dossier.applicant.kind == .person ? "Họ và tên" : "Tên tổ chức")), .dd(.text(dossier.applicant.name)),
                .dt(.text(dossier.applicant.kind == .person ? "Số định danh cá nhân" : "Mã số thuế")),
                .dd(.text(dossier.applicant.identifier)),
                .dt(.text("Điện thoại")), .dd(.text(dossier.applicant.phone ?? "—")),
                .dt(.text("Thư điện tử")), .dd(.text(dossier.applicant.email ?? "—")),
                .dt(.text("Địa chỉ")), .dd(.text(dossier.applicant.address ?? "—")),
                .unwrap(delivery) { .group(.dt(.text("Cách nhận kết quả")), .dd(.text($0.text))) }
            ),
            .unwrap(declaration) { declaration in
                .section(
                    .attribute(named: "aria-labelledby", value: "declaration-title"),
                    .h2(.id("declaration-title"), .text("Tờ khai điện tử: \(declaration.title)")),
                    declaration.answersNode)
            },
            .unwrap(papers) { checklist in
                .section(
                    .attribute(named: "aria-labelledby", value: "papers-title"),
                    .h2(.id("papers-title"), .text("Giấy tờ đã nhận khi tiếp nhận")),
                    .ul(
                        .forEach(checklist.papers) { paper in
                            .li(.class(paper.received ? "" : "paper--missing"), .text("\(paper.name): \(paper.text)"))
                        })
                )
            },
            consultationsSection,
            actions,
            attachmentsSection,
            serviceSection,
            .h2(.text("Phiếu kiểm soát quá trình giải quyết")),
            controlSheetTable,
            .if(
                DossierRating.canRate(dossier.state.status) && allowedToHandOver,
                .p(
                    .a(
                        .class("button button--secondary"), .href(SiteRoute.dossierRating(id: dossier.id).path),
                        .text("Mời người nộp đánh giá (máy tính bảng tại quầy)")))),
            .h2(.text("In phiếu")),
            .ul(
                .class("form-links"),
                .forEach(printable) { form in
                    .li(
                        .a(
                            .href(SiteRoute.dossierForm(id: dossier.id, form: form.rawValue).path),
                            .text((form.number.map { "Mẫu \($0): " } ?? "") + form.title)))
                }),
            .h2(.text("Diễn biến")),
            .table(
                .class("table"),
                .thead(
                    .tr(
                        .th(.text("Thời điểm")), .th(.text("Thao tác")), .th(.text("Người thực hiện")), .th(.text("Đơn vị")),
                        .th(.text("Lý do, ghi chú")), .th(.text("Trạng thái sau")))),
                .tbody(
                    .forEach(events) { event in
                        .tr(
                            .td(.text(clock.text(event.occurredAt))),
                            .td(.text(Self.title(of: event.action, statusAfter: event.statusAfter))),
                            .td(.text(event.actorID.flatMap { people[$0] } ?? "Hệ thống")),
                            .td(.text(event.unitID.flatMap { unitNames[$0] } ?? "—")),
                            .td(.text(event.reason)), .td(.text(event.statusAfter.title)))
                    })
            ),
            .h2(.text("Thông báo cho người nộp")),
            notifications.isEmpty
                ? .p(.text("Chưa có thông báo (hồ sơ không có thư điện tử hay số điện thoại, hoặc chưa có sự kiện cần báo)."))
                : .table(
                    .class("table notifications"),
                    .thead(
                        .tr(
                            .th(.text("Tạo lúc")), .th(.text("Nội dung")), .th(.text("Kênh")), .th(.text("Tình trạng")),
                            .th(.text("Số lần thử")))),
                    .tbody(
                        .forEach(notifications) { row in
                            .tr(
                                .td(.text(clock.text(row.createdAt))), .td(.text(row.message.purpose.title)),
                                .td(.text(row.message.channel.title)),
                                .td(.text(row.status.title + (row.sentAt.map { " lúc " + clock.text($0) } ?? ""))),
                                .td(.text(String(row.attempts))))
                        })
                ),
        ]
    }

    /// What the service index measures of the dossier: MotCua's own facts shown, the officers' facts as
    /// checkboxes for the officers of its units.
    private var serviceSection: Node<HTML.BodyContext> {
        let known: [(String, Bool)] = [
            ("Thủ tục được cung cấp trực tuyến toàn trình khi tiếp nhận", dossier.service.fullyOnlineOffered),
            ("Thủ tục có phí, lệ phí", dossier.service.feeDue), ("Có kết quả điện tử", dossier.service.electronicResult),
        ]
        return .section(
            .attribute(named: "aria-labelledby", value: "service-title"),
            .h2(.id("service-title"), .text("Số hóa, thanh toán và khai thác dữ liệu")),
            .ul(.class("service-facts"), .forEach(known) { title, value in .li(.text("\(title): \(value ? "có" : "không")")) }),
            canAttach && dossier.state.status != .rejectedAtReceipt
                ? .form(
                    .class("form service-form"), .action(SiteRoute.dossierServiceFacts(id: dossier.id).path), .method(.post),
                    .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
                    .input(.type(.hidden), .name("lockVersion"), .value(String(dossier.lockVersion))),
                    .fieldset(
                        .element(named: "legend", text: "Cán bộ xác nhận (dùng cho Bộ chỉ số phục vụ người dân, doanh nghiệp)"),
                        .forEach(ServiceFacts.Recorded.allCases) { fact in
                            .div(
                                .class("choice"),
                                .input(
                                    .type(.checkbox), .id("fact-\(fact.rawValue)"), .name(fact.rawValue), .value("true"),
                                    .attribute(named: "checked", value: dossier.service[keyPath: fact.keyPath] ? "checked" : "")),
                                .label(.for("fact-\(fact.rawValue)"), .text(fact.title)))
                        }
                    ),
                    .button(.type(.submit), .class("button button--secondary"), .text("Lưu xác nhận"))
                )
                : .ul(
                    .forEach(ServiceFacts.Recorded.allCases) { fact in
                        .li(.text("\(fact.title): \(dossier.service[keyPath: fact.keyPath] ? "có" : "không")"))
                    })
        )
    }

    /// Each step of the template: its own due instant, when the dossier reached and left it, on time or late.
    private var controlSheetTable: Node<HTML.BodyContext> {
        .table(
            .class("table"),
            .thead(
                .tr(
                    .th(.text("Bước")), .th(.text("Người thực hiện")), .th(.text("Nhận lúc")), .th(.text("Chuyển lúc")),
                    .th(.text("Hạn của bước")), .th(.text("Kết quả")))),
            .tbody(
                .forEach(Array(controlSheet.rows.enumerated())) { index, row in
                    .tr(
                        .td(.text("\(index + 1). \(row.step.name)")), .td(.text(row.step.role.title)),
                        .td(.text(row.reached.map(clock.text) ?? "—")), .td(.text(row.left.map(clock.text) ?? "—")),
                        .td(.text(row.due.map(clock.text) ?? "—")), .td(.text(Self.verdict(row))))
                })
        )
    }

    static func verdict(_ row: ControlSheet.Row) -> String {
        switch row.isLate {
        case true?: "Trễ hạn"
        case false?: "Đúng hạn"
        case nil: row.reached == nil ? "" : "Đang xử lý"
        }
    }

    /// The opinions asked of other units, each question with its answer once given (lấy ý kiến).
    private var consultationsSection: Node<HTML.BodyContext> {
        let asked = Consultation.all(in: events)
        guard !asked.isEmpty else { return .empty }
        return .section(
            .attribute(named: "aria-labelledby", value: "consultations-title"),
            .h2(.id("consultations-title"), .text("Ý kiến các cơ quan")),
            .ol(
                .class("consultations"),
                .forEach(asked) { item in
                    .li(
                        .p(
                            .strong(.text(item.agency)), .text(" — hỏi lúc \(clock.text(item.asked.occurredAt))"),
                            .text(item.asked.actorID.flatMap { people[$0] }.map { " bởi \($0)" } ?? "")),
                        .p(.class("consultation__question"), .text("Nội dung: \(item.asked.reason)")),
                        .unwrap(
                            item.answer,
                            { answer in
                                .p(
                                    .class("consultation__answer"),
                                    .text(
                                        "Trả lời lúc \(clock.text(answer.occurredAt))"
                                            + (answer.actorID.flatMap { people[$0] }.map { " (\($0))" } ?? "") + ": \(answer.reason)"))
                            }, else: .p(.class("consultation__pending"), .text("Chưa có ý kiến trả lời."))))
                }))
    }

    /// The papers the desk ticked at intake, if it used the checklist.
    private var papers: PaperChecklist? { receipt.flatMap(PaperChecklist.init(receiptEvent:)) }
    /// The declaration the applicant filled in online, if any.
    private var declaration: Declaration? { receipt.flatMap(Declaration.init(receiptEvent:)) }
    /// How the applicant asked to receive the result, if they chose when filing online.
    private var delivery: ResultDelivery.Choice? { receipt.flatMap(ResultDelivery.Choice.init(receiptEvent:)) }
    /// The event that received the dossier, which keeps what was handed in.
    private var receipt: DossierEvent? { events.first { $0.action == "receive" } }

    /// After intake: what the officer hands the applicant next — the code, the appointment, the receipt (form 01).
    private var confirmation: Node<HTML.BodyContext> {
        .section(
            .class("confirmation"), .attribute(named: "role", value: "status"),
            .attribute(named: "aria-labelledby", value: "confirmation-title"),
            .h2(.id("confirmation-title"), .text("Đã tiếp nhận hồ sơ")),
            .p(.text("Mã hồ sơ: "), .strong(.class("confirmation__code"), .text(dossier.code.text))),
            .p(.text(dossier.appointmentAt.map { "Ngày hẹn trả kết quả: \(clock.text($0))." } ?? "Hồ sơ chưa có ngày hẹn trả.")),
            .unwrap(papers.map(\.missing).flatMap { $0.isEmpty ? nil : $0 }) { missing in
                .p(
                    .class("notice"),
                    .text(
                        "Còn thiếu: \(missing.map(\.name).joined(separator: "; ")). Nếu cần, dùng \u{201C}Yêu cầu bổ sung hồ sơ\u{201D} bên dưới."
                    ))
            },
            .p(
                .a(
                    .class("button"), .href(SiteRoute.dossierForm(id: dossier.id, form: OfficialForm.receipt.rawValue).path),
                    .text("In giấy tiếp nhận và hẹn trả kết quả (Mẫu 01)")),
                .text(" "), .a(.href(SiteRoute.newDossier.path), .text("Tiếp nhận hồ sơ khác")))
        )
    }

    static func title(of action: String, statusAfter: DossierStatus) -> String {
        if action == "receive" { return "Tiếp nhận" }
        if action == DossierDesk.recomputeDueAction { return "Tính lại hạn theo lịch làm việc" }
        return DossierWorkflow.Action.title(ofEvent: action, statusAfter: statusAfter) ?? action
    }

    private var attachmentsSection: Node<HTML.BodyContext> {
        .section(
            .attribute(named: "aria-labelledby", value: "attachments-title"),
            .h2(.id("attachments-title"), .text("Tệp đính kèm")),
            attachments.isEmpty
                ? .p(.text("Chưa có tệp đính kèm."))
                : .ul(
                    .forEach(attachments) { file in
                        .li(
                            .a(.href(SiteRoute.dossierAttachment(id: dossier.id, attachmentID: file.id).path), .text(file.originalName)),
                            .text(
                                " — \(file.purpose == .result ? file.purpose.title + ", " : "")\(file.description.isEmpty ? "" : file.description + ", ")"
                                    + "\(max(1, file.size / 1024)) KB, \(clock.text(file.uploadedAt))"))
                    }),
            .if(
                canAttach,
                .form(
                    .class("form"), .action(SiteRoute.dossierAttachments(id: dossier.id).path), .method(.post),
                    .attribute(named: "enctype", value: "multipart/form-data"),
                    .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
                    .div(
                        .class("field"), .label(.for("file"), .text("Tệp (PDF, JPEG, PNG, DOCX, XLSX; tối đa 10 MB)")),
                        .input(
                            .type(.file), .id("file"), .name("file"), .attribute(named: "required", value: "required"),
                            .attribute(named: "accept", value: ".pdf,.jpg,.jpeg,.png,.docx,.xlsx"))),
                    .div(
                        .class("field"), .label(.for("file-description"), .text("Mô tả")),
                        .input(.type(.text), .id("file-description"), .name("description"))),
                    .if(
                        ElectronicResult.canAttach(in: dossier.state.status),
                        .div(
                            .class("field"), .label(.for("file-purpose"), .text("Loại tệp")),
                            .select(
                                .id("file-purpose"), .attribute(named: "name", value: "purpose"),
                                .forEach(AttachmentPurpose.allCases) { .choice($0.rawValue, $0.title, isSelected: $0 == .application) }))),
                    .button(.type(.submit), .class("button button--secondary"), .text("Đính kèm"))
                ))
        )
    }

    /// The forms this dossier has: the receipt and control sheet always, the others once their act happened.
    private var printable: [OfficialForm] {
        OfficialForm.allCases.filter { form in form.eventAction.map { action in events.contains { $0.action == action } } ?? true }
    }

    /// First on the page: what the dossier waits for, and the reader's forward action as the one primary button.
    private var nextStep: Node<HTML.BodyContext> {
        // The assignee's name where the step is theirs (a case officer's step).
        let onOfficersStep =
            procedure.steps.indices.contains(dossier.state.step) && procedure.steps[dossier.state.step].role == .caseOfficer
        let assignee = dossier.state.status == .inProgress && onOfficersStep ? dossier.state.assigneeID.flatMap { people[$0] } : nil
        return .section(
            .class("next-step"), .attribute(named: "aria-labelledby", value: "next-title"),
            .h2(.id("next-title"), .text("Việc tiếp theo")),
            .p(
                .id("waiting-for"),
                .text(NextStep.waitingFor(dossier.state, steps: procedure.steps) + (assignee.map { " (được giao: \($0))" } ?? ""))),
            .unwrap(primary) { actionForm($0, isPrimary: true) })
    }

    private var primary: DossierWorkflow.Action? { NextStep.primary(among: allowed) }

    /// The reader's other actions (stop, withdraw, send back, apologise …), each a secondary button.
    private var actions: Node<HTML.BodyContext> {
        let others = allowed.filter { $0.key != primary?.key }
        guard !others.isEmpty else { return .empty }
        return .section(
            .attribute(named: "aria-labelledby", value: "actions-title"),
            .h2(.id("actions-title"), .text(primary == nil ? "Xử lý hồ sơ" : "Thao tác khác")),
            .div(.class("actions"), .forEach(others) { action in actionForm(action, isPrimary: false) })
        )
    }

    private func actionForm(_ action: DossierWorkflow.Action, isPrimary: Bool) -> Node<HTML.BodyContext> {
        let id = "action-\(action.key)"
        // No dead end: an assignment with nobody to assign says why and who can fix it, instead of a button that fails.
        if case .assign = action, officers.isEmpty {
            return .div(
                .class("action-form"), .p(.strong(.text(action.title))),
                .p(
                    .id("\(id)-none"),
                    .text(
                        "Đơn vị giải quyết chưa có chuyên viên thụ lý. Quản trị viên cần cấp vai trò \u{201C}\(Role.caseOfficer.title)\u{201D} "
                            + "của đơn vị cho cán bộ sẽ xử lý hồ sơ, rồi phân công tại đây.")))
        }
        return .form(
            .class("action-form"), .action(SiteRoute.dossierActions(id: dossier.id).path), .method(.post),
            .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken)),
            .input(.type(.hidden), .name("action"), .value(action.key)),
            .input(.type(.hidden), .name("lockVersion"), .value(String(dossier.lockVersion))),
            {
                switch action {
                case .assign:
                    return .div(
                        .class("field"), .label(.for("\(id)-assignee"), .text("Chuyên viên")),
                        .select(
                            .id("\(id)-assignee"), .attribute(named: "name", value: "assignee"),
                            .forEach(officers) { .choice(String($0.id), $0.displayName, isSelected: $0.id == dossier.state.assigneeID) }))
                case .consult:
                    return .group(
                        .div(
                            .class("field"), .label(.for("\(id)-unit"), .text("Đơn vị được hỏi ý kiến")),
                            .select(
                                .id("\(id)-unit"), .attribute(named: "name", value: "consultedUnit"),
                                .attribute(named: "required", value: "required"),
                                .choice("", "— Chọn đơn vị —", isSelected: true),
                                .forEach(consultableUnits) { .choice(String($0.id), $0.name, isSelected: false) })),
                        textField(id, label: "Nội dung cần xin ý kiến"))
                case .consultationAnswered:
                    return textField(id, label: "Ý kiến trả lời")
                case .issueApology:
                    return .group(
                        .div(
                            .class("field"), .label(.for("\(id)-appointment"), .text("Ngày hẹn trả mới")),
                            .dateTimeInput(id: "\(id)-appointment", name: "appointment", value: "", clock: clock, required: true)),
                        reasonField(id))
                default:
                    return action.needsReason ? reasonField(id) : .empty
                }
            }(),
            .button(
                .type(.submit), .class(isPrimary ? "button" : "button button--secondary"), .text(action.title(steps: procedure.steps.count))
            )
        )
    }

    /// A few lines of text sent as the action's reason (the question asked, the answer given).
    private func textField(_ id: String, label: String) -> Node<HTML.FormContext> {
        .div(
            .class("field"), .label(.for("\(id)-reason"), .text(label)),
            .textarea(
                .id("\(id)-reason"), .name("reason"), .attribute(named: "rows", value: "3"), .attribute(named: "maxlength", value: "2000"),
                .attribute(named: "required", value: "required")))
    }

    private func reasonField(_ id: String) -> Node<HTML.FormContext> {
        .div(
            .class("field"), .label(.for("\(id)-reason"), .text("Lý do")),
            .input(.type(.text), .id("\(id)-reason"), .name("reason"), .attribute(named: "required", value: "required")))
    }
}
