import Foundation
import SecuregateCore
import SecuregateTestSupport
import Testing

/// The event part of the store contract, run on every backend.
struct EventStoreContractTests {
    @Test(arguments: StoreBackend.available)
    func storesReadsAndScopesEvents(_ backend: StoreBackend) async throws {
        try await backend.withStore { store, _ in
            try await Fixture.accounts(in: store)
            var event = Fixture.event("evt_1", account: "acc_a")
            event.imageURL = "https://x.io/i.png"
            event.location = Location(address: "1 Rue", city: "Paris", state: "IDF", zipCode: "75001", country: "FR")
            try await store.insertEvent(event)
            try await store.insertEvent(Fixture.event("evt_2", account: "acc_b"))
            #expect(try await store.event(id: "evt_1", accountID: "acc_a") == event)
            #expect(try await store.event(id: "evt_1", accountID: "acc_b") == nil)
            #expect(try await store.events(accountID: "acc_a").map(\.id) == ["evt_1"])
            #expect(try await store.events(accountID: "acc_b").map(\.id) == ["evt_2"])
        }
    }

    @Test(arguments: StoreBackend.available)
    func softDeletesOnceAndOnlyForTheOwner(_ backend: StoreBackend) async throws {
        try await backend.withStore { store, _ in
            try await Fixture.accounts(in: store)
            try await store.insertEvent(Fixture.event("evt_1", account: "acc_a"))
            #expect(try await store.softDeleteEvent(id: "evt_1", accountID: "acc_b", at: Fixture.t0) == nil)
            let deleted = try await store.softDeleteEvent(id: "evt_1", accountID: "acc_a", at: Fixture.t0.addingTimeInterval(5))
            #expect(deleted?.isDeleted == true)
            #expect(deleted?.updatedAt == Fixture.t0.addingTimeInterval(5))
            let again = try await store.softDeleteEvent(id: "evt_1", accountID: "acc_a", at: Fixture.t0.addingTimeInterval(9))
            #expect(again == deleted)
        }
    }

    @Test(arguments: StoreBackend.available)
    func countsInvitesByStatus(_ backend: StoreBackend) async throws {
        try await backend.withStore { store, _ in
            try await Fixture.accounts(in: store)
            try await store.insertEvent(Fixture.event("evt_1", account: "acc_a"))
            let invites = (1...4).map { Fixture.invite("inv_\($0)", event: "evt_1", account: "acc_a", email: "p\($0)@x.io") }
            _ = try await store.createInvites(invites, history: [], messages: [], eventID: "evt_1", accountID: "acc_a")
            _ = try await store.updateInviteStatus(eventID: "evt_1", inviteID: "inv_2", accountID: "acc_a", status: .accepted, at: Fixture.t0, keyID: nil, source: .api)
            _ = try await store.updateInviteStatus(eventID: "evt_1", inviteID: "inv_3", accountID: "acc_a", status: .rejected, at: Fixture.t0, keyID: nil, source: .api)
            #expect(try await store.inviteStats(eventID: "evt_1") == InviteStats(sent: 0, accepted: 1, pending: 2, rejected: 1))
            #expect(try await store.inviteStats(eventID: "evt_none") == InviteStats())
        }
    }
}
