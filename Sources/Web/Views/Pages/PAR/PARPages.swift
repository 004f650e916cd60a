import Domain
import Foundation
import Persistence
import Plot
import Services

enum PARViews {
    /// Points as Vietnamese write them, without trailing zeros ("2,5", "3", "91,43").
    static func number(_ value: Double?) -> String {
        guard let value else { return "—" }
        var text = ServiceIndexViews.number(value, decimals: 2)
        if text.contains(",") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(",") { text.removeLast() }
        }
        return text
    }

    /// Exact points the same way ("2,5", "63,25"), to the hundredth.
    static func number(_ value: Decimal?) -> String { value.map { ServiceIndexViews.number($0, decimals: nil) } ?? "—" }

    /// A published index: always two decimals ("95,70"), as the city publishes it.
    static func index(_ value: Decimal) -> String { value.vietnamese(decimals: 2) }

    /// "Cấu trúc: 8 lĩnh vực, 37 tiêu chí, 88 tiêu chí thành phần; 32 trong 100 điểm do điều tra xã hội học — khớp với …".
    static func structure(_ framework: PARFramework) -> String {
        let structure = framework.structure
        return "Cấu trúc: \(structure.areas) lĩnh vực, \(structure.criteria) tiêu chí, \(structure.subCriteria) tiêu chí thành phần; "
            + (structure.surveyMax > 0
                ? "\(number(structure.surveyMax)) trong \(number(structure.max)) điểm do điều tra xã hội học"
                : "không có điểm điều tra xã hội học")
            + (framework.basis.map { " — khớp với cấu trúc công bố tại \($0.text)." } ?? " — chưa ghi văn bản gốc để đối chiếu (basis).")
    }

    static func hidden(_ csrfToken: String) -> Node<HTML.FormContext> {
        .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(csrfToken))
    }

    static func sampleWarning(_ framework: PARFramework) -> Node<HTML.BodyContext> {
        .if(
            framework.sample == true,
            .p(
                .class("notice notice--warning"), .id("sample-warning"),
                .text(
                    "Bộ tiêu chí MẪU, không phải bộ tiêu chí chính thức: điểm và tiêu chí chỉ để minh họa cho đến khi nhập phụ lục chính thức."
                )))
    }
}

/// The PAR pages' entry: the frameworks (for the secretariat), the rounds, the reader's own assessments.
struct PAROverviewPage {
    var frameworks: [StoredPARFramework]
    var rounds: [(round: PARRound, framework: PARFramework)]
    var ownUnits: [Int64]
    var canManage: Bool
    var csrfToken: String
    var error: String?

    var body: [Node<HTML.BodyContext>] {
        [
            .h1(.text("Chỉ số cải cách hành chính (PAR INDEX)")),
            FormNotice.node(error: error, saved: false),
            .h2(.text("Các đợt đánh giá")),
            rounds.isEmpty
                ? .p(.text("Chưa có đợt đánh giá nào."))
                : .table(
                    .class("table"), .id("par-rounds"),
                    .thead(
                        .tr(
                            .th(.text("Năm")), .th(.text("Loại đơn vị")), .th(.text("Giai đoạn")), .th(.text("Hạn tự đánh giá")),
                            .th(.text("Hạn giải trình")))),
                    .tbody(
                        .forEach(rounds) { item in
                            .tr(
                                .td(.a(.href(SiteRoute.parRound(id: item.round.id).path), .text("PAR INDEX \(item.framework.year)"))),
                                .td(.text(item.framework.unitKind.title)), .td(.text(item.round.status.title)),
                                .td(.text(item.round.selfDue.vietnamese)), .td(.text(item.round.responseDue.vietnamese)))
                        })
                ),
            .if(!ownUnits.isEmpty && !rounds.isEmpty, .p(.text("Đơn vị của ông/bà tự đánh giá trên trang của từng đợt."))),
            .if(canManage, manage),
            .p(.a(.href(SiteRoute.publicPAR.path), .text("Kết quả đã công bố"))),
        ]
    }

