import Domain
import Foundation
import Plot

/// Charts drawn on the server as accessible SVG (no script): a title and a description read by screen
/// readers, each mark with its own title, and the same figures in a table behind a toggle — every figure
/// there a link to the records behind it where there are records (the picture itself holds no link: an
/// image with links inside is announced badly). An item without a value ("Chưa có dữ liệu") is a gap: no bar,
/// no dot, and the line breaks there — never drawn as 0.
struct SVGChart {
    struct Item {
        var label: String
        /// nil: no data — a gap.
        var value: Double?
        /// How the value is written ("42,17", "12 hồ sơ", "Chưa có dữ liệu").
        var text: String
        /// Where the records behind the value are.
        var href: String?
    }

    var id: String
    var title: String
    var summary: String
    var items: [Item]
    /// The top of the scale (at least the largest value).
    var scaleMax: Double?
    /// The heading of the value column in the table.
    var valueHeading: String

    private var top: Double { Swift.max(scaleMax ?? 0, items.compactMap(\.value).max() ?? 0, 1e-9) }

    /// Horizontal bars, one per item, largest scale at the right.
    func bars() -> Node<HTML.BodyContext> {
        let rowHeight = 28, labelWidth = 220, barWidth = 360, width = labelWidth + barWidth + 90
        let height = items.count * rowHeight + 10
        var marks = ""
        for (index, item) in items.enumerated() {
            let y = 5 + index * rowHeight
            marks += "<text x=\"\(labelWidth - 8)\" y=\"\(y + rowHeight / 2 + 4)\" text-anchor=\"end\" class=\"chart__label\">\(Markup.escaped(Self.short(item.label)))</text>"
            var length = 0
            if let value = item.value {
                length = Swift.max(Int((value / top * Double(barWidth)).rounded()), 1)
                marks += "<rect x=\"\(labelWidth)\" y=\"\(y + 4)\" width=\"\(length)\" height=\"\(rowHeight - 10)\" class=\"chart__bar\">"
                    + "<title>\(Markup.escaped(item.label)): \(Markup.escaped(item.text))</title></rect>"
            }
            marks += "<text x=\"\(labelWidth + length + 6)\" y=\"\(y + rowHeight / 2 + 4)\" class=\"chart__value\">\(Markup.escaped(item.text))</text>"
        }
        return figure(svg(width: width, height: height, marks: marks))
    }

    /// A line over the items in order (a trend), with a dot and its value at each point.
    func line() -> Node<HTML.BodyContext> {
        let width = 640, height = 240, left = 40, right = 20, topMargin = 20, bottom = 40
        let plotWidth = width - left - right, plotHeight = height - topMargin - bottom
        let step = items.count > 1 ? Double(plotWidth) / Double(items.count - 1) : 0
        func x(_ index: Int) -> Int { left + Int((Double(index) * step).rounded()) }
        func y(_ value: Double) -> Int { topMargin + plotHeight - Int((value / top * Double(plotHeight)).rounded()) }
        var marks = "<line x1=\"\(left)\" y1=\"\(topMargin + plotHeight)\" x2=\"\(width - right)\" y2=\"\(topMargin + plotHeight)\" class=\"chart__axis\"/>"
        // The line runs through consecutive items with a value and breaks at a gap.
        for run in Self.runs(items.map(\.value)) where run.count > 1 {
            let points = run.map { "\(x($0)),\(y(items[$0].value!))" }.joined(separator: " ")
            marks += "<polyline points=\"\(points)\" class=\"chart__line\"/>"
        }
        for (index, item) in items.enumerated() {
            if let value = item.value {
                marks += "<circle cx=\"\(x(index))\" cy=\"\(y(value))\" r=\"5\" class=\"chart__dot\"><title>\(Markup.escaped(item.label)): \(Markup.escaped(item.text))</title></circle>"
                marks += "<text x=\"\(x(index))\" y=\"\(y(value) - 10)\" text-anchor=\"middle\" class=\"chart__value\">\(Markup.escaped(item.text))</text>"
            }
            marks += "<text x=\"\(x(index))\" y=\"\(height - 12)\" text-anchor=\"middle\" class=\"chart__label\">\(Markup.escaped(item.label))</text>"
        }
        return figure(svg(width: width, height: height, marks: marks))
    }

    private func svg(width: Int, height: Int, marks: String) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 \(width) \(height)\" role=\"img\" "
            + "aria-labelledby=\"\(id)-title \(id)-desc\"><title id=\"\(id)-title\">\(Markup.escaped(title))</title>"
            + "<desc id=\"\(id)-desc\">\(Markup.escaped(summary))</desc>\(marks)</svg>"
    }

    private func figure(_ svg: String) -> Node<HTML.BodyContext> {
        .element(named: "figure", nodes: [
            .class("chart-figure"), .id(id),
            .raw(svg),
            .element(named: "figcaption", nodes: [.text(title)]),
            .element(named: "details", nodes: [
                .element(named: "summary", nodes: [.text("Xem bảng số liệu")]),
                .table(
                    .class("table"),
                    .thead(.tr(.th(.text("Mục")), .th(.text(valueHeading)))),
                    .tbody(.forEach(items) { item in
                        .tr(.th(.attribute(named: "scope", value: "row"), .text(item.label)),
                            .td(item.href.map { .a(.href($0), .text(item.text)) } ?? .text(item.text)))
                    })
                ),
            ]),
        ])
    }

    /// The indices of consecutive values, split at each nil.
    static func runs(_ values: [Double?]) -> [[Int]] {
        var runs: [[Int]] = [[]]
        for (index, value) in values.enumerated() {
            if value == nil { if !runs[runs.count - 1].isEmpty { runs.append([]) } } else { runs[runs.count - 1].append(index) }
        }
        return runs.filter { !$0.isEmpty }
    }

    /// Long unit names shortened for the chart (the table keeps them whole).
    static func short(_ label: String) -> String { label.count > 30 ? String(label.prefix(29)) + "…" : label }
}
