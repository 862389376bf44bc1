import Foundation
import SecuregateCore
import SecuregateTestSupport
import Testing

/// The key and outbox parts of the store contract, run on every backend.
struct KeyAndOutboxStoreContractTests {
    @Test(arguments: StoreBackend.available)
    func accountsAndKeys(_ backend: StoreBackend) async throws {
        try await backend.withStore { store, _ in
            #expect(try await store.keyCount() == 0)
            let id = try await store.ensureAccount(name: "A", newID: "acc_a", at: Fixture.t0)
            #expect(try await store.ensureAccount(name: "A", newID: "acc_other", at: Fixture.t0) == id)
            let key = APIKeyRecord(id: "key_1", accountID: id, accountName: "A", secretHash: [1, 2, 3, 255], createdAt: Fixture.t0)
            try await store.insertKey(key)
            #expect(try await store.key(id: "key_1") == key)
            #expect(try await store.key(id: "key_2") == nil)
            #expect(try await store.keyCount() == 1)
            #expect(try await store.revokeKey(id: "key_1", at: Fixture.t0.addingTimeInterval(1)))
            #expect(try await store.key(id: "key_1")?.revokedAt == Fixture.t0.addingTimeInterval(1))
            #expect(try await store.revokeKey(id: "key_2", at: Fixture.t0) == false)
            #expect(try await store.allKeys().map(\.id) == ["key_1"])
        }
    }

    @Test(arguments: StoreBackend.available)
    func theOutboxLeasesDeliversAndRetries(_ backend: StoreBackend) async throws {
        try await backend.withStore { store, _ in
            try await Fixture.accounts(in: store)
            try await store.insertEvent(Fixture.event("evt_1", account: "acc_a"))
            let invites = (1...3).map { Fixture.invite("inv_\($0)", event: "evt_1", account: "acc_a", email: "p\($0)@x.io") }
            let messages = invites.map { Fixture.message("msg_\($0.id)", invite: $0.id, account: "acc_a") }
            _ = try await store.createInvites(invites, history: [], messages: messages, eventID: "evt_1", accountID: "acc_a")
            let t = Fixture.t0
            #expect(try await store.outboxBacklog() == [QueueBacklog(queue: "email", waiting: 3, oldest: t)])
            #expect(try await store.webhookBacklog() == QueueBacklog(queue: "webhook", waiting: 0, oldest: nil))
            let first = try await store.claimMessages(limit: 2, now: t, leaseUntil: t.addingTimeInterval(60))
            #expect(first.map(\.id) == ["msg_inv_1", "msg_inv_2"])
            #expect(first.allSatisfy { $0.attempts == 1 })
            // Leased messages are not offered to another worker until the lease ends.
            #expect(try await store.claimMessages(limit: 10, now: t, leaseUntil: t.addingTimeInterval(60)).map(\.id) == ["msg_inv_3"])
            #expect(try await store.claimMessages(limit: 10, now: t, leaseUntil: t.addingTimeInterval(60)).isEmpty)
            try await store.completeDelivery(messageID: "msg_inv_1", at: t.addingTimeInterval(1), marksSent: true)
            try await store.failDelivery(messageID: "msg_inv_2", error: "down", retryAt: t.addingTimeInterval(10))
            #expect(try await store.invite(id: "inv_1", accountID: "acc_a")?.status == .sent)
            #expect(try await store.invite(id: "inv_2", accountID: "acc_a")?.status == .pending)
            #expect(try await store.claimMessages(limit: 10, now: t.addingTimeInterval(10), leaseUntil: t.addingTimeInterval(70)).map(\.id) == ["msg_inv_2"])
            #expect(try await store.claimMessages(limit: 10, now: t.addingTimeInterval(60), leaseUntil: t.addingTimeInterval(120)).map(\.id) == ["msg_inv_3"])
            // Completing twice changes nothing, and never moves a later status back to sent.
            _ = try await store.updateInviteStatus(eventID: "evt_1", inviteID: "inv_3", accountID: "acc_a", status: .accepted, at: t, keyID: nil, source: .api)
            try await store.completeDelivery(messageID: "msg_inv_3", at: t.addingTimeInterval(61), marksSent: true)
            try await store.completeDelivery(messageID: "msg_inv_3", at: t.addingTimeInterval(62), marksSent: true)
            #expect(try await store.invite(id: "inv_3", accountID: "acc_a")?.status == .accepted)
            let third = try #require(try await store.messages(inviteID: "inv_3").first)
            #expect(third.deliveredAt == t.addingTimeInterval(61) && third.state == .delivered)
            // A message given up is failed with its reason, never offered again, and its invite stays pending.
            #expect(try await store.messages(inviteID: "inv_2").first?.state == .sending)
            try await store.abandonDelivery(messageID: "msg_inv_2", error: "550 no such user", at: t.addingTimeInterval(70))
            let second = try #require(try await store.messages(inviteID: "inv_2").first)
            #expect(second.state == .failed && second.lastError == "550 no such user" && second.failedAt == t.addingTimeInterval(70))
            #expect(try await store.claimMessages(limit: 10, now: t.addingTimeInterval(10_000), leaseUntil: t.addingTimeInterval(10_060)).isEmpty)
            #expect(try await store.invite(id: "inv_2", accountID: "acc_a")?.status == .pending)
            // Delivered and failed messages are no longer waiting.
            #expect(try await store.outboxBacklog().isEmpty)
            #expect(store.usage.busy == 0 && store.usage.waiting == 0 && store.usage.capacity > 0)
        }
    }

    @Test(arguments: StoreBackend.available)
    func aRenewedLeaseKeepsTheMessageFromOtherWorkers(_ backend: StoreBackend) async throws {
        try await backend.withStore { store, _ in
            try await Fixture.accounts(in: store)
            try await store.insertEvent(Fixture.event("evt_1", account: "acc_a"))
            let invite = Fixture.invite("inv_1", event: "evt_1", account: "acc_a", email: "p@x.io")
            _ = try await store.createInvites(
                [invite], history: [], messages: [Fixture.message("msg_1", invite: "inv_1", account: "acc_a")],
                eventID: "evt_1", accountID: "acc_a"
            )
            let t = Fixture.t0
            #expect(try await store.claimMessages(limit: 10, now: t, leaseUntil: t.addingTimeInterval(60)).count == 1)
            try await store.renewLease(messageID: "msg_1", until: t.addingTimeInterval(120))
            #expect(try await store.claimMessages(limit: 10, now: t.addingTimeInterval(60), leaseUntil: t.addingTimeInterval(180)).isEmpty)
            #expect(try await store.claimMessages(limit: 10, now: t.addingTimeInterval(120), leaseUntil: t.addingTimeInterval(180)).count == 1)
            // A delivered message's lease is not renewed back to life.
            try await store.completeDelivery(messageID: "msg_1", at: t.addingTimeInterval(121), marksSent: false)
            try await store.renewLease(messageID: "msg_1", until: t.addingTimeInterval(500))
            let message = try #require(try await store.messages(inviteID: "inv_1").first)
            #expect(message.state == .delivered)
            // The log transport's delivery does not make the invite sent.
            #expect(try await store.invite(id: "inv_1", accountID: "acc_a")?.status == .pending)
        }
    }
}
