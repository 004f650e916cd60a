import Domain
import Foundation

/// The demonstration of issue 9: the working group's tasks from Hanoi's Notice 90/TB-VP (March 2023), the
/// conclusions of the Standing Vice Chairman who leads the working group on PAR INDEX and SIPAS for 2021–2025,
/// as 2022 and 2023 plans marked demo. The notice's conclusions are summarized from the issue; its exact day
/// is not in the project's sources, so the record says so and carries 01/03/2023. Deadlines the notice does
/// not give, the 2022 tasks and every progress report are illustrations.
public enum DemoReformPlan {
    public struct Units: Sendable {
        public var cityOffice: Int64
        public var homeAffairs: Int64
        public var justice: Int64
        public var hoanKiemDistrict: Int64

        public init(cityOffice: Int64, homeAffairs: Int64, justice: Int64, hoanKiemDistrict: Int64) {
            self.cityOffice = cityOffice
            self.homeAffairs = homeAffairs
            self.justice = justice
            self.hoanKiemDistrict = hoanKiemDistrict
        }
    }

    /// The day the demo's urging run and its links look at: after the first quarter of 2023 ended.
    public static let asOf = LocalDate(year: 2023, month: 4, day: 10)!

    /// Writes the demo unless a 2023 plan exists; returns the 2023 plan's id (nil when it existed).
    @discardableResult
    public static func seed(on database: Database, files: FileStore?, units: Units, calendar: WorkingCalendar, at time: Date) async throws
        -> Int64?
    {
        let store = ReformStore(database, files: files)
        guard try await store.plan(year: 2023) == nil, try await store.plan(year: 2022) == nil else { return nil }
        let directives = ReformDirectives(database, files: files)
        let notice = try await directives.create(
            ReformDirective(
                kind: .notice, number: "90/TB-VP", issuedOn: LocalDate(year: 2023, month: 3, day: 1)!,
                issuer: "Văn phòng UBND Thành phố Hà Nội", signer: "",
                title:
                    "Thông báo kết luận của Phó Chủ tịch Thường trực UBND Thành phố, Tổ trưởng Tổ công tác nâng cao Chỉ số CCHC (PAR INDEX) và SIPAS giai đoạn 2021–2025",
                summary: """
                    Các đơn vị thành viên hoàn thành các nhiệm vụ chậm, chưa hoàn thành của năm 2022 và các nhiệm vụ quý I/2023 theo tiến độ Kế hoạch CCHC năm 2023.
                    Văn phòng UBND Thành phố: đánh giá việc ủy quyền giải quyết thủ tục hành chính, tổng hợp khó khăn, vướng mắc và đề xuất giải pháp; chủ trì triển khai mô hình Bộ phận Một cửa hiện đại trên toàn Thành phố theo lộ trình, mức đầu tư, nâng cấp; tổ chức tập huấn về kiểm soát thủ tục hành chính và cơ chế một cửa liên thông; tập huấn về dịch vụ công trực tuyến gắn với mô hình Bộ phận Một cửa hiện đại (quý III/2023).
                    Văn phòng UBND Thành phố phối hợp với UBND quận Hoàn Kiếm: thí điểm mô hình Bộ phận Một cửa cấp quận và Trung tâm phục vụ hành chính công cấp phường phục vụ nhiều phường theo cụm.
                    Sở Nội vụ (cơ quan thường trực Tổ công tác): chuẩn bị Hội nghị công bố Chỉ số CCHC năm 2022 của các sở, ngành, quận, huyện (dự kiến tháng 3/2023).
                    (Bản MINH HỌA: nội dung tóm tắt theo issue 9 của MotCua; ngày ban hành chính xác trong tháng 3/2023 chưa được đối chiếu, ghi tạm 01/03/2023.)
                    """,
                publishedAt: time, isDemo: true), by: nil, at: time)
        try await directives.create(
            ReformDirective(
                kind: .news, number: "", issuedOn: LocalDate(year: 2023, month: 4, day: 10)!, issuer: "Tổ công tác PAR INDEX và SIPAS",
                signer: "",
                title: "Tin minh họa: Tổ công tác đôn đốc các nhiệm vụ cải cách hành chính chậm tiến độ sau quý I/2023",
                summary:
                    "Tin MINH HỌA của bản trình diễn MotCua: sau quý I/2023, Tổ công tác gửi thư đôn đốc các đơn vị còn nhiệm vụ quá hạn theo Thông báo 90/TB-VP.",
                publishedAt: time, isDemo: true), by: nil, at: time)

        let source = "Thông báo số 90/TB-VP (tháng 3/2023) của Văn phòng UBND Thành phố"
        func row(
            _ content: String, _ lead: Int64, _ deadline: String, _ kind: ReformTaskKind = .task, supporting: [Int64] = [],
            criteria: [String] = [],
            source: String = source
        ) -> ReformTaskSheet.Row {
            ReformTaskSheet.Row(
                content: content, source: source, leadUnitID: lead, supportingUnitIDs: supporting,
                deadline: ReformDeadline(parsing: deadline)!,
                kind: kind, parCriteria: criteria)
        }
        func day(_ iso: String) -> LocalDate { LocalDate(iso: iso)! }

        // 2022: two tasks left unfinished at year end, one done.
        let plan2022 = try await store.createPlan(
            year: 2022, title: "Kế hoạch cải cách hành chính năm 2022 (minh họa)", isDemo: true, by: nil, at: time)
        let old = try await store.addTasks(
            [
                row(
                    "Rà soát, đơn giản hóa thủ tục hành chính nội bộ giữa các cơ quan hành chính của Thành phố", units.cityOffice,
                    "quý IV/2022",
                    criteria: ["2.1"], source: "Kế hoạch CCHC năm 2022 (minh họa)"),
                row(
                    "Xác định Chỉ số CCHC năm 2021 của các sở, ngành, quận, huyện", units.homeAffairs, "quý III/2022", .evaluation,
                    source: "Kế hoạch CCHC năm 2022 (minh họa)"),
                row(
                    "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính tại Bộ phận Một cửa quận", units.hoanKiemDistrict, "quý IV/2022",
                    criteria: ["6.2"], source: "Kế hoạch CCHC năm 2022 (minh họa)"),
            ], to: plan2022, calendar: calendar, by: nil, at: time)
        try await store.report(old[0], percent: 60, note: "Đã rà soát 3/5 nhóm thủ tục nội bộ", on: day("2022-11-15"), by: nil, at: time)
        try await store.report(
            old[1], percent: 100, note: "Quyết định công bố Chỉ số CCHC năm 2021", on: day("2022-09-20"), by: nil, at: time)
        try await store.decide(old[1], accept: true, note: "", on: day("2022-09-26"), by: nil, at: time)
        try await store.report(old[2], percent: 70, note: "Chờ bổ sung thiết bị số hóa", on: day("2022-12-12"), by: nil, at: time)

        // 2023: the unfinished 2022 tasks carried over, then the notice's conclusions.
        let plan2023 = try await store.createPlan(
            year: 2023, title: "Kế hoạch cải cách hành chính năm 2023 (minh họa)", isDemo: true, by: nil, at: time)
        try await store.carryOver(from: plan2022, calendar: calendar, by: nil, at: time)
        let parent = try await store.addTasks(
            [
                row(
                    "Các đơn vị thành viên hoàn thành nhiệm vụ chậm, chưa hoàn thành năm 2022 và nhiệm vụ quý I/2023 theo Kế hoạch CCHC năm 2023",
                    units.cityOffice, "quý I/2023")
            ], to: plan2023, directiveID: notice, calendar: calendar, by: nil, at: time)[0]
        let quarter = try await store.addTasks(
            [
                row("Sở Nội vụ: nhiệm vụ quý I/2023", units.homeAffairs, "quý I/2023"),
                row("Sở Tư pháp: nhiệm vụ quý I/2023", units.justice, "quý I/2023"),
                row("UBND quận Hoàn Kiếm: nhiệm vụ quý I/2023", units.hoanKiemDistrict, "quý I/2023"),
            ], to: plan2023, parentID: parent, directiveID: notice, calendar: calendar, by: nil, at: time)
        let tasks = try await store.addTasks(
            [
                row(
                    "Đánh giá việc ủy quyền giải quyết thủ tục hành chính; tổng hợp khó khăn, vướng mắc và đề xuất giải pháp",
                    units.cityOffice, "quý II/2023",
                    .evaluation, criteria: ["2.3"]),
                row(
                    "Triển khai mô hình Bộ phận Một cửa hiện đại trên toàn Thành phố theo lộ trình, mức đầu tư, nâng cấp", units.cityOffice,
                    "năm 2023", .pilot,
                    criteria: ["6.1"]),
                row(
                    "Tập huấn về kiểm soát thủ tục hành chính và cơ chế một cửa liên thông", units.cityOffice, "quý II/2023", .training,
                    criteria: ["2.4"]),
                row(
                    "Tập huấn về dịch vụ công trực tuyến gắn với mô hình Bộ phận Một cửa hiện đại", units.cityOffice, "quý III/2023",
                    .training,
                    criteria: ["6.3"]),
                row(
                    "Thí điểm mô hình Bộ phận Một cửa cấp quận tại quận Hoàn Kiếm", units.cityOffice, "quý III/2023", .pilot,
                    supporting: [units.hoanKiemDistrict], criteria: ["6.1"]),
                row(
                    "Thí điểm Trung tâm phục vụ hành chính công cấp phường phục vụ nhiều phường theo cụm", units.cityOffice, "quý IV/2023",
                    .pilot,
                    supporting: [units.hoanKiemDistrict], criteria: ["6.1"]),
                row(
                    "Chuẩn bị Hội nghị công bố Chỉ số CCHC năm 2022 của các sở, ngành, quận, huyện", units.homeAffairs, "tháng 3/2023",
                    .task, criteria: ["1.1"]),
            ], to: plan2023, directiveID: notice, calendar: calendar, by: nil, at: time)
        try await store.report(quarter[0], percent: 100, note: "Hoàn thành 4/4 nhiệm vụ quý I", on: day("2023-03-29"), by: nil, at: time)
        try await store.decide(quarter[0], accept: true, note: "", on: day("2023-03-31"), by: nil, at: time)
        try await store.report(
            quarter[1], percent: 80, note: "Còn 1 nhiệm vụ chờ ý kiến của Sở Tài chính", on: day("2023-03-27"), by: nil, at: time)
        try await store.report(
            quarter[2], percent: 50, note: "Đang hoàn thiện báo cáo rà soát thủ tục", on: day("2023-03-20"), by: nil, at: time)
        try await store.report(
            tasks[2], percent: 30, note: "Đã xây dựng kế hoạch tập huấn, dự kiến 3 lớp", on: day("2023-04-03"), by: nil, at: time)
        for (title, planned, done, registered, attended) in [
            ("Lớp 1", "2023-04-05", "2023-04-05", 150, 138), ("Lớp 2", "2023-05-17", nil, 150, nil),
            ("Lớp 3", "2023-06-14", nil, 120, nil),
        ] as [(String, String, String?, Int, Int?)] {
            try await store.addItem(
                ReformTaskItem(
                    taskID: tasks[2], kind: .session, title: title, plannedOn: day(planned), doneOn: done.map(day),
                    registered: registered, attended: attended), by: nil, at: time)
        }
        try await store.addItem(ReformTaskItem(taskID: tasks[4], kind: .site, title: "Bộ phận Một cửa quận Hoàn Kiếm"), by: nil, at: time)
        for (title, planned, done) in [
            ("Khảo sát mặt bằng, quy trình", "2023-03-31", "2023-04-05"), ("Lắp đặt trang thiết bị", "2023-06-30", nil),
            ("Vận hành thử", "2023-08-31", nil),
        ] as [(String, String, String?)] {
            try await store.addItem(
                ReformTaskItem(taskID: tasks[4], kind: .milestone, title: title, plannedOn: day(planned), doneOn: done.map(day)),
                by: nil, at: time)
        }
        try await store.report(
            tasks[4], percent: 20, note: "Đã khảo sát mặt bằng Bộ phận Một cửa quận", on: day("2023-04-05"), by: nil, at: time)
        try await store.report(tasks[6], percent: 100, note: "Hội nghị đã tổ chức", on: day("2023-03-28"), by: nil, at: time)
        try await store.decide(tasks[6], accept: true, note: "", on: day("2023-03-30"), by: nil, at: time)
        return plan2023
    }
}
