import SecuregateCore

/// Hands out workers: an idle one, else a new one while fewer than `limit` exist, else the caller waits in
/// order, in a line of at most `maxWaiting`: beyond it, `take` throws `FaceEngineError.busy` at once rather
/// than let photos pile up in memory. A caller cancelled while it waits (its client left) leaves the line.
/// The first worker is made with the pool, the others on first need.
actor FaceWorkerPool<Worker: Sendable> {
    private let limit: Int
    private let maxWaiting: Int
    private let make: @Sendable () throws -> Worker
    private var created = 0
    private var idle: [Worker] = []
    private var waiting: [(id: Int, continuation: CheckedContinuation<Worker, any Error>)] = []
    private var nextID = 0

    /// A pool whose `first` worker exists already; the others are made by `make` when first needed.
    init(limit: Int, maxWaiting: Int, first: Worker, make: @escaping @Sendable () throws -> Worker) {
        self.limit = max(1, limit)
        self.maxWaiting = max(0, maxWaiting)
        self.make = make
        self.idle = [first]
        self.created = 1
    }

    /// How many callers wait for a worker.
    var queueLength: Int { waiting.count }

    /// A worker, made or waited for as needed; throws when a new one cannot load its models, when the line is
    /// full (`busy`), or when the caller is cancelled while it waits.
    func take() async throws -> Worker {
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
        guard waiting.count < maxWaiting else { throw FaceEngineError.busy }
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
    func give(_ worker: Worker) {
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
