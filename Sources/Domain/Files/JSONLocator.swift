import Foundation

/// Lines in a JSON text, for messages a person can act on ("Dòng 12: …"). Foundation's decoder names the path
/// of a bad value but not its line, and says nothing of where a syntax error is; one pass over the bytes
/// records where every value starts and, when the text is not JSON, the line where it stops being JSON.
public struct JSONLocator: Sendable {
    /// A value: its path (object keys, array indices in decimal), the line it starts on and, for a string, its text.
    public struct Value: Sendable, Equatable {
        public var path: [String]
        public var line: Int
        public var string: String?
    }

    public private(set) var values: [Value] = []
    /// The line of the first byte that cannot continue a JSON text; nil when the text is JSON.
    public private(set) var syntaxErrorLine: Int?

    /// Nesting deeper than this is treated as an error (an uploaded file must not exhaust the stack).
    static let maximumDepth = 128

    public init(_ data: Data) {
        var scanner = Scanner(bytes: [UInt8](data))
        do {
            scanner.skipSpace()
            try scanner.value(path: [], depth: 0)
            scanner.skipSpace()
            if scanner.index < scanner.bytes.count { throw Scanner.Stop() }
        } catch {
            syntaxErrorLine = scanner.line
        }
        values = scanner.values
    }

    /// The line of the value at `path`, or of its nearest ancestor that was found.
    public func line(of path: [String]) -> Int? {
        var path = path
        while true {
            if let value = values.first(where: { $0.path == path }) { return value.line }
            if path.isEmpty { return nil }
            path.removeLast()
        }
    }

    /// The string at `path`, when it is one.
    public func string(at path: [String]) -> String? { values.first { $0.path == path }?.string }

    /// The paths of the objects whose `key` holds the string `value`, in the order of the text.
    public func objects(whereKey key: String, is value: String) -> [[String]] {
        values.filter { $0.path.last == key && $0.string == value }.map { Array($0.path.dropLast()) }
    }

    /// The line of `field` in the object whose `"code"` is `code` (its first, or with `last` its last, such
    /// object), or of that object when it lacks the field: where a rule about a coded item was broken.
    public func line(of field: String, inObjectCoded code: String, last: Bool = false) -> Int? {
        let objects = objects(whereKey: "code", is: code)
        return (last ? objects.last : objects.first).flatMap { line(of: $0 + [field]) }
    }

    private struct Scanner {
        struct Stop: Error {}

        let bytes: [UInt8]
        var index = 0
        var line = 1
        var values: [Value] = []

        var current: UInt8? { index < bytes.count ? bytes[index] : nil }

        mutating func skipSpace() {
            while let byte = current {
                switch byte {
                case 0x0A:
                    line += 1
                    index += 1
                case 0x20, 0x09, 0x0D: index += 1
                default: return
                }
            }
        }

        mutating func expect(_ byte: UInt8) throws {
            skipSpace()
            guard current == byte else { throw Stop() }
            index += 1
        }

        mutating func value(path: [String], depth: Int) throws {
            guard depth < JSONLocator.maximumDepth, let byte = current else { throw Stop() }
            let start = line
            switch byte {
            case UInt8(ascii: "{"):
                values.append(Value(path: path, line: start, string: nil))
                index += 1
                skipSpace()
                if current == UInt8(ascii: "}") {
                    index += 1
                    return
                }
                while true {
                    skipSpace()
                    guard current == UInt8(ascii: "\"") else { throw Stop() }
                    let key = try string()
                    try expect(UInt8(ascii: ":"))
                    skipSpace()
                    try value(path: path + [key], depth: depth + 1)
                    skipSpace()
                    if current == UInt8(ascii: ",") {
                        index += 1
                        continue
                    }
                    try expect(UInt8(ascii: "}"))
                    return
                }
            case UInt8(ascii: "["):
                values.append(Value(path: path, line: start, string: nil))
                index += 1
                skipSpace()
                if current == UInt8(ascii: "]") {
                    index += 1
                    return
                }
                var position = 0
                while true {
                    skipSpace()
                    try value(path: path + [String(position)], depth: depth + 1)
                    position += 1
                    skipSpace()
                    if current == UInt8(ascii: ",") {
                        index += 1
                        continue
                    }
                    try expect(UInt8(ascii: "]"))
                    return
                }
            case UInt8(ascii: "\""):
                values.append(Value(path: path, line: start, string: try string()))
            default:
                try scalar()
                values.append(Value(path: path, line: start, string: nil))
            }
        }

        /// A number, true, false or null.
        mutating func scalar() throws {
            let begin = index
            while let byte = current, !Self.ends(byte) { index += 1 }
            let word = bytes[begin..<index]
            guard !word.isEmpty else { throw Stop() }
            if word.elementsEqual("true".utf8) || word.elementsEqual("false".utf8) || word.elementsEqual("null".utf8) { return }
            guard Double(String(decoding: word, as: UTF8.self)) != nil, word.allSatisfy(Self.isNumberByte) else { throw Stop() }
        }

