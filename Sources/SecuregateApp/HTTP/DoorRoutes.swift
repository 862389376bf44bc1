import Hummingbird
import SecuregateAPI
import SecuregateCore
import SecuregateQR

/// The door: QR codes, scans, the ledger, lookups by code.
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
    }
}
