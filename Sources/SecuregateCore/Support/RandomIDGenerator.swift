import Foundation

/// Time-ordered, unguessable identifiers: a 48-bit millisecond time and 80 random bits (ULID layout).
///
/// Within one millisecond the random part is incremented rather than redrawn, so identifiers made by
/// one process always sort in the order they were made: listing by id is listing by creation.
public final class RandomIDGenerator: IDGenerator, @unchecked Sendable {
    private let lock = NSLock()
    private var lastMillis: UInt64 = 0
    private var lastRandom: (high: UInt16, low: UInt64) = (0, 0)

    public init() {}

    public func makeID(_ kind: IDKind) -> String {
        let (millis, random) = nextComponents()
        var bytes = Array(kind.rawValue.utf8) + [UInt8(ascii: "_")]
        bytes += Base32.encode(millis, count: 10)
        bytes += Base32.encode(random.high, count: 4)
        bytes += Base32.encode(random.low, count: 12)
        return String(decoding: bytes, as: UTF8.self).lowercased()
    }

    public func makeSessionCode() -> String {
        // 12 characters of a 32-letter alphabet: 60 random bits, from one draw (each draw is a system call).
        var rng = SystemRandomNumberGenerator()
        let bits = rng.next()
        let chars = (0..<12).map { Base32.sessionCode[Int(bits >> (UInt64($0) * 5) & 31)] }
        return String(decoding: chars, as: UTF8.self)
    }

    public func makeSigningSecret() -> String {
        var rng = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &rng) }
        return "whsec_" + Data(bytes).base64EncodedString()
    }

    public func makeSecret() -> String {
        // 32 characters of 5 bits each: 160 random bits.
        var rng = SystemRandomNumberGenerator()
        let chars = (0..<32).map { _ in Base32.crockford[Int(rng.next() % 32)] }
        return String(decoding: chars, as: UTF8.self).lowercased()
    }

    private func nextComponents() -> (UInt64, (high: UInt16, low: UInt64)) {
        let now = UInt64(Date().timeIntervalSince1970 * 1000) & 0xFFFF_FFFF_FFFF
        return lock.withLock {
            if now > lastMillis {
                var rng = SystemRandomNumberGenerator()
                lastMillis = now
                // The top bit of the 80 stays clear so that increments within a millisecond cannot overflow.
                lastRandom = (UInt16.random(in: 0...0x7FFF, using: &rng), rng.next())
            } else {
                let (low, overflow) = lastRandom.low.addingReportingOverflow(1)
                lastRandom = (overflow ? lastRandom.high &+ 1 : lastRandom.high, low)
            }
            return (lastMillis, lastRandom)
        }
    }
}
