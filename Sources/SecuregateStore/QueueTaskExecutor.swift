import Dispatch

/// A task executor over one serial dispatch queue: the tasks that prefer it run their SQLite statements there,
/// off the cooperative pool, so a statement that waits on the disk never stalls other tasks.
final class QueueTaskExecutor: TaskExecutor, @unchecked Sendable {
    private let queue: DispatchQueue

    init(label: String) {
        self.queue = DispatchQueue(label: label)
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        queue.async { job.runSynchronously(on: executor) }
    }
}
