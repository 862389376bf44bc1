import SQLKit

extension Migration {
    static let webhookDeliveries = Migration(version: 10, name: "webhook deliveries") { db in
        // The scans' events of before had no payload and nowhere to go: none was ever delivered or promised. An
        // event now lives in its deliveries, one row per event and endpoint (an event no endpoint wants is not
        // kept): one insert beside each change. `seq` orders them as they were written: the order in which one
        // invite's events reach an endpoint.
        try await db.drop(table: "webhook_events").run()
        try await db.create(table: "webhook_deliveries")
            .column("seq", type: .bigint, .primaryKey(autoIncrement: true))
            .column("id", type: .text, .notNull, .unique)
            .column("endpoint_id", type: .text, .notNull, .references("webhook_endpoints", "id"))
            .column("account_id", type: .text, .notNull)
            .column("event_id", type: .text, .notNull)
            .column("type", type: .text, .notNull)
            .column("invite_id", type: .text)
            .column("data", type: .text, .notNull)
            .column("occurred_at", type: .bigint, .notNull)
            .column("state", type: .text, .notNull)
            .column("attempt_count", type: .int, .notNull)
            .column("next_attempt_at", type: .bigint)
            .column("completed_at", type: .bigint)
            .run()
        // What the claim looks for: only unfinished rows are indexed, so finished ones cost it nothing.
        try await db.raw("""
            CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE state IN ('pending', 'sending')
            """).run()
        try await db.create(index: "webhook_deliveries_order").on("webhook_deliveries")
            .column("endpoint_id").column("invite_id").column("seq").run()
        try await db.raw("""
            CREATE INDEX webhook_deliveries_finished ON webhook_deliveries (completed_at) WHERE completed_at IS NOT NULL
            """).run()
        try await db.create(table: "webhook_attempts")
            .column("delivery_id", type: .text, .notNull)
            .column("number", type: .int, .notNull)
            .column("attempted_at", type: .bigint, .notNull)
            .column("status_code", type: .int)
            .column("duration_ms", type: .int, .notNull)
            .column("response", type: .text, .notNull)
            .column("error", type: .text)
            .primaryKey("delivery_id", "number")
            .run()
        try await db.alter(table: "webhook_endpoints").column("failing_since", type: .bigint).run()
    }
}
