import Domain
import Testing

@Suite struct VietnameseTextTests {
    @Test(arguments: [
        ("Phường Hoàn Kiếm", "phuong hoan kiem"),
        ("Quận Đống Đa", "quan dong da"),
        ("ĐÔNG ANH", "dong anh"),
        ("  Hà   Nội  ", "ha noi"),
        ("Ha\u{0300} No\u{0323}\u{0302}i", "ha noi"),  // decomposed (NFD) input
        ("Xã Ứng Hòa", "xa ung hoa"),
        ("Thị xã Sơn Tây", "thi xa son tay"),
    ])
    func foldsForSearch(input: String, expected: String) {
        #expect(VietnameseText.folded(input) == expected)
    }

    @Test func normalizesToNFCAndCollapsesSpaces() {
        let decomposed = "Ha\u{0300}  No\u{0323}\u{0302}i "
        let normalized = VietnameseText.normalized(decomposed)
        #expect(normalized == "Hà Nội")
        #expect(Array(normalized.unicodeScalars).count == 6)
    }

    @Test func sortsInVietnameseOrder() {
        let names = ["Đống Đa", "Dịch Vọng", "Cầu Giấy", "Ba Đình", "Ân Thi", "An Khánh", "Ô Chợ Dừa", "Ông Đình"]
        let sorted = names.sorted(by: VietnameseText.areInIncreasingOrder)
        #expect(sorted.prefix(5) == ["An Khánh", "Ân Thi", "Ba Đình", "Cầu Giấy", "Dịch Vọng"])
        #expect(sorted.firstIndex(of: "Dịch Vọng")! < sorted.firstIndex(of: "Đống Đa")!)
        #expect(sorted.firstIndex(of: "Đống Đa")! < sorted.firstIndex(of: "Ô Chợ Dừa")!)
    }
}
