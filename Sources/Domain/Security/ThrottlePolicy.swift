import Foundation

/// How repeated attempts slow down guessing (NIST SP 800-63B-4 §3.2.2, rate limiting): after a few free
/// attempts, each further one locks the key (an account name, a network address, a dossier code) for a delay
/// that doubles up to a cap. Attempts older than the window are forgotten. Used for sign-in failures (unknown
/// and known accounts alike, so the answer reveals nothing) and for public dossier tracking (so that codes
/// cannot be enumerated nor the digits that open a dossier guessed).
public struct ThrottlePolicy: Sendable, Equatable {
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
    public static let perAccount = ThrottlePolicy()
    /// Per network address: more room for shared offices behind one address.
    public static let perAddress = ThrottlePolicy(freeAttempts: 20, firstDelay: 30, maximumDelay: 900, window: 3600)

    /// Public tracking by code alone, per network address: a person looks up a few dossiers; a scraper walking
    /// the sequential codes is slowed after 30 lookups an hour.
    public static let trackingPerAddress = ThrottlePolicy(freeAttempts: 30, firstDelay: 60, maximumDelay: 3600, window: 3600)
    /// Wrong last digits of the phone or ID for one dossier code: 5 tries, then 5 min, 10 min … up to a day.
    public static let trackingPerCode = ThrottlePolicy(freeAttempts: 5, firstDelay: 300, maximumDelay: 86_400, window: 86_400)

    /// Sign-ups and feedback submissions per network address (each kind counted apart): 10 an hour free (a
    /// family or an office together), then doubling waits — each sign-up sends an SMS or an e-mail, each
    /// feedback item lands in a unit's inbox.
    public static let submissionsPerAddress = ThrottlePolicy(freeAttempts: 10, firstDelay: 60, maximumDelay: 3600, window: 3600)

    /// Every policy in use (housekeeping forgets counters older than the longest window).
    public static let all: [ThrottlePolicy] = [.perAccount, .perAddress, .trackingPerAddress, .trackingPerCode, .submissionsPerAddress]

    /// The lock that follows the given number of consecutive failures (0 while attempts are free).
    public func delay(afterFailures failures: Int) -> TimeInterval {
        guard failures >= freeAttempts else { return 0 }
        let doublings = min(failures - freeAttempts, 20)
        return min(firstDelay * pow(2, Double(doublings)), maximumDelay)
    }
}
