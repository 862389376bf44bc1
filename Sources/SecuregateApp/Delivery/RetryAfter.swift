import Foundation

/// Reads HTTP's `Retry-After` (RFC 9110): a number of seconds, or an HTTP date.
enum RetryAfter {
    /// The seconds to wait from `now`; nil when the value is neither form. A date already past is 0.
    static func seconds(_ value: String, now: Date) -> TimeInterval? {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        if let seconds = Int(trimmed), seconds >= 0 { return TimeInterval(seconds) }
        guard let date = try? Date(trimmed, strategy: Date.ParseStrategy(
            format: "\(weekday: .abbreviated), \(day: .twoDigits) \(month: .abbreviated) \(year: .defaultDigits) \(hour: .twoDigits(clock: .twentyFourHour, hourCycle: .zeroBased)):\(minute: .twoDigits):\(second: .twoDigits) GMT",
            locale: Locale(identifier: "en_US_POSIX"), timeZone: TimeZone(identifier: "GMT")!
        )) else { return nil }
        return max(0, date.timeIntervalSince(now))
    }
}
