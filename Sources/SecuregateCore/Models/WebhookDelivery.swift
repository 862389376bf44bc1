import Foundation

/// One event on its way to one endpoint, with every attempt made to deliver it.
public struct WebhookDelivery: Sendable, Equatable {
    public var id: String
    public var endpointID: String
    public var event: WebhookEvent
    public var state: WebhookDeliveryState
    /// How many attempts were made so far.
    public var attemptCount: Int
    /// The attempts made so far, oldest first (read for the log, not for sending).
    public var attempts: [WebhookAttempt]
    /// When the next attempt is due (pending), or until when the current one is leased (sending).
    public var nextAttemptAt: Date?
    /// When it was delivered or given up.
    public var completedAt: Date?

    public init(
        id: String, endpointID: String, event: WebhookEvent, state: WebhookDeliveryState, attemptCount: Int = 0,
        attempts: [WebhookAttempt] = [],
        nextAttemptAt: Date?, completedAt: Date? = nil
    ) {
        self.id = id
        self.endpointID = endpointID
        self.event = event
        self.state = state
        self.attemptCount = attemptCount
        self.attempts = attempts
        self.nextAttemptAt = nextAttemptAt
        self.completedAt = completedAt
    }
}

/// Where a delivery stands.
public enum WebhookDeliveryState: String, Sendable, CaseIterable {
    /// Waiting for its first attempt or for a retry.
    case pending
    /// An attempt is under way.
    case sending
    /// The receiver answered 2xx.
    case delivered
    /// Given up: the retries ran out, or the receiver answered `410 Gone`.
    case failed
}

/// One try to deliver an event: what the receiver answered, or why there was no answer.
public struct WebhookAttempt: Sendable, Equatable {
    public var attemptedAt: Date
    /// The HTTP status, when the receiver answered.
    public var statusCode: Int?
    public var durationMilliseconds: Int
    /// The first kilobyte of the answer's body.
    public var response: String
    /// Why it failed: a refused connection, a timeout, a status other than 2xx.
    public var error: String?

    public init(attemptedAt: Date, statusCode: Int?, durationMilliseconds: Int, response: String, error: String?) {
        self.attemptedAt = attemptedAt
        self.statusCode = statusCode
        self.durationMilliseconds = durationMilliseconds
        self.response = response
        self.error = error
    }
}

/// One page of an endpoint's deliveries, newest first.
public struct WebhookDeliveryPage: Sendable, Equatable {
    public var items: [WebhookDelivery]
    /// Pass it back as `cursor` for the next (older) page; `nil` on the last page.
    public var nextCursor: String?

    public init(items: [WebhookDelivery], nextCursor: String?) {
        self.items = items
        self.nextCursor = nextCursor
    }
}
