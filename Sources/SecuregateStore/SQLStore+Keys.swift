import Foundation
import SQLKit
import SecuregateCore

extension SQLStore {
    public func ensureAccount(name: String, newID: String, at: Date) async throws -> String {
        try await sessions.write { db in
            try await db.insert(into: "accounts").columns("id", "name", "created_at")
                .values(SQLBind(newID), SQLBind(name), SQLBind(at.epochSeconds))
                .ignoringConflicts(with: ["name"]).run()
            guard let row = try await db.select().column("id").from("accounts").where("name", .equal, name).first() else {
                throw StoreError.corruptValue(column: "accounts.name", value: name)
            }
            return try row.string("id")
        }
    }

    public func insertKey(_ key: APIKeyRecord) async throws {
        try await sessions.write { db in try await Self.insertKey(key, in: db) }
    }

    /// Inserts `key` in the transaction of `db`.
    static func insertKey(_ key: APIKeyRecord, in db: any SQLDatabase) async throws {
        try await db.insert(into: "api_keys")
            .columns("id", "account_id", "secret_hash", "created_at", "revoked_at", "scope", "label", "expires_at")
            .values(
                SQLBind(key.id), SQLBind(key.accountID), SQLBind(Data(key.secretHash)), SQLBind(key.createdAt.epochSeconds),
                SQLBind(key.revokedAt?.epochSeconds), SQLBind(key.scope.rawValue), SQLBind(key.label),
                SQLBind(key.expiresAt?.epochSeconds)
            )
            .run()
    }

    public func key(id: String) async throws -> APIKeyRecord? {
        try await sessions.read { db in
            // Read on every request: plain SQL text, which costs a fraction of serializing a builder's tree, and a
            // subquery rather than a join, which SQLite would plan anew for every bound id.
            try await db.raw("""
                SELECT id, account_id, secret_hash, created_at, revoked_at, scope, label, expires_at,
                (SELECT name FROM accounts WHERE accounts.id = api_keys.account_id) AS account_name
                FROM api_keys WHERE id = \(bind: id)
                """).first().map { try $0.apiKey() }
        }
    }

    public func allKeys() async throws -> [APIKeyRecord] {
        try await sessions.read { db in
            try await Self.keyQuery(db).orderBy(SQLColumn("created_at", table: "api_keys")).orderBy(SQLColumn("id", table: "api_keys"))
                .all().map { try $0.apiKey() }
        }
    }

    public func keys(accountID: String) async throws -> [APIKeyRecord] {
        try await sessions.read { db in
            try await Self.keyQuery(db).where(SQLColumn("account_id", table: "api_keys"), .equal, SQLBind(accountID))
                .orderBy(SQLColumn("created_at", table: "api_keys")).orderBy(SQLColumn("id", table: "api_keys"))
                .all().map { try $0.apiKey() }
        }
    }

    public func revokeKey(id: String, at: Date) async throws -> Bool {
        try await sessions.write { db in
            guard try await db.select().column("id").from("api_keys").where("id", .equal, id).first() != nil else {
                return false
            }
            try await db.update("api_keys").set("revoked_at", to: at.epochSeconds)
                .where("id", .equal, id).where("revoked_at", .is, SQLLiteral.null).run()
            return true
        }
    }

    public func keyCount() async throws -> Int {
        try await sessions.read { db in
            try await db.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("api_keys")
                .first()?.int("n") ?? 0
        }
    }

    private static func keyQuery(_ db: any SQLDatabase) -> SQLSelectBuilder {
        db.select()
            .column(SQLColumn("id", table: "api_keys")).column(SQLColumn("account_id", table: "api_keys"))
            .column(SQLColumn("secret_hash", table: "api_keys")).column(SQLColumn("created_at", table: "api_keys"))
            .column(SQLColumn("revoked_at", table: "api_keys")).column(SQLColumn("scope", table: "api_keys"))
            .column(SQLColumn("label", table: "api_keys")).column(SQLColumn("expires_at", table: "api_keys"))
            .column(SQLColumn("name", table: "accounts"), as: "account_name")
            .from("api_keys")
            .join("accounts", on: SQLColumn("account_id", table: "api_keys"), .equal, SQLColumn("id", table: "accounts"))
    }
}
