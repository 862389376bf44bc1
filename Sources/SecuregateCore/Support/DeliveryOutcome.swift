/// What one pass of a delivery worker (messages, webhooks) did with what it claimed.
public struct DeliveryOutcome: Sendable, Equatable {
    public var delivered = 0
    /// Failed for now, queued for a later attempt.
    public var retrying = 0
    /// Given up for good.
    public var failed = 0

    public init(delivered: Int = 0, retrying: Int = 0, failed: Int = 0) {
        self.delivered = delivered
        self.retrying = retrying
        self.failed = failed
    }

    /// How many the pass handled.
    public var handled: Int { delivered + retrying + failed }
}
