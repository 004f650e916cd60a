import Domain
import Hummingbird
import Persistence
import Services

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
    /// The disk is full: nothing of the request was kept.
    case insufficientStorage
    /// More requests than the server handles at once: this one was not started.
    case overloaded

    var status: HTTPResponse.Status {
        switch self {
        case .notFound: .notFound
        case .unauthorized: .unauthorized
        case .forbidden, .csrf: .forbidden
        case .methodNotAllowed: .methodNotAllowed
        case .badRequest: .badRequest
        case .tooManyRequests: .tooManyRequests
        case .unavailable, .overloaded: .serviceUnavailable
        case .insufficientStorage: HTTPResponse.Status(code: 507, reasonPhrase: "Insufficient Storage")
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
        case .overloaded: "overloaded"
        case .insufficientStorage: "insufficient_storage"
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
        case .overloaded: "Hệ thống đang phục vụ quá nhiều yêu cầu cùng lúc. Vui lòng thử lại sau vài giây."
        case .insufficientStorage:
            "Máy chủ tạm thời hết chỗ lưu trữ nên chưa lưu được yêu cầu của bạn (không có gì bị lưu dở). Vui lòng thử lại sau."
        }
    }

    init?(_ error: any Error) {
        switch error {
        case let error as AppError: self = error
        case let error as ServiceError:
            switch error {
            case .notFound: self = .notFound
            case .unauthorized: self = .unauthorized
            case .forbidden: self = .forbidden
            case .refused(let reason): self = .badRequest(reason)
            case .invalid(let fields): self = .badRequest(fields.sorted { $0.key < $1.key }.map(\.value).joined(separator: " "))
            case .tooManyRequests(let seconds): self = .tooManyRequests(retryAfterSeconds: seconds)
            }
        case PersistenceError.notFound: self = .notFound
        case let problem as FileType.Problem: self = .badRequest(problem.message)
        case FileStore.Problem.scannerUnavailable:
            self = .unavailable("Chưa kiểm tra được tệp bằng phần mềm chống mã độc nên tệp chưa được nhận. Vui lòng thử lại sau ít phút.")
        case let error where PersistenceError.isDiskFull(error): self = .insufficientStorage
        case let error where PersistenceError.isUnavailable(error):
            self = .unavailable(
                "Hệ thống đang tạm gián đoạn kết nối cơ sở dữ liệu nên chưa xử lý được yêu cầu (không có gì bị lưu dở). Vui lòng thử lại sau ít giây."
            )
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
