import Foundation

/// When and how long to wait before repeating an idempotent request: exponential backoff with
/// jitter on timeouts, dropped connections, broken pages, 429 and 5xx; `Retry-After` is honoured.
public struct RetryPolicy: Sendable {
    /// Attempts in all, the first included.
    public var attempts: Int
    public var baseDelay: TimeInterval
    public var maxDelay: TimeInterval

    public init(attempts: Int = 4, baseDelay: TimeInterval = 0.5, maxDelay: TimeInterval = 10) {
        self.attempts = max(1, attempts)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
    }

    /// No retries at all.
    public static let never = RetryPolicy(attempts: 1)

    /// HTTP statuses worth repeating: the server may answer differently in a moment.
    public static func isTransient(status: Int) -> Bool {
        status == 429 || status == 408 || (500...599).contains(status) && status != 501
    }

    /// The wait before attempt `attempt + 1` (attempt counts from 1), within `maxDelay`.
    public func delay(after attempt: Int, retryAfter: String?) -> TimeInterval {
        if let retryAfter, let seconds = Self.seconds(retryAfter) { return min(maxDelay, max(0, seconds)) }
        let exponential = baseDelay * pow(2, Double(attempt - 1))
        return min(maxDelay, exponential * Double.random(in: 0.5...1.5))
    }

    /// `Retry-After` as delta-seconds or an HTTP date.
    static func seconds(_ header: String) -> TimeInterval? {
        let trimmed = header.trimmingCharacters(in: .whitespaces)
        if let seconds = TimeInterval(trimmed) { return seconds }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return formatter.date(from: trimmed).map { $0.timeIntervalSinceNow }
    }
}
