import Domain
import Foundation
import Testing

@Suite struct ProcedureCatalogueFileTests {
    static let birth = Procedure(
        code: "DEMO-HT-01", name: "Đăng ký khai sinh", field: "Hộ tịch", level: .commune, timeLimit: .workingDays(halfDays: 0),
        documents: [.init(name: "Tờ khai", originals: 1, copies: 0)], onlineLevel: .fullyOnline,
        receivingUnits: ["00070", "00073"], processingUnits: ["00070"], isBoundaryFree: true,
        steps: [.init(name: "Tiếp nhận và trả kết quả", role: .deskOfficer, budget: .workingDays(halfDays: 0))],
        legalBasis: "Luật Hộ tịch 2014")
    static let land = Procedure(
        code: "2.000815", name: "Đăng ký đất đai lần đầu", field: "Đất đai", level: .commune, timeLimit: .workingDays(halfDays: 40),
        fees: [.init(name: "Lệ phí", amount: 100_000)],
        documents: [.init(name: "Đơn, tờ khai", originals: 1, copies: 0), .init(name: "Giấy tờ đất", originals: 0, copies: 1)],
        onlineLevel: .partlyOnline, receivingUnits: ["00070"], processingUnits: ["00070"],
        delegation: .init(authority: "UBND Thành phố", until: LocalDate(iso: "2026-12-31")!, reference: "QĐ 1/QĐ-UBND"),
        steps: [
            .init(name: "Tiếp nhận", role: .deskOfficer, budget: .workingDays(halfDays: 1)),
            .init(name: "Thẩm định", role: .caseOfficer, budget: .workingDays(halfDays: 33)),
            .init(
                name: "Nghĩa vụ tài chính", role: .caseOfficer, budget: .workingDays(halfDays: 4),
                otherAgency: "Cơ quan thuế, “Thuế cơ sở 1”"),
            .init(name: "Ký, trả", role: .unitHead, budget: .workingDays(halfDays: 2)),
        ])

    /// A same-day procedure with its own cut-off and source (issue 21, point 8).
    static var certification: Procedure {
        var procedure = birth
        procedure.code = "DEMO-CT-01"
        procedure.sameDay = try! SameDayRule(cutoff: "16:00", source: "Văn bản thử nghiệm về giờ tiếp nhận")
        procedure.declaration = DeclarationFormTests.form  // a CSV cell of JSON, commas and quotes included
        return procedure
    }

    @Test(arguments: ProcedureCatalogueFile.Format.allCases)
    func aWrittenCatalogueReadsBackTheSame(format: ProcedureCatalogueFile.Format) throws {
        let data = try ProcedureCatalogueFile.write([Self.birth, Self.land, Self.certification], format: format)
        let rows = try ProcedureCatalogueFile.read(data, format: format).get()
        #expect(rows.map(\.procedure) == [Self.birth, Self.land, Self.certification])
        if format == .csv { #expect(rows.map(\.line) == [2, 3, 4]) }
        #expect(
            rows[2].procedure.timeLimitText == "Trong ngày (nhận trước 16:00 trả trong ngày; từ 16:00 trả trong ngày làm việc tiếp theo)")
        #expect(rows[0].procedure.sameDayRule == .documented)
    }

