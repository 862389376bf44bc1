import SQLKit

extension Migration {
    static let inviteCounts = Migration(version: 4, name: "invite counts") { db in
        // The invites of each event counted by status, kept in the transactions that change them, so the stats
        // cost the same at 100 000 invites as at 10. Each count is split over stripes (by invite id), so that
        // concurrent updates in one event on PostgreSQL rarely wait for the same row.
        try await db.create(table: "invite_counts")
            .column("event_id", type: .text, .notNull, .references("events", "id"))
            .column("status", type: .text, .notNull)
            .column("stripe", type: .int, .notNull)
            .column("n", type: .bigint, .notNull)
            .primaryKey("event_id", "status", "stripe")
            .run()
        try await db.raw("""
            INSERT INTO invite_counts (event_id, status, stripe, n)
            SELECT event_id, status, 0, COUNT(*) FROM invites GROUP BY event_id, status
            """).run()
    }
}
