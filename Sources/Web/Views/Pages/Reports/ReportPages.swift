import Domain
import Foundation
import Persistence
import Plot
import Services

/// Form 07, the dossier log (Sổ theo dõi hồ sơ) of a desk for a period, printable in landscape.
struct DossierLogPage {
    var unit: OrgUnit
    var from: LocalDate
    var to: LocalDate
    var rows: [DossierLogRow]
    var unitNames: [Int64: String]
    var clock: LocalClock
    /// Whether this server can print the log to PDF (a headless browser is installed).
    var offersPDF = false

    var body: [Node<HTML.BodyContext>] {
        [
            .form(
                .class("filters no-print"), .action(SiteRoute.dossierLog.path), .method(.get),
                .input(.type(.hidden), .name("unit"), .value(String(unit.id))),
                .div(.class("field"), .label(.for("from"), .text("Từ ngày")), .dateInput(id: "from", name: "from", value: from.iso)),
                .div(.class("field"), .label(.for("to"), .text("Đến ngày")), .dateInput(id: "to", name: "to", value: to.iso)),
                .button(.type(.submit), .class("button"), .text("Xem")),
                .button(.type(.button), .class("button button--secondary"), .attribute(named: "data-print", value: ""), .text("In sổ")),
                .if(
                    offersPDF,
                    .a(
                        .class("pdf-link"), .href(SiteRoute.dossierLog.path + "?unit=\(unit.id)&from=\(from.iso)&to=\(to.iso)&format=pdf"),
                        .text("Tải tệp PDF")))
            ),
            .article(
                .class("official-form official-form--wide"),
                .p(.class("form-number"), .text("Mẫu số 07 — \(OfficialForm.template(on: to))")),
                .h1(.text("SỔ THEO DÕI HỒ SƠ")),
                .p(.class("dossier-code"), .text("\(unit.name), từ ngày \(from.vietnamese) đến ngày \(to.vietnamese)")),
                .table(
                    .class("table log"),
                    .thead(
                        .tr(
                            .th(.text("STT")), .th(.text("Mã hồ sơ")), .th(.text("Tên thủ tục")), .th(.text("Số lượng hồ sơ")),
                            .th(.text("Tên cá nhân, tổ chức")), .th(.text("Điện thoại")), .th(.text("Cơ quan chủ trì giải quyết")),
                            .th(.text("Nhận hồ sơ")), .th(.text("Hẹn trả kết quả")), .th(.text("Chuyển hồ sơ đến cơ quan giải quyết")),
                            .th(.text("Nhận kết quả từ cơ quan giải quyết")), .th(.text("Trả kết quả")), .th(.text("Ghi chú")))),
                    .tbody(
                        .forEach(Array(rows.enumerated())) { index, row in
                            let dossier = row.item.dossier
                            return .tr(
                                .td(.text(String(index + 1))), .td(.text(dossier.code.text)), .td(.text(row.item.procedureName)),
                                .td(.text("01")),
                                .td(.text(dossier.applicant.name)), .td(.text(dossier.applicant.phone ?? "")),
                                .td(.text(unitNames[dossier.processingUnitID] ?? "")), .td(.text(clock.text(dossier.receivedAt))),
                                .td(.text(dossier.appointmentAt.map(clock.text) ?? "")),
                                .td(.text(row.transferredAt.map(clock.text) ?? "")),
                                .td(.text(row.resultAt.map(clock.text) ?? "")), .td(.text(row.returnedAt.map(clock.text) ?? "")),
                                .td(
                                    .text(
                                        dossier.state.status.isFinal && dossier.state.status != .returned ? dossier.state.status.title : "")
                                ))
                        })
                )
            ),
        ]
    }
}

/// Delegated procedures (ủy quyền): who delegated what to whom, until when, the dossiers handled under
/// each delegation with their timeliness, those about to expire first.
struct DelegationPage {
    struct Report {
        var procedure: Procedure
        var delegation: Procedure.Delegation
        var processing: [String]
        var moreUnits: Int
        var table: DossierStatistics.Table
        var daysLeft: Int
    }

    var reports: [Report]

    var body: [Node<HTML.BodyContext>] {
        [
            .h1(.text("Báo cáo thủ tục ủy quyền")),
            .p(
                .text(
                    "Các thủ tục được ủy quyền giải quyết, hồ sơ đã giải quyết theo từng ủy quyền và mức độ đúng hạn. Ủy quyền sắp hết hạn (trong 60 ngày) được đánh dấu."
                )),
            .table(
                .class("table"),
                .thead(
                    .tr(
                        .th(.text("Thủ tục")), .th(.text("Cơ quan ủy quyền")), .th(.text("Đơn vị được ủy quyền")),
                        .th(.text("Đến hết ngày")),
                        .th(.text("Văn bản")), .th(.text("Hồ sơ")), .th(.text("Đúng hạn, trước hạn")), .th(.text("Trễ hạn")))),
                .tbody(
                    .forEach(reports) { report in
                        let onTime = report.table.count(.early) + report.table.count(.onTime)
                        return .tr(
                            .class(report.daysLeft <= 60 ? "expiring" : ""),
                            .td(.a(.href(SiteRoute.procedure(code: report.procedure.code).path), .text(report.procedure.name))),
                            .td(.text(report.delegation.authority)),
                            .td(
                                .text(
                                    report.processing.joined(separator: ", ")
                                        + (report.moreUnits > 0 ? " và \(report.moreUnits) đơn vị khác" : ""))),
                            .td(
                                .text(
                                    report.delegation.until.vietnamese
                                        + (report.daysLeft < 0
                                            ? " (đã hết hạn)" : report.daysLeft <= 60 ? " (còn \(report.daysLeft) ngày)" : ""))),
                            .td(.text(report.delegation.reference)),
                            .td(.text(String(report.table.count(.received)))),
                            .td(.text(String(onTime))),
                            .td(.text(String(report.table.count(.late))))
                        )
                    })
            ),
        ]
    }
}
