import Foundation

/// How many camera frames each device may send: a token bucket per key, so that a phone left scanning (or a
/// script) cannot keep the frame readers for itself. Each server instance keeps its own buckets.
public final class FrameAllowance: @unchecked Sendable {
    /// Frames a second, sustained.
    public let rate: Double
    /// Frames that may come at once after a pause.
    public let burst: Double
    private let lock = NSLock()
    private var buckets: [String: (tokens: Double, at: Date)] = [:]

    public init(rate: Double = 5, burst: Double = 10) {
        self.rate = rate
        self.burst = burst
    }

    /// Takes one frame from `keyID`'s allowance at `now`; nil when allowed, else the seconds to wait.
    public func take(_ keyID: String, at now: Date) -> Int? {
        lock.withLock {
            // Full buckets are forgotten when the table grows: a key that paused is as good as new.
            if buckets.count > 10_000 { buckets = buckets.filter { now.timeIntervalSince($0.value.at) * rate < burst } }
            var bucket = buckets[keyID] ?? (burst, now)
            bucket.tokens = min(burst, bucket.tokens + max(0, now.timeIntervalSince(bucket.at)) * rate)
            bucket.at = now
            defer { buckets[keyID] = bucket }
            guard bucket.tokens >= 1 else { return max(1, Int(((1 - bucket.tokens) / rate).rounded(.up))) }
            bucket.tokens -= 1
            return nil
        }
    }
}
