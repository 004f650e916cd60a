import Domain
import Foundation
import Testing

/// The online declaration: each kind of field checked as the citizen types it, the answers kept with their labels,
/// and a form whose definition cannot work refused when the catalogue is loaded.
@Suite struct DeclarationFormTests {
    static let form = DeclarationForm(
        title: "Tờ khai đăng ký khai sinh", replaces: "Tờ khai", source: "Thông tư 04/2020/TT-BTP",
        sections: [
            .init(
                title: "Người yêu cầu",
                fields: [
                    .init(key: "ho-ten", label: "Họ, chữ đệm, tên", kind: .text),
                    .init(key: "dinh-danh", label: "Số định danh cá nhân", kind: .personalID),
                    .init(key: "dien-thoai", label: "Điện thoại", kind: .phone, required: false),
                    .init(key: "quan-he", label: "Quan hệ với người được khai sinh", kind: .choice, options: ["Cha", "Mẹ"]),
                ]),
            .init(
                title: "Người được khai sinh",
                fields: [
                    .init(key: "ngay-sinh", label: "Ngày, tháng, năm sinh", kind: .pastDate),
                    .init(key: "nam-sinh-me", label: "Năm sinh của mẹ", kind: .year),
                    .init(key: "hen", label: "Ngày hẹn", kind: .date, required: false),
                    .init(key: "ghi-chu", label: "Ghi chú", kind: .paragraph, required: false),
                ]),
        ])
    static let today = LocalDate(iso: "2026-12-07")!
    static let good: [String: String] = [
        "f-ho-ten": "  Nguyễn Văn An ", "f-dinh-danh": "001 095 012345", "f-quan-he": "Cha", "f-ngay-sinh": "5/11/2026",
        "f-nam-sinh-me": "1996",
        "f-hen": "2027-01-04", "f-ghi-chu": "Dòng một\nDòng hai",
    ]

