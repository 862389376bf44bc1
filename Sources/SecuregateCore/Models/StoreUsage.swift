/// How busy the store's database connections are, for the metrics.
public struct StoreUsage: Sendable, Equatable {
    /// Reads and writes running now.
    public var busy: Int
    /// Reads and writes waiting for a connection.
    public var waiting: Int
    /// Reads and writes that can run at once (the pool's size).
    public var capacity: Int

    public init(busy: Int, waiting: Int, capacity: Int) {
        self.busy = busy
        self.waiting = waiting
        self.capacity = capacity
    }
}