    private var manage: Node<HTML.BodyContext> {
        .group(
            .h2(.text("Bộ tiêu chí")),
            frameworks.isEmpty
                ? .p(.text("Chưa có bộ tiêu chí nào."))
                : .ul(
                    .id("par-frameworks"),
                    .forEach(frameworks) { stored in
                        .li(
                            .a(
                                .href(SiteRoute.parFramework(id: stored.id).path),
                                .text("\(stored.framework.year) — \(stored.framework.unitKind.title)")),
                            .text(
                                " (\(PARViews.number(stored.framework.max)) điểm, \(stored.framework.leaves.count) tiêu chí chấm điểm"
                                    + (stored.framework.sample == true ? ", MẪU" : "") + (stored.frozen ? ", đã khóa" : "") + ")"))
                    }),
            .form(
                .class("form upload"), .action(SiteRoute.parFrameworks.path), .method(.post),
                .attribute(named: "enctype", value: "multipart/form-data"),
                PARViews.hidden(csrfToken),
                .div(
                    .class("field"), .label(.for("framework-file"), .text("Nạp bộ tiêu chí từ tệp JSON")),
                    .input(
                        .type(.file), .id("framework-file"), .name("file"), .attribute(named: "accept", value: ".json,application/json"),
                        .attribute(named: "required", value: "required"))),
                .button(.type(.submit), .class("button button--secondary"), .text("Nạp bộ tiêu chí"))),
            .form(
                .class("form"), .action(SiteRoute.parFrameworks.path + "?sample=1"), .method(.post), PARViews.hidden(csrfToken),
                .button(.type(.submit), .class("button button--secondary"), .text("Nạp bộ tiêu chí mẫu (8 lĩnh vực)"))),
            frameworks.filter { !$0.frozen }.isEmpty
                ? .empty
                : .form(
                    .class("form"), .action(SiteRoute.parRounds.path), .method(.post), PARViews.hidden(csrfToken),
                    .h2(.text("Mở đợt đánh giá")),
                    .div(
                        .class("field"), .label(.for("framework"), .text("Bộ tiêu chí")),
                        .select(
                            .id("framework"), .attribute(named: "name", value: "framework"),
                            .forEach(frameworks.filter { !$0.frozen }) {
                                .choice(String($0.id), "\($0.framework.year) — \($0.framework.unitKind.title)", isSelected: false)
                            })),
                    .div(
                        .class("field"), .label(.for("selfDays"), .text("Thời hạn tự đánh giá (ngày làm việc kể từ hôm nay)")),
                        .input(.type(.number), .id("selfDays"), .name("selfDays"), .value("15"))),
                    .div(
                        .class("field"), .label(.for("responseDays"), .text("Thời hạn giải trình (ngày làm việc sau hạn tự đánh giá)")),
                        .input(.type(.number), .id("responseDays"), .name("responseDays"), .value("10"))),
                    .p(
                        .text(
                            "Khi mở đợt đánh giá, bộ tiêu chí được khóa; mọi đơn vị thuộc loại đơn vị của bộ tiêu chí được giao tự đánh giá."
                        )),
                    .button(.type(.submit), .class("button"), .text("Mở đợt đánh giá")))
        )
    }
}

/// A framework: its tree with maxima and methods, and its JSON (editable by the secretariat until frozen).
struct PARFrameworkPage {
    var stored: StoredPARFramework
    var text: String
    /// The editor's rows (as typed, after a refused edit).
    var rows: [PARFrameworkTable.Row]
    var canEdit: Bool
    var error: String?
    var saved: Bool
    var csrfToken: String

