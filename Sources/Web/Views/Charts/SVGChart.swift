import Domain
import Foundation
import Plot
import Services

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
    /// The heading of the value column in the table, and the series' name in the line chart's legend.
    var valueHeading: String
    /// What the values count, written over the line chart's vertical axis ("%", "hồ sơ", "điểm /100").
    var unit: String = ""

    private var top: Double { Swift.max(scaleMax ?? 0, items.compactMap(\.value).max() ?? 0, 1e-9) }

    /// Horizontal bars, one per item, largest scale at the right: each item's name above its bar (readable on a phone,
    /// where a column of names would leave the bars no room), its value at the bar's end.
    func bars() -> Node<HTML.BodyContext> {
        let rowHeight = 46, barWidth = 300, width = barWidth + 120
        let height = items.count * rowHeight + 6
        var marks = ""
        for (index, item) in items.enumerated() {
            let y = 4 + index * rowHeight
            marks += "<text x=\"0\" y=\"\(y + 15)\" class=\"chart__label\">\(Markup.escaped(item.label.shortened(to: 44)))</text>"
            var length = 0
            if let value = item.value {
                length = Swift.max(Int((value / top * Double(barWidth)).rounded()), 1)
                marks +=
                    "<rect x=\"0\" y=\"\(y + 21)\" width=\"\(length)\" height=\"18\" class=\"chart__bar\">"
                    + "<title>\(Markup.escaped(item.label)): \(Markup.escaped(item.text))</title></rect>"
            }
            marks +=
                "<text x=\"\(length + 6)\" y=\"\(y + 35)\" class=\"chart__value\">\(Markup.escaped(item.text.shortened(to: 18)))</text>"
        }
        return figure(svg(width: width, height: height, marks: marks))
    }

    /// A line over the items in order (a trend), with a dot and its value at each point, a vertical axis with its unit
    /// and three graduations, and a legend naming the series. Labels are kept inside the picture; with many points only
    /// every few is labelled (the table has them all).
    func line() -> Node<HTML.BodyContext> {
        let width = 520, height = 300, left = 56, right = 36, topMargin = 34, bottom = 64
        let plotWidth = width - left - right, plotHeight = height - topMargin - bottom
        let step = items.count > 1 ? Double(plotWidth) / Double(items.count - 1) : 0
        func x(_ index: Int) -> Int { left + Int((Double(index) * step).rounded()) + (items.count == 1 ? plotWidth / 2 : 0) }
        func y(_ value: Double) -> Int { topMargin + plotHeight - Int((value / top * Double(plotHeight)).rounded()) }
        var marks =
            "<text x=\"\(left - 8)\" y=\"\(topMargin - 16)\" text-anchor=\"end\" class=\"chart__unit\">\(Markup.escaped(unit))</text>"
        for tick in [0, top / 2, top] {
            marks +=
                "<line x1=\"\(left)\" y1=\"\(y(tick))\" x2=\"\(width - right)\" y2=\"\(y(tick))\" class=\"\(tick == 0 ? "chart__axis" : "chart__grid")\"/>"
            marks +=
                "<text x=\"\(left - 8)\" y=\"\(y(tick) + 4)\" text-anchor=\"end\" class=\"chart__tick\">\(Markup.escaped(Self.tick(tick)))</text>"
        }
        // The line runs through consecutive items with a value and breaks at a gap.
        for run in Self.runs(items.map(\.value)) where run.count > 1 {
            let points = run.map { "\(x($0)),\(y(items[$0].value!))" }.joined(separator: " ")
            marks += "<polyline points=\"\(points)\" class=\"chart__line\"/>"
        }
        // Counted from the last point, so the latest is always labelled and the labels keep their spacing.
        let every = Swift.max(1, Int((Double(items.count) / 5).rounded(.up)))
        for (index, item) in items.enumerated() {
            if let value = item.value {
                marks +=
                    "<circle cx=\"\(x(index))\" cy=\"\(y(value))\" r=\"5\" class=\"chart__dot\"><title>\(Markup.escaped(item.label)): \(Markup.escaped(item.text))</title></circle>"
                if items.count <= 6 {
                    marks +=
                        "<text x=\"\(x(index))\" y=\"\(y(value) - 10)\" text-anchor=\"middle\" class=\"chart__value\">\(Markup.escaped(Self.tick(value)))</text>"
                }
            }
            if (items.count - 1 - index) % every == 0 {
                marks +=
                    "<text x=\"\(x(index))\" y=\"\(topMargin + plotHeight + 20)\" text-anchor=\"middle\" class=\"chart__label\">\(Markup.escaped(item.label))</text>"
            }
        }
        // The legend: the series' mark and name, and what a gap means.
        let legendY = height - 14
        marks +=
            "<line x1=\"\(left)\" y1=\"\(legendY - 4)\" x2=\"\(left + 24)\" y2=\"\(legendY - 4)\" class=\"chart__line\"/>"
            + "<circle cx=\"\(left + 12)\" cy=\"\(legendY - 4)\" r=\"4\" class=\"chart__dot\"/>"
            + "<text x=\"\(left + 32)\" y=\"\(legendY)\" class=\"chart__legend\">\(Markup.escaped(valueHeading))"
            + (items.contains { $0.value == nil } ? " — khoảng trống: chưa có dữ liệu" : "") + "</text>"
        return figure(svg(width: width, height: height, marks: marks))
    }

    /// A graduation or point value as Vietnamese writes numbers: "1.250", "87,5".
    static func tick(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        if rounded == rounded.rounded() {
            let digits = String(Int(rounded))
            var grouped = ""
            for (offset, character) in digits.reversed().enumerated() {
                if offset > 0, offset % 3 == 0, character != "-" { grouped.append(".") }
                grouped.append(character)
            }
            return String(grouped.reversed())
        }
        return String(format: "%.1f", rounded).replacingOccurrences(of: ".", with: ",")
    }

    private func svg(width: Int, height: Int, marks: String) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 \(width) \(height)\" role=\"img\" "
            + "aria-labelledby=\"\(id)-title \(id)-desc\"><title id=\"\(id)-title\">\(Markup.escaped(title))</title>"
            + "<desc id=\"\(id)-desc\">\(Markup.escaped(summary))</desc>\(marks)</svg>"
    }

    private func figure(_ svg: String) -> Node<HTML.BodyContext> {
        .element(
            named: "figure",
            nodes: [
                .class("chart-figure"), .id(id),
                .raw(svg),
                .element(named: "figcaption", nodes: [.text(title)]),
                .element(
                    named: "details",
                    nodes: [
                        .element(named: "summary", nodes: [.text("Xem bảng số liệu")]),
                        .table(
                            .class("table"),
                            .thead(.tr(.th(.text("Mục")), .th(.text(valueHeading)))),
                            .tbody(
                                .forEach(items) { item in
                                    .tr(
                                        .th(.attribute(named: "scope", value: "row"), .text(item.label)),
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

}
