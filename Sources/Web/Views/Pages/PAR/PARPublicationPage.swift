import Domain
import Foundation
import Persistence
import Plot
import Services

/// A published PAR INDEX (public, no internal comments): the ranking with each unit's areas, the change from
/// the previous year, the areas where it lost most points; the version shown and the downloads.
struct PARPublicationPage {
    var roundID: Int64
    var publication: PARPublication
    var version: Int
    var latest: Int
    var publishedAt: Date

    var body: [Node<HTML.BodyContext>] {
        [
            .h1(.text(publication.title)),
            .if(
                publication.sample,
                .p(
                    .class("notice notice--warning"), .id("sample-warning"),
                    .text("Kết quả tính theo bộ tiêu chí MẪU, không phải kết quả chính thức."))),
            .p(
                .class("lead"),
                .text(
                    "Năm \(publication.year), \(publication.unitKind.title.lowercased()): chỉ số = điểm đạt được ÷ \(PARViews.number(publication.max)) × 100. "
                        + "Công bố lúc \(LocalClock().text(publishedAt)), phiên bản \(version)"
                        + (version < latest ? " (đã có phiên bản \(latest) mới hơn)." : "."))),
            .p(
                .a(.href(SiteRoute.publicPARRoundCSV(id: roundID).path + "?version=\(version)"), .text("Tải kết quả (CSV)")), .text(" · "),
                .a(.href(SiteRoute.publicPARRoundXLSX(id: roundID).path + "?version=\(version)"), .text("Tải kết quả (Excel)")),
                .text(" · "),
                .a(.href(SiteRoute.publicPARRoundScores(id: roundID).path + "?version=\(version)"), .text("Điểm từng tiêu chí (CSV)")),
                .text(" · "),
                .a(.href(SiteRoute.publicPARRoundFramework(id: roundID).path), .text("Bộ tiêu chí (JSON)"))),
            .p(
                .class("note"),
                .text(
                    "Ai cũng tính lại được bảng xếp hạng từ hai tệp trên: motcua par compute --framework bo-tieu-chi.json --scores diem.csv --json"
                )),
            Self.ranking(publication),
            .if(
                publication.units.contains { $0.rescaledWithoutSurvey == true },
                .p(
                    .class("note"), .id("without-survey"),
                    .text(
                        "* Đơn vị không được điều tra xã hội học: chỉ số là điểm thẩm định trên tổng điểm tối đa không kể phần điều tra, quy về thang 100, "
                            + "theo quy định của bộ tiêu chí."))),
            latest > 1
                ? .p(
                    .text("Các phiên bản: "),
                    .forEach(Array(1...latest)) { number in
                        .group(
                            .a(.href(SiteRoute.publicPARRound(id: roundID).path + "?version=\(number)"), .text("phiên bản \(number)")),
                            .text(" "))
                    }) : .empty,
        ]
    }

    /// The ranking table: rank, unit, points, index, change, each area, where most points were lost.
    static func ranking(_ publication: PARPublication) -> Node<HTML.BodyContext> {
        .table(
            .class("table"), .id("par-ranking"),
            .caption(.text("Xếp hạng")),
            .thead(
                .tr(
                    .th(.text("Hạng")), .th(.text("Đơn vị")), .th(.text("Điểm")), .th(.text("Chỉ số (%)")), .th(.text("So với năm trước")),
                    .forEach(publication.areas) { .th(.attribute(named: "title", value: $0.name), .text("LV \($0.code)")) },
                    .th(.text("Mất điểm nhiều nhất")))),
            .tbody(
                .forEach(publication.units) { unit in
                    .tr(
                        .td(.text(String(unit.rank))), .th(.attribute(named: "scope", value: "row"), .text(unit.name)),
                        .td(.text(PARViews.number(unit.total))),
                        .td(.text(PARViews.index(unit.index) + (unit.rescaledWithoutSurvey == true ? " *" : ""))),
                        .td(.text(unit.change.map { ($0 >= 0 ? "+" : "") + PARViews.index($0) } ?? "—")),
                        .forEach(publication.areas) { area in .td(.text(PARViews.number(unit.areas[area.code]))) },
                        .td(
                            .text(
                                unit.lostMost.compactMap { code in
                                    publication.areas.first { $0.code == code }.map { "\($0.code). \($0.name)" }
                                }
                                .joined(separator: "; "))))
                })
        )
    }

    /// The published table as rows for CSV and XLSX.
    static func rows(_ publication: PARPublication) -> [[Spreadsheet.Cell]] {
        var rows: [[Spreadsheet.Cell]] = [
            (["rank", "unit", "name", "total", "index", "change"] + publication.areas.map { "area \($0.code)" }).map { .text($0) }
        ]
        for unit in publication.units {
            let figures: [Spreadsheet.Cell] = [
                .number(unit.total.published.double), .number(unit.index.double), unit.change.map { .number($0.double) } ?? .text(""),
            ]
            rows.append(
                [.number(Double(unit.rank)), .text(unit.code), .text(unit.name)] + figures
                    + publication.areas.map { .number((unit.areas[$0.code] ?? 0).published.double) })
        }
        return rows
    }
}

/// The published rounds, newest first.
struct PARPublicListPage {
    var rounds: [(round: PARRound, framework: PARFramework)]

    static func label(_ framework: PARFramework) -> String {
        "Năm \(framework.year) — \(framework.unitKind.title)" + (framework.sample == true ? " (bộ tiêu chí mẫu)" : "")
    }

    var body: [Node<HTML.BodyContext>] {
        [
            .h1(.text("Kết quả Chỉ số cải cách hành chính (PAR INDEX)")),
            rounds.isEmpty
                ? .p(.text("Chưa có kết quả nào được công bố."))
                : .ul(
                    .id("par-publications"),
                    .forEach(rounds) { item in
                        .li(.a(.href(SiteRoute.publicPARRound(id: item.round.id).path), .text(Self.label(item.framework))))
                    }),
        ]
    }
}
