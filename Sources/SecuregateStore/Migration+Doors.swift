import SQLKit

extension Migration {
    static let doors = Migration(version: 12, name: "doors") { db in
        // A pairing token is stored as its hash only; a door's key is an ordinary `checkin` key of its account.
        try await db.create(table: "doors")
            .column("id", type: .text, .primaryKey(autoIncrement: false))
            .column("account_id", type: .text, .notNull, .references("accounts", "id"))
            .column("event_id", type: .text, .notNull, .references("events", "id"))
            .column("gate", type: .text, .notNull)
            .column("token_hash", type: .blob, .notNull, .unique)
            .column("created_at", type: .bigint, .notNull)
            .column("pairing_expires_at", type: .bigint, .notNull)
            .column("paired_at", type: .bigint)
            .column("key_id", type: .text)
            .column("revoked_at", type: .bigint)
            .column("last_seen_at", type: .bigint)
            .run()
        try await db.create(index: "doors_by_event").on("doors").column("event_id").run()
        try await db.create(index: "doors_by_key").on("doors").column("key_id").run()
    }
}
