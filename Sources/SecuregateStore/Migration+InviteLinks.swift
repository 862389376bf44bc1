import SQLKit

extension Migration {
    static let inviteLinks = Migration(version: 8, name: "invite links and change sources") { db in
        // One personal link per invite, made when first needed; its token is the key, since a page is found by
        // the token alone.
        try await db.create(table: "invite_links")
            .column("token", type: .text, .primaryKey(autoIncrement: false))
            .column("invite_id", type: .text, .notNull, .unique, .references("invites", "id"))
            .column("account_id", type: .text, .notNull, .references("accounts", "id"))
            .column("created_at", type: .bigint, .notNull)
            .run()
        // Who made each status change: the API, the invitee on their page, or the delivery of an invitation
        // (the changes without a key so far).
        try await db.alter(table: "invite_status_changes").column("source", type: .text, .notNull, .default("api")).run()
        try await db.raw("UPDATE invite_status_changes SET source = 'delivery' WHERE key_id IS NULL AND from_status IS NOT NULL").run()
    }
}
