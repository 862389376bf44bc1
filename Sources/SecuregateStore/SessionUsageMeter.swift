import Foundation
import SecuregateCore

/// Counts the reads and writes in progress on each lane of connections (SQLite's readers and its one writer;
/// PostgreSQL's one pool), so that the metrics tell how busy the connections are and how many wait for one.
final class SessionUsageMeter: @unchecked Sendable {
    // Guards `inProgress`.
    private let lock = NSLock()
    private var inProgress: [Int]
    private let capacities: [Int]

    /// A meter for lanes of `capacities` connections each.
    init(capacities: [Int]) {
        self.capacities = capacities
        self.inProgress = Array(repeating: 0, count: capacities.count)
    }

    /// Runs `body`, counted on `lane` while it runs (waiting for its connection included).
    func measure<T>(lane: Int, _ body: () async throws -> T) async rethrows -> T {
        lock.withLock { inProgress[lane] += 1 }
        defer { lock.withLock { inProgress[lane] -= 1 } }
        return try await body()
    }

    /// What runs now: up to each lane's capacity busy, the rest waiting.
    var usage: StoreUsage {
        let counts = lock.withLock { inProgress }
        var usage = StoreUsage(busy: 0, waiting: 0, capacity: capacities.reduce(0, +))
        for (count, capacity) in zip(counts, capacities) {
            usage.busy += min(count, capacity)
            usage.waiting += max(0, count - capacity)
        }
        return usage
    }
}
