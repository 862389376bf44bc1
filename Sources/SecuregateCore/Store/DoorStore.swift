import Foundation

/// The door devices of events, and their pairing.
public protocol DoorStore: Sendable {
    /// Stores a new door with the hash of its pairing token.
    func insertDoor(_ door: Door, tokenHash: [UInt8]) async throws
    /// Pairs the door whose unused, unexpired, unrevoked link has `tokenHash`, in one transaction with the insert
    /// of the key `key` makes for it; nil when there is no such door. A link works once.
    func pairDoor(tokenHash: [UInt8], at: Date, key: @escaping @Sendable (Door) -> APIKeyRecord) async throws -> Door?
    /// The event's doors, oldest first.
    func doors(eventID: String, accountID: String) async throws -> [Door]
    /// The door whose key is `keyID`; nil when no door has that key.
    func door(keyID: String) async throws -> Door?
    /// Notes that the door's device was seen at `at`.
    func markDoorSeen(id: String, at: Date) async throws
    /// Revokes the door and its key, in one transaction; nil when the account has no such door in the event.
    func revokeDoor(id: String, eventID: String, accountID: String, at: Date) async throws -> Door?
}
