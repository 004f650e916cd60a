import Domain
import Persistence

/// The signed-in person for the current request, with their grants and the units they may see.
public struct Identity: Sendable {
    public var user: User
    public var grants: [Grant]
    public var scope: UnitScope

    public func has(_ role: Role) -> Bool { grants.contains { $0.role == role } }
    /// The working group's secretariat and the administrators keep the yearly calendar.
    public var editsCalendar: Bool { has(.secretariat) || has(.admin) }
    /// Officers and the working group, as opposed to the public.
    /// Whether the person works on dossiers or indices (a SIPAS surveyor only enters paper forms).
    public var isStaff: Bool { grants.contains { $0.role != .citizen && $0.role != .surveyor } }
}
