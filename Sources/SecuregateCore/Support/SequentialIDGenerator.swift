import Foundation

/// Predictable identifiers for tests: `evt_000001`, `inv_000002`, … and session codes `CODE000003`.
public final class SequentialIDGenerator: IDGenerator, @unchecked Sendable {
    private let lock = NSLock()
    private var counter = 0

    public init() {}

    public func makeID(_ kind: IDKind) -> String {
        "\(kind.rawValue)_\(pad(next()))"
    }

    public func makeSessionCode() -> String {
        "CODE\(pad(next()))"
    }

    public func makeSigningSecret() -> String {
        // 32 bytes, the counter in the last: deterministic, and a valid secret for the signer.
        let n = next()
        return "whsec_" + Data((0..<32).map { $0 < 28 ? UInt8(0x5A) : UInt8(truncatingIfNeeded: n >> ((31 - $0) * 8)) }).base64EncodedString()
    }

    public func makeSecret() -> String {
        "secret\(pad(next()))"
    }

    private func next() -> Int {
        lock.withLock {
            counter += 1
            return counter
        }
    }

    private func pad(_ n: Int) -> String {
        let digits = String(n)
        return String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }
}
