import Foundation

extension CSV {
    /// The fields of one record as ranges of the file's bytes, for readers of large files that convert each
    /// field themselves (a million survey responses are read without making a string per answer).
    public struct Fields {
        let bytes: UnsafeBufferPointer<UInt8>
        var ranges: [Range<Int>] = []
        /// Fields that were quoted with doubled quotes inside.
        var escaped: Set<Int> = []

        public var count: Int { ranges.count }

        static let powersOfTen: [Double] = (0...15).map { (0..<$0).reduce(1.0) { value, _ in value * 10 } }

        public func isEmpty(_ index: Int) -> Bool { ranges[index].isEmpty }

        public func string(_ index: Int) -> String {
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[ranges[index]]), as: UTF8.self)
            return escaped.contains(index) ? text.replacingOccurrences(of: "\"\"", with: "\"") : text
        }

        /// The field as a whole number of ASCII digits (spaces around it allowed); nil otherwise.
        public func integer(_ index: Int) -> Int? {
            var range = ranges[index]
            while let first = range.first, bytes[first] == 0x20 { range = range.dropFirst() }
            while let last = range.last, bytes[last] == 0x20 { range = range.dropLast() }
            guard !range.isEmpty, range.count <= 18 else { return nil }
            var value = 0
            for position in range {
                let byte = bytes[position]
                guard byte >= 0x30, byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            return value
        }

        /// The field as a number: plain decimals ("12", "0.75") read from the bytes, anything else through
        /// `Double(String)`.
        public func double(_ index: Int) -> Double? {
            // Digits as one exact whole number, divided once by an exact power of ten: correctly rounded, as Double(String).
            var mantissa: Int64 = 0, digits = 0, decimals = 0, afterPoint = false
            for position in ranges[index] {
                let byte = bytes[position]
                if byte >= 0x30, byte <= 0x39 {
                    digits += 1
                    mantissa = mantissa &* 10 &+ Int64(byte - 0x30)
                    if afterPoint { decimals += 1 }
                } else if byte == 0x2E, !afterPoint {
                    afterPoint = true
                } else {
                    return Double(string(index).trimmingCharacters(in: .whitespaces))
                }
            }
            guard digits > 0, digits <= 15 else { return Double(string(index).trimmingCharacters(in: .whitespaces)) }
            return Double(mantissa) / Self.powersOfTen[decimals]
        }

        /// Whether the field holds exactly these bytes.
        public func equals(_ index: Int, _ other: [UInt8]) -> Bool {
            let range = ranges[index]
            guard range.count == other.count, !escaped.contains(index) else { return false }
            for (offset, position) in range.enumerated() where bytes[position] != other[offset] { return false }
            return true
        }

        /// A hash of the field's bytes (FNV-1a), to find a known value without making a string.
        public func hash(_ index: Int) -> UInt64 {
            var value: UInt64 = 0xcbf2_9ce4_8422_2325
            for position in ranges[index] { value = (value ^ UInt64(bytes[position])) &* 0x0000_0100_0000_01B3 }
            return value
        }
    }

    /// Reads RFC 4180 records from bytes (as `parse`, without making strings) and calls `body` with each
    /// record's line and fields. An empty line is skipped.
    public static func scan(_ data: Data, _ body: (Int, Fields) throws -> Void) throws {
        try data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            var fields = Fields(bytes: bytes)
            var position = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
            var line = 1
            let end = bytes.count
            while position < end {
                let recordLine = line
                fields.ranges.removeAll(keepingCapacity: true)
                fields.escaped.removeAll(keepingCapacity: true)
                var atRecordEnd = false
                while !atRecordEnd {
                    if position < end, bytes[position] == 0x22 {
                        // A quoted field: up to the closing quote, "" standing for one quote.
                        let start = position + 1
                        position = start
                        var doubled = false
                        while true {
                            guard position < end else { throw Problem.unterminatedQuote(line: recordLine) }
                            let byte = bytes[position]
                            if byte == 0x22 {
                                if position + 1 < end, bytes[position + 1] == 0x22 {
                                    doubled = true
                                    position += 2
                                    continue
                                }
                                break
                            }
                            if byte == 0x0A { line += 1 }
                            position += 1
                        }
                        if doubled { fields.escaped.insert(fields.ranges.count) }
                        fields.ranges.append(start..<position)
                        position += 1
                        guard position >= end || bytes[position] == 0x2C || bytes[position] == 0x0A || bytes[position] == 0x0D else {
                            throw Problem.textAfterQuote(line: line)
                        }
                    } else {
                        let start = position
                        while position < end, bytes[position] != 0x2C, bytes[position] != 0x0A, bytes[position] != 0x0D { position += 1 }
                        fields.ranges.append(start..<position)
                    }
                    if position < end, bytes[position] == 0x2C {
                        position += 1
                        if position == end {
                            fields.ranges.append(end..<end)
                            atRecordEnd = true
                        }
                    } else {
                        if position < end, bytes[position] == 0x0D { position += 1 }
                        if position < end, bytes[position] == 0x0A {
                            position += 1
                            line += 1
                        }
                        atRecordEnd = true
                    }
                }
                if fields.ranges.count == 1, fields.ranges[0].isEmpty { continue }
                try body(recordLine, fields)
            }
        }
    }
}
