import SQLKit

extension Migration {
    static let messageStates = Migration(version: 6, name: "message states") { db in
        // Where each message is (queued, sending, delivered, failed), and when a failed one was given up.
        try await db.alter(table: "outbox_messages").column("state", type: .text, .notNull, .default("queued")).run()
        try await db.alter(table: "outbox_messages").column("failed_at", type: .bigint).run()
        try await db.raw("UPDATE outbox_messages SET state = 'delivered' WHERE delivered_at IS NOT NULL").run()
    }
}
