import Foundation
import SQLKit
import SecuregateCore

extension SQLStore {
    public func invite(sessionCode: String, accountID: String) async throws -> (Invite, Event)? {
        try await sessions.read { db in
            try await Self.inviteWithEvent(where: "session_code", is: sessionCode, accountID: accountID, in: db)
        }
    }

    public func inviteWithEvent(id: String, accountID: String) async throws -> (Invite, Event)? {
        try await sessions.read { db in
            try await Self.inviteWithEvent(where: "id", is: id, accountID: accountID, in: db)
        }
    }

    /// The account's invite whose `column` holds `value`, with its event.
    private static func inviteWithEvent(
        where column: String, is value: String, accountID: String, in db: any SQLDatabase
    ) async throws -> (Invite, Event)? {
        guard let invite = try await db.select().column("*").from("invites")
            .where(SQLIdentifier(column), .equal, SQLBind(value)).where("account_id", .equal, accountID).first()
            .map({ try $0.invite() }),
            let event = try await db.select().column("*").from("events").where("id", .equal, invite.eventID).first()
                .map({ try $0.event() })
        else { return nil }
        return (invite, event)
    }

    public func scan(
        _ request: ScanRequest, evidence: ScanEvidence, eventID: String, principal: Principal, at: Date,
        nonce: ScanNonceClaim?, checkinID: String,
        decide: @escaping @Sendable (Invite?, Event?) -> CheckinReason?
    ) async throws -> ScanOutcome {
        let engine = sessions.engine
        return try await sessions.write { db in
            // On PostgreSQL the event's row is locked against a concurrent deletion, which waits for this scan;
            // a scan that comes while a deletion is under way waits for it and is refused as archived. (SQLite's
            // writer is serialized already.)
            if engine == .postgres { _ = try await Self.requireEvent(eventID, accountID: principal.accountID, in: db) }
            if let nonce, let earlier = try await Self.claim(nonce, keyID: principal.keyID, checkinID: checkinID, at: at, in: db) {
                // Claims from before fingerprints were kept have none, and replay as they always did.
                let fingerprint = try earlier.optionalString("fingerprint")
                guard fingerprint == nil || fingerprint == nonce.fingerprint else { throw SecuregateError.nonceReused }
                return try await Self.replay(earlier, accountID: principal.accountID, in: db)
            }
            let found = if evidence.method == .face {
                try await evidence.matchedInviteID.asyncMap { id in
                    try await Self.inviteWithEvent(where: "id", is: id, accountID: principal.accountID, in: db)
                } ?? nil
            } else {
                try await Self.inviteWithEvent(where: "session_code", is: request.code, accountID: principal.accountID, in: db)
            }
            var reason = decide(found?.0, found?.1)
            var checkedInAt: Date?
            var checkedInGate: String?
            if reason == nil, let invite = found?.0 {
                (reason, checkedInAt, checkedInGate) = try await Self.applyPresence(request.type, invite: invite, gate: request.gate, at: at, in: db)
            }
            if reason == nil, let invite = found?.0 {
                try await db.update("invites").set("last_seen", to: at.epochSeconds).where("id", .equal, invite.id).run()
            }
            let result: CheckinResult = reason == nil ? .ok : .refused
            let checkin = Checkin(
                id: checkinID, eventID: eventID, inviteID: found?.0.id, code: request.code, type: request.type, gate: request.gate,
                result: result, reason: reason, keyID: principal.keyID, scannedAt: at, method: evidence.method,
                faceDistance: evidence.face?.distance.map(FaceDescriptor.reported)
            )
            try await db.insert(into: "checkins")
                .columns(
                    "id", "event_id", "account_id", "invite_id", "code", "type", "gate", "result", "reason", "key_id", "scanned_at",
                    "method", "face_distance"
                )
                .values(
                    SQLBind(checkin.id), SQLBind(eventID), SQLBind(principal.accountID), SQLBind(checkin.inviteID),
                    SQLBind(checkin.code), SQLBind(checkin.type.rawValue), SQLBind(checkin.gate), SQLBind(result.rawValue),
                    SQLBind(reason?.rawValue), SQLBind(principal.keyID), SQLBind(at.epochSeconds),
                    SQLBind(checkin.method.rawValue), SQLBind(checkin.faceDistance)
                ).run()
            try await self.record(
                [.checkin(id: self.ids.makeID(.webhook), checkin, accountID: principal.accountID)], accountID: principal.accountID, in: db
            )
            if let nonce, let checkedInAt {
                try await db.update("scan_nonces").set("checked_in_at", to: checkedInAt.epochSeconds)
                    .where("key_id", .equal, principal.keyID).where("nonce", .equal, nonce.nonce).run()
            }
            let invite = try await found.asyncMap { found in
                try await db.select().column("*").from("invites").where("id", .equal, found.0.id).first()?.invite() ?? found.0
            }
            return ScanOutcome(result: result, reason: reason, invite: invite, checkedInAt: checkedInAt, checkedInGate: checkedInGate)
        }
    }

