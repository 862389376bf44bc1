import Foundation

extension Event {
    /// Timestamps at or above this are milliseconds, below it seconds.
    static let millisecondThreshold: Int = 100_000_000_000

    /// Reads a vendor timestamp, in seconds or milliseconds, as seconds.
    public static func seconds(fromTimestamp value: Int) -> Double {
        value >= millisecondThreshold ? Double(value) / 1000 : Double(value)
    }

    /// Where the event stands at `now`: archived once deleted, else by its start and end.
    public func status(at now: Date) -> EventStatus {
        if isDeleted { return .archived }
        let t = now.timeIntervalSince1970
        if t < Self.seconds(fromTimestamp: startTimestamp) { return .upcoming }
        if t < Self.seconds(fromTimestamp: endTimestamp) { return .ongoing }
        return .ended
    }
}
