import Foundation

/// "Trong ngày" — a time limit of 0 days (issue 21, point 8). Many same-day procedures are legally "in the day;
/// received after 15:00, by the next working day" (birth registration, for one): a dossier deemed received before
/// the cut-off is due at the end of that working day, one received at or after it at the end of the next working
/// day. It is procedure data, with the text it comes from; a procedure that states none follows ``documented``.
///
/// In a procedure file: `"sameDay": {"cutoff": "15:00", "source": "…"}`.
public struct SameDayRule: Sendable, Hashable, Codable {
    /// Minutes after local midnight.
    public var cutoffMinute: Int
    /// The text the rule comes from.
    public var source: String

    public enum Problem: Error, Equatable {
        case unreadableCutoff(String)
        case noSource
    }

    public init(cutoffMinute: Int, source: String) {
        self.cutoffMinute = cutoffMinute
        self.source = source
    }

    /// A cut-off written "15:00", with its source.
    public init(cutoff: String, source: String) throws(Problem) {
        let pieces = cutoff.trimmingCharacters(in: .whitespaces).split(separator: ":")
        guard pieces.count == 2, pieces[0].count <= 2, pieces[1].count == 2, let hour = Int(pieces[0]), let minute = Int(pieces[1]),
            (0...23).contains(hour), (0...59).contains(minute)
        else { throw .unreadableCutoff(cutoff) }
        guard !source.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw .noSource }
        self.init(cutoffMinute: hour * 60 + minute, source: source)
    }

    /// The rule of a same-day procedure that states none: 15:00 ("after 15:00, the next working day"). Ours as
    /// a default; the procedure's own text overrides it.
    public static let documented = SameDayRule(
        cutoffMinute: 15 * 60,
        source: "Quy tắc mặc định của MotCua cho thủ tục giải quyết trong ngày: tiếp nhận trước 15 giờ trả kết quả trong ngày, "
            + "sau 15 giờ trả trong ngày làm việc tiếp theo (như quy định của nhiều thủ tục trong ngày, ví dụ đăng ký khai sinh); "
            + "thủ tục có quy định khác ghi giờ và văn bản của mình.")

    /// "15:00"
    public var cutoff: String { String(format: "%02d:%02d", cutoffMinute / 60, cutoffMinute % 60) }

    /// What a citizen reads: "Trong ngày (nhận trước 15:00 trả trong ngày; từ 15:00 trả trong ngày làm việc tiếp theo)".
    public var description: String {
        "Trong ngày (nhận trước \(cutoff) trả trong ngày; từ \(cutoff) trả trong ngày làm việc tiếp theo)"
    }

    enum CodingKeys: String, CodingKey { case cutoff, source }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let cutoff = try container.decode(String.self, forKey: .cutoff)
        do {
            try self.init(cutoff: cutoff, source: try container.decode(String.self, forKey: .source))
        } catch let problem as Problem {
            let detail = problem == .noSource ? "sameDay needs its source" : "sameDay cutoff is not a time like 15:00 (got \(cutoff))"
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: detail))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(cutoff, forKey: .cutoff)
        try container.encode(source, forKey: .source)
    }
}
