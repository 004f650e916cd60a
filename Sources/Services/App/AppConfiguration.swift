import Domain
import Foundation
import Persistence

/// Everything the server reads from its environment, read once at start. Every variable has a default that
/// makes `motcua serve` work on SQLite; a bad value stops start-up with every problem listed.
///
/// | variable | default | meaning |
/// |---|---|---|
/// | `MOTCUA_DATA_DIR` | `./var` | the SQLite file, stored files and the generated secret |
/// | `DATABASE_URL` | (none: SQLite) | `postgres://user:pass@host:port/db` |
/// | `DATABASE_REPLICA_URL` | (none) | a streaming replica of `DATABASE_URL` that serves the statistics and index reports |
/// | `MOTCUA_PUBLIC_URL` | `http://<host>:<port>` | the address people use; `https://` makes cookies Secure |
/// | `MOTCUA_SECRET` | generated into the data folder | key for CSRF tokens; the same on every instance |
/// | `MOTCUA_BCRYPT_COST` | `12` | password hashing cost, 10–16 |
/// | `MOTCUA_TIME_ZONE` | `Asia/Ho_Chi_Minh` | the local time zone of dates shown |
/// | `MOTCUA_OFFICE_HOURS` | `08:00-12:00,13:00-17:00` | the default office hours |
/// | `MOTCUA_LOG_LEVEL` | `info` | trace, debug, info, notice, warning, error, critical |
/// | `MOTCUA_PORTAL_URL` | (none: not sent) | where dossier events are POSTed for the national portal (docs/PORTAL-SYNC.md) |
/// | `MOTCUA_PORTAL_TOKEN` | (none) | bearer token for that address |
/// | `MOTCUA_SMTP_URL` | (none: e-mail not sent) | `smtp://[user:password@]host[:port]` or `smtps://…` (docs/NOTIFICATIONS.md) |
/// | `MOTCUA_MAIL_FROM` | `no-reply@<public host>` | the sender address of e-mail |
/// | `MOTCUA_SMS_URL` | (none: SMS not sent) | the HTTP gateway that SMS messages are POSTed to |
/// | `MOTCUA_SMS_TOKEN` | (none) | bearer token for that gateway |
/// | `MOTCUA_TRUSTED_PROXIES` | (none) | addresses of the reverse proxies whose `X-Forwarded-For` names the client, comma-separated |
/// | `MOTCUA_MAX_CONCURRENT_REQUESTS` | 64 | requests handled at once; more are refused with 503 and Retry-After (docs/RELIABILITY.md) |
/// | `MOTCUA_STORAGE_RESERVE_MB` | 64 | room kept free on the data folder's disk: below it, changes, uploads and audited readings are refused with 507 (docs/RELIABILITY.md) |
/// | `MOTCUA_BACKUP_DIR` | `<data folder>/backups` | where "Sao lưu ngay" on the operations page writes each backup (a new folder per run); put it on another disk |
/// | `MOTCUA_CLAMD` | (none: uploads are not scanned) | the ClamAV daemon every upload is scanned by: `unix:/run/clamav/clamd.ctl` or `tcp://host:3310` |
public struct AppConfiguration: Sendable {
    public var hostname: String
    public var port: Int
    public var dataDirectory: String
    public var database: DatabaseLocation
    public var publicURL: String
    public var secret: String?
    public var bcryptCost: UInt8
    public var timeZone: TimeZone
    public var officeHours: OfficeHours
    /// The city's local time (the office hours' UTC offset): the one place the application makes a `LocalClock`.
    public var localClock: LocalClock { LocalClock(utcOffsetMinutes: officeHours.utcOffsetMinutes) }
    public var logLevel: String
    /// The national portal's receiving address; nil keeps the events queued, unsent.
    public var portalURL: URL?
    public var portalToken: String?
    /// Where e-mail is sent (nil: not sent) and from which address.
    public var smtpURL: URL?
    public var mailFrom: String = ""
    /// The SMS gateway (nil: SMS not sent).
    public var smsURL: URL?
    public var smsToken: String?
    /// The reverse proxies whose `X-Forwarded-For` is believed (exact addresses).
    public var trustedProxies: Set<String> = []
    /// Requests handled at once before more are shed with 503.
    public var maxConcurrentRequests = 64
    /// The ClamAV daemon uploads are scanned by.
    public var clamd: ClamAVScanner.Address?
    /// Bytes kept free on the data folder's disk (``StorageReserve``).
    public var storageReserveBytes: Int64 = 64 << 20
    /// `serve --demo` only, never read from the environment: messages of a channel without a gateway are delivered to
    /// the demo outbox page (`/demo/outbox`) instead of being skipped, so that a newcomer can finish registering.
    public var demoOutbox = false
    /// The folder the operations page's backups go to, one new folder per run.
    public var backupDirectory = "./var/backups"

