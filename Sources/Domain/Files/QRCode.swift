/// A QR code (ISO/IEC 18004) for the tracking link printed on every official form: byte mode, error
/// correction level M, versions 1–10 (up to 213 bytes), the mask with the lowest penalty. Written from the
/// standard's description; the tests compare whole matrices with an independent implementation.
public struct QRCode: Sendable, Equatable {
    /// Modules row by row; true is dark.
    public let modules: [[Bool]]
    public let version: Int
    public let mask: Int

    public var size: Int { modules.count }

    public enum Problem: Error, Equatable {
        case tooLong(bytes: Int)
    }

    /// Encodes text as UTF-8 bytes; `mask` forces a mask pattern (0–7) instead of the best one.
    public init(_ text: String, mask forcedMask: Int? = nil) throws(Problem) {
        let bytes = Array(text.utf8)
        guard let version = (1...10).first(where: { Self.dataCapacity(version: $0) >= bytes.count }) else {
            throw .tooLong(bytes: bytes.count)
        }
        let codewords = Self.interleave(Self.dataCodewords(bytes, version: version), version: version)
        var matrix = Matrix(version: version)
        matrix.placeFunctionPatterns()
        matrix.placeData(codewords)
        var best: (penalty: Int, mask: Int, matrix: Matrix)?
        for mask in forcedMask.map({ [$0] }) ?? Array(0..<8) {
            var candidate = matrix
            candidate.apply(mask: mask)
            candidate.placeFormat(mask: mask)
            let penalty = candidate.penalty()
            if best == nil || penalty < best!.penalty { best = (penalty, mask, candidate) }
        }
        self.modules = best!.matrix.dark
        self.version = version
        self.mask = best!.mask
    }

    // MARK: Capacities (error correction level M)

    /// Per version: error correction codewords per block, and the blocks' data lengths.
    static let blocks: [Int: (ec: Int, data: [Int])] = [
        1: (10, [16]), 2: (16, [28]), 3: (26, [44]), 4: (18, [32, 32]), 5: (24, [43, 43]),
        6: (16, [27, 27, 27, 27]), 7: (18, [31, 31, 31, 31]), 8: (22, [38, 38, 39, 39]), 9: (22, [36, 36, 36, 37, 37]),
        10: (26, [43, 43, 43, 43, 44]),
    ]

    /// The longest byte-mode text a version holds at level M.
    static func dataCapacity(version: Int) -> Int {
        let codewords = blocks[version]!.data.reduce(0, +)
        let headerBits = 4 + (version < 10 ? 8 : 16)
        return (codewords * 8 - headerBits) / 8
    }

    // MARK: Data and error correction

    /// Mode, length, bytes, terminator and padding, as data codewords.
    static func dataCodewords(_ bytes: [UInt8], version: Int) -> [UInt8] {
        let capacity = blocks[version]!.data.reduce(0, +)
        var bits: [Bool] = []
        func append(_ value: Int, _ count: Int) {
            for shift in stride(from: count - 1, through: 0, by: -1) { bits.append((value >> shift) & 1 == 1) }
        }
        append(0b0100, 4)
        append(bytes.count, version < 10 ? 8 : 16)
        for byte in bytes { append(Int(byte), 8) }
        append(0, min(4, capacity * 8 - bits.count))
        while bits.count % 8 != 0 { bits.append(false) }
        var codewords = stride(from: 0, to: bits.count, by: 8).map { start in
            bits[start..<start + 8].reduce(UInt8(0)) { $0 << 1 | ($1 ? 1 : 0) }
        }
        var pad: UInt8 = 0xEC
        while codewords.count < capacity {
            codewords.append(pad)
            pad = pad == 0xEC ? 0x11 : 0xEC
        }
        return codewords
    }

    /// Splits into blocks, adds each block's error correction, and interleaves data then error correction.
    static func interleave(_ data: [UInt8], version: Int) -> [UInt8] {
        let layout = blocks[version]!
        var dataBlocks: [[UInt8]] = []
        var start = 0
        for length in layout.data {
            dataBlocks.append(Array(data[start..<start + length]))
            start += length
        }
        let ecBlocks = dataBlocks.map { ReedSolomon.remainder(of: $0, degree: layout.ec) }
        var result: [UInt8] = []
        for index in 0..<(layout.data.max() ?? 0) {
            for block in dataBlocks where index < block.count { result.append(block[index]) }
        }
        for index in 0..<layout.ec {
            for block in ecBlocks { result.append(block[index]) }
        }
        return result
    }

