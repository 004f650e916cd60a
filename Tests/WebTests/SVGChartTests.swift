import Plot
import Testing
@testable import Web

/// Server-drawn charts: named for screen readers, one mark per figure with its own title, lengths to scale,
/// text escaped, and the figures again in a table with their links.
@Suite struct SVGChartTests {
    static let chart = SVGChart(
        id: "c", title: "Hồ sơ quá hạn <theo đơn vị>", summary: "Hai đơn vị",
        items: [.init(label: "Phường A & B", value: 10, text: "10 hồ sơ", href: "/statistics/dossiers?unit=1&figure=pendingOverdue"),
                .init(label: "Xã C", value: 5, text: "5 hồ sơ", href: nil)],
        scaleMax: nil, valueHeading: "Số hồ sơ")

    @Test func barsAreToScaleAndNamed() {
        let html = Node<HTML.BodyContext>.group([Self.chart.bars()]).render()
        #expect(html.contains("role=\"img\" aria-labelledby=\"c-title c-desc\""))
        #expect(html.contains("<title id=\"c-title\">Hồ sơ quá hạn &lt;theo đơn vị&gt;</title>"))
        #expect(html.components(separatedBy: "class=\"chart__bar\"").count - 1 == 2)
        #expect(html.contains("width=\"360\" height=\"18\" class=\"chart__bar\"><title>Phường A &amp; B: 10 hồ sơ</title>"))
        #expect(html.contains("width=\"180\" height=\"18\" class=\"chart__bar\"><title>Xã C: 5 hồ sơ</title>"))
        #expect(!html.contains("<a href=\"/statistics/dossiers?unit=1&amp;figure=pendingOverdue\"><rect"), "no link inside the image")
        #expect(html.contains("<td><a href=\"/statistics/dossiers?unit=1&amp;figure=pendingOverdue\">10 hồ sơ</a></td>"))
        #expect(html.contains("<summary>Xem bảng số liệu</summary>"))
    }

    @Test func aLineHasADotPerPoint() {
        let html = Node<HTML.BodyContext>.group([Self.chart.line()]).render()
        #expect(html.components(separatedBy: "<circle").count - 1 == 2)
        #expect(html.contains("<polyline points=\"40,20 620,110\""))
    }

    /// A month without data is a gap: no dot, no bar, the line broken there — never a point at 0 (issue 21).
    @Test func anItemWithoutAValueIsAGap() {
        let months = SVGChart(
            id: "t", title: "Chỉ số theo tháng", summary: "Bốn tháng",
            items: [.init(label: "01", value: 50, text: "50,00"), .init(label: "02", value: nil, text: "Chưa có dữ liệu"),
                    .init(label: "03", value: 100, text: "100,00"), .init(label: "04", value: 50, text: "50,00")],
            scaleMax: 100, valueHeading: "Chỉ số")
        let line = Node<HTML.BodyContext>.group([months.line()]).render()
        #expect(line.components(separatedBy: "<circle").count - 1 == 3)
        #expect(line.components(separatedBy: "<polyline").count - 1 == 1, "only 03–04 are joined")
        #expect(!line.contains("<title>02: Chưa có dữ liệu</title></circle>"))
        #expect(line.contains("<th scope=\"row\">02</th><td>Chưa có dữ liệu</td>"))
        let bars = Node<HTML.BodyContext>.group([months.bars()]).render()
        #expect(bars.components(separatedBy: "class=\"chart__bar\"").count - 1 == 3)
        #expect(SVGChart.runs([1, nil, nil, 2, 3, nil]) == [[0], [3, 4]])
    }
}