    var body: [Node<HTML.BodyContext>] {
        let framework = stored.framework
        return [
            .h1(.text(framework.title ?? "Bộ tiêu chí PAR INDEX \(framework.year)")),
            FormNotice.node(error: error, saved: saved),
            PARViews.sampleWarning(framework),
            .p(
                .text(
                    "Năm \(framework.year), \(framework.unitKind.title.lowercased()); tối đa \(PARViews.number(framework.max)) điểm"
                        + (stored.frozen ? ". Đã khóa: đã có đợt đánh giá dùng bộ tiêu chí này." : ".")),
                .text(" "), .a(.href(SiteRoute.parFrameworkJSON(id: stored.id).path), .text("Tải tệp JSON"))),
            .p(.id("par-structure"), .text(PARViews.structure(framework))),
            .unwrap(framework.note) { .p(.class("note"), .text($0)) },
            .table(
                .class("table"), .id("par-framework"),
                .thead(.tr(.th(.text("Mã")), .th(.text("Lĩnh vực, tiêu chí")), .th(.text("Điểm tối đa")), .th(.text("Phương pháp chấm")))),
                .tbody(
                    .forEach(framework.areas) { area in
                        .group(
                            .tr(
                                .class("area-row"), .th(.attribute(named: "scope", value: "row"), .text(area.code)),
                                .td(.strong(.text(area.name))),
                                .td(.text(PARViews.number(area.max))), .td()),
                            .forEach(PARFrameworkPage.rows(area.criteria, depth: 1)) { row in
                                .tr(
                                    .td(.text(row.criterion.code)), .td(.class("depth-\(row.depth)"), .text(row.criterion.name)),
                                    .td(.text(PARViews.number(row.criterion.max))),
                                    .td(
                                        .text(
                                            row.criterion.method.map { $0.title + ($0.source.map { " — \($0.title)" } ?? "") }
                                                ?? "Tổng các tiêu chí thành phần")))
                            })
                    })
            ),
            .if(canEdit, editor),
            .p(.a(.href(SiteRoute.par.path), .text("← PAR INDEX"))),
        ]
    }

    /// The table editor (one row per area, criterion, sub-criterion; the tree from the codes; empty rows to
    /// add, an emptied code to remove) and, for whole-file edits, the JSON.
    private var editor: Node<HTML.BodyContext> {
        let methods = [
            ("", "— (có tiêu chí thành phần)"), ("manual", "Tự chấm"), ("computed", "Tính từ dữ liệu"), ("survey", "Điều tra"),
            ("deduction", "Trừ điểm"),
        ]
        let sources = [("", "—")] + PARSource.allCases.map { ($0.rawValue, $0.title) }
        let rows = self.rows + Array(repeating: PARFrameworkTable.Row(code: "", name: "", max: ""), count: 5)
        return .group(
            .h2(.text("Sửa bộ tiêu chí")),
            .form(
                .class("form"), .id("framework-editor"), .action(SiteRoute.parFramework(id: stored.id).path), .method(.post),
                PARViews.hidden(csrfToken),
                .input(.type(.hidden), .name("mode"), .value("table")),
                .p(
                    .class("note"),
                    .text(
                        "Mã thể hiện cấp: “3” là lĩnh vực, “3.4” là tiêu chí của lĩnh vực 3, “3.4.1” là tiêu chí thành phần của 3.4. "
                            + "Quy tắc: ngưỡng “100=4; 90=3”, tuyến tính “80..100”, trừ điểm “0,5” mỗi lần. Xóa mã để bỏ một dòng; "
                            + "điền các dòng trống để thêm.")),
                .table(
                    .class("table editor-table"),
                    .thead(
                        .tr(
                            .th(.text("Mã")), .th(.text("Tên")), .th(.text("Tối đa")), .th(.text("Phương pháp")),
                            .th(.text("Nguồn số liệu")), .th(.text("Quy tắc")))),
                    .tbody(
                        .forEach(Array(rows.enumerated())) { index, row in
                            .tr(
                                .td(
                                    .input(
                                        .type(.text), .name("code-\(index)"), .value(row.code), .class("short"),
                                        .attribute(named: "aria-label", value: "Mã dòng \(index + 1)"))),
                                .td(
                                    .input(
                                        .type(.text), .name("name-\(index)"), .value(row.name),
                                        .attribute(named: "aria-label", value: "Tên dòng \(index + 1)"))),
                                .td(
                                    .input(
                                        .type(.text), .name("max-\(index)"), .value(row.max), .class("short"),
                                        .attribute(named: "aria-label", value: "Điểm tối đa dòng \(index + 1)"))),
                                .td(
                                    .select(
                                        .attribute(named: "name", value: "method-\(index)"),
                                        .attribute(named: "aria-label", value: "Phương pháp dòng \(index + 1)"),
                                        .forEach(methods) { .choice($0.0, $0.1, isSelected: $0.0 == row.method) })),
                                .td(
                                    .select(
                                        .attribute(named: "name", value: "source-\(index)"),
                                        .attribute(named: "aria-label", value: "Nguồn số liệu dòng \(index + 1)"),
                                        .forEach(sources) { .choice($0.0, $0.1, isSelected: $0.0 == row.source) })),
                                .td(
                                    .input(
                                        .type(.text), .name("rule-\(index)"), .value(row.rule), .class("short"),
                                        .attribute(named: "aria-label", value: "Quy tắc dòng \(index + 1)"))))
                        })
                ),
                .button(.type(.submit), .class("button"), .text("Lưu bộ tiêu chí"))),
            .element(
                named: "details",
                nodes: [
                    .element(named: "summary", nodes: [.text("Sửa toàn bộ dạng JSON (nâng cao)")]),
                    .form(
                        .class("form"), .action(SiteRoute.parFramework(id: stored.id).path), .method(.post), PARViews.hidden(csrfToken),
                        .div(
                            .class("field"),
                            .label(
                                .for("definition"),
                                .text("Bộ tiêu chí (JSON: areas → criteria → subCriteria; method manual, computed, survey, deduction)")),
                            .textarea(
                                .id("definition"), .name("definition"), .attribute(named: "rows", value: "24"), .class("code-editor"),
                                .text(text))),
                        .button(.type(.submit), .class("button button--secondary"), .text("Lưu bản JSON"))),
                ])
        )
    }

