import SQLKit

extension Migration {
    static let persist = Migration(version: 14, name: "persisted values") { db in
        try await db.create(table: "persist")
            .column("key", type: .text, .primaryKey(autoIncrement: false))
            .column("value", type: .blob, .notNull)
            .column("expires_at", type: .bigint)
            .run()
        try await db.create(index: "persist_by_expiry").on("persist").column("expires_at").run()
    }
}
