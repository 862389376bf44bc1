import SQLKit

extension Migration {
    static let keyLabels = Migration(version: 11, name: "key labels and expiry") { db in
        // Keys of before have no label and never expire.
        try await db.alter(table: "api_keys").column("label", type: .text, .notNull, .default("")).run()
        try await db.alter(table: "api_keys").column("expires_at", type: .bigint).run()
    }
}