    static func rows(_ criteria: [PARFramework.Criterion], depth: Int) -> [(criterion: PARFramework.Criterion, depth: Int)] {
        criteria.flatMap { [($0, depth)] + rows($0.subCriteria ?? [], depth: depth + 1) }
    }
}

/// A round: its stage and deadlines, the units' assessments (those the reader may see), the next step, and
/// once approved the results with the ranking.
struct PARRoundPage {
    var round: PARRound
    var framework: PARFramework
    var assessments: [PARAssessment]
    var names: [Int64: String]
    var results: PARPublication?
    var canManage: Bool
    var chairs: Bool
    var csrfToken: String
    var saved: Bool

    var body: [Node<HTML.BodyContext>] {
        [
            .h1(.text("PAR INDEX \(framework.year) — \(framework.unitKind.title)")),
            FormNotice.node(error: nil, saved: saved),
            PARViews.sampleWarning(framework),
            .dl(
                .class("facts"),
                .dt(.text("Giai đoạn")), .dd(.strong(.id("round-status"), .text(round.status.title))),
                .dt(.text("Hạn tự đánh giá")), .dd(.text(round.selfDue.vietnamese)),
                .dt(.text("Hạn giải trình")), .dd(.text(round.responseDue.vietnamese))),
            .table(
                .class("table"), .id("par-assessments"),
                .caption(.text("Bản tự đánh giá của các đơn vị")),
                .thead(.tr(.th(.text("Đơn vị")), .th(.text("Đã gửi")), .th(.text("Tiêu chí đã thẩm định")))),
                .tbody(
                    .forEach(assessments) { assessment in
                        .tr(
                            .td(
                                .a(
                                    .href(SiteRoute.parAssessment(id: round.id, unitID: assessment.unitID).path),
                                    .text(names[assessment.unitID] ?? "—"))),
                            .td(.text(assessment.submittedAt == nil ? "Chưa gửi" : "Đã gửi")),
                            .td(.text("\(assessment.entries.filter(\.review.isDecided).count)/\(assessment.entries.count)")))
                    })
            ),
            next,
            .unwrap(results) { results in
                .section(
                    .attribute(named: "aria-labelledby", value: "results-title"),
                    .h2(.id("results-title"), .text(round.status == .published ? "Kết quả (đã công bố)" : "Kết quả sau thẩm định")),
                    PARPublicationPage.ranking(results))
            },
            .p(.a(.href(SiteRoute.par.path), .text("← PAR INDEX"))),
        ]
    }

