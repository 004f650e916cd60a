import Domain
import Foundation
import Hummingbird
import Services

extension SiteRoute {
    /// The router's pattern of a case without its id (`/units/:id`).
    var pattern: RouterPath { RouterPath(path) }
}

extension Parameters {
    /// The `:id` (or another named segment) of the route as a positive number, or 404.
    func id(_ name: String = "id") throws -> Int64 {
        guard let text = self.get(name), let id = Int64(text), id > 0 else { throw AppError.notFound }
        return id
    }
}

extension Request {
    /// The body of a submitted HTML form (application/x-www-form-urlencoded), decoded into `Form`; a body that
    /// is not such a form decodes as `Form()` so that the page can say which fields are missing.
    func form<Form: Decodable>(_ type: Form.Type, empty: Form) async throws -> Form {
        var request = self
        let body = try await request.collectBody(upTo: 64 * 1024)
        return (try? URLEncodedFormDecoder().decode(Form.self, from: String(buffer: body))) ?? empty
    }

    /// A query parameter as an HTML form sends it: "+" stands for a space (application/x-www-form-urlencoded).
    func query(_ name: String) -> String? { queries(name).first }

    /// The period asked for by `from` and `to` (yyyy-MM-dd, both included), by default the month of `today`; at
    /// most ten years.
    func reportingPeriod(today: LocalDate) throws -> ReportingPeriod {
        let month = ReportingPeriod.month(of: today)
        func day(_ name: String, _ fallback: LocalDate, _ problem: String) throws -> LocalDate {
            guard let text = query(name) else { return fallback }
            guard let date = LocalDate(typed: text) else { throw AppError.badRequest(problem) }
            return date
        }
        let period = ReportingPeriod(
            from: try day("from", month.from, "Ngày bắt đầu phải có dạng ngày/tháng/năm, ví dụ 01/12/2026."),
            through: try day("to", month.through, "Ngày kết thúc phải có dạng ngày/tháng/năm, ví dụ 31/12/2026."))
        guard period.from <= period.through, period.from.days(to: period.through) <= 3660 else {
            throw AppError.badRequest("Khoảng thời gian không hợp lệ: ngày bắt đầu phải trước ngày kết thúc, tối đa 10 năm.")
        }
        return period
    }

    /// Every value of a query parameter (checkboxes of the same name), in order.
    func queries(_ name: String) -> [String] {
        guard let raw = uri.query else { return [] }
        return raw.split(separator: "&").compactMap { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.first.flatMap({ String($0).removingPercentEncoding }) == name else { return nil }
            let value = parts.count > 1 ? String(parts[1]) : ""
            return value.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
        }
    }
}
