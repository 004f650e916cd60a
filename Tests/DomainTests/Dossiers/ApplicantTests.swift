import Domain
import Testing

/// The checks of an applicant's (or a citizen's, or a feedback sender's) contact details, by field.
@Suite struct ApplicantTests {
    @Test(arguments: [
        ("", "", [String: String]()),
        ("0912 345 678", "mai@example.vn", [:]),
        ("+84 912.345.678", "", [:]),
        ("0912-345-678", "", ["phone": "Số điện thoại không hợp lệ."]),
        ("0912", "", ["phone": "Số điện thoại không hợp lệ."]),
        ("", "mai@example", ["email": "Địa chỉ thư điện tử không hợp lệ."]),
        ("", "mai @example.vn", ["email": "Địa chỉ thư điện tử không hợp lệ."]),
        ("abc", "a@b@c.vn", ["phone": "Số điện thoại không hợp lệ.", "email": "Địa chỉ thư điện tử không hợp lệ."]),
    ])
    func contactProblems(phone: String, email: String, expected: [String: String]) {
        #expect(Applicant.contactProblems(phone: phone, email: email) == expected)
    }

    @Test func anApplicantsProblemsListThePhoneBeforeTheEmail() {
        let applicant = Applicant(kind: .person, name: "Lê Văn An", identifier: "001090012345", phone: "12", email: "x")
        #expect(
            applicant.problems(birthYear: 1990, gender: .male).errors == [
                "Số điện thoại không hợp lệ.", "Địa chỉ thư điện tử không hợp lệ.",
            ])
    }
}
