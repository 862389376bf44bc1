import SQLKit

extension Migration {
    static let faces = Migration(version: 3, name: "faces") { db in
        // One reference face per invite: its descriptor (128 little-endian float32), and the photo only when
        // the server is configured to keep photos.
        try await db.create(table: "faces")
            .column("invite_id", type: .text, .primaryKey(autoIncrement: false), .references("invites", "id"))
            .column("event_id", type: .text, .notNull, .references("events", "id"))
            .column("account_id", type: .text, .notNull, .references("accounts", "id"))
            .column("descriptor", type: .blob, .notNull)
            .column("source", type: .text, .notNull)
            .column("enrolled_at", type: .bigint, .notNull)
            .column("photo", type: .blob)
            .run()
        try await db.create(index: "faces_by_event").on("faces").column("event_id").run()
        // Advanced with every change to the event's faces: in-memory indexes reload when it moves.
        try await db.alter(table: "events").column("face_generation", type: .bigint, .notNull, .default(0)).run()
        // What the door decided about a face, in the ledger.
        try await db.alter(table: "checkins").column("method", type: .text, .notNull, .default("qr")).run()
        try await db.alter(table: "checkins").column("face_distance", type: .custom(SQLRaw("DOUBLE PRECISION"))).run()
    }
}
