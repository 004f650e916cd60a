import Plot
import Testing

@testable import Services
@testable import Web

/// Server-drawn charts: named for screen readers, one mark per figure with its own title, lengths to scale,
/// text escaped, and the figures again in a table with their links.
@Suite struct SVGChartTests {
    static let chart = SVGChart(
        id: "c", title: "Hồ sơ quá hạn <theo đơn vị>", summary: "Hai đơn vị",
        items: [
            .init(label: "Phường A & B", value: 10, text: "10 hồ sơ", href: "/statistics/dossiers?unit=1&figure=pendingOverdue"),
            .init(label: "Xã C", value: 5, text: "5 hồ sơ", href: nil),
        ],
        scaleMax: nil, valueHeading: "Số hồ sơ")

    @Test func barsAreToScaleAndNamed() {
        let html = Node<HTML.BodyContext>.group([Self.chart.bars()]).render()
        #expect(html.contains("role=\"img\" aria-labelledby=\"c-title c-desc\""))
        #expect(html.contains("<title id=\"c-title\">Hồ sơ quá hạn &lt;theo đơn vị&gt;</title>"))
        #expect(html.components(separatedBy: "class=\"chart__bar\"").count - 1 == 2)
        #expect(html.contains("width=\"300\" height=\"18\" class=\"chart__bar\"><title>Phường A &amp; B: 10 hồ sơ</title>"))
        #expect(html.contains("width=\"150\" height=\"18\" class=\"chart__bar\"><title>Xã C: 5 hồ sơ</title>"))
        #expect(!html.contains("<a href=\"/statistics/dossiers?unit=1&amp;figure=pendingOverdue\"><rect"), "no link inside the image")
        #expect(html.contains("<td><a href=\"/statistics/dossiers?unit=1&amp;figure=pendingOverdue\">10 hồ sơ</a></td>"))
        #expect(html.contains("<summary>Xem bảng số liệu</summary>"))
    }

    @Test func aLineHasADotPerPoint() {
        let html = Node<HTML.BodyContext>.group([Self.chart.line()]).render()
        #expect(html.components(separatedBy: "<circle").count - 1 == 2 + 1, "a dot per point and the legend's")
        #expect(html.contains("<polyline points=\"56,34 484,135\""))
    }

    /// A trend people read (issue 22): the vertical axis says what it counts and has graduations, a legend names the
    /// series and says what a gap is, no label runs out of the picture, and with many points only some are labelled.
    @Test func aLineHasItsUnitGraduationsAndLegend() {
        let months: [SVGChart.Item] = (1...24).map { (index: Int) -> SVGChart.Item in
            let value: Double? = index == 5 ? nil : Double(index * 50)
            return SVGChart.Item(label: "\(index)/2026", value: value, text: "")
        }
        let chart = SVGChart(
            id: "m", title: "Hồ sơ theo tháng", summary: "", items: months, scaleMax: nil, valueHeading: "Hồ sơ tiếp nhận", unit: "hồ sơ")
        let html = Node<HTML.BodyContext>.group([chart.line()]).render()
        #expect(html.contains(#"class="chart__unit">hồ sơ</text>"#))
        #expect(
            html.contains(#"class="chart__tick">0</text>"#) && html.contains(#"class="chart__tick">600</text>"#)
                && html.contains(#"class="chart__tick">1.200</text>"#))
        #expect(html.contains(#"class="chart__legend">Hồ sơ tiếp nhận — khoảng trống: chưa có dữ liệu</text>"#))
        let labels = html.matches(of: /text-anchor="middle" class="chart__label">/).count
        #expect(labels == 5, "every fifth month labelled from the last, not all 24 on top of each other")
        #expect(html.contains(#"class="chart__label">24/2026</text>"#), "the latest point is labelled")
        // Every label's anchor leaves room for half a label inside the 520-wide picture.
        let xs = html.matches(of: /<text x="(\d+)" y="\d+" text-anchor="middle" class="chart__label">/).compactMap { Int($0.1) }
        #expect(!xs.isEmpty && xs.allSatisfy { $0 >= 40 && $0 <= 520 - 30 })
    }

    @Test(arguments: [(0.0, "0"), (1250, "1.250"), (87.5, "87,5"), (100, "100"), (1_000_000, "1.000.000"), (33.333, "33,3")])
    func graduationsAreWrittenTheVietnameseWay(value: Double, text: String) {
        #expect(SVGChart.tick(value) == text)
    }

    /// A month without data is a gap: no dot, no bar, the line broken there — never a point at 0 (issue 21).
    @Test func anItemWithoutAValueIsAGap() {
        let months = SVGChart(
            id: "t", title: "Chỉ số theo tháng", summary: "Bốn tháng",
            items: [
                .init(label: "01", value: 50, text: "50,00"), .init(label: "02", value: nil, text: "Chưa có dữ liệu"),
                .init(label: "03", value: 100, text: "100,00"), .init(label: "04", value: 50, text: "50,00"),
            ],
            scaleMax: 100, valueHeading: "Chỉ số")
        let line = Node<HTML.BodyContext>.group([months.line()]).render()
        #expect(line.components(separatedBy: "<circle").count - 1 == 3 + 1, "three points and the legend's dot")
        #expect(line.components(separatedBy: "<polyline").count - 1 == 1, "only 03–04 are joined")
        #expect(!line.contains("<title>02: Chưa có dữ liệu</title></circle>"))
        #expect(line.contains("<th scope=\"row\">02</th><td>Chưa có dữ liệu</td>"))
        let bars = Node<HTML.BodyContext>.group([months.bars()]).render()
        #expect(bars.components(separatedBy: "class=\"chart__bar\"").count - 1 == 3)
        #expect(SVGChart.runs([1, nil, nil, 2, 3, nil]) == [[0], [3, 4]])
    }
}