    private func step(_ to: PARRoundStatus, _ label: String, _ note: String) -> Node<HTML.BodyContext> {
        .form(
            .class("form"), .action(SiteRoute.parRoundAdvance(id: round.id).path), .method(.post), PARViews.hidden(csrfToken),
            .input(.type(.hidden), .name("to"), .value(to.rawValue)), .p(.text(note)),
            .button(.type(.submit), .class("button"), .text(label)))
    }

    private var next: Node<HTML.BodyContext> {
        switch round.status {
        case .open where canManage:
            return step(
                .appraisal, "Kết thúc tự đánh giá, chuyển Hội đồng thẩm định",
                "Các đơn vị chưa gửi bản tự đánh giá sẽ không được xếp hạng.")
        case .appraisal where chairs:
            return step(
                .approved, "Phê duyệt kết quả thẩm định",
                "Chỉ phê duyệt được khi mọi tiêu chí của các đơn vị đã gửi đều được chấp nhận hoặc điều chỉnh.")
        case .approved where chairs, .published where chairs:
            return .form(
                .class("form"), .action(SiteRoute.parRoundPublish(id: round.id).path), .method(.post), PARViews.hidden(csrfToken),
                .if(
                    round.status == .published,
                    .div(
                        .class("field"), .label(.for("reason"), .text("Lý do công bố phiên bản mới")),
                        .input(.type(.text), .id("reason"), .name("reason")))),
                .button(.type(.submit), .class("button"), .text(round.status == .published ? "Công bố phiên bản mới" : "Công bố kết quả")))
        default:
            return .empty
        }
    }
}

/// One unit's assessment: every leaf with its maximum and method, the platform's figure beside the unit's own
/// score (the difference highlighted), explanation, evidence, the council's review, the unit's answer and the
/// history — with the forms the reader may use at this stage.
struct PARAssessmentPage {
    var round: PARRound
    var framework: PARFramework
    var unit: OrgUnit
    var assessment: PARAssessment
    /// The platform's figures now (before submission); after it, the entries keep theirs.
    var live: [String: (value: Double, points: Double)]
    var evidence: [Int64: [PAREvidence]]
    var history: [Int64: [PARHistoryRow]]
    var speaksFor: Bool
    var appraises: Bool
    var csrfToken: String
    var saved: Bool
    var error: String?
    var today: LocalDate
    /// The unit's reform tasks of the framework's year that name PAR criteria, as they stand today (issue 9).
    var tasks: [ReformTaskStanding] = []

    private var editsSelf: Bool { speaksFor && round.status == .open && assessment.submittedAt == nil }

