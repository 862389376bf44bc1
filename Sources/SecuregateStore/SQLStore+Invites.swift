import Foundation
import SQLKit
import SecuregateCore

extension SQLStore {
    /// Rows per multi-row statement: well under SQLite's 32 766 bound parameters at 20 columns a row.
    static let rowsPerStatement = 1_000

    public func createInvites(
        _ invites: [Invite], history: [InviteStatusChange], messages: [OutboxMessage], eventID: String, accountID: String
    ) async throws -> [Invite] {
        try await sessions.write { db in
            guard try await Self.requireEvent(eventID, accountID: accountID, in: db) == false else {
                throw SecuregateError.eventArchived
            }
            // The unique (event, email) constraint decides, so a concurrent batch from another instance cannot
            // create a second invite for the same person; the conflicting rows are skipped, then read back.
            // Rows go in in email order so that two overlapping batches lock their rows in the same order and
            // cannot deadlock.
            let ordered = invites.map { (key: Invite.normalize(email: $0.email), invite: $0) }.sorted { $0.key < $1.key }
            var inserted = Set<String>()
            for chunk in ordered.chunked(Self.rowsPerStatement) {
                let insert = db.insert(into: "invites").columns(Self.inviteColumns)
                    .valueRows(chunk.map { Self.values($0.invite, normalizedEmail: $0.key) })
                // Only the rows actually inserted come back: those are stored exactly as built here.
                let rows = try await insert.ignoringConflicts(with: ["event_id", "email_normalized"]).returning("id").all()
                for row in rows { inserted.insert(try row.string("id")) }
            }
            // The others were already invited (or twice in this batch): read what is stored for them.
            var stored: [String: Invite] = [:]
            let existing = invites.filter { !inserted.contains($0.id) }.map { Invite.normalize(email: $0.email) }
            for chunk in existing.chunked(Self.rowsPerStatement) {
                let rows = try await db.select().column("*").from("invites").where("event_id", .equal, eventID)
                    .where("email_normalized", .in, Array(chunk)).all()
                for row in rows {
                    let invite = try row.invite()
                    stored[Invite.normalize(email: invite.email)] = invite
                }
            }
            let result = try invites.map { invite in
                if inserted.contains(invite.id) { return invite }
                guard let found = stored[Invite.normalize(email: invite.email)] else { throw SecuregateError.inviteNotFound }
                return found
            }
            var counts: [CountChange: Int] = [:]
            for invite in invites where inserted.contains(invite.id) {
                counts[CountChange(eventID: eventID, status: invite.status, stripe: Self.stripe(of: invite.id)), default: 0] += 1
            }
            try await Self.adjustCounts(counts, in: db)
            try await Self.insertHistory(history.filter { inserted.contains($0.inviteID) }, in: db)
            try await Self.insertMessages(messages.filter { inserted.contains($0.inviteID) }, in: db)
            let events = invites.filter { inserted.contains($0.id) }
                .map { WebhookEvent.inviteCreated(id: self.ids.makeID(.webhook), $0, at: $0.createdAt) }
            try await self.record(events, accountID: accountID, in: db)
            return result
        }
    }

    public func invites(eventID: String, accountID: String, status: InviteStatus?) async throws -> [Invite] {
        try await sessions.read { db in
            guard try await db.select().column("id").from("events")
                .where("id", .equal, eventID).where("account_id", .equal, accountID).first() != nil
            else { throw SecuregateError.eventNotFound }
            let query = db.select().column("*").from("invites").where("event_id", .equal, eventID)
            if let status { query.where("status", .equal, status.rawValue) }
            return try await query.orderBy("id").all().map { try $0.invite() }
        }
    }

    public func invite(id: String, accountID: String) async throws -> Invite? {
        try await sessions.read { db in
            try await db.select().column("*").from("invites")
                .where("id", .equal, id).where("account_id", .equal, accountID)
                .first().map { try $0.invite() }
        }
    }

    public func invite(normalizedEmail: String, accountID: String, eventID: String?) async throws -> Invite? {
        try await sessions.read { db in
            let query = db.select().column("*").from("invites")
                .where("account_id", .equal, accountID).where("email_normalized", .equal, normalizedEmail)
            if let eventID { query.where("event_id", .equal, eventID) }
            return try await query.orderBy("id", .descending).limit(1).first().map { try $0.invite() }
        }
    }

    public func invite(sessionID: String, accountID: String) async throws -> Invite? {
        try await sessions.read { db in
            try await db.select().column("*").from("invites")
                .where("session_id", .equal, sessionID).where("account_id", .equal, accountID)
                .first().map { try $0.invite() }
        }
    }

