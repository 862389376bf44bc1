import Foundation

/// Delivers webhook events: claims due deliveries from the database, sends several at once, and records every
/// attempt. Only a 2xx answer delivers; `410 Gone` disables the endpoint; other failures retry on the schedule,
/// and an endpoint that has failed for `disableAfter` is disabled. A worker that dies leaves its claims to expire,
/// and they are sent again, under the same `webhook-id`.
public struct WebhookDispatcher: Sendable {
    let store: any SecuregateStore
    let transport: any WebhookTransport
    let time: any TimeSource
    public var retries = WebhookRetrySchedule()
    /// How long an endpoint may fail every attempt before it is disabled.
    public var disableAfter: TimeInterval = 5 * 86_400
    /// How many deliveries one pass claims.
    public var batchSize = 64
    /// How many requests are in flight at once.
    public var concurrency = 32
    /// The longest one request may take; the transport must end it by then.
    public var requestTimeout: TimeInterval = 15

    public init(store: any SecuregateStore, transport: any WebhookTransport, time: any TimeSource) {
        self.store = store
        self.transport = transport
        self.time = time
    }

    /// How long claimed deliveries stay reserved: twice what the whole batch may take. A worker that died
    /// leaves its deliveries to be sent again this long after it claimed them.
    public var lease: TimeInterval {
        2 * requestTimeout * (Double(batchSize) / Double(max(1, concurrency))).rounded(.up)
    }

    /// What one pass did.
    public typealias Outcome = DeliveryOutcome

    /// Sends what is due now.
    @discardableResult
    public func runOnce() async throws -> Outcome {
        let now = time.now()
        let claimed = try await store.claimWebhookDeliveries(limit: batchSize, now: now, leaseUntil: now.addingTimeInterval(lease))
        let states = try await claimed.concurrentMap(limit: concurrency) { try await deliver($0.0, to: $0.1) }
        return Outcome(
            delivered: states.filter { $0 == .delivered }.count, retrying: states.filter { $0 == .pending }.count,
            failed: states.filter { $0 == .failed || $0 == .sending }.count
        )
    }

    /// Sends one claimed delivery and records the attempt with what follows from it; returns the new state.
    func deliver(_ delivery: WebhookDelivery, to endpoint: WebhookEndpoint) async throws -> WebhookDeliveryState {
        let started = time.now()
        let clock = ContinuousClock()
        let began = clock.now
        // Which secrets sign is the domain's clock's to say; the transport stamps the request with the real time.
        let response = await transport.send(delivery.event, to: endpoint, secrets: endpoint.signingSecrets(at: started))
        let elapsed = clock.now - began
        let attempt = WebhookAttempt(
            attemptedAt: started, statusCode: response.statusCode,
            durationMilliseconds: Int(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000),
            response: response.body, error: response.isSuccess ? nil : response.error ?? "the receiver answered \(response.statusCode ?? 0)"
        )
        let (state, retryAt, disable) = decide(response, delivery: delivery, endpoint: endpoint, now: time.now())
        try await store.recordWebhookAttempt(attempt, deliveryID: delivery.id, state: state, retryAt: retryAt, disable: disable)
        return state
    }

    /// What follows from an answer: delivered; given up (and the endpoint disabled, saying why); or tried again.
    func decide(
        _ response: WebhookResponse, delivery: WebhookDelivery, endpoint: WebhookEndpoint, now: Date
    ) -> (WebhookDeliveryState, Date?, String?) {
        if response.isSuccess { return (.delivered, nil, nil) }
        if response.statusCode == 410 { return (.failed, nil, "The receiver answered 410 Gone") }
        if let since = endpoint.failingSince, now.timeIntervalSince(since) >= disableAfter {
            let days = Int((disableAfter / 86_400).rounded())
            return (.failed, nil, "Every delivery failed for \(days) days")
        }
        guard let wait = retries.delay(afterAttempts: delivery.attemptCount + 1, retryAfter: response.retryAfter) else {
            return (.failed, nil, nil)
        }
        return (.pending, now.addingTimeInterval(wait), nil)
    }
}
