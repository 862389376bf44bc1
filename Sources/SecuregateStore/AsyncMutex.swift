import Foundation

/// A lock for async code: callers run their critical sections one at a time, in arrival order. Not an actor:
/// taking a free lock does not leave the caller's executor, so a critical section run on the writer's queue
/// never hops between threads.
final class AsyncMutex: @unchecked Sendable {
    // Guards `locked` and `waiters`.
    private let lock = NSLock()
    private var locked = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    /// Runs `body` while holding the lock.
    func withLock<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        await acquire()
        defer { release() }
        return try await body()
    }

    private func acquire() async {
        let free = lock.withLock {
            if locked { return false }
            locked = true
            return true
        }
        if free { return }
        await withCheckedContinuation { continuation in
            let acquired = lock.withLock {
                // Released between the first check and now: take it rather than wait for nobody.
                if !locked {
                    locked = true
                    return true
                }
                waiters.append(continuation)
                return false
            }
            if acquired { continuation.resume() }
        }
    }

    private func release() {
        let next = lock.withLock {
            if waiters.isEmpty {
                locked = false
                return nil as CheckedContinuation<Void, Never>?
            }
            // Ownership passes straight to the next waiter; `locked` stays true.
            return waiters.removeFirst()
        }
        next?.resume()
    }
}
