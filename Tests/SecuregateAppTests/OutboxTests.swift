import Foundation
import HummingbirdTesting
import SecuregateAPI
import SecuregateApp
import SecuregateCore
import SecuregateTestSupport
import Testing

/// A transport that records what it was handed, or fails on demand: with an error of its own (taken as
/// temporary) or with the `DeliveryFailure` it is given.
final class RecordingTransport: NotificationTransport, @unchecked Sendable {
    private let lock = NSLock()
    private var delivered: [OutboxMessage] = []
    private var failing = false
    private var failure: DeliveryFailure?

    var messages: [OutboxMessage] { lock.withLock { delivered } }

    func setFailing(_ value: Bool) { lock.withLock { failing = value } }

    func fail(with failure: DeliveryFailure?) { lock.withLock { self.failure = failure } }

    func deliver(_ invitation: Invitation) async throws {
        let message = invitation.message
        struct TransportDown: Error {}
        try lock.withLock {
            if failing { throw TransportDown() }
            if let failure { throw failure }
            delivered.append(message)
        }
    }
}

struct OutboxTests {
    @Test(arguments: StoreBackend.available)
    func notifyQueuesMessagesThatDeliveryTurnsIntoSent(_ backend: StoreBackend) async throws {
        try await TestEnvironment.with(backend) { env in
            try await env.withClient { client in
                let event = try await client.createEvent(key: env.keyA)
                let both = try await client.invite(["a@x.io"], to: event, key: env.keyA, query: "notify=2")[0]
                let emailOnly = try await client.invite(["b@x.io"], to: event, key: env.keyA, query: "notify=1")[0]
                let none = try await client.invite(["c@x.io"], to: event, key: env.keyA, query: "notify=0")[0]
                let byDefault = try await client.invite(["d@x.io"], to: event, key: env.keyA, query: "")[0]
                #expect([both, emailOnly, none, byDefault].allSatisfy { $0["status"] == "pending" })

                let id = { (invite: JSONValue) in invite["id"]?.stringValue ?? "" }
                #expect(try await env.store.messages(inviteID: id(both)).map(\.channel) == [.email, .sms])
                #expect(try await env.store.messages(inviteID: id(emailOnly)).map(\.channel) == [.email])
                #expect(try await env.store.messages(inviteID: id(none)).isEmpty)
                #expect(try await env.store.messages(inviteID: id(byDefault)).map(\.channel) == [.email, .sms])

                let transport = RecordingTransport()
                env.time.advance(by: 5)
                let dispatcher = OutboxDispatcher(store: env.store, transport: transport, time: env.time)
                let outcome = try await dispatcher.runOnce()
                #expect(outcome == OutboxDispatcher.Outcome(delivered: 5, retrying: 0, failed: 0))
                let sms = transport.messages.first { $0.inviteID == id(both) && $0.channel == .sms }
                #expect(sms?.recipient == "+4477009000")
                #expect(transport.messages.first { $0.inviteID == id(both) && $0.channel == .email }?.recipient == "a@x.io")

                for invite in [both, emailOnly, byDefault] {
                    let stored = try await client.call(.get, "/invites/\(id(invite))", key: env.keyA).json
                    #expect(stored["status"] == "sent")
                    #expect(stored["updated_at"] == "2026-01-01T00:00:05Z")
                }
                #expect(try await client.call(.get, "/invites/\(id(none))", key: env.keyA).json["status"] == "pending")
                let history = try await client.call(.get, "/events/\(event)/invites/\(id(both))/history", key: env.keyA).json.arrayValue
                #expect(history.map { $0["to_status"] } == ["pending", "sent"])
                #expect(history.last?["key_id"] == .null)
                // Delivered messages are not offered again.
                #expect(try await dispatcher.runOnce().delivered == 0)
            }
        }
    }

    @Test(arguments: StoreBackend.available)
    func aFailedDeliveryIsRetriedAndAClaimExpires(_ backend: StoreBackend) async throws {
        try await TestEnvironment.with(backend) { env in
            try await env.withClient { client in
                let event = try await client.createEvent(key: env.keyA)
                let invite = try await client.invite(["a@x.io"], to: event, key: env.keyA, query: "notify=1")[0]
                let transport = RecordingTransport()
                transport.setFailing(true)
                var dispatcher = OutboxDispatcher(store: env.store, transport: transport, time: env.time)
                dispatcher.retries = RetrySchedule(first: 30, jitter: { 1 })
                #expect(try await dispatcher.runOnce().retrying == 1)
                transport.setFailing(false)
                #expect(try await dispatcher.runOnce().delivered == 0)
                env.time.advance(by: 30)
                #expect(try await dispatcher.runOnce().delivered == 1)
                #expect(try await env.store.messages(inviteID: invite["id"]?.stringValue ?? "").first?.attempts == 2)

                // A worker that claimed a message and died releases it when its lease runs out.
                let second = try await client.invite(["b@x.io"], to: event, key: env.keyA, query: "notify=1")[0]
                let now = env.time.now()
                let claimed = try await env.store.claimMessages(limit: 10, now: now, leaseUntil: now.addingTimeInterval(60))
                #expect(claimed.map(\.inviteID) == [second["id"]?.stringValue ?? ""])
                #expect(try await dispatcher.runOnce().delivered == 0)
                env.time.advance(by: 60)
                #expect(try await dispatcher.runOnce().delivered == 1)
                #expect(transport.messages.count == 2)
            }
        }
    }

