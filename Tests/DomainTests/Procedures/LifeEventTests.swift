import Domain
import Testing

@Suite struct LifeEventTests {
    /// Names and fields as the national catalogue and the demo write them, and the events each belongs to.
    static let cases: [(name: String, field: String, events: Set<String>)] = [
        ("Đăng ký khai sinh", "Hộ tịch", ["sinh-con"]),
        ("Đăng ký nhận cha, mẹ, con", "Hộ tịch", ["sinh-con"]),
        (
            "Liên thông thủ tục hành chính về đăng ký khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi",
            "Hộ tịch",
            ["sinh-con", "cu-tru-giay-to"]
        ),
        ("Đăng ký kết hôn", "Hộ tịch", ["ket-hon"]),
        ("Xác nhận tình trạng hôn nhân", "Hộ tịch", ["ket-hon"]),
        ("ĐĂNG KÝ KHAI TỬ", "Hộ tịch", ["nguoi-than-qua-doi"]),
        ("Giải quyết mai táng phí", "Lao động", ["nguoi-than-qua-doi"]),
        ("Đăng ký thường trú", "Cư trú", ["cu-tru-giay-to"]),
        ("Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam", "Lý lịch tư pháp", ["cu-tru-giay-to"]),
        ("Chứng thực bản sao từ bản chính", "Chứng thực", ["chung-thuc"]),
        ("Cấp giấy phép xây dựng nhà ở riêng lẻ", "Xây dựng", ["nha-dat"]),
        ("Cấp giấy phép sửa chữa, cải tạo công trình", "Xây dựng", ["nha-dat"]),
        ("Đăng ký, cấp giấy chứng nhận quyền sử dụng đất lần đầu", "dat dai", ["nha-dat"]),
        ("Chuyển trường đối với học sinh trung học cơ sở", "Giáo dục và Đào tạo", ["hoc-tap"]),
        ("Cấp giấy xác nhận hộ nghèo, hộ cận nghèo", "Bảo trợ xã hội", ["tro-giup-xa-hoi"]),
        ("Cấp chứng chỉ hành nghề khám bệnh, chữa bệnh", "Khám bệnh, chữa bệnh", ["viec-lam"]),
        ("Đăng ký thành lập hộ kinh doanh", "Thành lập và hoạt động của hộ kinh doanh", ["khoi-su-kinh-doanh"]),
        ("Tạm ngừng kinh doanh hộ kinh doanh", "Đăng ký kinh doanh", ["khoi-su-kinh-doanh", "tam-ngung-cham-dut"]),
        ("Cấp giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm", "An toàn thực phẩm", ["dieu-kien-kinh-doanh"]),
        ("Cấp giấy phép bán lẻ sản phẩm rượu", "Lưu thông hàng hóa", ["dieu-kien-kinh-doanh"]),
        ("Công nhận ban vận động thành lập hội", "Tổ chức phi chính phủ", []),
    ]

    @Test(arguments: cases)
    func aProcedureBelongsToTheEventsOfItsFieldAndName(name: String, field: String, events: Set<String>) {
        let found = Set(LifeEvent.all.filter { $0.includes(name: name, field: field) }.map(\.id))
        #expect(found == events, "\(name)")
    }

    @Test func eventsHaveDistinctKeysForLinksAndBothAudiences() {
        #expect(Set(LifeEvent.all.map(\.id)).count == LifeEvent.all.count)
        #expect(LifeEvent.all.allSatisfy { $0.id.allSatisfy { $0.isASCII && ($0.isLowercase || $0 == "-") } })
        #expect(Set(LifeEvent.all.map(\.audience)) == Set(LifeEvent.Audience.allCases))
        #expect(LifeEvent.find(id: "ket-hon")?.title == "Kết hôn")
        #expect(LifeEvent.find(id: "khong-co") == nil)
    }
}
