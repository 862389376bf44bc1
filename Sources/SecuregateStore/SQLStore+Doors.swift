import Foundation
import SQLKit
import SecuregateCore

extension SQLStore {
    public func insertDoor(_ door: Door, tokenHash: [UInt8]) async throws {
        try await sessions.write { db in
            try await db.insert(into: "doors")
                .columns("id", "account_id", "event_id", "gate", "token_hash", "created_at", "pairing_expires_at")
                .values(
                    SQLBind(door.id), SQLBind(door.accountID), SQLBind(door.eventID), SQLBind(door.gate), SQLBind(Data(tokenHash)),
                    SQLBind(door.createdAt.epochSeconds), SQLBind(door.pairingExpiresAt.epochSeconds)
                )
                .run()
        }
    }

    public func pairDoor(tokenHash: [UInt8], at: Date, key: @escaping @Sendable (Door) -> APIKeyRecord) async throws -> Door? {
        // On PostgreSQL the row is locked: a second device opening the same link at the same moment waits, then
        // finds it paired. SQLite's one writer runs the two one after the other.
        let lock = sessions.engine == .postgres ? " FOR UPDATE" : ""
        return try await sessions.write { db in
            guard let row = try await db.raw("""
                SELECT * FROM doors WHERE token_hash = \(bind: Data(tokenHash)) AND paired_at IS NULL AND revoked_at IS NULL \
                AND pairing_expires_at > \(bind: at.epochSeconds)\(unsafeRaw: lock)
                """).first()
            else { return nil }
            var door = try row.door()
            let record = key(door)
            door.pairedAt = at
            door.keyID = record.id
            try await db.update("doors").set("paired_at", to: at.epochSeconds).set("key_id", to: record.id)
                .where("id", .equal, door.id).run()
            try await Self.insertKey(record, in: db)
            return door
        }
    }

    public func doors(eventID: String, accountID: String) async throws -> [Door] {
        try await sessions.read { db in
            try await db.select().column("*").from("doors").where("event_id", .equal, eventID).where("account_id", .equal, accountID)
                .orderBy("created_at").orderBy("id").all().map { try $0.door() }
        }
    }

    public func door(keyID: String) async throws -> Door? {
        try await sessions.read { db in
            try await db.select().column("*").from("doors").where("key_id", .equal, keyID).first()?.door()
        }
    }

    public func markDoorSeen(id: String, at: Date) async throws {
        try await sessions.write { db in
            try await db.update("doors").set("last_seen_at", to: at.epochSeconds).where("id", .equal, id).run()
        }
    }

    public func revokeDoor(id: String, eventID: String, accountID: String, at: Date) async throws -> Door? {
        try await sessions.write { db in
            guard let row = try await db.select().column("*").from("doors").where("id", .equal, id)
                .where("event_id", .equal, eventID).where("account_id", .equal, accountID).first()
            else { return nil }
            var door = try row.door()
            // Revoking twice keeps the first time.
            guard door.revokedAt == nil else { return door }
            door.revokedAt = at
            try await db.update("doors").set("revoked_at", to: at.epochSeconds).where("id", .equal, id).run()
            if let keyID = door.keyID {
                try await db.update("api_keys").set("revoked_at", to: at.epochSeconds)
                    .where("id", .equal, keyID).where("revoked_at", .is, SQLLiteral.null).run()
            }
            return door
        }
    }
}

extension SQLRow {
    func door() throws -> Door {
        Door(
            id: try string("id"), accountID: try string("account_id"), eventID: try string("event_id"), gate: try string("gate"),
            createdAt: try date("created_at"), pairingExpiresAt: try date("pairing_expires_at"), pairedAt: try optionalDate("paired_at"),
            keyID: try optionalString("key_id"), revokedAt: try optionalDate("revoked_at"), lastSeenAt: try optionalDate("last_seen_at")
        )
    }
}
