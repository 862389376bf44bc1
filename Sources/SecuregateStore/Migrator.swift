import Foundation
import Logging
import SQLKit

/// Applies the versioned migrations a database lacks, each in its own transaction.
struct Migrator {
    let sessions: any SQLSessions
    let logger: Logger

    /// Brings the schema up to the newest version; returns the versions applied.
    @discardableResult
    func migrate(_ migrations: [Migration] = Migration.all) async throws -> [Int] {
        try await sessions.write { db in
            try await lockMigrations(db)
            try await db.create(table: "schema_migrations")
                .ifNotExists()
                .column("version", type: .int, .primaryKey(autoIncrement: false))
                .column("name", type: .text, .notNull)
                .column("applied_at", type: .bigint, .notNull)
                .run()
        }
        var applied: [Int] = []
        for migration in migrations {
            let done = try await sessions.write { db in
                try await lockMigrations(db)
                // Checked inside the transaction: another process may have applied it a moment ago.
                let row = try await db.select().column("version").from("schema_migrations")
                    .where("version", .equal, migration.version).first()
                if row != nil { return false }
                try await migration.apply(db)
                try await db.insert(into: "schema_migrations")
                    .columns("version", "name", "applied_at")
                    .values(SQLBind(migration.version), SQLBind(migration.name), SQLBind(Int(Date().timeIntervalSince1970)))
                    .run()
                return true
            }
            if done {
                applied.append(migration.version)
                logger.info("Applied schema migration", metadata: ["version": "\(migration.version)", "name": "\(migration.name)"])
            }
        }
        return applied
    }

    /// Serializes migrations between instances starting at the same moment. On PostgreSQL a transaction-scoped
    /// advisory lock; SQLite's write transactions (BEGIN IMMEDIATE) are already exclusive.
    @Sendable private func lockMigrations(_ db: any SQLDatabase) async throws {
        guard sessions.engine == .postgres else { return }
        try await db.raw("SELECT pg_advisory_xact_lock(\(literal: Self.advisoryLockKey))").run()
    }

    /// The advisory lock's key: "SECUREGT" read as a number, to stay clear of other applications' keys.
    static let advisoryLockKey = 0x5345_4355_5245_4754
}