    /// Enters or leaves atomically: the database, not this process, decides who was first.
    static func applyPresence(
        _ type: CheckinType, invite: Invite, gate: String, at: Date, in db: any SQLDatabase
    ) async throws -> (reason: CheckinReason?, enteredAt: Date?, enteredGate: String?) {
        switch type {
        case .entry:
            let inserted = try await db.insert(into: "presence").columns("invite_id", "event_id", "entered_at", "gate")
                .values(SQLBind(invite.id), SQLBind(invite.eventID), SQLBind(at.epochSeconds), SQLBind(gate))
                .ignoringConflicts(with: ["invite_id"]).returning("entered_at").all()
            if !inserted.isEmpty { return (nil, at, nil) }
            let inside = try await db.select().columns("entered_at", "gate").from("presence").where("invite_id", .equal, invite.id).first()
            return (.alreadyCheckedIn, try inside?.date("entered_at"), try inside?.optionalString("gate"))
        case .exit:
            let removed = try await db.delete(from: "presence").where("invite_id", .equal, invite.id).returning("entered_at").all()
            guard let row = removed.first else { return (.notCheckedIn, nil, nil) }
            return (nil, try row.date("entered_at"), nil)
        }
    }

    /// Claims `nonce` for this scan; returns the earlier claim when the key holds it already, unexpired.
    /// A concurrent scan with the same nonce waits on the claim's row, then finds this scan's claim.
    static func claim(
        _ nonce: ScanNonceClaim, keyID: String, checkinID: String, at: Date, in db: any SQLDatabase
    ) async throws -> (any SQLRow)? {
        let claimed = try await db.insert(into: "scan_nonces")
            .columns("key_id", "nonce", "checkin_id", "checked_in_at", "fingerprint", "claimed_at")
            .values(
                SQLBind(keyID), SQLBind(nonce.nonce), SQLBind(checkinID), SQLBind(Int?.none), SQLBind(nonce.fingerprint),
                SQLBind(at.epochSeconds)
            )
            .ignoringConflicts(with: ["key_id", "nonce"]).returning("checkin_id").all()
        if !claimed.isEmpty { return nil }
        // An expired claim is taken over, only while it is still expired: of two scans racing for it, one wins.
        let renewed = try await db.update("scan_nonces")
            .set("checkin_id", to: checkinID).set("checked_in_at", to: SQLLiteral.null)
            .set("fingerprint", to: nonce.fingerprint).set("claimed_at", to: at.epochSeconds)
            .where("key_id", .equal, keyID).where("nonce", .equal, nonce.nonce)
            .where("claimed_at", .lessThanOrEqual, nonce.expiryCutoff.epochSeconds)
            .returning("checkin_id").all()
        if !renewed.isEmpty { return nil }
        guard let earlier = try await db.select().column("*").from("scan_nonces")
            .where("key_id", .equal, keyID).where("nonce", .equal, nonce.nonce).first()
        else { throw StoreError.corruptValue(column: "scan_nonces.nonce", value: nonce.nonce) }
        return earlier
    }

    /// The answer first given to the scan that made `claim`.
    static func replay(_ claim: any SQLRow, accountID: String, in db: any SQLDatabase) async throws -> ScanOutcome {
        let checkinID = try claim.string("checkin_id")
        guard let checkin = try await db.select().column("*").from("checkins").where("id", .equal, checkinID).first()
            .map({ try $0.checkin() })
        else { throw StoreError.corruptValue(column: "scan_nonces.checkin_id", value: checkinID) }
        let invite = try await checkin.inviteID.asyncMap { id in
            try await db.select().column("*").from("invites").where("id", .equal, id).where("account_id", .equal, accountID)
                .first()?.invite()
        } ?? nil
        return ScanOutcome(result: checkin.result, reason: checkin.reason, invite: invite, checkedInAt: try claim.optionalDate("checked_in_at"))
    }

    public func deleteScanNonces(claimedAtOrBefore cutoff: Date, limit: Int) async throws -> Int {
        try await sessions.write { db in
            // In small batches, so that the pass never holds the writer long.
            let due = SQLSubquery.select { $0.column("nonce").from("scan_nonces")
                .where("claimed_at", .lessThanOrEqual, cutoff.epochSeconds).limit(limit) }
            return try await db.delete(from: "scan_nonces").where("nonce", .in, due)
                .where("claimed_at", .lessThanOrEqual, cutoff.epochSeconds).returning("nonce").all().count
        }
    }

    public func deleteCheckins(scannedAtOrBefore cutoff: Date, limit: Int) async throws -> Int {
        try await sessions.write { db in
            let due = try await db.select().column("id").from("checkins").where("scanned_at", .lessThanOrEqual, cutoff.epochSeconds)
                .limit(limit).all().map { try $0.string("id") }
            guard !due.isEmpty else { return 0 }
            // A nonce whose scan is gone could replay nothing: it goes with it.
            try await db.delete(from: "scan_nonces").where("checkin_id", .in, due).run()
            try await db.delete(from: "checkins").where("id", .in, due).run()
            return due.count
        }
    }

    public func checkins(eventID: String, accountID: String, cursor: String?, limit: Int) async throws -> CheckinPage {
        try await sessions.read { db in
            guard try await db.select().column("id").from("events")
                .where("id", .equal, eventID).where("account_id", .equal, accountID).first() != nil
            else { throw SecuregateError.eventNotFound }
            let query = db.select().column("*").from("checkins").where("event_id", .equal, eventID)
            if let cursor { query.where("id", .lessThan, cursor) }
            // One more than asked tells whether there is a next page.
            let rows = try await query.orderBy("id", .descending).limit(limit + 1).all().map { try $0.checkin() }
            let items = Array(rows.prefix(limit))
            return CheckinPage(items: items, nextCursor: rows.count > limit ? items.last?.id : nil)
        }
    }
}

extension Optional {
    /// `map` for an async transform.
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let self else { return nil }
        return try await transform(self)
    }
}
