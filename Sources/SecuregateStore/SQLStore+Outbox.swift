import Foundation
import SQLKit
import SecuregateCore

extension SQLStore {
    static func insertMessages(_ messages: [OutboxMessage], in db: any SQLDatabase) async throws {
        for chunk in messages.chunked(rowsPerStatement) {
            try await db.insert(into: "outbox_messages").columns(
                "id", "account_id", "invite_id", "channel", "recipient", "created_at", "attempts",
                "available_at", "delivered_at", "last_error", "state"
            )
            .valueRows(chunk.map { message -> [any Encodable & Sendable] in
                [
                    message.id, message.accountID, message.inviteID, message.channel.rawValue, message.recipient,
                    message.createdAt.epochSeconds, message.attempts,
                    message.createdAt.epochSeconds, message.deliveredAt?.epochSeconds, String?.none, message.state.rawValue,
                ]
            })
            .run()
        }
    }

    public func claimMessages(limit: Int, now: Date, leaseUntil: Date) async throws -> [OutboxMessage] {
        let engine = sessions.engine
        return try await sessions.write { db in
            let query = db.select().column("*").from("outbox_messages")
                .where("delivered_at", .is, SQLLiteral.null).where("available_at", .lessThanOrEqual, now.epochSeconds)
                .where("state", .in, [MessageState.queued.rawValue, MessageState.sending.rawValue])
                .orderBy("id").limit(limit)
            // Workers of several instances claim at once: each skips the rows another is claiming. SQLite has a
            // single writer, so its claims are serialized anyway.
            if engine == .postgres { query.lockingClause(SQLRaw("FOR UPDATE SKIP LOCKED")) }
            let rows = try await query.all()
            let messages = try rows.map { try $0.outboxMessage() }
            guard !messages.isEmpty else { return [] }
            try await db.update("outbox_messages")
                .set("available_at", to: leaseUntil.epochSeconds).set("state", to: MessageState.sending.rawValue)
                .set(SQLIdentifier("attempts"), to: SQLBinaryExpression(SQLIdentifier("attempts"), .add, SQLLiteral.numeric("1")))
                .where("id", .in, messages.map(\.id)).run()
            return messages.map { message in
                var claimed = message
                claimed.attempts += 1
                claimed.state = .sending
                return claimed
            }
        }
    }

    public func renewLease(messageID: String, until: Date) async throws {
        try await sessions.write { db in
            try await db.update("outbox_messages").set("available_at", to: until.epochSeconds)
                .where("id", .equal, messageID).where("state", .equal, MessageState.sending.rawValue).run()
        }
    }

    public func completeDelivery(messageID: String, at: Date, marksSent: Bool) async throws {
        try await sessions.write { db in
            guard let message = try await db.select().column("*").from("outbox_messages")
                .where("id", .equal, messageID).where("delivered_at", .is, SQLLiteral.null).for(.update).first()?.outboxMessage()
            else { return }
            try await db.update("outbox_messages").set("delivered_at", to: at.epochSeconds).set("last_error", to: String?.none)
                .set("state", to: MessageState.delivered.rawValue).where("id", .equal, messageID).run()
            guard let invite = try await db.select().columns("event_id", "status").from("invites")
                .where("id", .equal, message.inviteID).for(.update).first()
            else { return }
            let eventID = try invite.string("event_id")
            var events = [WebhookEvent.message(id: self.ids.makeID(.webhook), message, eventID: eventID, error: nil, at: at)]
            // Handing the invitation over moves it from pending to sent, never back from a later status.
            if marksSent, try invite.enumeration("status", as: InviteStatus.self) == .pending {
                try await Self.adjustCounts(
                    Self.statusChange(inviteID: message.inviteID, eventID: eventID, from: .pending, to: .sent), in: db
                )
                try await db.update("invites").set("status", to: InviteStatus.sent.rawValue).set("updated_at", to: at.epochSeconds)
                    .where("id", .equal, message.inviteID).run()
                try await Self.insertHistory(
                    [InviteStatusChange(inviteID: message.inviteID, from: .pending, to: .sent, changedAt: at, keyID: nil, source: .delivery)],
                    in: db
                )
                events += WebhookEvent.statusChanged(
                    ids: { self.ids.makeID(.webhook) }, inviteID: message.inviteID, eventID: eventID, accountID: message.accountID,
                    from: .pending, to: .sent, source: .delivery, at: at
                )
            }
            try await self.record(events, accountID: message.accountID, in: db)
        }
    }

    public func failDelivery(messageID: String, error: String, retryAt: Date) async throws {
        try await sessions.write { db in
            try await db.update("outbox_messages").set("available_at", to: retryAt.epochSeconds)
                .set("last_error", to: String(error.prefix(1000))).set("state", to: MessageState.queued.rawValue)
                .where("id", .equal, messageID).where("delivered_at", .is, SQLLiteral.null).run()
        }
    }

    public func abandonDelivery(messageID: String, error: String, at: Date) async throws {
        try await sessions.write { db in
            guard let message = try await db.select().column("*").from("outbox_messages")
                .where("id", .equal, messageID).where("delivered_at", .is, SQLLiteral.null).for(.update).first()?.outboxMessage(),
                message.state != .failed
            else { return }
            try await db.update("outbox_messages").set("failed_at", to: at.epochSeconds)
                .set("last_error", to: String(error.prefix(1000))).set("state", to: MessageState.failed.rawValue)
                .where("id", .equal, messageID).run()
            guard let invite = try await db.select().column("event_id").from("invites").where("id", .equal, message.inviteID).first()
            else { return }
            let event = WebhookEvent.message(
                id: self.ids.makeID(.webhook), message, eventID: try invite.string("event_id"), error: error, at: at
            )
            try await self.record([event], accountID: message.accountID, in: db)
        }
    }

    public func queueMessage(_ message: OutboxMessage, eventID: String) async throws {
        try await sessions.write { db in
            guard try await Self.requireEvent(eventID, accountID: message.accountID, in: db) == false else {
                throw SecuregateError.eventArchived
            }
            try await Self.insertMessages([message], in: db)
        }
    }

    public func deleteFinishedMessages(finishedAtOrBefore cutoff: Date, limit: Int) async throws -> Int {
        try await sessions.write { db in
            // In small batches, so that the pass never holds the writer long.
            let due = try await db.raw("""
                SELECT id FROM outbox_messages WHERE delivered_at <= \(bind: cutoff.epochSeconds) \
                OR (state = \(bind: MessageState.failed.rawValue) AND failed_at <= \(bind: cutoff.epochSeconds)) LIMIT \(bind: limit)
                """).all().map { try $0.string("id") }
            guard !due.isEmpty else { return 0 }
            try await db.delete(from: "outbox_messages").where("id", .in, due).run()
            return due.count
        }
    }

    public func messages(inviteID: String) async throws -> [OutboxMessage] {
        try await sessions.read { db in
            try await db.select().column("*").from("outbox_messages").where("invite_id", .equal, inviteID)
                .orderBy("id").all().map { try $0.outboxMessage() }
        }
    }
}