    var body: [Node<HTML.BodyContext>] {
        let total = assessment.entries.compactMap(\.proposed).reduce(0, +)
        return [
            .h1(.text("Tự đánh giá — \(unit.name)")),
            FormNotice.node(error: error, saved: saved),
            PARViews.sampleWarning(framework),
            .p(
                .class("lead"), .text("PAR INDEX \(framework.year) — \(round.status.title). "),
                .strong(
                    .id("assessment-state"), .text(assessment.submittedAt == nil ? "Chưa gửi bản tự đánh giá." : "Đã gửi bản tự đánh giá.")),
                .text(
                    " Tổng điểm đề xuất: \(PARViews.number(total))/\(PARViews.number(framework.max))."
                        + (assessment.entries.allSatisfy(\.review.isDecided)
                            ? " Tổng điểm sau thẩm định (trước khi áp mức tối đa của từng nhóm): \(PARViews.number(assessment.entries.compactMap(\.final).reduce(0, +)))."
                            : ""))),
            .unwrap(nextStep) { .p(.class("notice"), .id("assessment-next"), .text($0)) },
            atRisk,
            .forEach(framework.areas) { area in
                .section(
                    .class("par-area"), .attribute(named: "aria-labelledby", value: "area-\(area.code)"),
                    .h2(.id("area-\(area.code)"), .text("\(area.code). \(area.name) (tối đa \(PARViews.number(area.max)) điểm)")),
                    .forEach(area.leaves) { leaf in criterion(leaf) })
            },
            .if(
                editsSelf,
                .form(
                    .class("form"), .action(SiteRoute.parAssessmentSubmit(id: round.id, unitID: unit.id).path), .method(.post),
                    PARViews.hidden(csrfToken),
                    .p(.text("Sau khi gửi, đơn vị không sửa được điểm tự chấm; số liệu MotCua tại thời điểm gửi được lưu kèm.")),
                    .button(.type(.submit), .class("button"), .text("Gửi bản tự đánh giá")))),
            .if(
                appraises && round.status == .appraisal && assessment.submittedAt != nil,
                .form(
                    .class("form"), .action(SiteRoute.parAssessmentAcceptRest(id: round.id, unitID: unit.id).path), .method(.post),
                    PARViews.hidden(csrfToken),
                    .button(.type(.submit), .class("button button--secondary"), .text("Chấp nhận các tiêu chí còn lại")))),
            .p(.a(.href(SiteRoute.parRound(id: round.id).path), .text("← Đợt đánh giá"))),
        ]
    }

    /// What the unit is to do now, with its day: score the criteria and send, or answer the council's requests.
    private var nextStep: String? {
        guard speaksFor else { return nil }
        if editsSelf {
            let scored = assessment.entries.count { $0.selfScore != nil }
            return
                "Đã chấm \(scored)/\(assessment.entries.count) tiêu chí. Chấm và giải trình từng tiêu chí, kèm tài liệu kiểm chứng, rồi bấm "
                + "\u{201C}Gửi bản tự đánh giá\u{201D} ở cuối trang trước hết ngày \(round.selfDue.vietnamese)."
        }
        let asked = assessment.entries.filter { $0.review == .moreEvidence }.map(\.criterion)
        guard round.status == .appraisal, !asked.isEmpty else { return nil }
        return "Hội đồng thẩm định yêu cầu bổ sung tài liệu kiểm chứng cho tiêu chí \(asked.joined(separator: ", ")): "
            + "tải tài liệu lên và giải trình ở từng tiêu chí trước hết ngày \(round.responseDue.vietnamese)."
    }

    private func criterion(_ leaf: PARFramework.Criterion) -> Node<HTML.BodyContext> {
        guard let entry = assessment.entry(leaf.code) else { return .empty }
        let figure = entry.computedPoints.map { (value: entry.computedValue ?? 0, points: $0) } ?? live[leaf.code]
        let differs = figure.map { figure in entry.selfScore.map { abs($0 - figure.points) > 0.005 } ?? false } ?? false
        return .article(
            .class(differs ? "par-criterion par-criterion--differs" : "par-criterion"), .id("c-\(leaf.code)"),
            .h3(.text("\(leaf.code) \(leaf.name)")),
            .dl(
                .class("facts"),
                .dt(.text("Điểm tối đa")), .dd(.text(PARViews.number(leaf.max))),
                .dt(.text("Phương pháp")), .dd(.text(leaf.method?.title ?? "")),
                .unwrap(leaf.method?.source) { source in
                    .group(
                        .dt(.text("Số liệu MotCua")),
                        .dd(
                            .class("platform-figure"),
                            .text(
                                figure.map { "\(source.title): \(PARViews.number($0.value)) → \(PARViews.number($0.points)) điểm" }
                                    ?? "\(source.title): chưa có dữ liệu"),
                            .if(differs, .strong(.class("differs"), .text(" — khác điểm đơn vị tự chấm")))))
                },
                .dt(.text("Điểm tự chấm")), .dd(.class("self-score"), .text(PARViews.number(entry.selfScore))),
                .dt(.text("Giải trình")), .dd(.text(entry.explanation.isEmpty ? "—" : entry.explanation)),
                .dt(.text("Thẩm định")),
                .dd(
                    .class("review"),
                    .text(
                        entry.review.title
                            + (entry.review == .adjusted ? ": \(PARViews.number(entry.adjustedScore)) điểm" : "")
                            + (entry.reviewReason.map { " — \($0)" } ?? ""))),
                .unwrap(entry.response) { .group(.dt(.text("Đơn vị giải trình")), .dd(.text($0))) }),
            servingTasks(leaf),
            files(entry),
            forms(entry, leaf),
            historyList(entry)
        )
    }

