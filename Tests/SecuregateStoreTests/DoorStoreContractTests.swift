import Foundation
import SecuregateCore
import SecuregateTestSupport
import Testing

/// The door part of the store contract, run on every backend: a link pairs once however many devices open it at
/// once, an expired link pairs none, and revoking a door revokes its key.
struct DoorStoreContractTests {
    /// The key a pairing makes: `id`, in the door's account, labelled with its gate.
    static func key(_ id: String) -> @Sendable (Door) -> APIKeyRecord {
        { door in
            APIKeyRecord(
                id: id, accountID: door.accountID, accountName: "", secretHash: [1, 2, 3], createdAt: Fixture.t0, scope: .checkin,
                label: "door \(door.gate)"
            )
        }
    }

    @Test(arguments: StoreBackend.available)
    func aLinkPairsOnceAndRevokingTakesTheKey(_ backend: StoreBackend) async throws {
        try await backend.withStore { store, _ in
            try await Fixture.accounts(in: store)
            try await store.insertEvent(Fixture.event("evt_1", account: "acc_a"))
            let t = Fixture.t0
            let door = Door(id: "door_1", accountID: "acc_a", eventID: "evt_1", gate: "north", createdAt: t, pairingExpiresAt: t.addingTimeInterval(900))
            try await store.insertDoor(door, tokenHash: [9, 9, 9])
            // Ten devices open the link at the same moment: one is paired.
            let results = try await withThrowingTaskGroup(of: Door?.self) { group in
                for index in 0..<10 {
                    group.addTask { try await store.pairDoor(tokenHash: [9, 9, 9], at: t.addingTimeInterval(10), key: Self.key("key_\(index)")) }
                }
                return try await group.reduce(into: [Door?]()) { $0.append($1) }
            }
            let paired = results.compactMap { $0 }
            #expect(paired.count == 1)
            let keyID = try #require(paired.first?.keyID)
            let key = try #require(try await store.key(id: keyID))
            #expect(key.accountID == "acc_a" && key.scope == .checkin && key.label == "door north")
            #expect(try await store.allKeys().count == 1, "the losers made no key")
            #expect(try await store.door(keyID: keyID)?.lastSeenAt == nil)
            try await store.markDoorSeen(id: "door_1", at: t.addingTimeInterval(20))
            #expect(try await store.door(keyID: keyID)?.lastSeenAt == t.addingTimeInterval(20))
            #expect(try await store.door(keyID: "key_none") == nil)
            #expect(try await store.doors(eventID: "evt_1", accountID: "acc_b").isEmpty, "another account's")
            #expect(try await store.revokeDoor(id: "door_1", eventID: "evt_1", accountID: "acc_b", at: t) == nil)
            let revoked = try await store.revokeDoor(id: "door_1", eventID: "evt_1", accountID: "acc_a", at: t.addingTimeInterval(30))
            #expect(revoked?.revokedAt == t.addingTimeInterval(30))
            #expect(try await store.key(id: keyID)?.revokedAt == t.addingTimeInterval(30), "the key goes with the door")
            #expect(try await store.revokeDoor(id: "door_1", eventID: "evt_1", accountID: "acc_a", at: t.addingTimeInterval(40))?.revokedAt
                == t.addingTimeInterval(30), "revoking again keeps the first time")

            let late = Door(id: "door_2", accountID: "acc_a", eventID: "evt_1", gate: "east", createdAt: t, pairingExpiresAt: t.addingTimeInterval(900))
            try await store.insertDoor(late, tokenHash: [7])
            #expect(try await store.pairDoor(tokenHash: [7], at: t.addingTimeInterval(900), key: Self.key("key_late")) == nil, "expired")
            #expect(try await store.doors(eventID: "evt_1", accountID: "acc_a").map(\.id) == ["door_1", "door_2"])
        }
    }
}
