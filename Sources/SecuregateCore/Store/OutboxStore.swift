import Foundation

/// The notification outbox, shared by the delivery workers.
public protocol OutboxStore: Sendable {
    /// Leases up to `limit` queued messages that are due, or sending ones whose lease has expired (their
    /// worker died), until `leaseUntil`, oldest first: they become `sending` and count one more attempt.
    func claimMessages(limit: Int, now: Date, leaseUntil: Date) async throws -> [OutboxMessage]
    /// Extends the lease of a message still being sent, so that no other worker takes it meanwhile.
    func renewLease(messageID: String, until: Date) async throws
    /// Marks the message delivered and, in the same transaction when `marksSent`, moves its invite from
    /// `pending` to `sent`.
    func completeDelivery(messageID: String, at: Date, marksSent: Bool) async throws
    /// Records a failed attempt; the message is queued again for `retryAt`.
    func failDelivery(messageID: String, error: String, retryAt: Date) async throws
    /// Gives the message up for good, with the reason; its invite stays as it is.
    func abandonDelivery(messageID: String, error: String, at: Date) async throws
    /// Queues one more message for an invite of `eventID`, unless the event was deleted (`eventArchived`); the
    /// event's row is locked against a concurrent deletion.
    func queueMessage(_ message: OutboxMessage, eventID: String) async throws
    /// Deletes about `limit` messages delivered or given up at or before `cutoff`; returns how many. Queued and
    /// sending ones stay, however old.
    func deleteFinishedMessages(finishedAtOrBefore cutoff: Date, limit: Int) async throws -> Int
    /// The messages queued or being sent, per channel, with the oldest's creation time.
    func outboxBacklog() async throws -> [QueueBacklog]
    /// The messages addressed to one invite, oldest first.
    func messages(inviteID: String) async throws -> [OutboxMessage]
}
