import SQLKit

/// One versioned change of the schema, written once for every engine with SQLKit's builders.
struct Migration: Sendable {
    let version: Int
    let name: String
    let apply: @Sendable (any SQLDatabase) async throws -> Void
}

extension SQLStore {
    /// The schema version this server brings every database to.
    public static var schemaVersion: Int { Migration.all.last?.version ?? 0 }
}

extension Migration {
    /// Every migration, in order. Versions are never reused or changed once released.
    static let all: [Migration] = [
        .initialSchema, .doorCheckin, .faces, .inviteCounts, .scanNonceBinding, .messageStates, .messageText, .inviteLinks,
        .webhookEndpoints, .webhookDeliveries, .keyLabels, .doors, .presenceGate, .persist, .invitePaging,
    ]

    static let initialSchema = Migration(version: 1, name: "initial schema") { db in
        try await db.create(table: "accounts")
            .column("id", type: .text, .primaryKey(autoIncrement: false))
            .column("name", type: .text, .notNull, .unique)
            .column("created_at", type: .bigint, .notNull)
            .run()
        try await db.create(table: "api_keys")
            .column("id", type: .text, .primaryKey(autoIncrement: false))
            .column("account_id", type: .text, .notNull, .references("accounts", "id"))
            .column("secret_hash", type: .blob, .notNull)
            .column("created_at", type: .bigint, .notNull)
            .column("revoked_at", type: .bigint)
            .run()
        try await db.create(table: "events")
            .column("id", type: .text, .primaryKey(autoIncrement: false))
            .column("account_id", type: .text, .notNull, .references("accounts", "id"))
            .column("title", type: .text, .notNull)
            .column("description", type: .text, .notNull)
            .column("instructions", type: .text, .notNull)
            .column("image_url", type: .text)
            .column("address", type: .text, .notNull)
            .column("city", type: .text, .notNull)
            .column("state", type: .text, .notNull)
            .column("zip_code", type: .text, .notNull)
            .column("country", type: .text, .notNull)
            .column("start_timestamp", type: .bigint, .notNull)
            .column("end_timestamp", type: .bigint, .notNull)
            .column("type", type: .text, .notNull)
            .column("is_deleted", type: .custom(SQLRaw("BOOLEAN")), .notNull)
            .column("created_at", type: .bigint, .notNull)
            .column("updated_at", type: .bigint, .notNull)
            .run()
        try await db.create(index: "events_by_account").on("events").column("account_id").column("id").run()
        try await db.create(table: "invites")
            .column("id", type: .text, .primaryKey(autoIncrement: false))
            .column("event_id", type: .text, .notNull, .references("events", "id"))
            .column("account_id", type: .text, .notNull, .references("accounts", "id"))
            .column("first_name", type: .text, .notNull)
            .column("last_name", type: .text, .notNull)
            .column("email", type: .text, .notNull)
            .column("email_normalized", type: .text, .notNull)
            .column("country_code", type: .text, .notNull)
            .column("mobile_number", type: .text, .notNull)
            .column("authentication_method", type: .text, .notNull)
            .column("session_code", type: .text, .notNull, .unique)
            .column("image", type: .text)
            .column("session_id", type: .text, .notNull, .unique)
            .column("created_at", type: .bigint, .notNull)
            .column("updated_at", type: .bigint, .notNull)
            .column("last_seen", type: .bigint)
            .column("onyxplus_id", type: .text)
            .column("ticket_id", type: .text)
            .column("status", type: .text, .notNull)
            .column("onboarding_flow_type", type: .text, .notNull)
            // One invitation per person per event, enforced by the database whatever the number of writers.
            .unique("event_id", "email_normalized")
            .run()
        try await db.create(index: "invites_by_event_status").on("invites").column("event_id").column("status").run()
        try await db.create(index: "invites_by_account_email").on("invites")
            .column("account_id").column("email_normalized").column("id").run()
        try await db.create(table: "invite_status_changes")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("invite_id", type: .text, .notNull, .references("invites", "id"))
            .column("from_status", type: .text)
            .column("to_status", type: .text, .notNull)
            .column("changed_at", type: .bigint, .notNull)
            .column("key_id", type: .text)
            .run()
        try await db.create(index: "status_changes_by_invite").on("invite_status_changes").column("invite_id").column("id").run()
        try await db.create(table: "outbox_messages")
            .column("id", type: .text, .primaryKey(autoIncrement: false))
            .column("account_id", type: .text, .notNull, .references("accounts", "id"))
            .column("invite_id", type: .text, .notNull, .references("invites", "id"))
            .column("channel", type: .text, .notNull)
            .column("recipient", type: .text, .notNull)
            .column("subject", type: .text, .notNull)
            .column("body", type: .text, .notNull)
            .column("created_at", type: .bigint, .notNull)
            .column("attempts", type: .int, .notNull)
            .column("available_at", type: .bigint, .notNull)
            .column("delivered_at", type: .bigint)
            .column("last_error", type: .text)
            .run()
        try await db.create(index: "outbox_due").on("outbox_messages").column("delivered_at").column("available_at").run()
        try await db.create(index: "outbox_by_invite").on("outbox_messages").column("invite_id").run()
    }

    static let doorCheckin = Migration(version: 2, name: "door check-in") { db in
        try await db.alter(table: "api_keys").column("scope", type: .text, .notNull, .default("admin")).run()
        // Who is inside: one row per person, so that two simultaneous entries cannot both succeed.
        try await db.create(table: "presence")
            .column("invite_id", type: .text, .primaryKey(autoIncrement: false), .references("invites", "id"))
            .column("event_id", type: .text, .notNull, .references("events", "id"))
            .column("entered_at", type: .bigint, .notNull)
            .run()
        try await db.create(index: "presence_by_event").on("presence").column("event_id").run()
        try await db.create(table: "checkins")
            .column("id", type: .text, .primaryKey(autoIncrement: false))
            .column("event_id", type: .text, .notNull, .references("events", "id"))
            .column("account_id", type: .text, .notNull, .references("accounts", "id"))
            .column("invite_id", type: .text)
            .column("code", type: .text, .notNull)
            .column("type", type: .text, .notNull)
            .column("gate", type: .text, .notNull)
            .column("result", type: .text, .notNull)
            .column("reason", type: .text)
            .column("key_id", type: .text, .notNull)
            .column("scanned_at", type: .bigint, .notNull)
            .run()
        try await db.create(index: "checkins_by_event").on("checkins").column("event_id").column("id").run()
        try await db.create(table: "scan_nonces")
            .column("key_id", type: .text, .notNull)
            .column("nonce", type: .text, .notNull)
            .column("checkin_id", type: .text, .notNull)
            .column("checked_in_at", type: .bigint)
            .primaryKey("key_id", "nonce")
            .run()
        // Events for the webhooks to come, written in the same transaction as what they report.
        try await db.create(table: "webhook_events")
            .column("id", type: .text, .primaryKey(autoIncrement: false))
            .column("account_id", type: .text, .notNull, .references("accounts", "id"))
            .column("type", type: .text, .notNull)
            .column("subject_id", type: .text, .notNull)
            .column("created_at", type: .bigint, .notNull)
            .column("delivered_at", type: .bigint)
            .run()
    }
}
