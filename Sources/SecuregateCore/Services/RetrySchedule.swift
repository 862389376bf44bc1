import Foundation

/// When a message that failed for now is tried again: exponential backoff with jitter, about a day in all.
public struct RetrySchedule: Sendable {
    /// The wait after the first failed attempt.
    public var first: TimeInterval
    /// The longest wait between two attempts.
    public var longest: TimeInterval
    /// The attempts after which a message that still fails is given up.
    public var maxAttempts: Int
    /// A factor near 1 that spreads retries, so that messages failed together are not retried together.
    public var jitter: @Sendable () -> Double

    /// 30 s, doubling, at most 2 h apart, 20 attempts: the last about a day after the first.
    public init(
        first: TimeInterval = 30, longest: TimeInterval = 7200, maxAttempts: Int = 20,
        jitter: @escaping @Sendable () -> Double = { Double.random(in: 0.8...1.2) }
    ) {
        self.first = first
        self.longest = longest
        self.maxAttempts = maxAttempts
        self.jitter = jitter
    }

    /// The wait after `attempts` failed attempts, at least what the server asked for in `retryAfter`;
    /// `nil` when no attempt is left.
    public func delay(afterAttempts attempts: Int, retryAfter: TimeInterval? = nil) -> TimeInterval? {
        guard attempts < maxAttempts else { return nil }
        let backoff = min(longest, first * pow(2, Double(max(attempts, 1) - 1))) * jitter()
        return max(backoff, retryAfter ?? 0)
    }
}
