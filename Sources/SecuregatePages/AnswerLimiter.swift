import Foundation

/// Answers per link: a few a minute, so that a script cannot flip an invitation back and forth.
final class AnswerLimiter: @unchecked Sendable {
    private let perMinute: Int
    private let lock = NSLock()
    private var windows: [String: (windowStart: Date, count: Int)] = [:]

    init(perMinute: Int = 10) {
        self.perMinute = perMinute
    }

    /// Whether one more answer for `token` is allowed at `now`.
    func allow(_ token: String, at now: Date) -> Bool {
        lock.withLock {
            // Old windows go when the table grows, so that it stays small.
            if windows.count > 10_000 { windows = windows.filter { now.timeIntervalSince($0.value.windowStart) < 60 } }
            var window = windows[token] ?? (now, 0)
            if now.timeIntervalSince(window.windowStart) >= 60 { window = (now, 0) }
            guard window.count < perMinute else { return false }
            window.count += 1
            windows[token] = window
            return true
        }
    }
}
