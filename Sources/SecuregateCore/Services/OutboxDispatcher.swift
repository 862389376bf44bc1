import Foundation

/// Drains the notification outbox: claims due messages, hands them to the transport several at once, and
/// records what really happened. A message is `delivered` only when the transport accepted it; one refused for
/// good, or still failing after the last retry, is `failed` with its reason and leaves its invite `pending`.
/// A message being sent keeps its lease renewed, so that no other worker or instance sends it too.
public struct OutboxDispatcher: Sendable {
    let store: any SecuregateStore
    let transport: any NotificationTransport
    let time: any TimeSource
    /// How long a claimed message stays reserved for this worker; renewed while it is being sent, and released
    /// by expiry when the worker dies.
    public var lease: TimeInterval = 60
    /// When a message that failed for now is tried again, and when it is given up.
    public var retries = RetrySchedule()
    /// How many messages one pass claims.
    public var batchSize = 100
    /// How many messages are handed to the transport at once.
    public var concurrency = 8
    /// Where the invitees' personal links come from, when messages carry them.
    public var links: InviteeService?

    public init(store: any SecuregateStore, transport: any NotificationTransport, time: any TimeSource) {
        self.store = store
        self.transport = transport
        self.time = time
    }

    /// What one pass did with the messages it claimed.
    public typealias Outcome = DeliveryOutcome

    /// Delivers what is due now.
    @discardableResult
    public func runOnce() async throws -> Outcome {
        let now = time.now()
        let claimed = try await store.claimMessages(limit: batchSize, now: now, leaseUntil: now.addingTimeInterval(lease))
        let states = try await claimed.concurrentMap(limit: concurrency) { try await deliver($0) }
        return Outcome(
            delivered: states.filter { $0 == .delivered }.count, retrying: states.filter { $0 == .queued }.count,
            failed: states.filter { $0 == .failed || $0 == .sending }.count
        )
    }

    /// Hands one claimed message over, its lease renewed meanwhile, and records the outcome; returns its state.
    func deliver(_ message: OutboxMessage) async throws -> MessageState {
        let failure: DeliveryFailure?
        do {
            let invitation = try await invitation(of: message)
            try await withLeaseRenewed(message.id) { try await transport.deliver(invitation) }
            failure = nil
        } catch let error as DeliveryFailure {
            failure = error
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            failure = .temporary(String(describing: error))
        }
        let now = time.now()
        switch failure {
        case nil:
            try await store.completeDelivery(messageID: message.id, at: now, marksSent: transport.reachesPeople(on: message.channel))
            return .delivered
        case .permanent(let reason)?:
            try await store.abandonDelivery(messageID: message.id, error: reason, at: now)
            return .failed
        case .temporary(let reason, let retryAfter)?:
            guard let delay = retries.delay(afterAttempts: message.attempts, retryAfter: retryAfter) else {
                try await store.abandonDelivery(
                    messageID: message.id, error: "gave up after \(message.attempts) attempts: \(reason)", at: now
                )
                return .failed
            }
            try await store.failDelivery(messageID: message.id, error: reason, retryAt: now.addingTimeInterval(delay))
            return .queued
        }
    }

    /// The message with its invite and event as they are now; a message whose event was archived since it was
    /// queued is not sent.
    func invitation(of message: OutboxMessage) async throws -> Invitation {
        guard let (invite, event) = try await store.inviteWithEvent(id: message.inviteID, accountID: message.accountID) else {
            throw DeliveryFailure.permanent("the invite no longer exists")
        }
        guard !event.isDeleted else { throw DeliveryFailure.permanent("the event was archived before the message was sent") }
        return Invitation(message: message, invite: invite, event: event, link: try await links?.link(of: invite))
    }

    /// Runs `work` while renewing the message's lease every third of it.
    func withLeaseRenewed(_ messageID: String, _ work: @escaping @Sendable () async throws -> Void) async throws {
        let (store, time, lease) = (store, time, lease)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                while true {
                    try await Task.sleep(for: .seconds(lease / 3))
                    try await store.renewLease(messageID: messageID, until: time.now().addingTimeInterval(lease))
                }
            }
            defer { group.cancelAll() }
            try await work()
        }
    }
}
