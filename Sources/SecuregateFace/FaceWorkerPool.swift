/// Hands out the idle workers; callers wait, in order, when all are busy.
actor FaceWorkerPool {
    private var idle: [FaceWorker]
    private var waiting: [CheckedContinuation<FaceWorker, Never>] = []

    init(workers: [FaceWorker]) {
        self.idle = workers
    }

    /// An idle worker, waiting for one if needed.
    func take() async -> FaceWorker {
        if let worker = idle.popLast() { return worker }
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
