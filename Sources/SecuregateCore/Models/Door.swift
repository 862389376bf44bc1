import Foundation

/// A door device of an event: made by the organizer for a gate, paired once from its link, then scanning with a
/// `checkin` key of its own until it is revoked.
public struct Door: Sendable, Equatable {
    public var id: String
    public var accountID: String
    public var eventID: String
    /// The gate it stands at, written in its scans.
    public var gate: String
    public var createdAt: Date
    /// Until when the pairing link works, if it was not used.
    public var pairingExpiresAt: Date
    /// When a device opened the pairing link and got the door's key.
    public var pairedAt: Date?
    /// The door's `checkin` key, once paired.
    public var keyID: String?
    /// When the door was revoked (its key with it).
    public var revokedAt: Date?
    /// When the door's device was last seen.
    public var lastSeenAt: Date?

    public init(
        id: String, accountID: String, eventID: String, gate: String, createdAt: Date, pairingExpiresAt: Date, pairedAt: Date? = nil,
        keyID: String? = nil, revokedAt: Date? = nil, lastSeenAt: Date? = nil
    ) {
        self.id = id
        self.accountID = accountID
        self.eventID = eventID
        self.gate = gate
        self.createdAt = createdAt
        self.pairingExpiresAt = pairingExpiresAt
        self.pairedAt = pairedAt
        self.keyID = keyID
        self.revokedAt = revokedAt
        self.lastSeenAt = lastSeenAt
    }
}

/// A door just made, with the one-time link that pairs a device to it: shown once, stored only as a hash.
public struct DoorPairing: Sendable, Equatable {
    public var door: Door
    /// `{public-url}/door/pair/{token}`.
    public var url: String

    public init(door: Door, url: String) {
        self.door = door
        self.url = url
    }
}