    @Test func goodAnswersAreKeptWithTheirLabelsAndNormalized() throws {
        let declaration = try Self.form.read(Self.good, today: Self.today).get()
        #expect(declaration.title == "Tờ khai đăng ký khai sinh")
        #expect(
            declaration.answers.map(\.value) == [
                "Nguyễn Văn An", "001095012345", "Cha", "05/11/2026", "1996", "04/01/2027", "Dòng một\nDòng hai",
            ])
        #expect(declaration.sections.map(\.title) == ["Người yêu cầu", "Người được khai sinh"])
        #expect(
            declaration.sections[0].answers.map(\.label) == [
                "Họ, chữ đệm, tên", "Số định danh cá nhân", "Quan hệ với người được khai sinh",
            ])
        // The saved answers fill the form again, and survive their encoding.
        #expect(try Self.form.read(declaration.fieldValues, today: Self.today).get() == declaration)
        #expect(Declaration(encoded: declaration.encoded) == declaration)
    }

    @Test(arguments: [
        ("f-ho-ten", "", "ho-ten", "Vui lòng nhập họ, chữ đệm, tên."),
        ("f-ho-ten", String(repeating: "a", count: 201), "ho-ten", "Tối đa 200 ký tự, trên một dòng."),
        ("f-ho-ten", "An\nBình", "ho-ten", "Tối đa 200 ký tự, trên một dòng."),
        ("f-dinh-danh", "12345", "dinh-danh", "Số định danh cá nhân phải gồm đúng 12 chữ số."),
        ("f-dinh-danh", "999095012345", "dinh-danh", "Ba chữ số đầu (999) không phải mã tỉnh, thành phố nơi đăng ký khai sinh."),
        ("f-dien-thoai", "abc", "dien-thoai", "Số điện thoại không hợp lệ."),
        ("f-quan-he", "", "quan-he", "Vui lòng chọn quan hệ với người được khai sinh."),
        ("f-quan-he", "Bác", "quan-he", "Vui lòng chọn một trong các lựa chọn."),
        ("f-ngay-sinh", "31/02/2026", "ngay-sinh", "Ngày theo dạng ngày/tháng/năm, ví dụ 07/12/2026."),
        ("f-ngay-sinh", "08/12/2026", "ngay-sinh", "Ngày không được sau hôm nay (07/12/2026)."),
        ("f-nam-sinh-me", "96", "nam-sinh-me", "Năm gồm 4 chữ số, từ 1900 đến 2026."),
        ("f-nam-sinh-me", "2027", "nam-sinh-me", "Năm gồm 4 chữ số, từ 1900 đến 2026."),
        ("f-ghi-chu", String(repeating: "b", count: 2001), "ghi-chu", "Tối đa 2.000 ký tự."),
    ])
    func aBadAnswerIsRefusedAtItsField(name: String, typed: String, key: String, message: String) {
        var submitted = Self.good
        submitted[name] = typed
        guard case .failure(let problems) = Self.form.read(submitted, today: Self.today) else {
            Issue.record("\(name)=\(typed) was accepted")
            return
        }
        #expect(problems.fields == [key: message])
    }

    @Test func optionalFieldsMayBeLeftEmpty() throws {
        var submitted = Self.good
        submitted["f-hen"] = " "
        submitted["f-ghi-chu"] = nil
        let declaration = try Self.form.read(submitted, today: Self.today).get()
        #expect(!declaration.answers.contains { $0.key == "hen" || $0.key == "ghi-chu" })
    }

    @Test func aFormThatCannotWorkIsRefusedWithTheProcedure() {
        var procedure = ProcedureCatalogueFileTests.birth
        procedure.declaration = Self.form
        #expect(procedure.problems.isEmpty)
        #expect(procedure.documentsToUpload.isEmpty)
        var broken = Self.form
        broken.replaces = "Giấy chứng sinh"
        broken.sections[0].fields[1].key = "ho-ten"
        broken.sections[0].fields[3].options = ["Cha", "Cha"]
        broken.sections[1].fields[0].key = "Ngày sinh"
        procedure.declaration = broken
        #expect(
            procedure.problems.map(\.message) == [
                "Tờ khai điện tử thay cho “Giấy chứng sinh”, không có trong thành phần hồ sơ.",
                "Mã trường “ho-ten” bị trùng.",
                "Trường “Quan hệ với người được khai sinh” cần ít nhất hai lựa chọn khác nhau.",
                "Mã trường “Ngày sinh” chỉ gồm chữ thường không dấu, số và dấu gạch ngang.",
            ])
    }

    /// A catalogue file writes only what differs from the defaults (required, no options), and reads them back.
    @Test func theFormReadsFromACatalogueWithItsDefaults() throws {
        let json = #"{"key":"ten","label":"Tên","kind":"text"}"#
        let field = try JSONDecoder().decode(DeclarationForm.Field.self, from: Data(json.utf8))
        #expect(field.required && field.options.isEmpty && field.hint == nil)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        #expect(String(decoding: try encoder.encode(field), as: UTF8.self) == #"{"key":"ten","kind":"text","label":"Tên"}"#)
    }

    @Test(
        arguments: [
            ("atDesk", nil, ResultDelivery.Choice(.atDesk), nil),
            ("electronic", "12 Lý Thái Tổ", ResultDelivery.Choice(.electronic), nil),
            ("post", " 12 Lý Thái Tổ, Hoàn Kiếm ", ResultDelivery.Choice(.post, address: "12 Lý Thái Tổ, Hoàn Kiếm"), nil),
            ("post", "  ", nil, "address"),
            ("post", "12\nLý Thái Tổ", nil, "address"),
            ("drone", nil, nil, "delivery"),
            (nil, nil, nil, "delivery"),
        ] as [(String?, String?, ResultDelivery.Choice?, String?)])
    func theResultDeliveryNeedsAnAddressOnlyByPost(
        value: String?, address: String?, expected: ResultDelivery.Choice?, refusedField: String?
    ) {
        switch ResultDelivery.read(value, address: address) {
        case .success(let choice): #expect(choice == expected && refusedField == nil)
        case .failure(let problems): #expect(expected == nil && problems.fields.keys.first == refusedField)
        }
    }
}