        static func ends(_ byte: UInt8) -> Bool {
            byte == UInt8(ascii: ",") || byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]") || byte == 0x20 || byte == 0x0A
                || byte == 0x0D || byte == 0x09
        }

        static func isNumberByte(_ byte: UInt8) -> Bool {
            (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+")
                || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E")
        }

        /// A string from its opening quote, escapes decoded.
        mutating func string() throws -> String {
            index += 1
            var scalars = String.UnicodeScalarView()
            var run = index
            func flush(_ end: Int) { scalars.append(contentsOf: String(decoding: bytes[run..<end], as: UTF8.self).unicodeScalars) }
            while let byte = current {
                switch byte {
                case UInt8(ascii: "\""):
                    flush(index)
                    index += 1
                    return String(scalars)
                case UInt8(ascii: "\\"):
                    flush(index)
                    index += 1
                    guard let escaped = current else { throw Stop() }
                    index += 1
                    switch escaped {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scalars.append(Unicode.Scalar(escaped))
                    case UInt8(ascii: "b"): scalars.append("\u{08}")
                    case UInt8(ascii: "f"): scalars.append("\u{0C}")
                    case UInt8(ascii: "n"): scalars.append("\n")
                    case UInt8(ascii: "r"): scalars.append("\r")
                    case UInt8(ascii: "t"): scalars.append("\t")
                    case UInt8(ascii: "u"):
                        var unit = try hex4()
                        if (0xD800..<0xDC00).contains(unit), current == UInt8(ascii: "\\"), index + 1 < bytes.count,
                            bytes[index + 1] == UInt8(ascii: "u")
                        {
                            index += 2
                            let low = try hex4()
                            guard (0xDC00..<0xE000).contains(low) else { throw Stop() }
                            unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                        }
                        scalars.append(Unicode.Scalar(unit) ?? "\u{FFFD}")
                    default: throw Stop()
                    }
                    run = index
                case 0x0A, 0x0D:
                    throw Stop()  // a raw line break inside a string is not JSON
                default:
                    index += 1
                }
            }
            throw Stop()
        }

        mutating func hex4() throws -> UInt32 {
            guard index + 4 <= bytes.count, let value = UInt32(String(decoding: bytes[index..<index + 4], as: UTF8.self), radix: 16) else {
                throw Stop()
            }
            index += 4
            return value
        }
    }
}

extension JSONLocator {
    /// Why a JSON text was not decoded, in Vietnamese, and the line to look at: a syntax error's own line, or
    /// the line of the value (or of the object missing a field) the decoder names.
    public func explain(_ error: any Error) -> (line: Int?, reason: String) {
        if let syntaxErrorLine { return (syntaxErrorLine, "không phải JSON hợp lệ (thiếu hoặc thừa dấu phẩy, ngoặc, dấu nháy…).") }
        func path(_ context: DecodingError.Context) -> [String] {
            context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }
        }
        func name(_ path: [String]) -> String {
            guard let last = path.last else { return "tệp" }
            if let position = Int(last) { return "phần tử thứ \(position + 1) của \(name(Array(path.dropLast())))" }
            return "“\(last)”"
        }
        switch error {
        case DecodingError.keyNotFound(let key, let context):
            return (
                line(of: path(context)),
                "thiếu trường “\(key.stringValue)”" + (context.codingPath.isEmpty ? "." : " trong \(name(path(context))).")
            )
        case DecodingError.typeMismatch(let type, let context):
            return (line(of: path(context)), "\(name(path(context))) phải là \(Self.kind(of: type)).")
        case DecodingError.valueNotFound(_, let context):
            return (line(of: path(context)), "\(name(path(context))) không được để trống (null).")
        case DecodingError.dataCorrupted(let context) where context.codingPath.isEmpty:
            // Foundation on Linux reports a number that does not fit its type (2.5 for an integer) this way, without a path.
            return (nil, "có một giá trị không đúng kiểu (ví dụ số thập phân ở chỗ cần số nguyên).")
        case DecodingError.dataCorrupted(let context):
            let at = path(context)
            if let text = string(at: at) { return (line(of: at), "\(name(at)) không nhận giá trị “\(text)”.") }
            return (line(of: at), "giá trị của \(name(at)) không hợp lệ.")
        default:
            return (nil, "không đọc được tệp.")
        }
    }

    static func kind(of type: Any.Type) -> String {
        switch type {
        case is any BinaryFloatingPoint.Type: "một số"
        case is any BinaryInteger.Type: "một số nguyên"
        case is String.Type: "một chuỗi văn bản trong dấu nháy"
        case is Bool.Type: "true hoặc false"
        case is [Any].Type: "một danh sách [ … ]"
        case is [String: Any].Type: "một đối tượng { … }"
        default: "giá trị khác"
        }
    }
}
