import Foundation

/// Waiting for work with a time limit that holds even when the work ignores cancellation.
///
/// A task group waits for every child before it returns, so a group racing a sleep lasts as long as its slowest
/// child: a database client that does not honour cancellation would hold the caller past its limit. Here the
/// work runs in a task of its own; the caller goes on at the limit and the work, cancelled, ends when it can.
public enum Race {
    /// Whether `work` finished within `limit`; past the limit the work is cancelled and not waited for.
    public static func first(within limit: Duration, _ work: @escaping @Sendable () async -> Void) async -> Bool {
        await result(within: limit) { await work(); return () } != nil
    }

    /// What `work` returned or threw, or nil when `limit` passed first; past the limit the work is cancelled and
    /// not waited for.
    public static func result<T: Sendable>(
        within limit: Duration, _ work: @escaping @Sendable () async throws -> T
    ) async -> Result<T, any Error>? {
        let outcome = Outcome<T>()
        let worker = Task {
            let result: Result<T, any Error>
            do { result = .success(try await work()) } catch { result = .failure(error) }
            outcome.settle(result)
        }
        let timer = Task {
            try? await Task.sleep(for: limit)
            outcome.settle(nil)
        }
        let result = await withTaskCancellationHandler {
            await outcome.value
        } onCancel: {
            outcome.settle(nil)
        }
        timer.cancel()
        if result == nil { worker.cancel() }
        return result
    }
}

/// The first of the work's result and the limit, handed once to the one waiting.
private final class Outcome<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var settled: Result<T, any Error>??
    private var waiter: CheckedContinuation<Result<T, any Error>?, Never>?

    /// Records `result` unless something came first, and wakes the one waiting.
    func settle(_ result: Result<T, any Error>?) {
        let waiter: CheckedContinuation<Result<T, any Error>?, Never>? = lock.withLock {
            guard settled == nil else { return nil }
            settled = .some(result)
            defer { self.waiter = nil }
            return self.waiter
        }
        waiter?.resume(returning: result)
    }

    /// The first thing settled, waiting for it when nothing was yet.
    var value: Result<T, any Error>? {
        get async {
            await withCheckedContinuation { continuation in
                let ready: Result<T, any Error>?? = lock.withLock {
                    if let settled { return .some(settled) }
                    waiter = continuation
                    return nil
                }
                if let ready { continuation.resume(returning: ready) }
            }
        }
    }
}
