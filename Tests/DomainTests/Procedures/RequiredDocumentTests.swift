import Domain
import Testing

@Suite struct RequiredDocumentTests {
    @Test(arguments: [(1, 0, "1 bản chính"), (0, 2, "2 bản sao"), (1, 1, "1 bản chính và 1 bản sao"), (0, 0, "Danh mục không ghi số bản")])
    func countsAreWordsWithoutZeros(originals: Int, copies: Int, text: String) {
        #expect(Procedure.RequiredDocument(name: "Tờ khai", originals: originals, copies: copies).countText == text)
    }
}