    /// Reed–Solomon over GF(256) with the polynomial x⁸ + x⁴ + x³ + x² + 1.
    enum ReedSolomon {
        static let (exp, log): ([UInt8], [Int]) = {
            var exp = [UInt8](repeating: 0, count: 512)
            var log = [Int](repeating: 0, count: 256)
            var value = 1
            for power in 0..<255 {
                exp[power] = UInt8(value)
                log[value] = power
                value <<= 1
                if value & 0x100 != 0 { value ^= 0x11D }
            }
            for power in 255..<512 { exp[power] = exp[power - 255] }
            return (exp, log)
        }()

        static func multiply(_ a: UInt8, _ b: UInt8) -> UInt8 {
            a == 0 || b == 0 ? 0 : exp[log[Int(a)] + log[Int(b)]]
        }

        /// The generator (x − α⁰)(x − α¹)…(x − α^(degree−1)), highest power first without its leading 1.
        static func generator(degree: Int) -> [UInt8] {
            var polynomial: [UInt8] = [1]
            for power in 0..<degree {
                var next = [UInt8](repeating: 0, count: polynomial.count + 1)
                for (index, coefficient) in polynomial.enumerated() {
                    next[index] ^= coefficient
                    next[index + 1] ^= multiply(coefficient, exp[power])
                }
                polynomial = next
            }
            return Array(polynomial.dropFirst())
        }

        static func remainder(of data: [UInt8], degree: Int) -> [UInt8] {
            let generator = generator(degree: degree)
            var remainder = [UInt8](repeating: 0, count: degree)
            for byte in data {
                let factor = byte ^ remainder[0]
                remainder.removeFirst()
                remainder.append(0)
                for index in 0..<degree { remainder[index] ^= multiply(generator[index], factor) }
            }
            return remainder
        }
    }

    // MARK: The matrix

    struct Matrix: Equatable {
        let version: Int
        var dark: [[Bool]]
        /// Modules of function patterns, which data and masks leave alone.
        var reserved: [[Bool]]

        init(version: Int) {
            self.version = version
            let size = 17 + 4 * version
            dark = Array(repeating: Array(repeating: false, count: size), count: size)
            reserved = dark
        }

        var size: Int { dark.count }

        mutating func set(_ row: Int, _ column: Int, _ value: Bool) {
            dark[row][column] = value
            reserved[row][column] = true
        }

        static let alignmentCentres: [Int: [Int]] = [
            2: [6, 18], 3: [6, 22], 4: [6, 26], 5: [6, 30], 6: [6, 34], 7: [6, 22, 38], 8: [6, 24, 42], 9: [6, 26, 46], 10: [6, 28, 50],
        ]

        mutating func placeFunctionPatterns() {
            for (row, column) in [(0, 0), (0, size - 7), (size - 7, 0)] { placeFinder(row, column) }
            for index in 8..<(size - 8) {
                set(6, index, index % 2 == 0)
                set(index, 6, index % 2 == 0)
            }
            let centres = Self.alignmentCentres[version] ?? []
            let (first, last) = (centres.first, centres.last)
            for row in centres {
                // Not where a finder pattern is: the top-left, top-right and bottom-left corners.
                for column in centres
                where !((row == first && column == first) || (row == first && column == last) || (row == last && column == first)) {
                    for dr in -2...2 {
                        for dc in -2...2 { set(row + dr, column + dc, max(abs(dr), abs(dc)) != 1) }
                    }
                }
            }
            // Format areas (filled later) and the dark module.
            for index in 0..<9 {
                reserved[8][index] = true
                reserved[index][8] = true
            }
            for index in 0..<8 {
                reserved[8][size - 1 - index] = true
                reserved[size - 1 - index][8] = true
            }
            set(size - 8, 8, true)
            if version >= 7 { placeVersion() }
        }

        mutating func placeFinder(_ top: Int, _ left: Int) {
            for dr in -1...7 {
                for dc in -1...7 {
                    let row = top + dr, column = left + dc
                    guard (0..<size).contains(row), (0..<size).contains(column) else { continue }
                    let ring = max(abs(dr - 3), abs(dc - 3))
                    set(row, column, ring != 2 && ring != 4)
                }
            }
        }

        mutating func placeVersion() {
            var remainder = version
            for _ in 0..<12 { remainder = (remainder << 1) ^ ((remainder >> 11) * 0x1F25) }
            let bits = version << 12 | remainder
            for index in 0..<18 {
                let bit = (bits >> index) & 1 == 1
                let a = size - 11 + index % 3, b = index / 3
                set(a, b, bit)
                set(b, a, bit)
            }
        }

