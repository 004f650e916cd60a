import Testing

@testable import Services
@testable import Web

/// Tables of three columns or more are marked to become cards on a phone, each body cell labelled with its
/// column's heading; everything else is left as it was.
@Suite struct ResponsiveTablesTests {
    @Test func bodyCellsGetTheirColumnsHeading() {
        let html =
            #"<p>x</p><table class="table" id="t"><caption>C</caption><thead><tr><th scope="col">Mã</th>"#
            + #"<th colspan="2">Tên <abbr title="thủ tục">TT</abbr></th><th>Ghi "chú"</th></tr></thead>"#
            + #"<tbody><tr><th scope="row">1</th><td>a</td><td class="n">b</td><td data-label="riêng">c</td></tr>"#
            + #"<tr><td colspan="3">gộp</td><td>d</td></tr></tbody><tfoot><tr><td>Σ</td><td>e</td><td></td><td>f</td></tr></tfoot></table><p>y</p>"#
        let labelled = ResponsiveTables.label(html)
        #expect(
            labelled == #"<p>x</p><table class="table--cards table" id="t"><caption>C</caption><thead><tr><th scope="col">Mã</th>"#
                + #"<th colspan="2">Tên <abbr title="thủ tục">TT</abbr></th><th>Ghi "chú"</th></tr></thead>"#
                + #"<tbody><tr><th scope="row">1</th><td data-label="Tên TT">a</td><td data-label="Tên TT" class="n">b</td><td data-label="riêng">c</td></tr>"#
                + #"<tr><td data-label="Mã" colspan="3">gộp</td><td data-label="Ghi &quot;chú&quot;">d</td></tr></tbody>"#
                + #"<tfoot><tr><td data-label="Mã">Σ</td><td data-label="Tên TT">e</td><td data-label="Tên TT"></td><td data-label="Ghi &quot;chú&quot;">f</td></tr></tfoot></table><p>y</p>"#
        )
    }

    @Test(arguments: [
        // Two columns fit a phone; a table without headings has nothing to label; other tables are not ours.
        #"<table class="table"><thead><tr><th>A</th><th>B</th></tr></thead><tbody><tr><td>1</td><td>2</td></tr></tbody></table>"#,
        #"<table class="table"><tbody><tr><td>1</td><td>2</td><td>3</td></tr></tbody></table>"#,
        #"<table class="calendar-month"><thead><tr><th>T2</th><th>T3</th><th>T4</th></tr></thead><tbody><tr><td>1</td><td>2</td><td>3</td></tr></tbody></table>"#,
        "<p>no table</p>",
    ])
    func otherMarkupIsLeftAlone(html: String) {
        #expect(ResponsiveTables.label(html) == html)
    }

    @Test func everyTableOfAPageIsDone() {
        let table =
            #"<table class="table"><thead><tr><th>A</th><th>B</th><th>C</th></tr></thead><tbody><tr><td>1</td><td>2</td><td>3</td></tr></tbody></table>"#
        let labelled = ResponsiveTables.label(table + "<hr>" + table)
        #expect(
            labelled.components(separatedBy: "table--cards").count == 3 && labelled.components(separatedBy: #"data-label="C""#).count == 3)
    }
}
