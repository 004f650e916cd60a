import Domain
import Plot
import Services

/// A year of the working calendar: twelve month grids with the lunar date under each solar date and the
/// days off marked with their reason, the table of rows with their legal references, and — for the
/// secretariat — the forms that change the table.
struct CalendarPage {
    struct Editing {
        var csrfToken: String
    }

    var year: Int
    var calendar: WorkingCalendar
    var today: LocalDate
    var editing: Editing?
    var saved = false
    var error: String?
    /// How many open dossiers had their due instant recomputed by the change just saved.
    var recomputed: Int?

    private var rows: [CalendarDay] { calendar.rows(in: year) }

    var body: [Node<HTML.BodyContext>] {
        [
            .h1(.text("Lịch làm việc năm \(year)")),
            FormNotice.node(error: error, saved: saved),
            .unwrap(saved ? recomputed : nil) { count in
                .p(
                    .class("notice"), .id("recomputed"), .attribute(named: "role", value: "status"),
                    .text(
                        count == 0
                            ? "Không hồ sơ đang giải quyết nào phải tính lại hạn theo lịch mới."
                            : "Đã tính lại hạn giải quyết của \(count) hồ sơ đang giải quyết theo lịch mới; mỗi hồ sơ ghi lại hạn cũ và hạn mới trong diễn biến."
                    ))
            },
            .if(
                calendar.isProvisional(year) || rows.contains(where: \.isProvisional),
                .p(
                    .class("notice"),
                    .text(
                        "Năm \(year) có ngày nghỉ dự kiến, tính theo Bộ luật Lao động và âm lịch, chưa có văn bản chính thức của Chính phủ. Các ngày dự kiến được đánh dấu „dự kiến”."
                    ))),
            .nav(
                .class("pager"), .attribute(named: "aria-label", value: "Chọn năm"),
                .if(
                    CalendarEdit.years.contains(year - 1),
                    .a(.href(SiteRoute.calendar.path + "?year=\(year - 1)"), .text("← Năm \(year - 1)"))),
                .if(
                    CalendarEdit.years.contains(year + 1),
                    .a(.href(SiteRoute.calendar.path + "?year=\(year + 1)"), .text("Năm \(year + 1) →"))),
                .a(.href(SiteRoute.dueDate.path), .text("Tính ngày hẹn trả"))
            ),
            .ul(
                .class("legend"), .attribute(named: "aria-label", value: "Chú giải"),
                .li(.span(.class("swatch day--off")), .text("Ngày nghỉ lễ, Tết, nghỉ bù, nghỉ do hoán đổi")),
                .li(.span(.class("swatch day--weekend")), .text("Nghỉ hằng tuần")),
                .li(.span(.class("swatch day--workday")), .text("Thứ Bảy làm bù")),
                .li(.span(.class("lunar-sample"), .text("15/1")), .text(" ngày âm lịch"))
            ),
            .div(.class("months"), .forEach(1...12) { month in monthGrid(month) }),
            .h2(.text("Các ngày nghỉ và ngày làm bù năm \(year)")),
            rowsTable,
            .unwrap(editing) { editingForms($0) },
        ]
    }

    private func monthGrid(_ month: Int) -> Node<HTML.BodyContext> {
        let first = LocalDate(year: year, month: month, day: 1)!
        let length = LocalDate.daysIn(month: month, year: year)
        let leading = first.weekday - 1
        let cells: [LocalDate?] = Array(repeating: nil, count: leading) + (0..<length).map { first.adding(days: $0) }
        let weeks = stride(from: 0, to: cells.count, by: 7).map { Array(cells[$0..<min($0 + 7, cells.count)]) }
        return .table(
            .class("month"),
            .caption(.text("Tháng \(month)/\(year)")),
            .thead(.tr(.forEach(["T2", "T3", "T4", "T5", "T6", "T7", "CN"]) { .th(.attribute(named: "scope", value: "col"), .text($0)) })),
            .tbody(
                .forEach(weeks) { week in
                    .tr(
                        .forEach(week + Array(repeating: nil, count: 7 - week.count)) { date in
                            guard let date else { return .td() }
                            return dayCell(date)
                        })
                })
        )
    }

    private func dayCell(_ date: LocalDate) -> Node<HTML.TableRowContext> {
        let lunar = LunarCalendar.vietnam.lunar(from: date)
        let row = calendar.row(on: date)
        let lunarText =
            lunar.day == 1 || date.day == 1
            ? "\(lunar.day)/\(lunar.month)\(lunar.isLeapMonth ? "N" : "")" : String(lunar.day)
        var classes = ["day"]
        if let row, row.kind.isWorked {
            classes.append("day--workday")
        } else if !calendar.isWorkingDay(date) {
            classes.append(row == nil ? "day--weekend" : "day--off")
        }
        if date == today { classes.append("day--today") }
        let reason = row.map { "\($0.name)\($0.isProvisional ? " (dự kiến)" : "")" }
        return .td(
            .class(classes.joined(separator: " ")),
            .unwrap(reason) { .attribute(named: "title", value: $0) },
            .if(date == today, .attribute(named: "aria-current", value: "date")),
            .span(.class("solar"), .text(String(date.day))),
            .span(.class("lunar"), .span(.class("visually-hidden"), .text("âm lịch ")), .text(lunarText)),
            .unwrap(reason) { .span(.class("visually-hidden"), .text(", \($0)")) }
        )
    }

