import Foundation

/// Scores are kept in exact decimals and published to two decimals (indices.md): binary floating point adds
/// 0.1 + 0.2 to 0.30000000000000004, so two units whose scores add to the same decimal total in a different
/// order came out unequal and were ranked apart. Rankings compare the published value.
extension Decimal {
    /// Rounded to `places` decimals, halves away from zero (as a person rounds: 95.705 → 95.71).
    public func rounded(to places: Int) -> Decimal {
        var value = self, result = Decimal()
        NSDecimalRound(&result, &value, places, .plain)
        return result
    }

    /// The value published: two decimals.
    public var published: Decimal { rounded(to: 2) }

    /// For charts and spreadsheets, which draw and store binary numbers.
    public var double: Double { NSDecimalNumber(decimal: self).doubleValue }

    /// A value read from binary floating point (a framework file's maximum), kept to the hundred-thousandth so
    /// that 0.1 stays 0.1.
    public init(double value: Double) {
        guard value.isFinite, abs(value) < 1e12 else {
            self = 0
            return
        }
        self = Decimal(Int64((value * 100_000).rounded())) / 100_000
    }

    /// "95,70": the Vietnamese way, a decimal comma, no grouping.
    public func vietnamese(decimals: Int = 2) -> String {
        var text = rounded(to: decimals).description
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        let fraction = parts.count > 1 ? String(parts[1]) : ""
        text = String(parts[0])
        guard decimals > 0 else { return text }
        return text + "," + fraction.padding(toLength: decimals, withPad: "0", startingAt: 0)
    }
}
