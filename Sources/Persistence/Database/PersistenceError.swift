/// Failures of the storage layer that callers handle: a missing row, a conflicting write, a broken invariant.
public enum PersistenceError: Error, Equatable, Sendable {
    /// The object does not exist or is outside the caller's scope; callers answer 404 either way.
    case notFound
    /// A unique value is taken (a username, a code).
    case duplicate(String)
    /// Stored data contradicts an invariant; an operator must look.
    case corrupt(String)
}
