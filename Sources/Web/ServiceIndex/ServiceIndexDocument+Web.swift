import Hummingbird
import Plot
import Services

extension ServiceIndexDocument: ResponseEncodable {}
extension ServiceIndexRankingDocument: ResponseEncodable {}

extension ServiceIndexDashboard {
    var page: ServiceIndexPage {
        ServiceIndexPage(report: report, period: period, today: today, trend: trend, overdue: overdue, sipas: sipas)
    }

    /// The page's content as HTML (for the benchmark: what the server renders, without the site's frame).
    public func html() -> String { Node<HTML.BodyContext>.group(page.body).render() }
}
