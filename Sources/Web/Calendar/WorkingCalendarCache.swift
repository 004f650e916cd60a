import Domain
import Persistence

/// The working calendar built from the table, rebuilt only when the table has changed (checked with one
/// cheap query per use), so that every instance sees the secretariat's edits at once.
actor WorkingCalendarCache {
    private var cached: (version: String, calendar: WorkingCalendar)?

    func calendar(from store: CalendarStore) async throws -> WorkingCalendar {
        let version = try await store.version()
        if let cached, cached.version == version { return cached.calendar }
        let calendar = try await store.workingCalendar()
        cached = (version, calendar)
        return calendar
    }
}
