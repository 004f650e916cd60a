import Hummingbird
import Persistence

/// Errors the web layer answers with a page (Vietnamese) or a typed JSON error (API), mapped once in
/// ``ErrorMiddleware``.
public enum AppError: Error, Equatable {
    case notFound
    case unauthorized
    case forbidden
    case csrf
    case methodNotAllowed
    case badRequest(String)
    case tooManyRequests(retryAfterSeconds: Int)
    /// Something this server cannot do now (e.g. no PDF printer installed), with what to do instead.
    case unavailable(String)

    var status: HTTPResponse.Status {
        switch self {
        case .notFound: .notFound
        case .unauthorized: .unauthorized
        case .forbidden, .csrf: .forbidden
        case .methodNotAllowed: .methodNotAllowed
        case .badRequest: .badRequest
        case .tooManyRequests: .tooManyRequests
        case .unavailable: .serviceUnavailable
        }
    }

    /// A stable machine-readable code for API clients.
    var code: String {
        switch self {
        case .notFound: "not_found"
        case .unauthorized: "unauthorized"
        case .forbidden: "forbidden"
        case .csrf: "csrf_failed"
        case .methodNotAllowed: "method_not_allowed"
        case .badRequest: "bad_request"
        case .tooManyRequests: "too_many_requests"
        case .unavailable: "unavailable"
        }
    }

    /// The explanation shown to a person, in Vietnamese.
    var message: String {
        switch self {
        case .notFound: "Không tìm thấy trang hoặc dữ liệu bạn yêu cầu."
        case .unauthorized: "Bạn cần đăng nhập để xem nội dung này."
        case .forbidden: "Tài khoản của bạn không có quyền xem nội dung này."
        case .csrf: "Biểu mẫu đã hết hạn hoặc không hợp lệ. Vui lòng tải lại trang và gửi lại."
        case .methodNotAllowed: "Địa chỉ này không nhận phương thức yêu cầu đó."
        case .badRequest(let detail): detail
        case .tooManyRequests: "Bạn đã thử quá nhiều lần. Vui lòng đợi một lát rồi thử lại."
        case .unavailable(let detail): detail
        }
    }

    init?(_ error: any Error) {
        switch error {
        case let error as AppError: self = error
        case PersistenceError.notFound: self = .notFound
        case let error as HTTPError:
            switch error.status {
            case .notFound: self = .notFound
            case .unauthorized: self = .unauthorized
            case .forbidden: self = .forbidden
            case .methodNotAllowed: self = .methodNotAllowed
            case .badRequest, .contentTooLarge, .unsupportedMediaType:
                self = .badRequest("Yêu cầu không hợp lệ.")
            default: return nil
            }
        default: return nil
        }
    }
}
