import Foundation

/// The notification outbox, shared by the delivery workers.
public protocol OutboxStore: Sendable {
    /// Leases up to `limit` undelivered messages whose lease has expired, until `leaseUntil`, oldest first.
    func claimMessages(limit: Int, now: Date, leaseUntil: Date) async throws -> [OutboxMessage]
    /// Marks the message delivered and, in the same transaction, moves its invite from `pending` to `sent`.
    func completeDelivery(messageID: String, at: Date) async throws
    /// Records a failed attempt; the message is offered again at `retryAt`.
    func failDelivery(messageID: String, error: String, retryAt: Date) async throws
    /// The messages addressed to one invite, oldest first.
    func messages(inviteID: String) async throws -> [OutboxMessage]
}
