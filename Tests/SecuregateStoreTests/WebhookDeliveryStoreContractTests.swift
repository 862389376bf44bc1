import Foundation
import SecuregateCore
import SecuregateTestSupport
import Testing

/// Webhook events and their deliveries on every backend: each change writes its events for the endpoints that
/// want them, and claims keep one invite's events in order, lease, expire and finish.
struct WebhookDeliveryStoreContractTests {
    static func endpoint(_ id: String, account: String, events: [String], disabled: Bool = false) -> WebhookEndpoint {
        WebhookEndpoint(
            id: id, accountID: account, url: "https://hooks.example/\(id)", events: events, description: "",
            secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", createdAt: Fixture.t0, updatedAt: Fixture.t0,
            disabledAt: disabled ? Fixture.t0 : nil, disabledReason: disabled ? "paused" : nil
        )
    }

    /// The types of an endpoint's deliveries, oldest first.
    static func types(_ store: any SecuregateStore, endpoint: String, account: String = "acc_a") async throws -> [String] {
        try await store.webhookDeliveries(endpointID: endpoint, accountID: account, cursor: nil, limit: 500).items
            .reversed().map(\.event.type.rawValue)
    }

    @Test(arguments: StoreBackend.available)
    func everyChangeWritesItsEventsForTheEndpointsThatWantThem(_ backend: StoreBackend) async throws {
        try await backend.withStore { store, _ in
            try await Fixture.accounts(in: store)
            try await store.insertWebhook(Self.endpoint("ep_all", account: "acc_a", events: ["invite.*", "message.*", "face.*", "event.*"]))
            try await store.insertWebhook(Self.endpoint("ep_door", account: "acc_a", events: ["checkin.ok"]))
            try await store.insertWebhook(Self.endpoint("ep_off", account: "acc_a", events: ["*"], disabled: true))
            try await store.insertWebhook(Self.endpoint("ep_b", account: "acc_b", events: ["*"]))
            let t = Fixture.t0
            try await store.insertEvent(Fixture.event("evt_1", account: "acc_a"))
            let invites = ["inv_1", "inv_2"].map { Fixture.invite($0, event: "evt_1", account: "acc_a", email: "\($0)@x.io") }
            let messages = invites.map { Fixture.message("msg_\($0.id)", invite: $0.id, account: "acc_a") }
            _ = try await store.createInvites(invites, history: [], messages: messages, eventID: "evt_1", accountID: "acc_a")
            // Invited again: nothing new, no event.
            let again = Fixture.invite("inv_9", event: "evt_1", account: "acc_a", email: "inv_1@x.io")
            _ = try await store.createInvites([again], history: [], messages: [], eventID: "evt_1", accountID: "acc_a")
            _ = try await store.updateInviteStatus(
                eventID: "evt_1", inviteID: "inv_1", accountID: "acc_a", status: .accepted, at: t, keyID: nil, source: .api
            )
            // The same status again is no change.
            _ = try await store.updateInviteStatus(
                eventID: "evt_1", inviteID: "inv_1", accountID: "acc_a", status: .accepted, at: t, keyID: nil, source: .api
            )
            _ = try await store.claimMessages(limit: 10, now: t, leaseUntil: t.addingTimeInterval(60))
            try await store.completeDelivery(messageID: "msg_inv_2", at: t, marksSent: true)
            try await store.abandonDelivery(messageID: "msg_inv_1", error: "550 no such user", at: t)
            let face = FaceEnrollment(
                inviteID: "inv_1", eventID: "evt_1", descriptor: FaceStoreContractTests.descriptor(0.01), source: .invitee, enrolledAt: t
            )
            try await store.saveFace(face, accountID: "acc_a")
            #expect(try await store.deleteFace(inviteID: "inv_1", accountID: "acc_a", at: t))
            _ = try await store.softDeleteEvent(id: "evt_1", accountID: "acc_a", at: t)
            _ = try await store.softDeleteEvent(id: "evt_1", accountID: "acc_a", at: t)

            #expect(try await Self.types(store, endpoint: "ep_all") == [
                "event.created", "invite.created", "invite.created", "invite.status_changed", "invite.accepted",
                "message.delivered", "invite.status_changed", "message.failed", "face.enrolled", "face.erased", "event.deleted",
            ])
            #expect(try await Self.types(store, endpoint: "ep_door").isEmpty)
            #expect(try await Self.types(store, endpoint: "ep_off").isEmpty)
            #expect(try await Self.types(store, endpoint: "ep_b", account: "acc_b").isEmpty)
            await #expect(throws: SecuregateError.webhookNotFound) {
                _ = try await store.webhookDeliveries(endpointID: "ep_all", accountID: "acc_b", cursor: nil, limit: 10)
            }

            let log = try await store.webhookDeliveries(endpointID: "ep_all", accountID: "acc_a", cursor: nil, limit: 500).items.reversed()
            let data = log.map(\.event.data)
            #expect(data[3] == #"{"invite_id":"inv_1","event_id":"evt_1","from":"pending","to":"accepted","source":"api"}"#)
            #expect(data[5] == #"{"message_id":"msg_inv_2","invite_id":"inv_2","event_id":"evt_1","channel":"email"}"#)
            #expect(data[6] == #"{"invite_id":"inv_2","event_id":"evt_1","from":"pending","to":"sent","source":"delivery"}"#)
            #expect(data[7].hasSuffix(#""error":"550 no such user"}"#))
            #expect(data[8] == #"{"invite_id":"inv_1","event_id":"evt_1","source":"invitee"}"#)
            #expect(log.allSatisfy { $0.state == .pending && $0.event.accountID == "acc_a" && $0.nextAttemptAt == t })

            // A page at a time, newest first.
            let first = try await store.webhookDeliveries(endpointID: "ep_all", accountID: "acc_a", cursor: nil, limit: 4)
            let second = try await store.webhookDeliveries(endpointID: "ep_all", accountID: "acc_a", cursor: first.nextCursor, limit: 10)
            #expect(first.items.count == 4 && second.items.count == 7 && second.nextCursor == nil)
            #expect((first.items + second.items).map(\.id) == log.reversed().map(\.id))
        }
    }

    @Test(arguments: StoreBackend.available)
    func claimsKeepOneInvitesOrderLeaseAndFinish(_ backend: StoreBackend) async throws {
        try await backend.withStore { store, _ in
            try await Fixture.accounts(in: store)
            try await store.insertWebhook(Self.endpoint("ep_1", account: "acc_a", events: ["*"]))
            let t = Fixture.t0
            try await store.insertEvent(Fixture.event("evt_1", account: "acc_a"))
            let invites = ["inv_1", "inv_2"].map { Fixture.invite($0, event: "evt_1", account: "acc_a", email: "\($0)@x.io") }
            _ = try await store.createInvites(invites, history: [], messages: [], eventID: "evt_1", accountID: "acc_a")
            _ = try await store.updateInviteStatus(
                eventID: "evt_1", inviteID: "inv_1", accountID: "acc_a", status: .accepted, at: t, keyID: nil, source: .invitee
            )
            // Two invites created, one accepted (its change and its acceptance): all waiting, the oldest now.
            let backlog = try await store.webhookBacklog()
            #expect(backlog.queue == "webhook" && backlog.waiting >= 4 && backlog.oldest != nil)
            func claim(at seconds: TimeInterval) async throws -> [String] {
                let now = t.addingTimeInterval(seconds)
                return try await store.claimWebhookDeliveries(limit: 10, now: now, leaseUntil: now.addingTimeInterval(60))
                    .map { "\($0.0.event.type.rawValue) \($0.0.event.inviteID ?? "-")" }
            }
            func finish(_ type: String, invite: String?, _ state: WebhookDeliveryState, retryAt: Date? = nil, disable: String? = nil) async throws {
                let log = try await store.webhookDeliveries(endpointID: "ep_1", accountID: "acc_a", cursor: nil, limit: 50).items
                let delivery = try #require(log.first { $0.event.type.rawValue == type && $0.event.inviteID == invite })
                let attempt = WebhookAttempt(
                    attemptedAt: t, statusCode: state == .delivered ? 200 : 500, durationMilliseconds: 3, response: "",
                    error: state == .delivered ? nil : "the receiver answered 500"
                )
                try await store.recordWebhookAttempt(attempt, deliveryID: delivery.id, state: state, retryAt: retryAt, disable: disable)
            }
            // Only the first unfinished event of each invite is offered.
            #expect(try await claim(at: 0) == ["event.created -", "invite.created inv_1", "invite.created inv_2"])
            #expect(try await claim(at: 0).isEmpty, "leased")
            try await finish("invite.created", invite: "inv_1", .delivered)
            #expect(try await claim(at: 0) == ["invite.status_changed inv_1"])
            try await finish("invite.status_changed", invite: "inv_1", .pending, retryAt: t.addingTimeInterval(5))
            #expect(try await claim(at: 4).isEmpty, "not due, and the next one of inv_1 waits behind it")
            #expect(try await claim(at: 5) == ["invite.status_changed inv_1"])
            // A dead worker's claims come back when their lease ends, under the same event id.
            #expect(try await claim(at: 61) == ["event.created -", "invite.created inv_2"])
            try await finish("invite.status_changed", invite: "inv_1", .delivered)
            try await finish("event.created", invite: nil, .delivered)
            #expect(try await claim(at: 61) == ["invite.accepted inv_1"])
            let endpoint = try #require(try await store.webhook(id: "ep_1", accountID: "acc_a"))
            #expect(endpoint.failingSince == nil, "the last attempt succeeded")

            // A failure starts the endpoint's failing streak; a disabling stops its claims.
            try await finish("invite.accepted", invite: "inv_1", .failed, disable: "The receiver answered 410 Gone")
            let disabled = try #require(try await store.webhook(id: "ep_1", accountID: "acc_a"))
            #expect(disabled.failingSince == t && disabled.disabledReason == "The receiver answered 410 Gone")
            #expect(try await claim(at: 1000).isEmpty)
            let log = try await store.webhookDeliveries(endpointID: "ep_1", accountID: "acc_a", cursor: nil, limit: 50).items
            #expect(log.first { $0.event.type == .inviteStatusChanged }?.attempts.map(\.statusCode) == [500, 200])

            // Finished deliveries go after the retention with their attempts; unfinished ones stay.
            #expect(try await store.deleteWebhookDeliveries(completedAtOrBefore: t, limit: 1000) == 4)
            let kept = try await store.webhookDeliveries(endpointID: "ep_1", accountID: "acc_a", cursor: nil, limit: 50).items
            #expect(kept.map(\.event.type.rawValue) == ["invite.created"] && kept[0].state == .sending)
            #expect(try await store.deleteWebhook(id: "ep_1", accountID: "acc_a"))
        }
    }
}
