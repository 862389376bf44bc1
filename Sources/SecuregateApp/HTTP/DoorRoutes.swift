import Hummingbird
import SecuregateAPI
import SecuregateCore
import SecuregateQR

/// The door: QR codes, scans, the ledger, lookups by code, and the doors' devices.
enum DoorRoutes {
    static func register(on router: Router<AppRequestContext>, services: SecuregateServices, limits: RequestLimits) {
        let keys = services.keys
        let invites = services.invites
        let checkins = services.checkins

        router.add(Operations.getInviteQRCode, keys: keys, limits: limits) { input in
            let invite = try await invites.get(input.path("invite_id"), for: input.principal)
            let code = try QRCode(encoding: invite.sessionCode)
            switch input.query.format {
            case .png: return QRImage(contentType: "image/png", bytes: code.png())
            case .svg: return QRImage(contentType: "image/svg+xml", bytes: Array(code.svg().utf8))
            }
        }
        router.add(Operations.scanCheckin, keys: keys, limits: limits) { input in
            let outcome = try await checkins.scan(input.body, eventID: input.path("event_id"), by: input.principal)
            limits.metrics.scan(result: outcome.result.rawValue, reason: outcome.reason?.rawValue)
            input.logger.info(
                "Scan",
                metadata: [
                    "event": "\(input.path("event_id"))", "result": "\(outcome.result.rawValue)",
                    "reason": "\(outcome.reason?.rawValue ?? "-")", "gate": "\(input.body.gate)",
                ]
            )
            return outcome
        }
        router.add(Operations.getCheckins, keys: keys, limits: limits) { input in
            try await checkins.ledger(
                eventID: input.path("event_id"), cursor: input.query.cursor, limit: input.query.limit, for: input.principal
            )
        }
        router.add(Operations.getInviteByCode, keys: keys, limits: limits) { input in
            try await checkins.invite(code: input.path("code"), eventID: input.path("event_id"), for: input.principal)
        }
        let doors = services.doors
        router.add(Operations.createDoor, keys: keys, limits: limits) { input in
            let pairing = try await doors.create(gate: input.body.gate, eventID: input.path("event_id"), by: input.principal)
            input.logger.info("Door made", metadata: ["door": "\(pairing.door.id)", "gate": "\(pairing.door.gate)"])
            return DoorPairingAnswer(pairing, qrSVG: try QRCode(encoding: pairing.url).svg())
        }
        router.add(Operations.listDoors, keys: keys, limits: limits) { input in
            try await doors.list(eventID: input.path("event_id"), for: input.principal)
        }
        router.add(Operations.revokeDoor, keys: keys, limits: limits) { input in
            let door = try await doors.revoke(doorID: input.path("door_id"), eventID: input.path("event_id"), by: input.principal)
            input.logger.info("Door revoked", metadata: ["door": "\(door.id)", "key": "\(door.keyID ?? "-")"])
            return door
        }
    }
}