    private var overdue: [ReformTaskStanding] { tasks.filter { $0.status == .overdue } }

    /// The points the unit's overdue reform tasks put at risk, counted once per criterion.
    private var atRisk: Node<HTML.BodyContext> {
        guard !overdue.isEmpty else { return .empty }
        let points = framework.pointsAtRisk(criteria: Set(overdue.flatMap(\.task.parCriteria)))
        return .p(
            .class("notice notice--warning"), .id("points-at-risk"),
            .text(
                "\(overdue.count) nhiệm vụ cải cách hành chính quá hạn phục vụ các tiêu chí có tổng \(PARViews.number(points)) điểm: "
                    + "đây là số điểm có nguy cơ mất nếu nhiệm vụ không hoàn thành."))
    }

    /// The reform tasks that serve a criterion (naming it or one of its parents), with their status.
    private func servingTasks(_ leaf: PARFramework.Criterion) -> Node<HTML.BodyContext> {
        let serving = tasks.filter { $0.task.parCriteria.contains { leaf.code == $0 || leaf.code.hasPrefix($0 + ".") } }
        guard !serving.isEmpty else { return .empty }
        return .div(
            .class("serving-tasks"),
            .p(.strong(.text("Nhiệm vụ cải cách hành chính phục vụ tiêu chí"))),
            .ul(
                .forEach(serving) { standing in
                    .li(
                        .a(.href(SiteRoute.reformTask(id: standing.task.id).path), .text(standing.task.content)), .text(" — "),
                        ReformViews.status(standing),
                        .if(
                            standing.status == .overdue,
                            .strong(.class("differs"), .text(" — có nguy cơ mất tới \(PARViews.number(leaf.max)) điểm"))))
                }))
    }

    private func files(_ entry: PAREntry) -> Node<HTML.BodyContext> {
        guard let files = evidence[entry.id], !files.isEmpty else { return .p(.class("note"), .text("Chưa có tài liệu kiểm chứng.")) }
        return .ul(
            .class("evidence"),
            .forEach(files) { file in
                .li(
                    .a(.href(SiteRoute.parEvidence(id: entry.id, fileID: file.id).path), .text(file.originalName)),
                    .text(" (\(file.fileType.extensions[0].uppercased()), \(file.size / 1024 + 1) KB)"))
            })
    }

