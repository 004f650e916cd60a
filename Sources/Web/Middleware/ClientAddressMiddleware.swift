import Hummingbird
import Services

/// The client's address behind the proxies the operator trusts (`MOTCUA_TRUSTED_PROXIES`): when the
/// connection comes from one of them, the address is the right-most entry of `X-Forwarded-For` that is not a
/// trusted proxy itself (entries further left are whatever the client claimed). From anyone else the header is
/// ignored, so nobody picks their own address to dodge the per-address limits.
struct ClientAddressMiddleware: RouterMiddleware {
    let trusted: Set<String>

    func handle(_ request: Request, context: AppRequestContext, next: (Request, AppRequestContext) async throws -> Response) async throws
        -> Response
    {
        var context = context
        context.clientAddress = ForwardedFor.client(
            remote: context.clientAddress, header: request.headers[values: .init("X-Forwarded-For")!],
            trusted: trusted)
        return try await next(request, context)
    }
}

/// Who the client is, given the connection's address, the `X-Forwarded-For` lines and the trusted proxies.
public enum ForwardedFor {
    public static func client(remote: String, header forwardedFor: [String], trusted: Set<String>) -> String {
        guard trusted.contains(remote) else { return remote }
        let hops = forwardedFor.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return hops.last { !trusted.contains($0) } ?? remote
    }
}
