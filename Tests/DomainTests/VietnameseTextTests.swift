import Domain
import Foundation
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
        let sorted = VietnameseText.sorted(names) { $0 }
        #expect(sorted.prefix(5) == ["An Khánh", "Ân Thi", "Ba Đình", "Cầu Giấy", "Dịch Vọng"])
        #expect(sorted.firstIndex(of: "Dịch Vọng")! < sorted.firstIndex(of: "Đống Đa")!)
        #expect(sorted.firstIndex(of: "Đống Đa")! < sorted.firstIndex(of: "Ô Chợ Dừa")!)
    }

    /// The alphabet (ă after a, đ after d, ơ after ô), tones only between names otherwise equal (none, huyền, hỏi,
    /// ngã, sắc, nặng), case ignored, then spaces, punctuation and digits (one by one) before letters — the order
    /// ICU gives these words with Vietnamese tailoring.
    static let expectedOrder = [
        "10", "2", "m a", "m-a", "m–a", "m.", "m'", "m(", "m/a", "m1", "m9", "ma", "mà", "mả", "mã", "má", "mạ",
        "ma b", "ma,", "ma10", "ma2", "maa", "màa", "máa", "mạa", "mab", "mă", "mâ", "mb", "md", "mđ", "mf", "mi",
        "mĩ", "mj", "mo", "mô", "mơ", "mu", "mư", "mw", "my", "mỹ", "mz", "xa", "xã", "xá",
    ]

    @Test func ordersWordsAsTheVietnameseCollation() {
        #expect(VietnameseText.sorted(Self.expectedOrder.reversed()) { $0 } == Self.expectedOrder)
        #expect(CollationKey("MẠ") == CollationKey("mạ"))
        #expect(CollationKey("ca") < CollationKey("çb"), "a mark outside Vietnamese leaves its letter's place alone")
        #expect(
            CollationKey("Ha\u{0300}") < CollationKey("Hả") && CollationKey("Ha\u{0300}") == CollationKey("Hà"),
            "decomposed text is ordered as composed")
    }

    /// Every unit and procedure name shipped, in one consistent order: Foundation's comparison found "Hoàng" and
    /// "Hồng" equal and sorted "Phường Hồng Hà" among the "Hoàng" wards.
    @Test func ordersEveryShippedNameConsistently() throws {
        let data = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Sources/Persistence/Seed/Data")
        var names: [String] = []
        func collect(_ value: Any) {
            if let object = value as? [String: Any] {
                for (key, value) in object {
                    if key.lowercased().contains("name"), let text = value as? String { names.append(text) } else { collect(value) }
                }
            } else if let array = value as? [Any] {
                array.forEach(collect)
            }
        }
        for file in ["hanoi-2024-districts-communes.json", "hanoi-2025-communes.json", "demo-procedures.json"] {
            collect(try JSONSerialization.jsonObject(with: Data(contentsOf: data.appendingPathComponent(file))))
        }
        #expect(names.count > 800)
        let sorted = VietnameseText.sorted(names) { $0 }
        let keys = sorted.map(CollationKey.init)
        #expect(zip(keys, keys.dropFirst()).allSatisfy { !($1 < $0) })
        #expect(
            zip(names, names.dropFirst()).allSatisfy { (a, b) in
                (CollationKey(a) < CollationKey(b)) != (CollationKey(b) < CollationKey(a)) || CollationKey(a) == CollationKey(b)
            })
        let wards = sorted.filter { $0.hasPrefix("Phường Ho") || $0.hasPrefix("Phường Hồ") }
        #expect(wards.last?.hasPrefix("Phường Hồng") == true, "\(wards)")
    }
}
