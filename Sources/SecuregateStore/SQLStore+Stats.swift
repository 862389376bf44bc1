import SQLKit

extension SQLStore {
    /// The tables an operator watches grow, in the order `securegate stats` prints them.
    static let statTables = [
        "accounts", "api_keys", "events", "invites", "invite_status_changes", "invite_links", "outbox_messages", "checkins",
        "presence", "scan_nonces", "faces", "webhook_endpoints", "webhook_deliveries", "webhook_attempts", "doors",
    ]

    /// How many rows each table holds, for `securegate stats`.
    public func tableRowCounts() async throws -> [(table: String, rows: Int)] {
        try await sessions.read { db in
            var counts: [(table: String, rows: Int)] = []
            for table in Self.statTables {
                let rows = try await db.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from(table).first()?.int("n") ?? 0
                counts.append((table, rows))
            }
            return counts
        }
    }
}
