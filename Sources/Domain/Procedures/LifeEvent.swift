/// A life event (sự kiện) a person or a business goes through — a child is born, a couple marries, a house is built,
/// a shop opens — and the procedures it usually takes. The citizens' home page groups the catalogue by them, so that
/// someone finds what to file without knowing the field of administration (lĩnh vực) it belongs to.
///
/// The grouping is MotCua's own, not an official list: the national public service portal also groups its services by
/// life event, but publishes no list to load. So each event is data — the fields it gathers whole and the words of
/// procedure names it gathers from other fields — and a catalogue imported later is grouped without code. A procedure
/// may belong to several events or to none (it is still in the full list).
public struct LifeEvent: Sendable, Equatable, Identifiable {
    /// The event's key in links (`/procedures?event=ket-hon`).
    public var id: String
    public var title: String
    /// What it covers, in a line.
    public var summary: String
    public var audience: Audience
    /// Fields gathered whole, compared folded (diacritics and case ignored).
    public var fields: [String]
    /// Phrases of procedure names gathered, compared folded.
    public var phrases: [String]

    public enum Audience: String, Sendable, CaseIterable {
        case person
        case business

        public var title: String {
            switch self {
            case .person: "Công dân"
            case .business: "Doanh nghiệp, hộ kinh doanh"
            }
        }
    }

    public init(id: String, title: String, summary: String, audience: Audience, fields: [String] = [], phrases: [String] = []) {
        self.id = id
        self.title = title
        self.summary = summary
        self.audience = audience
        self.fields = fields.map(VietnameseText.folded)
        self.phrases = phrases.map(VietnameseText.folded)
    }

    /// Whether a procedure with this name and field belongs to the event.
    public func includes(name: String, field: String) -> Bool {
        let field = VietnameseText.folded(field)
        if fields.contains(field) { return true }
        let name = VietnameseText.folded(name)
        return phrases.contains { name.contains($0) }
    }

    public static func find(id: String) -> LifeEvent? { all.first { $0.id == id } }

    /// The events, in the order the home page shows them.
    public static let all: [LifeEvent] = [
        LifeEvent(
            id: "sinh-con", title: "Sinh con", summary: "Khai sinh, nhận cha, mẹ, con, thẻ bảo hiểm y tế cho trẻ em.",
            audience: .person, phrases: ["khai sinh", "nhận cha", "trẻ em dưới 6 tuổi"]),
        LifeEvent(
            id: "ket-hon", title: "Kết hôn", summary: "Đăng ký kết hôn, xác nhận tình trạng hôn nhân.",
            audience: .person, phrases: ["kết hôn", "tình trạng hôn nhân"]),
        LifeEvent(
            id: "nguoi-than-qua-doi", title: "Người thân qua đời", summary: "Khai tử, mai táng phí, trợ cấp tuất, thừa kế.",
            audience: .person, phrases: ["khai tử", "mai táng", "tử tuất", "thừa kế"]),
        LifeEvent(
            id: "cu-tru-giay-to", title: "Cư trú, giấy tờ cá nhân",
            summary: "Thường trú, tạm trú, lý lịch tư pháp, trích lục và cải chính hộ tịch.",
            audience: .person, fields: ["Cư trú", "Lý lịch tư pháp"],
            phrases: ["thường trú", "tạm trú", "trích lục", "cải chính", "lý lịch tư pháp"]),
        LifeEvent(
            id: "chung-thuc", title: "Chứng thực giấy tờ", summary: "Chứng thực bản sao, chữ ký, hợp đồng, giao dịch.",
            audience: .person, fields: ["Chứng thực"], phrases: ["chứng thực"]),
        LifeEvent(
            id: "nha-dat", title: "Nhà ở, đất đai, xây dựng",
            summary: "Giấy phép xây dựng, sửa chữa nhà; giấy chứng nhận, biến động đất đai.",
            audience: .person, fields: ["Đất đai", "Nhà ở"], phrases: ["giấy phép xây dựng", "sửa chữa, cải tạo", "quyền sử dụng đất"]),
        LifeEvent(
            id: "hoc-tap", title: "Học tập", summary: "Chuyển trường, bản sao văn bằng, chứng chỉ.",
            audience: .person, fields: ["Giáo dục và Đào tạo", "Giáo dục đào tạo"], phrases: ["văn bằng", "chuyển trường"]),
        LifeEvent(
            id: "tro-giup-xa-hoi", title: "Trợ giúp xã hội", summary: "Trợ cấp xã hội, hộ nghèo, hộ cận nghèo, người có công.",
            audience: .person, fields: ["Bảo trợ xã hội", "Người có công"], phrases: ["trợ cấp", "hộ nghèo", "cận nghèo"]),
        LifeEvent(
            id: "viec-lam", title: "Việc làm, hành nghề", summary: "Thi tuyển công chức, chứng chỉ hành nghề.",
            audience: .person, fields: ["Công chức, viên chức", "Việc làm"], phrases: ["chứng chỉ hành nghề", "tuyển dụng", "thi tuyển"]),
        LifeEvent(
            id: "khoi-su-kinh-doanh", title: "Khởi sự kinh doanh", summary: "Thành lập hộ kinh doanh, doanh nghiệp, thay đổi đăng ký.",
            audience: .business, fields: ["Đăng ký kinh doanh"],
            phrases: ["hộ kinh doanh", "thành lập doanh nghiệp", "đăng ký doanh nghiệp"]),
        LifeEvent(
            id: "dieu-kien-kinh-doanh", title: "Giấy phép, điều kiện kinh doanh",
            summary: "An toàn thực phẩm, bán lẻ rượu, xăng dầu, lễ hội.",
            audience: .business, fields: ["An toàn thực phẩm", "Kinh doanh xăng dầu", "Lưu thông hàng hóa"],
            phrases: ["đủ điều kiện", "giấy phép bán", "giấy phép tổ chức"]),
        LifeEvent(
            id: "tam-ngung-cham-dut", title: "Tạm ngừng, chấm dứt kinh doanh", summary: "Tạm ngừng, chấm dứt hoạt động, giải thể.",
            audience: .business, phrases: ["tạm ngừng", "chấm dứt hoạt động", "giải thể"]),
    ]
}
