/// Why a use case refused. Each front-end answers it its own way: the pages with a Vietnamese page or the form
/// again with its messages, the API with a problem document.
package enum ServiceError: Error, Equatable {
    /// Missing, or not the caller's to see (answered the same, so that nothing is revealed).
    case notFound
    /// The use case needs a signed-in caller.
    case unauthorized
    /// The caller may see it but not do this.
    case forbidden
    /// A rule refused it; the reason in Vietnamese.
    case refused(String)
    /// Input at fault, by field name, each with its message in Vietnamese; nothing was kept.
    case invalid([String: String])
    /// Too many attempts from the same place; try again after this many seconds.
    case tooManyRequests(retryAfterSeconds: Int)
}
