import Domain
import Testing

@Suite struct PaperChecklistTests {
    static let documents: [Procedure.RequiredDocument] = [
        .init(name: "Tờ khai", originals: 1, copies: 0), .init(name: "Giấy tờ đất", originals: 0, copies: 1),
    ]

    @Test func aFormWithoutTheChecklistRecordsNone() {
        #expect(PaperChecklist.read(["procedure": "X"], documents: Self.documents) == nil)
    }

    /// Each row: the fields sent, then the papers kept (received, originals, copies) or the fields refused.
    @Test(
        arguments: [
            (["paper-0": "on", "paper-1": "on"], [(true, 1, 0), (true, 0, 1)], [String]()),
            (["paper-0": "on", "paper-0-originals": "2", "paper-0-copies": "1"], [(true, 2, 1), (false, 0, 0)], []),
            (["paper-1-copies": "3"], [(false, 0, 0), (false, 0, 0)], []),
            (["paper-0": "on", "paper-0-originals": "0", "paper-0-copies": "0"], [], ["paper-0-originals"]),
            (["paper-0": "on", "paper-0-originals": "hai"], [], ["paper-0-originals"]),
            (["paper-1": "on", "paper-1-copies": "100"], [], ["paper-1-copies"]),
            (["paper-1": "on", "paper-1-copies": "-1"], [], ["paper-1-copies"]),
        ] as [([String: String], [(Bool, Int, Int)], [String])])
    func theChecklistIsReadOrRefusedByField(fields: [String: String], kept: [(Bool, Int, Int)], refused: [String]) throws {
        switch try #require(PaperChecklist.read(fields, documents: Self.documents)) {
        case .success(let checklist):
            #expect(refused.isEmpty)
            #expect(checklist.papers.map { [$0.received ? 1 : 0, $0.originals, $0.copies] } == kept.map { [$0.0 ? 1 : 0, $0.1, $0.2] })
            #expect(checklist.papers.map(\.name) == ["Tờ khai", "Giấy tờ đất"])
        case .failure(let problems):
            #expect(Set(problems.fields.keys) == Set(refused))
        }
    }

    @Test func missingPapersAreNamedAndTheListReadsBack() throws {
        guard case .success(let checklist) = PaperChecklist.read(["paper-0": "on"], documents: Self.documents) else {
            Issue.record()
            return
        }
        #expect(checklist.missing.map(\.name) == ["Giấy tờ đất"])
        #expect(checklist.papers.map(\.text) == ["1 bản chính", "Chưa nộp"])
        #expect(PaperChecklist(encoded: checklist.encoded) == checklist)
        #expect(PaperChecklist(encoded: "không phải JSON") == nil)
    }
}
