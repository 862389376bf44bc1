import Foundation
import SecuregateCore

/// Limits each API key to a sustained rate (a token bucket with a burst) and a number of requests in flight.
/// Each server instance keeps its own buckets: with several instances the limits apply per instance.
final class KeyRateLimiter: @unchecked Sendable {
    /// The limits; a `rate` of zero turns the token bucket off.
    struct Settings: Sendable, Equatable {
        var rate: Double
        var burst: Double
        var maxConcurrent: Int
    }

    /// The answer to a request for a slot.
    enum Decision: Equatable {
        case allowed
        /// Refused; the client may retry after this many seconds.
        case limited(retryAfter: Int)
    }

    private struct Bucket {
        var tokens: Double
        var refilledAt: Date
        var inFlight: Int
    }

    let settings: Settings
    private let time: any TimeSource
    private let lock = NSLock()
    private var buckets: [String: Bucket] = [:]

    init(settings: Settings, time: any TimeSource) {
        self.settings = settings
        self.time = time
    }

    /// Takes a slot for `keyID`; an allowed request must `release` it when it is answered.
    func acquire(_ keyID: String) -> Decision {
        let now = time.now()
        return lock.withLock {
            var bucket = buckets[keyID] ?? Bucket(tokens: settings.burst, refilledAt: now, inFlight: 0)
            defer { buckets[keyID] = bucket }
            if settings.rate > 0 {
                let elapsed = max(0, now.timeIntervalSince(bucket.refilledAt))
                bucket.tokens = min(settings.burst, bucket.tokens + elapsed * settings.rate)
                bucket.refilledAt = now
            }
            if settings.maxConcurrent > 0, bucket.inFlight >= settings.maxConcurrent {
                return .limited(retryAfter: 1)
            }
            if settings.rate > 0 {
                guard bucket.tokens >= 1 else {
                    return .limited(retryAfter: max(1, Int(((1 - bucket.tokens) / settings.rate).rounded(.up))))
                }
                bucket.tokens -= 1
            }
            bucket.inFlight += 1
            return .allowed
        }
    }

    /// Gives back the slot of an answered request.
    func release(_ keyID: String) {
        lock.withLock {
            buckets[keyID]?.inFlight -= 1
        }
    }
}
