import Domain
import Foundation
import Plot
import Services

/// A training's sessions (day, registered, attended) or a pilot's sites and milestones (planned, reached) on a
/// task's page: what they add up to, the list, and the forms to add one or record it held or reached.
struct ReformItemsSection {
    var task: ReformTask
    var items: [ReformTaskItem]
    var today: LocalDate
    var canEdit: Bool
    var csrfToken: String

    var node: Node<HTML.BodyContext> {
        let kinds = ReformTaskItem.Kind.of(task.kind)
        guard !kinds.isEmpty else { return .empty }
        let summary = ReformTaskItemSummary(items, asOf: today)
        let facts =
            task.kind == .training
            ? "Đã tổ chức \(summary.sessionsHeld)/\(summary.sessions) lớp; \(summary.attended)/\(summary.registered) người tham dự"
                + (summary.attendanceRate.map { " (\(ServiceIndexViews.number($0, decimals: 1))%)" } ?? "") + "."
            : "Đã triển khai \(summary.sitesDone)/\(summary.sites) địa điểm; đạt \(summary.milestonesReached)/\(summary.milestones) mốc"
                + (summary.milestonesLate > 0 ? ", \(summary.milestonesLate) mốc đã quá ngày dự kiến." : ".")
        return .section(
            .id("task-items"), .attribute(named: "aria-labelledby", value: "task-items-title"),
            .h2(.id("task-items-title"), .text(task.kind == .training ? "Các lớp tập huấn" : "Địa điểm và mốc triển khai")),
            .p(.id("task-items-summary"), .text(facts)),
            items.isEmpty
                ? .p(.text("Chưa có mục nào."))
                : .table(
                    .class("table"),
                    .thead(
                        .tr(
                            .th(.text("Mục")), .th(.text("Tên")), .th(.text("Ngày dự kiến")), .th(.text("Ngày thực hiện")),
                            .if(task.kind == .training, .group(.th(.text("Triệu tập")), .th(.text("Tham dự")))))),
                    .tbody(
                        .forEach(items) { item in
                            .tr(
                                .td(.text(item.kind.title)), .td(.text(item.title)), .td(.text(item.plannedOn?.vietnamese ?? "—")),
                                .td(item.doneOn.map { .text($0.vietnamese) } ?? (canEdit ? completeForm(item) : .text("Chưa"))),
                                .if(
                                    task.kind == .training,
                                    .group(
                                        .td(.text(item.registered.map(String.init) ?? "—")),
                                        .td(.text(item.attended.map(String.init) ?? "—")))))
                        })),
            .if(canEdit, addForm(kinds))
        )
    }

    private func completeForm(_ item: ReformTaskItem) -> Node<HTML.BodyContext> {
        let id = "item-\(item.id)"
        return .form(
            .class("form form--inline"), .action(SiteRoute.reformTaskItem(id: task.id, itemID: item.id).path), .method(.post),
            ReformViews.hidden(csrfToken),
            .div(
                .class("field"), .label(.for("\(id)-day"), .text("Ngày thực hiện")),
                .dateInput(id: "\(id)-day", name: "doneOn", value: today.iso)),
            item.kind == .session
                ? .div(
                    .class("field"), .label(.for("\(id)-attended"), .text("Số người tham dự")),
                    .input(.type(.number), .id("\(id)-attended"), .name("attended"), .attribute(named: "min", value: "0")))
                : .empty,
            .button(
                .type(.submit), .class("button button--secondary"),
                .text(item.kind == .session ? "Ghi nhận đã tổ chức \(item.title)" : "Ghi nhận hoàn thành \(item.title)")))
    }

    private func addForm(_ kinds: [ReformTaskItem.Kind]) -> Node<HTML.BodyContext> {
        .form(
            .class("form"), .id("item-form"), .action(SiteRoute.reformTaskItems(id: task.id).path), .method(.post),
            ReformViews.hidden(csrfToken),
            .h3(.text(task.kind == .training ? "Thêm lớp tập huấn" : "Thêm địa điểm hoặc mốc")),
            .div(
                .class("field"), .label(.for("item-kind"), .text("Loại")),
                .select(
                    .id("item-kind"), .attribute(named: "name", value: "kind"),
                    .forEach(kinds) { .choice($0.rawValue, $0.title, isSelected: false) })),
            .div(
                .class("field"), .label(.for("item-title"), .text("Tên")),
                .input(.type(.text), .id("item-title"), .name("title"), .attribute(named: "required", value: "required"))),
            .div(
                .class("field"), .label(.for("item-planned"), .text("Ngày dự kiến")),
                .dateInput(id: "item-planned", name: "plannedOn", value: "")),
            .if(
                task.kind == .training,
                .div(
                    .class("field"), .label(.for("item-registered"), .text("Số người được triệu tập")),
                    .input(.type(.number), .id("item-registered"), .name("registered"), .attribute(named: "min", value: "0")))),
            .button(.type(.submit), .class("button button--secondary"), .text("Thêm")))
    }
}
