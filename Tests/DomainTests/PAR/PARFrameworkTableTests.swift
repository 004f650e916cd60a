import Domain
import Foundation
import Testing

/// The secretariat's table editor: a framework becomes rows and the rows the same framework again; rules
/// written as people write them; rows that cannot make a framework refused with their code.
@Suite struct PARFrameworkTableTests {
    @Test func aFrameworkSurvivesTheTable() throws {
        var sample = PARFramework(
            year: 2025, unitKind: .commune, title: "Thử", note: "ghi chú", sample: true,
            areas: [
                .init(
                    code: "1", name: "Chỉ đạo", max: 10,
                    criteria: [
                        .init(code: "1.1", name: "Kế hoạch", max: 2.5, method: .manual),
                        .init(
                            code: "1.2", name: "Nhiệm vụ", max: 4,
                            method: .computed(
                                source: .taskCompletion,
                                rule: .thresholds([.init(atLeast: 100, points: 4), .init(atLeast: 90, points: 2.5)]))),
                        .init(code: "1.3", name: "Trễ hạn", max: 3, method: .deduction(source: .lateTasks, perOccurrence: 0.5)),
                        .init(
                            code: "1.4", name: "Nhóm", max: 4,
                            subCriteria: [
                                .init(
                                    code: "1.4.1", name: "Đúng hạn", max: 2,
                                    method: .computed(source: .onTimeRate, rule: .linear(from: 80, to: 100))),
                                .init(code: "1.4.2", name: "Hài lòng", max: 2, method: .survey(source: .sipasService)),
                            ]),
                    ])
            ])
        // What the table does not show is kept through it (an edit once dropped the rule without a survey).
        sample.withoutSurvey = .rescale
        sample.withoutSurveySource = "Văn bản thử"
        sample.basis = .init(text: "Văn bản thử", areas: 1, criteria: 4, subCriteria: 2, max: 10, surveyMax: 2)
        let rows = PARFrameworkTable.rows(of: sample)
        #expect(rows.map(\.code) == ["1", "1.1", "1.2", "1.3", "1.4", "1.4.1", "1.4.2"])
        #expect(
            rows[1].max == "2,5" && rows[2].rule == "100=4; 90=2,5" && rows[3].rule == "0,5" && rows[5].rule == "80..100"
                && rows[4].method == "")
        let back = try PARFrameworkTable.framework(sample, rows: rows)
        #expect(back == sample)
        // An empty code removes a row (and a row added at the end joins its parent).
        var edited = rows
        edited[3].code = ""
        edited.append(.init(code: "1.5", name: "Mới", max: "1", method: "manual"))
        sample.basis = nil
        let changed = try PARFrameworkTable.framework(sample, rows: edited)
        #expect(changed.leaves.map(\.code) == ["1.1", "1.2", "1.4.1", "1.4.2", "1.5"])
    }

    @Test(arguments: [
        (PARFrameworkTable.Row(code: "1.1", name: "a", max: "nhiều", method: "manual"), PARFrameworkTable.Problem.badMaximum("1.1")),
        (.init(code: "2.1", name: "a", max: "1", method: "manual"), .noParent("2.1")),
        (
            .init(code: "1.1", name: "a", max: "1", method: "guess"),
            .badRule("1.1", "phương pháp “guess” không có (manual, computed, survey, deduction).")
        ),
        (
            .init(code: "1.1", name: "a", max: "1", method: "computed", source: "weather"),
            .badRule("1.1", "nguồn số liệu “weather” không có trong MotCua.")
        ),
        (
            .init(code: "1.1", name: "a", max: "1", method: "computed", source: "dossiers.onTimeRate", rule: "90:1"),
            .badRule("1.1", "ngưỡng ghi dạng 100=4; 90=3 (đạt từ 100 được 4 điểm).")
        ),
        (.init(code: "1.1", name: "a", max: "1", method: "deduction", rule: "một"), .badRule("1.1", "ghi số điểm trừ mỗi lần, ví dụ 0,5.")),
        (.init(code: "1.1", name: "a", max: "1"), .framework(.noMethod("1.1"))),
    ])
    func rowsThatCannotMakeAFrameworkAreRefused(row: PARFrameworkTable.Row, problem: PARFrameworkTable.Problem) {
        #expect(throws: problem) {
            try PARFrameworkTable.framework(
                PARFramework(year: 2025, unitKind: .department, areas: []),
                rows: [.init(code: "1", name: "Lĩnh vực", max: "5"), row])
        }
    }
}
