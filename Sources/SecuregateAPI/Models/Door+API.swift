import Foundation
import SecuregateCore

extension Door: APIModel {
    /// Addition: a door device of an event.
    public static let model = Model<Door>("Door", fields)

    static let fields: [Field<Door>] = [
        .output("id", \.id),
        .output("event_id", \.eventID),
        .output("gate", \.gate),
        .output("created_at", \.createdAt),
        .output("pairing_expires_at", \.pairingExpiresAt),
        .output("paired_at", \.pairedAt),
        .output("key_id", \.keyID),
        .output("last_seen_at", \.lastSeenAt),
        .output("revoked_at", \.revokedAt),
    ]
}

/// Addition: a door just made, with its one-time pairing link and the link's QR code (SVG): the answer of
/// `POST /events/{event_id}/doors`, and only of it.
public struct DoorPairingAnswer: APIModel {
    public var pairing: DoorPairing
    public var qrSVG: String

    public init(_ pairing: DoorPairing, qrSVG: String) {
        self.pairing = pairing
        self.qrSVG = qrSVG
    }

    public static let model = Model<DoorPairingAnswer>(
        "DoorPairing",
        Door.fields.map { $0.pulledBack(\DoorPairingAnswer.pairing.door) } + [
            .output("pairing_url", \.pairing.url),
            .output("pairing_qr_svg", \.qrSVG),
        ]
    )
}

/// Addition: the body of `POST /events/{event_id}/doors`.
public struct DoorCreate: APIInputModel {
    public var gate = ""

    public init() {}

    public static let model = Model<DoorCreate>("DoorCreate", [
        .field("gate", \.gate),
    ])
}