    /// Cookies are marked Secure when people reach the product over HTTPS.
    public var usesSecureCookies: Bool { publicURL.lowercased().hasPrefix("https://") }

    /// Every problem found in the environment, reported together.
    public struct Problems: Error, CustomStringConvertible {
        public var messages: [String]
        public var description: String {
            "MotCua cannot start:\n" + messages.map { "  - \($0)" }.joined(separator: "\n")
        }
    }

    public static func load(environment: [String: String], hostname: String = "127.0.0.1", port: Int = 8080) throws(Problems)
        -> AppConfiguration
    {
        var problems: [String] = []
        let dataDirectory = environment["MOTCUA_DATA_DIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "./var"
        var database = DatabaseLocation.sqliteMemory
        do {
            database = try DatabaseLocation.from(
                databaseURL: environment["DATABASE_URL"], replicaURL: environment["DATABASE_REPLICA_URL"],
                dataDirectory: dataDirectory)
        } catch {
            problems.append(error.description)
        }
        if !(1...65535).contains(port) { problems.append("the port must be between 1 and 65535 (got \(port))") }
        let publicURL = environment["MOTCUA_PUBLIC_URL"] ?? "http://\(hostname):\(port)"
        if URL(string: publicURL)?.host == nil { problems.append("MOTCUA_PUBLIC_URL is not a URL: \(publicURL)") }
        let secret = environment["MOTCUA_SECRET"]
        if let secret, secret.utf8.count < 32 { problems.append("MOTCUA_SECRET must have at least 32 characters") }
        var cost: UInt8 = 12
        if let text = environment["MOTCUA_BCRYPT_COST"] {
            if let value = UInt8(text), (10...16).contains(value) {
                cost = value
            } else {
                problems.append("MOTCUA_BCRYPT_COST must be a whole number from 10 to 16 (got \(text))")
            }
        }
        let zoneName = environment["MOTCUA_TIME_ZONE"] ?? "Asia/Ho_Chi_Minh"
        let zone = TimeZone(identifier: zoneName)
        if zone == nil { problems.append("MOTCUA_TIME_ZONE is not a known time zone: \(zoneName)") }
        let hoursText = environment["MOTCUA_OFFICE_HOURS"] ?? "08:00-12:00,13:00-17:00"
        // Office hours are read at the zone's present offset (Asia/Ho_Chi_Minh keeps UTC+7 all year).
        let hours = try? OfficeHours(parsing: hoursText, utcOffsetMinutes: (zone?.secondsFromGMT() ?? 7 * 3600) / 60)
        if hours == nil {
            problems.append(
                "MOTCUA_OFFICE_HOURS must be a morning and an afternoon session in order, like 08:00-12:00,13:00-17:00 (got \(hoursText))")
        }
        let logLevel = environment["MOTCUA_LOG_LEVEL"] ?? "info"
        if !["trace", "debug", "info", "notice", "warning", "error", "critical"].contains(logLevel) {
            problems.append("MOTCUA_LOG_LEVEL must be one of trace, debug, info, notice, warning, error, critical")
        }
        var portalURL: URL?
        if let text = environment["MOTCUA_PORTAL_URL"], !text.isEmpty {
            portalURL = URL(string: text)
            if portalURL?.host == nil || !(portalURL?.scheme == "https" || portalURL?.scheme == "http") {
                problems.append("MOTCUA_PORTAL_URL must be an http(s) URL (got \(text))")
            }
        }
        var smtpURL: URL?
        if let text = environment["MOTCUA_SMTP_URL"], !text.isEmpty {
            smtpURL = URL(string: text)
            if smtpURL?.host == nil || !(smtpURL?.scheme == "smtp" || smtpURL?.scheme == "smtps") {
                problems.append("MOTCUA_SMTP_URL must be an smtp:// or smtps:// URL (got a value that is not)")
            }
        }
        let mailFrom =
            environment["MOTCUA_MAIL_FROM"].flatMap { $0.isEmpty ? nil : $0 } ?? "no-reply@\(URL(string: publicURL)?.host ?? "localhost")"
        if smtpURL != nil, SMTPTransport(url: URL(string: "smtp://localhost")!, from: mailFrom) == nil {
            problems.append("MOTCUA_MAIL_FROM must be a plain address like no-reply@dichvucong.hanoi.gov.vn (got \(mailFrom))")
        }
        var smsURL: URL?
        if let text = environment["MOTCUA_SMS_URL"], !text.isEmpty {
            smsURL = URL(string: text)
            if smsURL?.host == nil || !(smsURL?.scheme == "https" || smsURL?.scheme == "http") {
                problems.append("MOTCUA_SMS_URL must be an http(s) URL (got \(text))")
            }
        }
        let proxies = (environment["MOTCUA_TRUSTED_PROXIES"] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        for proxy in proxies where !Self.isAddress(proxy) {
            problems.append("MOTCUA_TRUSTED_PROXIES must list IP addresses separated by commas (got \(proxy))")
        }
        var clamd: ClamAVScanner.Address?
        if let text = environment["MOTCUA_CLAMD"], !text.isEmpty {
            clamd = ClamAVScanner.Address(text)
            if clamd == nil { problems.append("MOTCUA_CLAMD must be unix:/path/to/clamd.socket or tcp://host:port (got \(text))") }
        }
        var maxConcurrent = 64
        if let text = environment["MOTCUA_MAX_CONCURRENT_REQUESTS"] {
            if let value = Int(text), (1...100_000).contains(value) {
                maxConcurrent = value
            } else {
                problems.append("MOTCUA_MAX_CONCURRENT_REQUESTS must be a whole number from 1 to 100000 (got \(text))")
            }
        }
        var reserveMB: Int64 = 64
        if let text = environment["MOTCUA_STORAGE_RESERVE_MB"] {
            if let value = Int64(text), (0...1_000_000).contains(value) {
                reserveMB = value
            } else {
                problems.append("MOTCUA_STORAGE_RESERVE_MB must be a whole number of megabytes from 0 to 1000000 (got \(text))")
            }
        }
        guard problems.isEmpty, let zone, let hours else { throw Problems(messages: problems) }
        var configuration = AppConfiguration(
            hostname: hostname, port: port, dataDirectory: dataDirectory, database: database, publicURL: publicURL,
            secret: secret, bcryptCost: cost, timeZone: zone, officeHours: hours, logLevel: logLevel, portalURL: portalURL,
            portalToken: environment["MOTCUA_PORTAL_TOKEN"].flatMap { $0.isEmpty ? nil : $0 })
        configuration.smtpURL = smtpURL
        configuration.mailFrom = mailFrom
        configuration.smsURL = smsURL
        configuration.smsToken = environment["MOTCUA_SMS_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
        configuration.trustedProxies = Set(proxies)
        configuration.clamd = clamd
        configuration.maxConcurrentRequests = maxConcurrent
        configuration.storageReserveBytes = reserveMB << 20
        configuration.backupDirectory =
            environment["MOTCUA_BACKUP_DIR"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (dataDirectory as NSString).appendingPathComponent("backups")
        return configuration
    }

    /// An IPv4 address (four numbers 0–255) or an IPv6 one (hex groups and colons).
    package static func isAddress(_ text: String) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        if parts.count == 4 { return parts.allSatisfy { part in Int(part).map { (0...255).contains($0) && String($0) == part } ?? false } }
        return text.contains(":") && text.count <= 45 && text.allSatisfy { $0.isHexDigit || $0 == ":" || $0 == "." }
    }

    /// The CSRF key: `MOTCUA_SECRET`, or a random key kept in the data folder (created on first start).
    package func resolvedSecret() throws -> String {
        if let secret { return secret }
        let path = (dataDirectory as NSString).appendingPathComponent("secret.key")
        if let existing = try? String(contentsOfFile: path, encoding: .utf8), existing.utf8.count >= 32 {
            return existing.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        try FileManager.default.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true)
        let key = randomToken(bytes: 32)
        guard FileManager.default.createFile(atPath: path, contents: Data(key.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw ConfigurationProblem("cannot write the generated secret to \(path); set MOTCUA_SECRET or fix the data folder")
        }
        return key
    }
}
