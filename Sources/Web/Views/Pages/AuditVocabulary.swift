import Domain
import Services

/// The audit trail's action codes and object types as the administrators read them, in Vietnamese; the code
/// stays in the trail (and in the row's tooltip and the filter) so that it can be searched and verified.
enum AuditVocabulary {
    /// The groups of actions an administrator filters by: the code's prefix and what it covers.
    static let groups: [(prefix: String, title: String)] = [
        ("dossier.", "Hồ sơ"), ("user.", "Tài khoản, đăng nhập"), ("citizen.", "Tài khoản công dân"), ("consent.", "Đồng ý xử lý dữ liệu"),
        ("access.", "Truy cập bị từ chối"), ("calendar.", "Lịch làm việc"), ("unit.", "Đơn vị"), ("catalogue.", "Danh mục thủ tục"),
        ("feedback.", "Phản ánh, kiến nghị"), ("sipas.", "Khảo sát SIPAS"), ("par.", "PAR INDEX"), ("reform.", "Nhiệm vụ CCHC"),
        ("notifications.", "Thông báo"), ("portalSync.", "Đồng bộ DVCQG"), ("statistics.", "Thống kê"), ("serviceIndex.", "Chỉ số phục vụ"),
        ("backup.", "Sao lưu"),
    ]

    static let actions: [String: String] = [
        "access.denied": "Từ chối truy cập", "backup.start": "Sao lưu dữ liệu",
        "calendar.confirm": "Xác nhận lịch năm", "calendar.load": "Nạp lịch năm từ tệp", "calendar.remove": "Xóa một ngày trong lịch",
        "calendar.set": "Thêm, sửa một ngày trong lịch", "calendar.swap": "Hoán đổi ngày làm việc",
        "catalogue.import": "Nhập danh mục thủ tục",
        "citizen.register": "Công dân đăng ký tài khoản", "consent.grant": "Đồng ý xử lý dữ liệu", "consent.withdraw": "Rút lại đồng ý",
        "dossier.file": "Công dân nộp hồ sơ trực tuyến", "dossier.list": "Xem danh sách hồ sơ", "dossier.print": "In biểu mẫu hồ sơ",
        "dossier.read": "Xem hồ sơ", "dossier.receive": "Tiếp nhận hồ sơ", "dossier.recordServiceFacts": "Ghi thông tin phục vụ",
        "dossier.recomputeDue": "Tính lại hạn giải quyết theo lịch mới", "dossier.rate": "Đánh giá mức độ hài lòng",
        "dossier.attach": "Đính kèm tệp", "dossier.attachResult": "Đính kèm tệp kết quả", "dossier.electronicResult": "Trả kết quả điện tử",
        "dossier.rerate": "Sửa đánh giá mức độ hài lòng",
        "feedback.answer": "Trả lời phản ánh", "feedback.rate": "Người phản ánh đánh giá câu trả lời", "feedback.submit": "Gửi phản ánh",
        "notifications.retry": "Gửi lại thông báo lỗi",
        "par.evidence": "Đính kèm tài liệu kiểm chứng", "par.loadFramework": "Nạp bộ tiêu chí PAR", "par.openRound": "Mở đợt đánh giá PAR",
        "par.publish": "Công bố kết quả PAR", "par.submit": "Gửi bản tự đánh giá",
        "portalSync.retry": "Gửi lại đồng bộ DVCQG",
        "reform.addTasks": "Thêm nhiệm vụ vào kế hoạch", "reform.carryOver": "Chuyển nhiệm vụ sang năm sau",
        "reform.createPlan": "Tạo kế hoạch CCHC",
        "reform.directive": "Ghi văn bản chỉ đạo", "reform.item": "Thêm đầu việc", "reform.itemDone": "Hoàn thành đầu việc",
        "reform.urge": "Đôn đốc nhiệm vụ",
        "reform.progress": "Cập nhật tiến độ", "reform.completionReported": "Báo cáo hoàn thành",
        "reform.completionAccepted": "Chấp nhận hoàn thành",
        "reform.completionReturned": "Trả lại báo cáo hoàn thành", "reform.publish": "Công khai văn bản chỉ đạo",
        "reform.withdraw": "Thu hồi công khai văn bản chỉ đạo",
        "sipas.close": "Kết thúc thu phiếu SIPAS", "sipas.create": "Tạo đợt khảo sát SIPAS", "sipas.draw": "Chọn mẫu SIPAS",
        "sipas.import": "Nhập phiếu SIPAS", "sipas.invite": "Gửi lời mời khảo sát", "sipas.loadQuestionnaire": "Nạp bảng hỏi SIPAS",
        "sipas.paper": "Nhập phiếu giấy", "sipas.printForms": "In phiếu giấy",
        "unit.create": "Tạo đơn vị", "unit.import": "Nhập đơn vị hành chính", "unit.officeHours": "Đặt giờ làm việc của đơn vị",
        "user.create": "Tạo tài khoản", "user.grant": "Cấp vai trò", "user.read": "Xem tài khoản", "user.revoke": "Thu hồi vai trò",
        "user.signIn": "Đăng nhập", "user.lock": "Khóa tài khoản", "user.unlock": "Mở khóa tài khoản",
        "user.signInFailed": "Đăng nhập không thành công", "user.signOut": "Đăng xuất",
    ]

    static let objects: [String: String] = [
        "backup": "bản sao lưu", "calendarDay": "ngày trong lịch", "calendarYear": "lịch năm", "catalogue": "danh mục thủ tục",
        "dossier": "hồ sơ",
        "dossierLog": "sổ theo dõi hồ sơ", "dossierQueue": "danh sách hồ sơ", "feedback": "phản ánh", "notifications": "thông báo",
        "parAssessment": "bản tự đánh giá PAR", "parEntry": "tiêu chí PAR", "parFramework": "bộ tiêu chí PAR",
        "parRound": "đợt đánh giá PAR",
        "portalOutbox": "hàng đợi đồng bộ DVCQG", "reformDirective": "văn bản chỉ đạo", "reformPlan": "kế hoạch CCHC",
        "reformTask": "nhiệm vụ CCHC",
        "reformUrge": "đôn đốc", "serviceIndex": "chỉ số phục vụ", "sipasCampaign": "đợt khảo sát SIPAS",
        "sipasQuestionnaire": "bảng hỏi SIPAS",
        "statistics": "số liệu thống kê", "unit": "đơn vị", "user": "tài khoản",
    ]

    /// "Tiếp nhận hồ sơ"; a dossier's workflow step and a PAR round's move by their own titles; an unknown code as it is.
    static func action(_ code: String) -> String {
        if let title = actions[code] { return title }
        if let step = DossierWorkflow.Action.every.first(where: { "dossier.\($0.key)" == code }) { return step.title }
        if let status = PARRoundStatus.allCases.first(where: { "par.\($0.rawValue)" == code }) {
            return "Đợt đánh giá PAR: \(status.title.lowercased())"
        }
        return code
    }

    static func object(_ type: String) -> String { objects[type] ?? type }
}