    private var rowsTable: Node<HTML.BodyContext> {
        .table(
            .class("table"),
            .caption(.text("Ngày khác với tuần làm việc thứ Hai – thứ Sáu")),
            .thead(
                .tr(
                    .th(.text("Ngày")), .th(.text("Âm lịch")), .th(.text("Loại")), .th(.text("Tên")), .th(.text("Căn cứ")),
                    .if(editing != nil, .th(.text("Xóa"))))),
            .tbody(
                .forEach(rows) { row in
                    let lunar = LunarCalendar.vietnam.lunar(from: row.date)
                    return .tr(
                        .td(.text(row.date.vietnamese)),
                        .td(.text(lunar.description)),
                        .td(.text(row.kind.title + (row.isProvisional ? " (dự kiến)" : ""))),
                        .td(.text(row.name)),
                        .td(.text(row.reference)),
                        .unwrap(editing) { editing in
                            .td(
                                .form(
                                    .class("inline-form"), .action(SiteRoute.calendarRemovals.path), .method(.post),
                                    .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(editing.csrfToken)),
                                    .input(.type(.hidden), .name("date"), .value(row.date.iso)),
                                    .label(
                                        .for("reason-\(row.date.iso)"), .class("visually-hidden"),
                                        .text("Lý do xóa ngày \(row.date.vietnamese)")),
                                    .input(
                                        .type(.text), .id("reason-\(row.date.iso)"), .name("reason"),
                                        .attribute(named: "placeholder", value: "Lý do"),
                                        .attribute(named: "required", value: "required")),
                                    .button(.type(.submit), .class("button button--secondary"), .text("Xóa"))
                                ))
                        }
                    )
                })
        )
    }

    private func editingForms(_ editing: Editing) -> Node<HTML.BodyContext> {
        let token = Node<HTML.FormContext>.input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(editing.csrfToken))
        return .group(
            .h2(.text("Cập nhật lịch (Thư ký Tổ công tác)")),
            .p(.text("Mỗi thay đổi phải ghi căn cứ pháp lý và được ghi vào nhật ký hệ thống.")),
            .if(
                rows.contains(where: \.isProvisional) || calendar.isProvisional(year),
                .group(
                    .h3(.text("Xác nhận các ngày dự kiến")),
                    .form(
                        .class("form"), .action(SiteRoute.calendarConfirmations.path), .method(.post), token,
                        .input(.type(.hidden), .name("year"), .value(String(year))),
                        Self.field("confirm-reference", "reference", "Văn bản của Chính phủ cho năm \(year)", type: .text),
                        .button(.type(.submit), .class("button"), .text("Xác nhận"))
                    )
                )),
            .h3(.text("Thêm hoặc sửa một ngày")),
            .form(
                .class("form"), .action(SiteRoute.calendarDays.path), .method(.post), token,
                Self.field("day-date", "date", "Ngày", type: .date),
                .div(
                    .class("field"),
                    .label(.for("day-kind"), .text("Loại ngày")),
                    .select(
                        .id("day-kind"), .attribute(named: "name", value: "kind"), .attribute(named: "required", value: "required"),
                        .forEach(CalendarDay.Kind.allCases) { .choice($0.rawValue, $0.title, isSelected: $0 == .holiday) })),
                Self.field("day-name", "name", "Tên ngày", type: .text),
                Self.field("day-reference", "reference", "Căn cứ pháp lý", type: .text),
                .button(.type(.submit), .class("button"), .text("Lưu ngày"))
            ),
            .h3(.text("Hoán đổi ngày làm việc")),
            .form(
                .class("form"), .action(SiteRoute.calendarSwaps.path), .method(.post), token,
                Self.field("swap-off", "dayOff", "Ngày nghỉ (thứ Hai – thứ Sáu)", type: .date),
                Self.field("swap-work", "workday", "Ngày làm bù (thứ Bảy hoặc Chủ nhật)", type: .date),
                Self.field("swap-name", "name", "Tên đợt nghỉ", type: .text),
                Self.field("swap-reference", "reference", "Căn cứ pháp lý", type: .text),
                .button(.type(.submit), .class("button"), .text("Hoán đổi"))
            ),
            .h3(.text("Nạp lịch cả năm từ tệp")),
            .p(
                .text(
                    "Khi Chính phủ công bố lịch nghỉ của một năm: tệp JSON cùng dạng với lịch có sẵn (nguồn “source” và danh sách ngày “days”). "
                        + "Mỗi năm có trong tệp được thay toàn bộ; tệp có lỗi không được nạp và trang báo dòng bị lỗi. "),
                .a(.href(SiteRoute.calendarFile.path + "?year=\(year)"), .text("Tải lịch năm \(year) dưới dạng tệp để sửa"))),
            .form(
                .class("form upload"), .action(SiteRoute.calendarFiles.path), .method(.post),
                .attribute(named: "enctype", value: "multipart/form-data"), token,
                .div(
                    .class("field"), .label(.for("calendar-file"), .text("Tệp lịch (JSON)")),
                    .input(
                        .type(.file), .id("calendar-file"), .name("file"), .attribute(named: "accept", value: ".json,application/json"),
                        .attribute(named: "required", value: "required"))),
                .button(.type(.submit), .class("button button--secondary"), .text("Nạp tệp lịch"))
            )
        )
    }

    static func field(_ id: String, _ name: String, _ label: String, type: HTMLInputType) -> Node<HTML.FormContext> {
        .div(
            .class("field"),
            .label(.for(id), .text(label)),
            type == .date
                ? .dateInput(id: id, name: name, value: "", required: true)
                : .input(.type(type), .id(id), .name(name), .attribute(named: "required", value: "required")))
    }
}
