import Foundation
import NIOCore
import NIOPosix
import Persistence

/// Scans uploads with a ClamAV daemon (clamd) over its socket — a local `unix:` path or `tcp://host:port` —
/// with the INSTREAM command: the bytes in chunks, the verdict back ("stream: OK", or "stream: <name> FOUND").
/// Set by `MOTCUA_CLAMD`; an upload is refused while the daemon does not answer.
public struct ClamAVScanner: MalwareScanner {
    public enum Address: Sendable, Equatable {
        case unix(String)
        case tcp(host: String, port: Int)

        /// `unix:/run/clamav/clamd.ctl` or `tcp://127.0.0.1:3310`.
        public init?(_ text: String) {
            if text.hasPrefix("unix:") {
                let path = String(text.dropFirst(5))
                guard !path.isEmpty else { return nil }
                self = .unix(path)
            } else if let url = URL(string: text), url.scheme == "tcp", let host = url.host, let port = url.port {
                self = .tcp(host: host, port: port)
            } else {
                return nil
            }
        }
    }

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    public let address: Address
    public let timeout: Duration

    public init(address: Address, timeout: Duration = .seconds(30)) {
        self.address = address
        self.timeout = timeout
    }

    package static let chunkSize = 64 * 1024

    public func findings(in data: Data) async throws -> String? {
        let bootstrap = ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton).connectTimeout(.seconds(5))
        let wrap: @Sendable (any Channel) -> EventLoopFuture<NIOAsyncChannel<ByteBuffer, ByteBuffer>> = { channel in
            channel.eventLoop.makeCompletedFuture { try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel) }
        }
        let channel =
            switch address {
            case .unix(let path): try await bootstrap.connect(unixDomainSocketPath: path, channelInitializer: wrap)
            case .tcp(let host, let port): try await bootstrap.connect(host: host, port: port, channelInitializer: wrap)
            }
        let timeout = timeout
        let reply: String = try await withThrowingTaskGroup(of: String.self) { group in
            group.addTask {
                try await channel.executeThenClose { inbound, outbound in
                    try await outbound.write(ByteBuffer(string: "zINSTREAM\0"))
                    var offset = 0
                    while offset < data.count {
                        let chunk = data[data.startIndex + offset..<data.startIndex + min(data.count, offset + Self.chunkSize)]
                        var buffer = ByteBuffer()
                        buffer.writeInteger(UInt32(chunk.count))
                        buffer.writeBytes(chunk)
                        try await outbound.write(buffer)
                        offset += chunk.count
                    }
                    var end = ByteBuffer()
                    end.writeInteger(UInt32(0))
                    try await outbound.write(end)
                    var answer = ByteBuffer()
                    for try await var part in inbound {
                        answer.writeBuffer(&part)
                        if answer.readableBytesView.contains(0) { break }
                    }
                    return String(buffer: answer)
                }
            }
            group.addTask {
                try await Task.sleep(for: timeout)
                throw Failure(description: "clamd did not answer within \(timeout)")
            }
            defer { group.cancelAll() }
            return try await group.next() ?? ""
        }
        return try Self.verdict(reply)
    }

    /// The signature named by clamd's answer, nil for a clean stream; an error answer throws.
    package static func verdict(_ reply: String) throws -> String? {
        let text = reply.trimmingCharacters(in: CharacterSet(charactersIn: "\0\n ")).replacingOccurrences(of: "stream: ", with: "")
        if text == "OK" { return nil }
        if text.hasSuffix(" FOUND") { return String(text.dropLast(6)) }
        throw Failure(description: "clamd answered: \(text.isEmpty ? "nothing" : text)")
    }
}