    private func forms(_ entry: PAREntry, _ leaf: PARFramework.Criterion) -> Node<HTML.BodyContext> {
        let id = "e\(entry.id)"
        let version = Node<HTML.FormContext>.input(.type(.hidden), .name("version"), .value(String(entry.version)))
        let upload = Node<HTML.BodyContext>.form(
            .class("form upload"), .action(SiteRoute.parEntry(id: entry.id, act: "files").path), .method(.post),
            .attribute(named: "enctype", value: "multipart/form-data"), PARViews.hidden(csrfToken),
            .div(
                .class("field"), .label(.for("\(id)-file"), .text("Thêm tài liệu kiểm chứng cho \(leaf.code)")),
                .input(.type(.file), .id("\(id)-file"), .name("file"), .attribute(named: "required", value: "required"))),
            .button(.type(.submit), .class("button button--secondary"), .text("Tải lên")))
        if editsSelf {
            return .group(
                .form(
                    .class("form"), .action(SiteRoute.parEntry(id: entry.id, act: "self").path), .method(.post), PARViews.hidden(csrfToken),
                    version,
                    .div(
                        .class("field"), .label(.for("\(id)-score"), .text("Điểm tự chấm \(leaf.code) (0–\(PARViews.number(leaf.max)))")),
                        .input(
                            .type(.text), .id("\(id)-score"), .name("score"), .attribute(named: "inputmode", value: "decimal"),
                            .value(entry.selfScore.map { PARViews.number($0) } ?? ""))),
                    .div(
                        .class("field"), .label(.for("\(id)-explanation"), .text("Giải trình \(leaf.code)")),
                        .textarea(
                            .id("\(id)-explanation"), .name("explanation"), .attribute(named: "rows", value: "2"), .text(entry.explanation))
                    ),
                    .button(.type(.submit), .class("button"), .text("Lưu \(leaf.code)"))),
                upload)
        }
        if speaksFor && round.status == .appraisal && entry.review == .moreEvidence && entry.respondedAt == nil {
            return .group(
                upload,
                .form(
                    .class("form"), .action(SiteRoute.parEntry(id: entry.id, act: "respond").path), .method(.post),
                    PARViews.hidden(csrfToken), version,
                    .div(
                        .class("field"),
                        .label(.for("\(id)-response"), .text("Giải trình với Hội đồng (một lần, hạn \(round.responseDue.vietnamese))")),
                        .textarea(.id("\(id)-response"), .name("response"), .attribute(named: "rows", value: "2"))),
                    .button(.type(.submit), .class("button"), .text("Gửi giải trình \(leaf.code)"))))
        }
        if appraises && round.status == .appraisal && assessment.submittedAt != nil {
            return .form(
                .class("form review-form"), .action(SiteRoute.parEntry(id: entry.id, act: "review").path), .method(.post),
                PARViews.hidden(csrfToken), version,
                .fieldset(
                    .class("choices"), .element(named: "legend", text: "Kết luận thẩm định \(leaf.code)"),
                    .forEach([PARReview.accepted, .adjusted, .moreEvidence]) { decision in
                        .div(
                            .class("choice"),
                            .input(
                                .type(.radio), .id("\(id)-\(decision.rawValue)"), .name("decision"), .value(decision.rawValue),
                                .attribute(named: "checked", value: entry.review == decision ? "checked" : "")),
                            .label(.for("\(id)-\(decision.rawValue)"), .text(decision.title)))
                    }),
                .div(
                    .class("field"), .label(.for("\(id)-adjusted"), .text("Điểm điều chỉnh \(leaf.code)")),
                    .input(.type(.text), .id("\(id)-adjusted"), .name("score"), .attribute(named: "inputmode", value: "decimal"))),
                .div(
                    .class("field"), .label(.for("\(id)-reason"), .text("Lý do \(leaf.code)")),
                    .input(.type(.text), .id("\(id)-reason"), .name("reason"))),
                .button(.type(.submit), .class("button button--secondary"), .text("Lưu kết luận \(leaf.code)")))
        }
        return .empty
    }

    private func historyList(_ entry: PAREntry) -> Node<HTML.BodyContext> {
        guard let rows = history[entry.id], !rows.isEmpty else { return .empty }
        let titles = ["self": "Đơn vị tự chấm", "respond": "Đơn vị giải trình"]
        let clock = LocalClock()
        return .element(
            named: "details",
            nodes: [
                .element(named: "summary", nodes: [.text("Lịch sử thay đổi (\(rows.count))")]),
                .ul(
                    .forEach(rows) { row in
                        .li(
                            .text(
                                "\(clock.text(row.at)) — \(titles[row.action] ?? PARReview(rawValue: row.action)?.title ?? row.action)"
                                    + (row.score.map { ": \(PARViews.number($0)) điểm" } ?? "")
                                    + (row.reason.map { $0.isEmpty ? "" : " — \($0)" } ?? "")
                                    + (row.actorID.map { " (người dùng #\($0))" } ?? "")))
                    }),
            ])
    }
}
