import Foundation

/// Drains the notification outbox: claims due messages, hands each to the transport, records the outcome.
public struct OutboxDispatcher: Sendable {
    let store: any SecuregateStore
    let transport: any NotificationTransport
    let time: any TimeSource
    /// How long a claimed message stays reserved for this worker; a worker that dies releases it by expiry.
    public var lease: TimeInterval = 60
    /// How long to wait before offering a failed message again.
    public var retryDelay: TimeInterval = 30
    /// How many messages one pass claims.
    public var batchSize = 100

    public init(store: any SecuregateStore, transport: any NotificationTransport, time: any TimeSource) {
        self.store = store
        self.transport = transport
        self.time = time
    }

    /// Delivers what is due now; returns how many messages were handed over and how many failed.
    @discardableResult
    public func runOnce() async throws -> (delivered: Int, failed: Int) {
        let now = time.now()
        let claimed = try await store.claimMessages(limit: batchSize, now: now, leaseUntil: now.addingTimeInterval(lease))
        var delivered = 0
        var failed = 0
        for message in claimed {
            do {
                try await transport.deliver(message)
                try await store.completeDelivery(messageID: message.id, at: time.now())
                delivered += 1
            } catch {
                try await store.failDelivery(
                    messageID: message.id, error: String(describing: error), retryAt: time.now().addingTimeInterval(retryDelay)
                )
                failed += 1
            }
        }
        return (delivered, failed)
    }
}
