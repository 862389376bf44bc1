import Foundation
import SQLKit
import SecuregateCore

extension SQLStore {
    public func persistInsert(key: String, value: Data, expiresAt: Date?, now: Date) async throws -> Bool {
        try await sessions.write { db in
            // An expired value is as good as none: it makes way.
            try await db.delete(from: "persist").where("key", .equal, key)
                .where("expires_at", .isNot, SQLLiteral.null).where("expires_at", .lessThanOrEqual, now.epochSeconds).run()
            let inserted = try await db.insert(into: "persist").columns("key", "value", "expires_at")
                .values(SQLBind(key), SQLBind(value), SQLBind(expiresAt?.epochSeconds))
                .ignoringConflicts(with: ["key"]).returning("key").all()
            return !inserted.isEmpty
        }
    }

    public func persistSet(key: String, value: Data, expiresAt: Date?) async throws {
        try await sessions.write { db in
            var update = db.update("persist").set("value", to: SQLBind(value)).where("key", .equal, key)
            if let expiresAt { update = update.set("expires_at", to: expiresAt.epochSeconds) }
            let updated = try await update.returning("key").all()
            guard updated.isEmpty else { return }
            try await db.insert(into: "persist").columns("key", "value", "expires_at")
                .values(SQLBind(key), SQLBind(value), SQLBind(expiresAt?.epochSeconds)).run()
        }
    }

    public func persistValue(key: String, now: Date) async throws -> (value: Data, expiresAt: Date?)? {
        try await sessions.read { db in
            guard let row = try await db.select().columns("value", "expires_at").from("persist").where("key", .equal, key).first() else {
                return nil
            }
            let expiresAt = try row.optionalDate("expires_at")
            if let expiresAt, expiresAt <= now { return nil }
            return (try row.decode(column: "value", as: Data.self), expiresAt)
        }
    }

    public func persistRemove(key: String) async throws {
        try await sessions.write { db in
            try await db.delete(from: "persist").where("key", .equal, key).run()
        }
    }

    public func deleteExpiredPersisted(at now: Date, limit: Int) async throws -> Int {
        try await sessions.write { db in
            let due = SQLSubquery.select { $0.column("key").from("persist").where("expires_at", .lessThanOrEqual, now.epochSeconds).limit(limit) }
            return try await db.delete(from: "persist").where("key", .in, due).returning("key").all().count
        }
    }
}