    public func updateInviteStatus(
        eventID: String, inviteID: String, accountID: String, status: InviteStatus, at: Date, keyID: String?,
        source: ChangeSource
    ) async throws -> Invite {
        let engine = sessions.engine
        return try await sessions.write { db in
            // The hot path: one read finds the invite, its status and whether its event is archived. Its statements
            // are plain SQL text, which costs a fraction of serializing a builder's tree. On SQLite, whose writer is
            // serialized already, the event is read in a subquery (SQLite plans a join anew for every bound value).
            // On PostgreSQL the invite's row is locked, as its previous status must be the one this update
            // replaces, and the event's row is locked against a concurrent deletion: a deletion waits for this
            // update, and an update that comes while a deletion is under way waits for it and sees it.
            let select = engine == .postgres
                ? "SELECT invites.status, events.is_deleted FROM invites JOIN events ON events.id = invites.event_id"
                : "SELECT status, (SELECT is_deleted FROM events WHERE events.id = invites.event_id) AS is_deleted FROM invites"
            let lock = engine == .postgres ? " FOR UPDATE OF invites FOR SHARE OF events" : ""
            guard let row = try await db.raw("""
                \(unsafeRaw: select) WHERE invites.id = \(bind: inviteID) AND invites.event_id = \(bind: eventID) \
                AND invites.account_id = \(bind: accountID)\(unsafeRaw: lock)
                """).first()
            else {
                // Not found: say whose absence it is, the event's or the invite's.
                _ = try await Self.requireEvent(eventID, accountID: accountID, in: db)
                throw SecuregateError.inviteNotFound
            }
            guard try row.decode(column: "is_deleted", as: Bool.self) == false else { throw SecuregateError.eventArchived }
            let previous = try row.enumeration("status", as: InviteStatus.self)
            guard let updated = try await db.raw("""
                UPDATE invites SET status = \(bind: status.rawValue), updated_at = \(bind: at.epochSeconds) \
                WHERE id = \(bind: inviteID) RETURNING *
                """).first()
            else { throw SecuregateError.inviteNotFound }
            if previous != status {
                try await Self.adjustCounts(
                    Self.statusChange(inviteID: inviteID, eventID: eventID, from: previous, to: status), in: db
                )
                try await db.raw("""
                    INSERT INTO invite_status_changes (invite_id, from_status, to_status, changed_at, key_id, source) \
                    VALUES (\(bind: inviteID), \(bind: previous.rawValue), \(bind: status.rawValue), \(bind: at.epochSeconds), \(bind: keyID), \
                    \(bind: source.rawValue))
                    """).run()
                try await self.record(
                    WebhookEvent.statusChanged(
                        ids: { self.ids.makeID(.webhook) }, inviteID: inviteID, eventID: eventID, accountID: accountID, from: previous,
                        to: status, source: source, at: at
                    ),
                    accountID: accountID, in: db
                )
            }
            return try updated.invite()
        }
    }

    public func statusHistory(inviteID: String, accountID: String) async throws -> [InviteStatusChange] {
        try await sessions.read { db in
            guard try await db.select().column("id").from("invites")
                .where("id", .equal, inviteID).where("account_id", .equal, accountID).first() != nil
            else { throw SecuregateError.inviteNotFound }
            return try await db.select().column("*").from("invite_status_changes")
                .where("invite_id", .equal, inviteID).orderBy("id").all().map { try $0.statusChange() }
        }
    }

    static func insertHistory(_ changes: [InviteStatusChange], in db: any SQLDatabase) async throws {
        for chunk in changes.chunked(rowsPerStatement) {
            try await db.insert(into: "invite_status_changes")
                .columns("invite_id", "from_status", "to_status", "changed_at", "key_id", "source")
                .valueRows(chunk.map {
                    [$0.inviteID, $0.from?.rawValue, $0.to.rawValue, $0.changedAt.epochSeconds, $0.keyID, $0.source.rawValue]
                })
                .run()
        }
    }

    static let inviteColumns = [
        "id", "event_id", "account_id", "first_name", "last_name", "email", "email_normalized", "country_code",
        "mobile_number", "authentication_method", "session_code", "image", "session_id", "created_at", "updated_at",
        "last_seen", "onyxplus_id", "ticket_id", "status", "onboarding_flow_type",
    ]

    /// An invite's values in the order of `inviteColumns`, its email's normalized form as the caller has it.
    static func values(_ invite: Invite, normalizedEmail: String) -> [any Encodable & Sendable] {
        [
            invite.id, invite.eventID, invite.accountID, invite.firstName, invite.lastName, invite.email,
            normalizedEmail, invite.countryCode.rawValue, invite.mobileNumber,
            invite.authenticationMethod.rawValue, invite.sessionCode, invite.image, invite.sessionID,
            invite.createdAt.epochSeconds, invite.updatedAt.epochSeconds, invite.lastSeen?.epochSeconds,
            invite.onyxplusID, invite.ticketID, invite.status.rawValue, invite.onboardingFlowType.rawValue,
        ]
    }
}

extension Array {
    /// The array cut into consecutive pieces of at most `size` elements.
    func chunked(_ size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}