        /// Fills the non-reserved modules two columns at a time, upwards then downwards, from the bottom right.
        mutating func placeData(_ codewords: [UInt8]) {
            var bitIndex = 0
            let totalBits = codewords.count * 8
            var right = size - 1
            while right >= 1 {
                if right == 6 { right = 5 }
                for vertical in 0..<size {
                    for offset in 0..<2 {
                        let column = right - offset
                        let upward = ((right + 1) & 2) == 0
                        let row = upward ? size - 1 - vertical : vertical
                        guard !reserved[row][column] else { continue }
                        if bitIndex < totalBits {
                            dark[row][column] = (codewords[bitIndex >> 3] >> (7 - UInt8(bitIndex & 7))) & 1 == 1
                            bitIndex += 1
                        }
                    }
                }
                right -= 2
            }
        }

        static func maskBit(_ mask: Int, _ row: Int, _ column: Int) -> Bool {
            switch mask {
            case 0: (row + column) % 2 == 0
            case 1: row % 2 == 0
            case 2: column % 3 == 0
            case 3: (row + column) % 3 == 0
            case 4: (row / 2 + column / 3) % 2 == 0
            case 5: row * column % 2 + row * column % 3 == 0
            case 6: (row * column % 2 + row * column % 3) % 2 == 0
            default: ((row + column) % 2 + row * column % 3) % 2 == 0
            }
        }

        mutating func apply(mask: Int) {
            for row in 0..<size {
                for column in 0..<size where !reserved[row][column] && Self.maskBit(mask, row, column) {
                    dark[row][column].toggle()
                }
            }
        }

        /// The 15 format bits (level M = 00, the mask, BCH code, fixed XOR) in both copies.
        mutating func placeFormat(mask: Int) {
            let data = (0b00 << 3) | mask
            var remainder = data
            for _ in 0..<10 { remainder = (remainder << 1) ^ ((remainder >> 9) * 0x537) }
            let bits = (data << 10 | remainder) ^ 0x5412
            func bit(_ index: Int) -> Bool { (bits >> index) & 1 == 1 }
            for index in 0...5 { dark[index][8] = bit(index) }
            dark[7][8] = bit(6)
            dark[8][8] = bit(7)
            dark[8][7] = bit(8)
            for index in 9..<15 { dark[8][14 - index] = bit(index) }
            for index in 0..<8 { dark[8][size - 1 - index] = bit(index) }
            for index in 8..<15 { dark[size - 15 + index][8] = bit(index) }
            dark[size - 8][8] = true
        }

        /// The standard's four penalty rules: runs, 2×2 blocks, finder-like patterns, and dark balance.
        func penalty() -> Int {
            var total = 0
            for line in lines() {
                var runColour = line[0], runLength = 1
                for module in line.dropFirst() {
                    if module == runColour {
                        runLength += 1
                    } else {
                        if runLength >= 5 { total += runLength - 2 }
                        runColour = module
                        runLength = 1
                    }
                }
                if runLength >= 5 { total += runLength - 2 }
                let pattern: [Bool] = [true, false, true, true, true, false, true]
                for start in 0..<(line.count - 6) where Array(line[start..<start + 7]) == pattern {
                    let before = (max(0, start - 4)..<start).allSatisfy { !line[$0] } && start >= 4
                    let after = (start + 7..<min(line.count, start + 11)).allSatisfy { !line[$0] } && start + 11 <= line.count
                    if before || after { total += 40 }
                }
            }
            for row in 0..<(size - 1) {
                for column in 0..<(size - 1) {
                    let colour = dark[row][column]
                    if dark[row][column + 1] == colour, dark[row + 1][column] == colour, dark[row + 1][column + 1] == colour { total += 3 }
                }
            }
            let darkCount = dark.reduce(0) { $0 + $1.filter { $0 }.count }
            let percent = darkCount * 100 / (size * size)
            total += abs(percent - 50) / 5 * 10
            return total
        }

        private func lines() -> [[Bool]] {
            dark + (0..<size).map { column in dark.map { $0[column] } }
        }
    }
}

extension QRCode {
    /// The code as SVG (one path, a quiet zone of four modules), sized by CSS.
    public func svg(title: String) -> String {
        var path = ""
        for (row, line) in modules.enumerated() {
            for (column, isDark) in line.enumerated() where isDark { path += "M\(column + 4) \(row + 4)h1v1h-1z" }
        }
        let side = size + 8
        let escaped = title.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        return
            "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"qr\" viewBox=\"0 0 \(side) \(side)\" role=\"img\" aria-label=\"\(escaped)\" "
            + "data-version=\"\(version)\" data-mask=\"\(mask)\"><rect width=\"\(side)\" height=\"\(side)\" fill=\"#fff\"/>"
            + "<path d=\"\(path)\" fill=\"#000\"/></svg>"
    }
}
