import Foundation
import NIOCore
import NIOPosix

/// The request body bytes the whole process may hold at once. Each body reserves its bytes before they are
/// read (its `Content-Length`, or each piece of a chunked body as it comes); a body that does not fit waits in
/// line a moment for others to finish, and is refused when that is not enough. Without it, 48 clients each
/// sending 16 MiB took the server past a gigabyte.
final class BodyBudget: @unchecked Sendable {
    /// The bytes all bodies may hold together; 0 for no limit.
    let limit: Int
    /// How long a body waits for room before it is refused.
    let patience: TimeAmount
    // Guards `used`, `waiting` and `nextID`.
    private let lock = NSLock()
    private var used = 0
    private var waiting: [(id: Int, bytes: Int, continuation: CheckedContinuation<Bool, Never>)] = []
    private var nextID = 0

    init(limit: Int, patience: TimeAmount = .seconds(2)) {
        self.limit = limit
        self.patience = patience
    }

    /// The bytes reserved now.
    var inUse: Int { lock.withLock { used } }

    /// Reserves `bytes`, waiting up to `patience` for room; false when there was none.
    func reserve(_ bytes: Int) async -> Bool {
        guard limit > 0, bytes > 0 else { return true }
        let reserved = lock.withLock {
            // Those already waiting go first.
            guard waiting.isEmpty, used + bytes <= limit else { return false }
            used += bytes
            return true
        }
        if reserved { return true }
        // A body larger than the whole budget could never fit.
        guard bytes <= limit else { return false }
        return await withCheckedContinuation { continuation in
            let id: Int? = lock.withLock {
                if waiting.isEmpty, used + bytes <= limit {
                    used += bytes
                    return nil
                }
                nextID += 1
                waiting.append((nextID, bytes, continuation))
                return nextID
            }
            guard let id else { return continuation.resume(returning: true) }
            MultiThreadedEventLoopGroup.singleton.next().scheduleTask(in: patience) { self.giveUp(id) }
        }
    }

    /// Returns `bytes` and lets in those waiting that now fit, in order.
    func release(_ bytes: Int) {
        guard limit > 0, bytes > 0 else { return }
        let admitted: [CheckedContinuation<Bool, Never>] = lock.withLock {
            used -= bytes
            var admitted: [CheckedContinuation<Bool, Never>] = []
            while let first = waiting.first, used + first.bytes <= limit {
                used += first.bytes
                admitted.append(waiting.removeFirst().continuation)
            }
            return admitted
        }
        for continuation in admitted { continuation.resume(returning: true) }
    }

    /// Refuses a body that is still waiting when its patience runs out.
    private func giveUp(_ id: Int) {
        let refused: CheckedContinuation<Bool, Never>? = lock.withLock {
            guard let index = waiting.firstIndex(where: { $0.id == id }) else { return nil }
            return waiting.remove(at: index).continuation
        }
        refused?.resume(returning: false)
    }
}

/// The bytes one request has reserved in the budget, all returned at once when it is done.
final class BodyReservation: @unchecked Sendable {
    private let budget: BodyBudget
    // Touched by the request's own task only, one call after another.
    private var bytes = 0

    init(budget: BodyBudget) {
        self.budget = budget
    }

    /// Reserves `count` more bytes; false when the budget had no room in time.
    func add(_ count: Int) async -> Bool {
        guard await budget.reserve(count) else { return false }
        bytes += count
        return true
    }

    /// Returns everything reserved.
    func release() {
        budget.release(bytes)
        bytes = 0
    }
}
