/// A legal time limit (thời hạn giải quyết) as the procedure states it: working days, possibly with a half
/// day, or working hours. Days and hours are different units: one day is never turned into 24 hours.
public enum TimeLimit: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Whole and half working days, counted in half days: 5 days = 10, 0.5 day = 1, 0 ("trong ngày") = 0.
    case workingDays(halfDays: Int)
    /// Office minutes (8 hours = 480).
    case workingHours(minutes: Int)

    public enum Problem: Error, Equatable {
        case negative
        case notAHalfDayMultiple
        case notWholeMinutes
        case tooLarge
    }

    /// A number of working days in steps of 0.5.
    public static func days(_ days: Double) throws(Problem) -> TimeLimit {
        guard days >= 0 else { throw .negative }
        guard days <= 3650 else { throw .tooLarge }
        let halfDays = days * 2
        guard halfDays == halfDays.rounded() else { throw .notAHalfDayMultiple }
        return .workingDays(halfDays: Int(halfDays))
    }

    /// A number of working hours, to the minute.
    public static func hours(_ hours: Double) throws(Problem) -> TimeLimit {
        guard hours >= 0 else { throw .negative }
        guard hours <= 10_000 else { throw .tooLarge }
        let minutes = hours * 60
        guard minutes == minutes.rounded() else { throw .notWholeMinutes }
        return .workingHours(minutes: Int(minutes))
    }

    /// "5 ngày làm việc", "0,5 ngày làm việc", "Trong ngày", "8 giờ làm việc"
    public var description: String {
        switch self {
        case .workingDays(0):
            return "Trong ngày"
        case .workingDays(let halfDays):
            let whole = halfDays / 2
            return (halfDays % 2 == 0 ? "\(whole)" : "\(whole),5") + " ngày làm việc"
        case .workingHours(let minutes):
            return minutes % 60 == 0 ? "\(minutes / 60) giờ làm việc" : "\(minutes / 60) giờ \(minutes % 60) phút làm việc"
        }
    }
}

/// In files and the API a limit reads {"days": 2.5} or {"hours": 8}.
extension TimeLimit {
    enum CodingKeys: String, CodingKey {
        case days, hours
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        do {
            switch (try container.decodeIfPresent(Double.self, forKey: .days), try container.decodeIfPresent(Double.self, forKey: .hours)) {
            case (let days?, nil): self = try .days(days)
            case (nil, let hours?): self = try .hours(hours)
            default:
                throw DecodingError.dataCorrupted(
                    .init(codingPath: decoder.codingPath, debugDescription: "give exactly one of days or hours"))
            }
        } catch let problem as Problem {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: problem.message))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .workingDays(let halfDays): try container.encode(Double(halfDays) / 2, forKey: .days)
        case .workingHours(let minutes): try container.encode(Double(minutes) / 60, forKey: .hours)
        }
    }
}

extension TimeLimit.Problem {
    public var message: String {
        switch self {
        case .negative: "Thời hạn không được là số âm."
        case .notAHalfDayMultiple: "Thời hạn tính theo ngày phải là bội số của nửa ngày (0,5)."
        case .notWholeMinutes: "Thời hạn tính theo giờ phải tròn đến phút."
        case .tooLarge: "Thời hạn quá lớn."
        }
    }
}
