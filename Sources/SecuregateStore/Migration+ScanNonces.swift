import SQLKit

extension Migration {
    static let scanNonceBinding = Migration(version: 5, name: "scan nonces bound to their scan") { db in
        // What the nonce's scan was, so that a reuse with another scan is refused; and when it was claimed, so
        // that nonces expire. One column a statement: SQLite adds one at a time.
        try await db.alter(table: "scan_nonces").column("fingerprint", type: .text).run()
        try await db.alter(table: "scan_nonces").column("claimed_at", type: .bigint).run()
        try await db.raw("""
            UPDATE scan_nonces SET claimed_at =
                COALESCE((SELECT scanned_at FROM checkins WHERE checkins.id = scan_nonces.checkin_id), 0)
            """).run()
        try await db.create(index: "scan_nonces_by_claim").on("scan_nonces").column("claimed_at").run()
    }
}
