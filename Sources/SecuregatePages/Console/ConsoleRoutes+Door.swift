import Foundation
import Hummingbird
import SecuregateCore
import SecuregateQR

extension ConsoleRoutes {
    /// Scans the door section shows, newest first.
    static let ledgerLength = 50

    /// An event's door section: its devices (gate, paired or waiting, last seen, revoked), **Pair a new door**
    /// (then the link and its QR code, while it works), **Revoke**, and the newest scans, kept live.
    func doorPage<Context>(_ id: String, _ request: Request, _ context: ConsoleRequestContext<Context>) async throws -> Response {
        try await withEvent(id, context) { principal, found in
            let doors = try await services.doors.list(eventID: id, for: principal)
            let now = services.console.now
            let query = request.uri.query ?? ""
            var page: [String: Any] = [
                "key_id": principal.keyID, "id": id, "title": found.event.title, "archived": found.event.isDeleted,
                "doors": doors.reversed().map { doorLine($0, now: now) }, "no_doors": doors.isEmpty,
                "ledger_rows": try await ledgerContext(id, principal), "console_script": assets.path("console.js"),
            ]
            if let doorID = FormBody.value("pairing", in: query), let door = doors.first(where: { $0.id == doorID }), door.pairedAt == nil,
               door.revokedAt == nil, door.pairingExpiresAt > now,
               let pairing = try await sessions.get(key: ConsolePairing.key(doorID), as: ConsolePairing.self), pairing.accountID == principal.accountID {
                page["pairing_gate"] = door.gate
                page["pairing_url"] = pairing.url
                page["pairing_until"] = EventTimes.clock(door.pairingExpiresAt, in: timeZone)
                page["pairing_qr"] = (try? QRCode(encoding: pairing.url))?.svg()
            }
            if let revoked = FormBody.value("revoked", in: query), let door = doors.first(where: { $0.id == revoked }) { page["revoked_gate"] = door.gate }
            if let error = FormBody.value("gate_error", in: query) { page["gate_error"] = error }
            return html(.ok, "console-door", page)
        }
    }

    /// One device of the door section.
    func doorLine(_ door: Door, now: Date) -> [String: Any] {
        var line: [String: Any] = ["door_id": door.id, "gate": door.gate, "made": moment(door.createdAt)]
        if let revoked = door.revokedAt {
            line["revoked"] = moment(revoked)
        } else if let paired = door.pairedAt {
            line["paired"] = moment(paired)
        } else if door.pairingExpiresAt > now {
            line["waiting_until"] = EventTimes.clock(door.pairingExpiresAt, in: timeZone)
        } else {
            line["expired"] = true
        }
        if let seen = door.lastSeenAt { line["seen"] = moment(seen) }
        line["can_revoke"] = door.revokedAt == nil
        return line
    }

    /// Makes a door for the form's gate and shows its pairing link and QR code.
    func pairDoor<Context>(_ id: String, _ request: Request, _ context: ConsoleRequestContext<Context>) async throws -> Response {
        try await eventAction(id, request, context) { principal, _ in
            let gate = FormBody.value("gate", in: String(buffer: try await request.body.collect(upTo: 4096))) ?? ""
            let pairing: DoorPairing
            do {
                pairing = try await services.doors.create(gate: gate, eventID: id, by: principal)
            } catch SecuregateError.invalidDoor {
                return Response(status: .seeOther, headers: [.location: "/console/events/\(id)/door?gate_error=1"])
            }
            let lifetime = Duration.seconds(Int64(max(1, pairing.door.pairingExpiresAt.timeIntervalSince(services.console.now))))
            try await sessions.set(key: ConsolePairing.key(pairing.door.id), value: ConsolePairing(accountID: principal.accountID, url: pairing.url), expires: lifetime)
            context.logger.info("Door made in the console", metadata: ["event_id": "\(id)", "door_id": "\(pairing.door.id)", "key_id": "\(principal.keyID)"])
            return Response(status: .seeOther, headers: [.location: "/console/events/\(id)/door?pairing=\(pairing.door.id)#pairing"])
        }
    }

    /// Revokes a door and its key at once.
    func revokeDoor<Context>(_ id: String, _ doorID: String, _ request: Request, _ context: ConsoleRequestContext<Context>) async throws -> Response {
        try await eventAction(id, request, context) { principal, _ in
            _ = try await services.doors.revoke(doorID: doorID, eventID: id, by: principal)
            context.logger.info("Door revoked in the console", metadata: ["event_id": "\(id)", "door_id": "\(doorID)", "key_id": "\(principal.keyID)"])
            return Response(status: .seeOther, headers: [.location: "/console/events/\(id)/door?revoked=\(doorID)"])
        }
    }

    /// The newest scans' rows alone, for the page's script to put in place every few seconds.
    func ledgerRows<Context>(_ id: String, _ context: ConsoleRequestContext<Context>) async throws -> Response {
        switch try await signedInEvent(id, context) {
        case .answer: return Response(status: .unauthorized)
        case .event(let principal, _):
            let rows = templates.render("console-ledger-rows", ["ledger_rows": try await ledgerContext(id, principal)])
            return Response(
                status: .ok, headers: [.contentType: "text/html; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: rows))
            )
        }
    }

    /// The template's rows of the event's newest scans, each with its invitee's name when there is one.
    func ledgerContext(_ id: String, _ principal: Principal) async throws -> [[String: Any]] {
        let scans = try await services.checkins.ledger(eventID: id, cursor: nil, limit: Self.ledgerLength, for: principal).items
        let invites = try await services.invites.invites(ids: scans.compactMap(\.inviteID), for: principal)
        return scans.map { scanLine($0, invite: $0.inviteID.flatMap { invites[$0] }) }
    }

    /// One scan, as the door section's ledger and an invite's page show it.
    func scanLine(_ scan: Checkin, invite: Invite?) -> [String: Any] {
        var line: [String: Any] = [
            "at": moment(scan.scannedAt), "gate": scan.gate, scan.result.rawValue: true, scan.type.rawValue: true, "by_\(scan.method.rawValue)": true,
        ]
        if let reason = scan.reason { line[reason.rawValue] = true }
        if let invite {
            line["name"] = Self.name(of: invite)
            line["invite_url"] = "/console/events/\(invite.eventID)/guests/\(invite.id)"
        }
        return line
    }
}
