import Foundation

/// Work waiting in one of the server's queues (a message channel, or the webhooks), for the metrics.
public struct QueueBacklog: Sendable, Equatable {
    /// The queue: `email`, `sms` or `webhook`.
    public var queue: String
    /// Items queued or being sent.
    public var waiting: Int
    /// When the oldest of them was made; `nil` when none waits.
    public var oldest: Date?

    public init(queue: String, waiting: Int, oldest: Date?) {
        self.queue = queue
        self.waiting = waiting
        self.oldest = oldest
    }
}
