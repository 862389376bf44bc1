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
