import Synchronization

/// A first-come, first-served lock for async code: one holder at a time, waiters resumed in order.
/// Used to lease SQLite's single connection, so that a transaction owns it from BEGIN to COMMIT.
///
/// A class over a synchronous mutex rather than an actor: taking a free lock and releasing it cost no task
/// switch, which matters because every SQLite statement takes it (measured with `motcua bench intake`).
final class AsyncMutex: Sendable {
    private struct State {
        var isLocked = false
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    private let state = Mutex(State())

    func withLock<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        await lock()
        defer { unlock() }
        return try await body()
    }

    private func lock() async {
        let acquired = state.withLock { state in
            if state.isLocked { return false }
            state.isLocked = true
            return true
        }
        if acquired { return }
        await withCheckedContinuation { (waiter: CheckedContinuation<Void, Never>) in
            let acquiredMeanwhile = state.withLock { state in
                if state.isLocked {
                    state.waiters.append(waiter)
                    return false
                }
                state.isLocked = true
                return true
            }
            if acquiredMeanwhile { waiter.resume() }
        }
    }

    /// Hands the lock straight to the first waiter, or frees it.
    private func unlock() {
        let next = state.withLock { state -> CheckedContinuation<Void, Never>? in
            if state.waiters.isEmpty {
                state.isLocked = false
                return nil
            }
            return state.waiters.removeFirst()
        }
        next?.resume()
    }
}
