/// Hands out workers: an idle one, else a new one while fewer than `limit` exist, else the caller waits in
/// order. Workers are made on first need, so a server that never sees a face never loads the models.
actor FaceWorkerPool {
    private let limit: Int
    private let make: @Sendable () throws -> FaceWorker
    private var created = 0
    private var idle: [FaceWorker] = []
    private var waiting: [CheckedContinuation<FaceWorker, Never>] = []

    init(limit: Int, make: @escaping @Sendable () throws -> FaceWorker) {
        self.limit = max(1, limit)
        self.make = make
    }

    /// A worker, made or waited for as needed; throws when a new one cannot load its models.
    func take() async throws -> FaceWorker {
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
        return await withCheckedContinuation { waiting.append($0) }
    }

    /// Returns a worker: to the longest waiter, or to the idle ones.
    func give(_ worker: FaceWorker) {
        if waiting.isEmpty {
            idle.append(worker)
        } else {
            waiting.removeFirst().resume(returning: worker)
        }
    }
}
