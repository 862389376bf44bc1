import Foundation
import HummingbirdTesting
import SecuregateAPI
import SecuregateCore
import SecuregateTestSupport
import Testing

/// A transport that records what it was handed, or fails on demand.
final class RecordingTransport: NotificationTransport, @unchecked Sendable {
    private let lock = NSLock()
    private var delivered: [OutboxMessage] = []
    private var failing = false

    var messages: [OutboxMessage] { lock.withLock { delivered } }

    func setFailing(_ value: Bool) { lock.withLock { failing = value } }

    func deliver(_ message: OutboxMessage) async throws {
        struct TransportDown: Error {}
        try lock.withLock {
            if failing { throw TransportDown() }
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
                #expect(outcome.delivered == 5)
                #expect(outcome.failed == 0)
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
                dispatcher.retryDelay = 30
                #expect(try await dispatcher.runOnce().failed == 1)
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
}
