import Foundation
import SecuregateCore
import SecuregateTestSupport
import Testing

/// The invite part of the store contract, run on every backend.
struct InviteStoreContractTests {
    @Test(arguments: StoreBackend.available)
    func batchesAreIdempotentByNormalizedEmail(_ backend: StoreBackend) async throws {
        try await backend.withStore { store, _ in
            try await Fixture.accounts(in: store)
            try await store.insertEvent(Fixture.event("evt_1", account: "acc_a"))
            let first = [Fixture.invite("inv_1", event: "evt_1", account: "acc_a", email: "Ada@X.io")]
            let history = [InviteStatusChange(inviteID: "inv_1", from: nil, to: .pending, changedAt: Fixture.t0, keyID: "key_1", source: .api)]
            let stored = try await store.createInvites(first, history: history, messages: [], eventID: "evt_1", accountID: "acc_a")
            #expect(stored == first)
            let second = [
                Fixture.invite("inv_2", event: "evt_1", account: "acc_a", email: " ada@x.IO "),
                Fixture.invite("inv_3", event: "evt_1", account: "acc_a", email: "bob@x.io"),
            ]
            let secondHistory = second.map { InviteStatusChange(inviteID: $0.id, from: nil, to: .pending, changedAt: Fixture.t0, keyID: "key_1", source: .api) }
            let messages = second.map { Fixture.message("msg_\($0.id)", invite: $0.id, account: "acc_a") }
            let result = try await store.createInvites(second, history: secondHistory, messages: messages, eventID: "evt_1", accountID: "acc_a")
            #expect(result.map(\.id) == ["inv_1", "inv_3"])
            #expect(try await store.invites(eventID: "evt_1", accountID: "acc_a", status: nil).map(\.id) == ["inv_1", "inv_3"])
            // History and messages of the invite that already existed are not written again.
            #expect(try await store.statusHistory(inviteID: "inv_1", accountID: "acc_a").count == 1)
            #expect(try await store.messages(inviteID: "inv_2").isEmpty)
            #expect(try await store.messages(inviteID: "inv_3").count == 1)
        }
    }

