import Foundation

/// The deliveries of webhook events, claimed from the database by any number of workers and instances.
public protocol WebhookDeliveryStore: Sendable {
    /// Leases up to `limit` deliveries that are due, or being sent under an expired lease (their worker died),
    /// oldest first, each with its endpoint: they become `sending` until `leaseUntil`. A delivery waits while an
    /// earlier one of the same invite to the same endpoint is unfinished; disabled endpoints are skipped.
    func claimWebhookDeliveries(limit: Int, now: Date, leaseUntil: Date) async throws -> [(WebhookDelivery, WebhookEndpoint)]
    /// Records an attempt and what follows in one transaction: the delivery becomes `state` (`pending` again with
    /// `retryAt`); the endpoint's failing streak ends on success or starts on failure; `disable` disables it (its other
    /// deliveries wait until it is enabled again).
    func recordWebhookAttempt(
        _ attempt: WebhookAttempt, deliveryID: String, state: WebhookDeliveryState, retryAt: Date?, disable: String?
    ) async throws
    /// One of the account's endpoint's deliveries, newest first, `limit` at a time, after `cursor`. Throws
    /// `webhookNotFound`.
    func webhookDeliveries(endpointID: String, accountID: String, cursor: String?, limit: Int) async throws -> WebhookDeliveryPage
    /// Makes a finished or waiting delivery due at `at` again, keeping its attempts. Throws `webhookNotFound` or
    /// `webhookDeliveryNotFound`; a delivery being sent stays as it is.
    func retryWebhookDelivery(id: String, endpointID: String, accountID: String, at: Date) async throws -> WebhookDelivery
    /// Stores `event` with one delivery, to this endpoint only, due at once; returns the delivery.
    func queueWebhookTest(_ event: WebhookEvent, endpointID: String, deliveryID: String) async throws -> WebhookDelivery
    /// Deletes about `limit` finished deliveries completed at or before `cutoff`, with their attempts and the
    /// events left without deliveries; returns how many deliveries went.
    func deleteWebhookDeliveries(completedAtOrBefore cutoff: Date, limit: Int) async throws -> Int
    /// The deliveries pending or being sent, with the oldest's event time (queue `webhook`).
    func webhookBacklog() async throws -> QueueBacklog
}
