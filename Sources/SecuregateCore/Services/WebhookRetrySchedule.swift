import Foundation

/// When a webhook delivery that failed is tried again: at once, then after about 5 s, 5 min, 30 min, 2 h, 5 h,
/// 10 h and 24 h (about 42 hours in all), each wait spread by jitter so that failures do not retry together.
public struct WebhookRetrySchedule: Sendable {
    /// The waits after the first, second, … failed attempt; after the last, the delivery is given up.
    public var waits: [TimeInterval]
    /// The longest `Retry-After` honoured; a receiver cannot park a delivery for longer.
    public var longestRetryAfter: TimeInterval
    /// A factor near 1 that spreads retries.
    public var jitter: @Sendable () -> Double

    public init(
        waits: [TimeInterval] = [5, 300, 1800, 7200, 18_000, 36_000, 86_400], longestRetryAfter: TimeInterval = 86_400,
        jitter: @escaping @Sendable () -> Double = { Double.random(in: 0.9...1.1) }
    ) {
        self.waits = waits
        self.longestRetryAfter = longestRetryAfter
        self.jitter = jitter
    }

    /// The wait after `attempts` failed attempts, at least what the receiver asked for; nil when none is left.
    public func delay(afterAttempts attempts: Int, retryAfter: TimeInterval? = nil) -> TimeInterval? {
        guard attempts >= 1, attempts <= waits.count else { return nil }
        return max(waits[attempts - 1] * jitter(), min(retryAfter ?? 0, longestRetryAfter))
    }
}