    @Test(arguments: StoreBackend.available)
    func aFailingBatchLeavesNothingBehind(_ backend: StoreBackend) async throws {
        try await backend.withStore { store, _ in
            try await Fixture.accounts(in: store)
            try await store.insertEvent(Fixture.event("evt_1", account: "acc_a"))
            _ = try await store.createInvites(
                [Fixture.invite("inv_1", event: "evt_1", account: "acc_a", email: "a@x.io", code: "SAME")],
                history: [], messages: [], eventID: "evt_1", accountID: "acc_a"
            )
            // The last invite's session code collides: the whole batch, history and messages included, is undone.
            let batch = [
                Fixture.invite("inv_2", event: "evt_1", account: "acc_a", email: "b@x.io"),
                Fixture.invite("inv_3", event: "evt_1", account: "acc_a", email: "c@x.io", code: "SAME"),
            ]
            await #expect(throws: (any Error).self) {
                try await store.createInvites(
                    batch, history: [], messages: [Fixture.message("msg_2", invite: "inv_2", account: "acc_a")],
                    eventID: "evt_1", accountID: "acc_a"
                )
            }
            #expect(try await store.invites(eventID: "evt_1", accountID: "acc_a", status: nil).map(\.id) == ["inv_1"])
            #expect(try await store.messages(inviteID: "inv_2").isEmpty)
        }
    }

    @Test(arguments: StoreBackend.available)
    func batchesCheckTheEvent(_ backend: StoreBackend) async throws {
        try await backend.withStore { store, _ in
            try await Fixture.accounts(in: store)
            try await store.insertEvent(Fixture.event("evt_1", account: "acc_a", deleted: true))
            let invite = [Fixture.invite("inv_1", event: "evt_1", account: "acc_a", email: "a@x.io")]
            await #expect(throws: SecuregateError.eventArchived) {
                try await store.createInvites(invite, history: [], messages: [], eventID: "evt_1", accountID: "acc_a")
            }
            await #expect(throws: SecuregateError.eventNotFound) {
                try await store.createInvites(invite, history: [], messages: [], eventID: "evt_1", accountID: "acc_b")
            }
        }
    }

    @Test(arguments: StoreBackend.available)
    func statusUpdatesAreScopedAndRecorded(_ backend: StoreBackend) async throws {
        try await backend.withStore { store, _ in
            try await Fixture.accounts(in: store)
            try await store.insertEvent(Fixture.event("evt_1", account: "acc_a"))
            try await store.insertEvent(Fixture.event("evt_2", account: "acc_a"))
            _ = try await store.createInvites(
                [Fixture.invite("inv_1", event: "evt_1", account: "acc_a", email: "a@x.io")],
                history: [], messages: [], eventID: "evt_1", accountID: "acc_a"
            )
            let later = Fixture.t0.addingTimeInterval(60)
            let updated = try await store.updateInviteStatus(
                eventID: "evt_1", inviteID: "inv_1", accountID: "acc_a", status: .accepted, at: later, keyID: "key_1", source: .api
            )
            #expect(updated.status == .accepted)
            #expect(updated.updatedAt == later)
            // Setting the same status again stamps the time but is no change of status.
            _ = try await store.updateInviteStatus(eventID: "evt_1", inviteID: "inv_1", accountID: "acc_a", status: .accepted, at: later, keyID: "key_1", source: .api)
            #expect(try await store.statusHistory(inviteID: "inv_1", accountID: "acc_a")
                == [InviteStatusChange(inviteID: "inv_1", from: .pending, to: .accepted, changedAt: later, keyID: "key_1", source: .api)])
            await #expect(throws: SecuregateError.eventNotFound) {
                try await store.updateInviteStatus(eventID: "evt_1", inviteID: "inv_1", accountID: "acc_b", status: .sent, at: later, keyID: nil, source: .api)
            }
            await #expect(throws: SecuregateError.inviteNotFound) {
                try await store.updateInviteStatus(eventID: "evt_2", inviteID: "inv_1", accountID: "acc_a", status: .sent, at: later, keyID: nil, source: .api)
            }
            await #expect(throws: SecuregateError.inviteNotFound) {
                try await store.statusHistory(inviteID: "inv_1", accountID: "acc_b")
            }
            _ = try await store.softDeleteEvent(id: "evt_1", accountID: "acc_a", at: later)
            await #expect(throws: SecuregateError.eventArchived) {
                try await store.updateInviteStatus(eventID: "evt_1", inviteID: "inv_1", accountID: "acc_a", status: .sent, at: later, keyID: nil, source: .api)
            }
        }
    }

    @Test(arguments: StoreBackend.available)
    func findsInvitesByEmailAndSession(_ backend: StoreBackend) async throws {
        try await backend.withStore { store, _ in
            try await Fixture.accounts(in: store)
            for event in ["evt_1", "evt_2"] { try await store.insertEvent(Fixture.event(event, account: "acc_a")) }
            _ = try await store.createInvites([Fixture.invite("inv_1", event: "evt_1", account: "acc_a", email: "Ada@x.io")], history: [], messages: [], eventID: "evt_1", accountID: "acc_a")
            _ = try await store.createInvites([Fixture.invite("inv_2", event: "evt_2", account: "acc_a", email: "ada@x.io")], history: [], messages: [], eventID: "evt_2", accountID: "acc_a")
            #expect(try await store.invite(normalizedEmail: "ada@x.io", accountID: "acc_a", eventID: nil)?.id == "inv_2")
            #expect(try await store.invite(normalizedEmail: "ada@x.io", accountID: "acc_a", eventID: "evt_1")?.id == "inv_1")
            #expect(try await store.invite(normalizedEmail: "ada@x.io", accountID: "acc_b", eventID: nil) == nil)
            #expect(try await store.invite(sessionID: "ses-inv_1", accountID: "acc_a")?.id == "inv_1")
            #expect(try await store.invite(sessionID: "ses-inv_1", accountID: "acc_b") == nil)
            #expect(try await store.invite(id: "inv_2", accountID: "acc_b") == nil)
        }
    }
}
