import SQLKit

extension Migration {
    static let webhookEndpoints = Migration(version: 9, name: "webhook endpoints") { db in
        // An account's endpoints; the event patterns are kept as one space-separated text.
        try await db.create(table: "webhook_endpoints")
            .column("id", type: .text, .primaryKey(autoIncrement: false))
            .column("account_id", type: .text, .notNull, .references("accounts", "id"))
            .column("url", type: .text, .notNull)
            .column("events", type: .text, .notNull)
            .column("description", type: .text, .notNull)
            .column("secret", type: .text, .notNull)
            .column("previous_secret", type: .text)
            .column("previous_secret_expires_at", type: .bigint)
            .column("created_at", type: .bigint, .notNull)
            .column("updated_at", type: .bigint, .notNull)
            .column("disabled_at", type: .bigint)
            .column("disabled_reason", type: .text)
            .run()
        try await db.create(index: "webhook_endpoints_account").on("webhook_endpoints").column("account_id").run()
    }
}
