/// Hands out workers (face engines, mail connections): an idle one, else a new one while fewer than `limit`
/// exist, else the caller waits in order, in a line of at most `maxWaiting`: beyond it, `take` throws
/// `WorkerPoolFull` at once rather than let work pile up in memory. A caller cancelled while it waits (its
/// client left) leaves the line. A `first` worker may be made with the pool, the others are made on first need.
public actor WorkerPool<Worker: Sendable> {
    private let limit: Int
    private let maxWaiting: Int
    private let make: @Sendable () throws -> Worker
    private var created = 0
    private var idle: [Worker] = []
    private var waiting: [(id: Int, continuation: CheckedContinuation<Worker, any Error>)] = []
    private var nextID = 0

    /// A pool whose `first` worker, when given, exists already; the others are made by `make` when first needed.
    public init(limit: Int, maxWaiting: Int = .max, first: Worker? = nil, make: @escaping @Sendable () throws -> Worker) {
        self.limit = max(1, limit)
        self.maxWaiting = max(0, maxWaiting)
        self.make = make
        self.idle = first.map { [$0] } ?? []
        self.created = first == nil ? 0 : 1
    }

    /// How many callers wait for a worker.
    public var queueLength: Int { waiting.count }

    /// A worker, made or waited for as needed; throws what `make` throws, `WorkerPoolFull` when the line is
    /// full, or `CancellationError` when the caller is cancelled while it waits.
    public func take() async throws -> Worker {
        try Task.checkCancellation()
        if let worker = idle.popLast() { return worker }
        if created < limit {
            created += 1
            do {
                return try make()
            } catch {
                created -= 1
                throw error
            }
        }
        guard waiting.count < maxWaiting else { throw WorkerPoolFull() }
        nextID += 1
        let id = nextID
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                waiting.append((id, continuation))
            }
        } onCancel: {
            Task { await self.leave(id) }
        }
    }

    /// Returns a worker: to the longest waiter, or to the idle ones.
    public func give(_ worker: Worker) {
        if waiting.isEmpty {
            idle.append(worker)
        } else {
            waiting.removeFirst().continuation.resume(returning: worker)
        }
    }

    /// Takes a cancelled caller out of the line, if it is still in it.
    private func leave(_ id: Int) {
        guard let index = waiting.firstIndex(where: { $0.id == id }) else { return }
        waiting.remove(at: index).continuation.resume(throwing: CancellationError())
    }
}

/// Every worker is busy and the line in front of them is full.
public struct WorkerPoolFull: Error {}
