import Foundation

/// Tells the current time; injected so that tests are exact.
public protocol TimeSource: Sendable {
    /// The current time.
    func now() -> Date
}

/// The system's clock, truncated to whole seconds as the API reports times.
public struct SystemTimeSource: TimeSource {
    public init() {}

    public func now() -> Date {
        Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down))
    }
}

/// A clock that stands still until a test moves it.
public final class ManualTimeSource: TimeSource, @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date

    public init(_ start: Date) {
        self.current = start
    }

    public func now() -> Date {
        lock.withLock { current }
    }

    /// Moves the clock to `date`.
    public func set(_ date: Date) {
        lock.withLock { current = date }
    }

    /// Moves the clock forward by `seconds`.
    public func advance(by seconds: TimeInterval) {
        lock.withLock { current = current.addingTimeInterval(seconds) }
    }
}
