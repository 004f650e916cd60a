import Foundation

/// How repeated sign-in failures slow down guessing (NIST SP 800-63B-4 §3.2.2, rate limiting): after a few
/// free attempts, each further failure locks the key (an account name, or a network address) for a delay that
/// doubles up to a cap. Failures older than the window are forgotten. Unknown and known accounts are throttled
/// alike, so the answer reveals nothing.
public struct SignInThrottlePolicy: Sendable, Equatable {
    public var freeAttempts: Int
    public var firstDelay: TimeInterval
    public var maximumDelay: TimeInterval
    public var window: TimeInterval

    public init(freeAttempts: Int = 5, firstDelay: TimeInterval = 30, maximumDelay: TimeInterval = 900, window: TimeInterval = 3600) {
        self.freeAttempts = freeAttempts
        self.firstDelay = firstDelay
        self.maximumDelay = maximumDelay
        self.window = window
    }

    /// Per account name: 5 free failures, then 30 s, 60 s, … up to 15 min.
    public static let perAccount = SignInThrottlePolicy()
    /// Per network address: more room for shared offices behind one address.
    public static let perAddress = SignInThrottlePolicy(freeAttempts: 20, firstDelay: 30, maximumDelay: 900, window: 3600)

    /// The lock that follows the given number of consecutive failures (0 while attempts are free).
    public func delay(afterFailures failures: Int) -> TimeInterval {
        guard failures >= freeAttempts else { return 0 }
        let doublings = min(failures - freeAttempts, 20)
        return min(firstDelay * pow(2, Double(doublings)), maximumDelay)
    }
}