    @Test(arguments: StoreBackend.available)
    func refusedMessagesAndExhaustedRetriesFailAndLeaveTheInvitePending(_ backend: StoreBackend) async throws {
        try await TestEnvironment.with(backend) { env in
            try await env.withClient { client in
                let event = try await client.createEvent(key: env.keyA)
                let refused = try await client.invite(["a@x.io"], to: event, key: env.keyA, query: "notify=1")[0]
                let transport = RecordingTransport()
                var dispatcher = OutboxDispatcher(store: env.store, transport: transport, time: env.time)
                dispatcher.retries = RetrySchedule(first: 30, maxAttempts: 3, jitter: { 1 })
                // Refused for good: failed at once, with the reason, and never offered again.
                transport.fail(with: .permanent("550 5.1.1 no such user"))
                #expect(try await dispatcher.runOnce() == OutboxDispatcher.Outcome(failed: 1))
                let id = { (invite: JSONValue) in invite["id"]?.stringValue ?? "" }
                let failed = try #require(try await env.store.messages(inviteID: id(refused)).first)
                #expect(failed.state == .failed && failed.lastError == "550 5.1.1 no such user" && failed.attempts == 1)
                env.time.advance(by: 86_400)
                #expect(try await dispatcher.runOnce() == OutboxDispatcher.Outcome())
                #expect(try await client.call(.get, "/invites/\(id(refused))", key: env.keyA).json["status"] == "pending")

                // Failing for now: retried after 30 s, then 60 s (the server's Retry-After of 600 s wins over 60),
                // and given up after the third attempt.
                let flaky = try await client.invite(["b@x.io"], to: event, key: env.keyA, query: "notify=1")[0]
                transport.fail(with: .temporary("421 try later"))
                #expect(try await dispatcher.runOnce() == OutboxDispatcher.Outcome(retrying: 1))
                env.time.advance(by: 29)
                #expect(try await dispatcher.runOnce() == OutboxDispatcher.Outcome())
                env.time.advance(by: 1)
                transport.fail(with: .temporary("429 slow down", retryAfter: 600))
                #expect(try await dispatcher.runOnce() == OutboxDispatcher.Outcome(retrying: 1))
                env.time.advance(by: 599)
                #expect(try await dispatcher.runOnce() == OutboxDispatcher.Outcome())
                env.time.advance(by: 1)
                #expect(try await dispatcher.runOnce() == OutboxDispatcher.Outcome(failed: 1))
                let exhausted = try #require(try await env.store.messages(inviteID: id(flaky)).first)
                #expect(exhausted.state == .failed && exhausted.attempts == 3)
                #expect(exhausted.lastError == "gave up after 3 attempts: 429 slow down")
                #expect(try await client.call(.get, "/invites/\(id(flaky))", key: env.keyA).json["status"] == "pending")
            }
        }
    }

    @Test func theLogTransportReachesNobodyAndLeavesInvitesPending() async throws {
        try await TestEnvironment.with(.sqlite) { env in
            try await env.withClient { client in
                let event = try await client.createEvent(key: env.keyA)
                let invite = try await client.invite(["a@x.io"], to: event, key: env.keyA, query: "notify=1")[0]
                let dispatcher = OutboxDispatcher(store: env.store, transport: LogTransport(logger: TestEnvironment.quietLogger), time: env.time)
                #expect(try await dispatcher.runOnce() == OutboxDispatcher.Outcome(delivered: 1))
                let id = invite["id"]?.stringValue ?? ""
                #expect(try await env.store.messages(inviteID: id).first?.state == .delivered)
                #expect(try await client.call(.get, "/invites/\(id)", key: env.keyA).json["status"] == "pending")
            }
        }
    }

    /// A transport that holds each message until it is let go.
    final class HeldTransport: NotificationTransport, @unchecked Sendable {
        private let lock = NSLock()
        private var handed: [String] = []
        private let gate = DispatchSemaphore(value: 0)

        var received: [String] { lock.withLock { handed } }

        func release() { gate.signal() }

        func deliver(_ invitation: Invitation) async throws {
            lock.withLock { handed.append(invitation.message.id) }
            let gate = self.gate
            await withCheckedContinuation { continuation in
                DispatchQueue.global().async {
                    gate.wait()
                    continuation.resume()
                }
            }
        }
    }

    @Test(arguments: StoreBackend.available)
    func aMessageBeingSentKeepsItsLeaseAndNoOtherWorkerSendsIt(_ backend: StoreBackend) async throws {
        try await TestEnvironment.with(backend) { env in
            try await env.withClient { client in
                let event = try await client.createEvent(key: env.keyA)
                _ = try await client.invite(["a@x.io"], to: event, key: env.keyA, query: "notify=1")
                let slow = HeldTransport()
                var first = OutboxDispatcher(store: env.store, transport: slow, time: env.time)
                first.lease = 3  // renewed every second (the store keeps whole seconds)
                let sending = Task { try await first.runOnce() }
                while slow.received.isEmpty { try await Task.sleep(for: .milliseconds(20)) }
                // Long past the first lease: without renewal another worker would take the message now.
                env.time.advance(by: 3600)
                // Renewals come every second; waiting for two leaves room on a busy machine.
                try await Task.sleep(for: .milliseconds(2500))
                let other = RecordingTransport()
                let second = OutboxDispatcher(store: env.store, transport: other, time: env.time)
                #expect(try await second.runOnce() == OutboxDispatcher.Outcome())
                slow.release()
                #expect(try await sending.value == OutboxDispatcher.Outcome(delivered: 1))
                #expect(other.messages.isEmpty && slow.received.count == 1)
            }
        }
    }
}
