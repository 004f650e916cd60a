import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import Persistence

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// How a message leaves the server on one channel.
public protocol NotificationTransport: Sendable {
    func send(_ message: NotificationOutbox.Message, id: Int64) async throws
}

/// E-mail through an SMTP server: `smtp://[user:password@]host[:port]` (port 25 by default; AUTH PLAIN when a
/// user is given) or `smtps://…` (TLS from the first byte, port 465 by default). One connection per message.
public struct SMTPTransport: NotificationTransport {
    package let host: String
    package let port: Int
    package let usesTLS: Bool
    package let username: String?
    package let password: String?
    package let from: String

    package enum Failure: Error, CustomStringConvertible {
        case malformedReply(String)
        case unexpected(command: String, reply: SMTPReply)
        case closed
        case badAddress(String)

        package var description: String {
            switch self {
            case .malformedReply(let line): "SMTP: malformed reply \(line)"
            case .unexpected(let command, let reply): "SMTP: \(command) answered \(reply.code) \(reply.lines.joined(separator: " "))"
            case .closed: "SMTP: the server closed the connection"
            case .badAddress(let address): "SMTP: not a plain address: \(address)"
            }
        }
    }

    /// The transport of a configured URL, or nil when it is not an smtp(s) URL with a host.
    public init?(url: URL, from: String) {
        guard let scheme = url.scheme?.lowercased(), scheme == "smtp" || scheme == "smtps", let host = url.host, !host.isEmpty,
            MailMessage.isPlainAddress(from)
        else { return nil }
        self.host = host
        self.usesTLS = scheme == "smtps"
        self.port = url.port ?? (usesTLS ? 465 : 25)
        self.username = url.user?.removingPercentEncoding
        self.password = url.password?.removingPercentEncoding
        self.from = from
    }

    public func send(_ message: NotificationOutbox.Message, id: Int64) async throws {
        guard MailMessage.isPlainAddress(message.recipient) else { throw Failure.badAddress(message.recipient) }
        let mail = MailMessage(
            from: from, to: message.recipient, subject: message.subject ?? "", body: message.body, date: Date(),
            messageID: "notification-\(id)@\(from.split(separator: "@").last ?? "motcua")")
        let host = host, usesTLS = usesTLS
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(.seconds(15))
            .connect(host: host, port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    if usesTLS {
                        let context = try NIOSSLContext(configuration: .makeClientConfiguration())
                        try channel.pipeline.syncOperations.addHandler(try NIOSSLClientHandler(context: context, serverHostname: host))
                    }
                    return try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                try await channel.executeThenClose { inbound, outbound in
                    var session = SMTPSession(inbound: inbound.makeAsyncIterator(), outbound: outbound)
                    try await session.expect(220, after: "connect")
                    try await session.command("EHLO motcua", expect: [250])
                    if let username, let password {
                        let token = Data("\0\(username)\0\(password)".utf8).base64EncodedString()
                        try await session.command("AUTH PLAIN \(token)", expect: [235], shown: "AUTH PLAIN")
                    }
                    try await session.command("MAIL FROM:<\(from)>", expect: [250])
                    try await session.command("RCPT TO:<\(mail.to)>", expect: [250, 251])
                    try await session.command("DATA", expect: [354])
                    try await session.command(mail.dataText + ".", expect: [250], shown: "message")
                    try? await session.command("QUIT", expect: [221])
                }
            }
            group.addTask {
                try await Task.sleep(for: .seconds(60))
                throw Failure.closed
            }
            defer { group.cancelAll() }
            try await group.next()
        }
    }
}

/// One SMTP conversation: commands written with CRLF, replies read whole.
private struct SMTPSession {
    package var inbound: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
    package let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
    package var buffer: [UInt8] = []

    package init(inbound: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator, outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>) {
        self.inbound = inbound
        self.outbound = outbound
    }

    package mutating func reply() async throws -> SMTPReply {
        while true {
            if let reply = try SMTPReply.take(from: &buffer) { return reply }
            guard let chunk = try await inbound.next() else { throw SMTPTransport.Failure.closed }
            buffer += chunk.readableBytesView
        }
    }

    package mutating func expect(_ code: Int, after command: String) async throws {
        let reply = try await reply()
        guard reply.code == code else { throw SMTPTransport.Failure.unexpected(command: command, reply: reply) }
    }

    package mutating func command(_ text: String, expect codes: Set<Int>, shown: String? = nil) async throws {
        try await outbound.write(ByteBuffer(string: text + "\r\n"))
        let reply = try await reply()
        guard codes.contains(reply.code) else {
            throw SMTPTransport.Failure.unexpected(command: shown ?? String(text.prefix(40)), reply: reply)
        }
    }
}

/// SMS through an HTTP gateway: each message POSTed as `{"to": "+84…", "text": "…", "reference": "…"}` with a
/// bearer token when one is set; any answer but 2xx is a failure to retry. Gateways differ; this is the seam
/// an adapter for a particular provider replaces.
public struct HTTPSMSTransport: NotificationTransport {
    package let url: URL
    package let token: String?

    public init(url: URL, token: String?) {
        self.url = url
        self.token = token
    }

    package struct Refused: Error, CustomStringConvertible {
        package var status: Int
        package var description: String { "the SMS gateway answered HTTP \(status)" }
    }

    public func send(_ message: NotificationOutbox.Message, id: Int64) async throws {
        var request = URLRequest(url: url, timeoutInterval: 30)
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        request.httpBody = try JSONEncoder().encode(["to": message.recipient, "text": message.body, "reference": "motcua-\(id)"])
        let (_, response) = try await URLSession.shared.data(for: request)
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        guard (200..<300).contains(status) else { throw Refused(status: status) }
    }
}

/// `serve --demo` without a gateway: the message is delivered to the demo outbox page, which reads it from the
/// notifications table where it already is — so sending only marks it sent.
package struct DemoOutboxTransport: NotificationTransport {
    package func send(_ message: NotificationOutbox.Message, id: Int64) async throws {}
}
