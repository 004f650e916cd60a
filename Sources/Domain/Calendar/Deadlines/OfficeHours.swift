import Foundation

/// A unit's office hours (giờ làm việc): a morning and an afternoon session on each working day, in local time
/// at a fixed offset from UTC (Asia/Ho_Chi_Minh is UTC+7 with no daylight saving). The default is ours:
/// 08:00–12:00 and 13:00–17:00; each unit may set its own.
public struct OfficeHours: Sendable, Hashable, Codable {
    /// Minutes after local midnight.
    public var morningStart: Int
    public var morningEnd: Int
    public var afternoonStart: Int
    public var afternoonEnd: Int
    public var utcOffsetMinutes: Int

    public static let standard = OfficeHours(morningStart: 8 * 60, morningEnd: 12 * 60, afternoonStart: 13 * 60, afternoonEnd: 17 * 60)

    public enum Problem: Error, Equatable {
        case sessionsOutOfOrder
        case unreadable(String)
    }

    public init(morningStart: Int, morningEnd: Int, afternoonStart: Int, afternoonEnd: Int, utcOffsetMinutes: Int = 7 * 60) {
        self.morningStart = morningStart
        self.morningEnd = morningEnd
        self.afternoonStart = afternoonStart
        self.afternoonEnd = afternoonEnd
        self.utcOffsetMinutes = utcOffsetMinutes
    }

    /// Parses "08:00-12:00,13:00-17:00" (the form of MOTCUA_OFFICE_HOURS and of the unit settings).
    public init(parsing text: String, utcOffsetMinutes: Int = 7 * 60) throws(Problem) {
        let sessions = text.split(separator: ",").map { $0.split(separator: "-").map { $0.trimmingCharacters(in: .whitespaces) } }
        guard sessions.count == 2, sessions.allSatisfy({ $0.count == 2 }) else { throw .unreadable(text) }
        var minutes: [Int] = []
        for part in sessions.joined() {
            let pieces = part.split(separator: ":")
            guard pieces.count == 2, pieces[0].count <= 2, pieces[1].count == 2, let hour = Int(pieces[0]), let minute = Int(pieces[1]),
                (0...24).contains(hour), (0...59).contains(minute)
            else { throw .unreadable(text) }
            minutes.append(hour * 60 + minute)
        }
        self.init(
            morningStart: minutes[0], morningEnd: minutes[1], afternoonStart: minutes[2], afternoonEnd: minutes[3],
            utcOffsetMinutes: utcOffsetMinutes)
        guard morningStart < morningEnd, morningEnd <= afternoonStart, afternoonStart < afternoonEnd, afternoonEnd <= 24 * 60 else {
            throw .sessionsOutOfOrder
        }
    }

    public var morningSeconds: Int { (morningEnd - morningStart) * 60 }
    public var daySeconds: Int { (morningEnd - morningStart + afternoonEnd - afternoonStart) * 60 }

    /// "08:00-12:00,13:00-17:00"
    public var text: String {
        func clock(_ minutes: Int) -> String { String(format: "%02d:%02d", minutes / 60, minutes % 60) }
        return "\(clock(morningStart))-\(clock(morningEnd)),\(clock(afternoonStart))-\(clock(afternoonEnd))"
    }
}