    /// A file written before the same-day and declaration columns still reads; a cut-off without its source, or on a
    /// procedure that is not same-day, and a declaration cell that is not a form, are refused at their line.
    @Test func sameDayColumnsAreOptionalAndChecked() throws {
        let records = try CSV.parse(
            String(decoding: try ProcedureCatalogueFile.write([Self.birth, Self.land], format: .csv), as: UTF8.self)
        )
        .map(\.fields).filter { $0 != [""] }
        let old = CSV.text(records.map { Array($0.dropLast(3)) })
        #expect(try ProcedureCatalogueFile.read(Data(old.utf8), format: .csv).get().map(\.procedure) == [Self.birth, Self.land])
        var bad = records
        bad[1][bad[1].count - 3] = "15:00"
        bad[2][bad[2].count - 3] = "15:00"
        bad[2][bad[2].count - 2] = "Văn bản"
        bad[2][bad[2].count - 1] = "{\"title\": \"Tờ khai\"}"
        guard case .failure(let refusal) = ProcedureCatalogueFile.read(Data(CSV.text(bad).utf8), format: .csv) else {
            Issue.record("accepted")
            return
        }
        #expect(refusal.problems.map(\.line) == [2, 3])
        #expect(refusal.problems[0].message.contains("same_day_source") && refusal.problems[1].message.contains("0 ngày"))
        #expect(refusal.problems[1].message.contains("Cột declaration phải là tờ khai điện tử dạng JSON"))
    }

    @Test func everyBadCSVRowIsReportedWithItsLineAndNothingIsReturned() throws {
        var lines = String(decoding: try ProcedureCatalogueFile.write([Self.birth, Self.land], format: .csv), as: UTF8.self)
            .components(separatedBy: "\r\n")
        // line 2: a day limit that is not a half-day multiple; line 3 stays good; line 4: bad level and budgets
        lines[1] = lines[1].replacingOccurrences(of: ",commune,0,,", with: ",commune,0.3,,")
        lines.insert(
            lines[2].replacingOccurrences(of: "2.000815", with: "DEMO-X").replacingOccurrences(of: ",commune,20,", with: ",ward,19,"), at: 3
        )
        let result = ProcedureCatalogueFile.read(Data(lines.joined(separator: "\r\n").utf8), format: .csv)
        guard case .failure(let refusal) = result else {
            Issue.record("accepted")
            return
        }
        #expect(refusal.problems.map(\.line) == [2, 4])
        #expect(refusal.problems[0].message.contains("limit_days"))
        #expect(refusal.problems[1].message.contains("province hoặc commune"))
    }

    @Test func definitionProblemsAreListed() {
        var procedure = Self.land
        procedure.code = "2.815"
        procedure.steps[1].budget = .workingDays(halfDays: 30)
        procedure.steps[0].role = .citizen
        procedure.receivingUnits = []
        procedure.fees[0].amount = -1
        #expect(
            procedure.problems == [
                .badCode("2.815"), .negativeFee("Lệ phí"), .noReceivingUnit, .budgetsDoNotAddUp, .stepRole("Tiếp nhận", .citizen),
            ])
        #expect(Self.land.problems.isEmpty)
    }

    @Test func duplicateCodesAndMissingColumnsAreRefused() throws {
        let twice = try ProcedureCatalogueFile.write([Self.birth, Self.birth], format: .json)
        guard case .failure(let refusal) = ProcedureCatalogueFile.read(twice, format: .json) else {
            Issue.record("accepted")
            return
        }
        #expect(refusal.problems.map(\.line) == [2])
        #expect(refusal.problems[0].message.contains("trùng với dòng 1"))
        guard case .failure(let columns) = ProcedureCatalogueFile.read(Data("code,name\nX,Y\n".utf8), format: .csv) else {
            Issue.record("accepted")
            return
        }
        #expect(columns.problems[0].message.contains("Thiếu cột: field"))
        guard case .failure(let broken) = ProcedureCatalogueFile.read(Data("{\"procedures\": [{\"code\": 1}]}".utf8), format: .json) else {
            Issue.record("accepted")
            return
        }
        #expect(broken.problems[0].line == 1)
    }

    @Test(arguments: [
        ("2.000815", true, true), ("1.001234", true, true), ("DEMO-HT-01", false, true), ("2.815", false, false), ("abc", false, false),
        ("0.000001", false, false),
    ])
    func procedureCodes(code: String, national: Bool, valid: Bool) {
        #expect(ProcedureCode.isNational(code) == national)
        #expect(ProcedureCode.isValid(code) == valid)
    }
}
