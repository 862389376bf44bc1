import Foundation

/// The doors of an event: made by an organizer for a gate, paired once by a device from a link that works for
/// 15 minutes, revoked at once with their key.
public struct DoorService: Sendable {
    let store: any SecuregateStore
    let time: any TimeSource
    let ids: any IDGenerator
    let hasher: any SecretHasher
    /// The address pairing links start with.
    public let publicURL: String
    /// How long a pairing link works.
    public static let pairingLifetime: TimeInterval = 15 * 60
    /// How stale a door's `lastSeenAt` may get before it is written again: a page load is not worth a write.
    public static let sightingInterval: TimeInterval = 60

    public init(store: any SecuregateStore, time: any TimeSource, ids: any IDGenerator, hasher: any SecretHasher, publicURL: String) {
        self.store = store
        self.time = time
        self.ids = ids
        self.hasher = hasher
        self.publicURL = publicURL
    }

    /// Makes a door for `gate` at one of the caller's events, and its pairing link.
    public func create(gate: String, eventID: String, by principal: Principal) async throws -> DoorPairing {
        let gate = gate.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !gate.isEmpty, gate.count <= 64 else { throw SecuregateError.invalidDoor("gate must be 1 to 64 characters") }
        guard let event = try await store.event(id: eventID, accountID: principal.accountID) else { throw SecuregateError.eventNotFound }
        guard !event.isDeleted else { throw SecuregateError.eventArchived }
        let now = time.now()
        let token = ids.makeSecret()
        let door = Door(
            id: ids.makeID(.door), accountID: principal.accountID, eventID: eventID, gate: gate, createdAt: now,
            pairingExpiresAt: now.addingTimeInterval(Self.pairingLifetime)
        )
        try await store.insertDoor(door, tokenHash: hasher.hash(token))
        return DoorPairing(door: door, url: "\(publicURL)/door/pair/\(token)")
    }

    /// Pairs the device that opened a link: the door's new `checkin` key, or nil for a link that is unknown,
    /// used, expired or revoked.
    public func pair(token: String) async throws -> (door: Door, key: APIKeyToken)? {
        guard !token.isEmpty, token.count <= 128 else { return nil }
        let now = time.now()
        let key = APIKeyToken(keyID: ids.makeID(.key), secret: ids.makeSecret())
        let secretHash = hasher.hash(key.secret)
        // The door's own `checkin` key, in its account, named after its gate.
        guard let door = try await store.pairDoor(tokenHash: hasher.hash(token), at: now, key: { door in
            APIKeyRecord(
                id: key.keyID, accountID: door.accountID, accountName: "", secretHash: secretHash, createdAt: now, scope: .checkin,
                label: "door \(door.gate)"
            )
        }) else { return nil }
        return (door, key)
    }

    /// The door a device's key belongs to, noting that it was seen now (at most once a `sightingInterval`); nil
    /// for a key that is no door's.
    public func door(of principal: Principal) async throws -> Door? {
        guard var door = try await store.door(keyID: principal.keyID) else { return nil }
        let now = time.now()
        if door.lastSeenAt.map({ now.timeIntervalSince($0) >= Self.sightingInterval }) ?? true {
            try await store.markDoorSeen(id: door.id, at: now)
            door.lastSeenAt = now
        }
        return door
    }

    /// The doors of one of the caller's events, oldest first.
    public func list(eventID: String, for principal: Principal) async throws -> [Door] {
        guard try await store.event(id: eventID, accountID: principal.accountID) != nil else { throw SecuregateError.eventNotFound }
        return try await store.doors(eventID: eventID, accountID: principal.accountID)
    }

    /// Revokes a door and its key at once; its device must be paired again.
    public func revoke(doorID: String, eventID: String, by principal: Principal) async throws -> Door {
        guard let door = try await store.revokeDoor(id: doorID, eventID: eventID, accountID: principal.accountID, at: time.now()) else {
            throw SecuregateError.doorNotFound
        }
        return door
    }
}
