import Foundation

/// An e-mail as SMTP carries it (RFC 5322 with MIME): UTF-8 text in base64, the subject as an encoded word,
/// lines ending in CRLF, and dot-stuffed for the DATA command.
package struct MailMessage: Sendable, Equatable {
    package var from: String
    package var to: String
    package var subject: String
    package var body: String
    package var date: Date
    package var messageID: String

    /// The message text to send after DATA, up to but not including the terminating "." line.
    package var dataText: String {
        let headers = [
            "From: \(from)",
            "To: \(to)",
            "Subject: \(Self.encodedWord(subject))",
            "Date: \(Self.rfc5322Date(date))",
            "Message-ID: <\(messageID)>",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: base64",
        ]
        let normalized = body.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n")
        let encoded = Data(normalized.utf8).base64EncodedString()
        let lines = stride(from: 0, to: encoded.count, by: 76).map { start -> String in
            let from = encoded.index(encoded.startIndex, offsetBy: start)
            return String(encoded[from..<encoded.index(from, offsetBy: min(76, encoded.count - start))])
        }
        // Base64 lines never start with "."; headers could, so dot-stuff every line.
        return (headers + [""] + lines).map { $0.hasPrefix(".") ? "." + $0 : $0 }.joined(separator: "\r\n") + "\r\n"
    }

    /// `=?UTF-8?B?…?=` for a header holding non-ASCII text; ASCII stays as it is.
    package static func encodedWord(_ text: String) -> String {
        text.allSatisfy { $0.isASCII && $0 != "\r" && $0 != "\n" } ? text : "=?UTF-8?B?\(Data(text.utf8).base64EncodedString())?="
    }

    /// "Fri, 27 Nov 2026 09:30:00 +0000"
    package static func rfc5322Date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(secondsFromGMT: 0)
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        return formatter.string(from: date)
    }

    /// An address as SMTP commands take it: no angle brackets, spaces or line breaks inside.
    package static func isPlainAddress(_ address: String) -> Bool {
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && !parts[1].isEmpty
            && address.allSatisfy { $0.isASCII && !$0.isWhitespace && !"<>()[],;:\\\"".contains($0) }
    }
}

/// A reply of an SMTP server: its code and text, from one or more lines ("250-…" continues, "250 …" ends).
package struct SMTPReply: Sendable, Equatable {
    package var code: Int
    package var lines: [String]

    /// Reads one complete reply from the front of `buffer` (removing it), or nil when more bytes are needed.
    package static func take(from buffer: inout [UInt8]) throws -> SMTPReply? {
        var lines: [String] = []
        var index = 0
        while let end = buffer[index...].firstIndex(of: UInt8(ascii: "\n")) {
            var line = String(decoding: buffer[index..<end], as: UTF8.self)
            if line.hasSuffix("\r") { line.removeLast() }
            index = end + 1
            guard line.count >= 3, let code = Int(line.prefix(3)) else { throw SMTPTransport.Failure.malformedReply(line) }
            lines.append(String(line.dropFirst(4)))
            if line.count == 3 || line[line.index(line.startIndex, offsetBy: 3)] == " " {
                buffer.removeFirst(index)
                return SMTPReply(code: code, lines: lines)
            }
        }
        return nil
    }
}
