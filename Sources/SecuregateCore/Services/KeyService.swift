import Foundation

/// Issues, checks, lists and revokes API keys.
public struct KeyService: Sendable {
    let store: any SecuregateStore
    let time: any TimeSource
    let ids: any IDGenerator
    let hasher: any SecretHasher

    public init(store: any SecuregateStore, time: any TimeSource, ids: any IDGenerator, hasher: any SecretHasher) {
        self.store = store
        self.time = time
        self.ids = ids
        self.hasher = hasher
    }

    /// Creates a key for the account named `accountName` (creating the account when needed), with a label and,
    /// when `lifetime` is given, an expiry; returns the stored record and the token, which exists nowhere else.
    public func issue(
        accountName: String, scope: APIKeyScope = .admin, label: String = "", lifetime: TimeInterval? = nil
    ) async throws -> (record: APIKeyRecord, token: APIKeyToken) {
        let now = time.now()
        let accountID = try await store.ensureAccount(name: accountName, newID: ids.makeID(.account), at: now)
        let token = APIKeyToken(keyID: ids.makeID(.key), secret: ids.makeSecret())
        let record = APIKeyRecord(
            id: token.keyID, accountID: accountID, accountName: accountName,
            secretHash: hasher.hash(token.secret), createdAt: now, scope: scope, label: label,
            expiresAt: lifetime.map { now.addingTimeInterval($0) }
        )
        try await store.insertKey(record)
        return (record, token)
    }

    /// The caller behind a token; throws `invalidAPIKey` for a malformed, unknown, revoked or expired key.
    public func authenticate(_ text: String) async throws -> Principal {
        guard let token = APIKeyToken(parsing: text),
              let record = try await store.key(id: token.keyID),
              record.isValid(at: time.now()),
              constantTimeEquals(record.secretHash, hasher.hash(token.secret))
        else {
            throw SecuregateError.invalidAPIKey
        }
        return Principal(accountID: record.accountID, keyID: record.id, scope: record.scope)
    }

    /// Every key, oldest first.
    public func list() async throws -> [APIKeyRecord] {
        try await store.allKeys()
    }

    /// Revokes a key; `false` when there is no such key.
    public func revoke(keyID: String) async throws -> Bool {
        try await store.revokeKey(id: keyID, at: time.now())
    }

    /// The keys of the caller's account, oldest first.
    public func keys(for principal: Principal) async throws -> [APIKeyRecord] {
        try await store.keys(accountID: principal.accountID)
    }

    /// Creates a key in the caller's account (as `issue` does for an account by name).
    public func issue(
        scope: APIKeyScope, label: String, lifetime: TimeInterval?, for principal: Principal
    ) async throws -> (record: APIKeyRecord, token: APIKeyToken) {
        let now = time.now()
        let token = APIKeyToken(keyID: ids.makeID(.key), secret: ids.makeSecret())
        let record = APIKeyRecord(
            id: token.keyID, accountID: principal.accountID, accountName: try await store.key(id: principal.keyID)?.accountName ?? "",
            secretHash: hasher.hash(token.secret), createdAt: now, scope: scope, label: label,
            expiresAt: lifetime.map { now.addingTimeInterval($0) }
        )
        try await store.insertKey(record)
        return (record, token)
    }

    /// Revokes a key of the caller's account; `false` when the account has no such key.
    public func revoke(keyID: String, for principal: Principal) async throws -> Bool {
        guard let record = try await store.key(id: keyID), record.accountID == principal.accountID else { return false }
        return try await store.revokeKey(id: keyID, at: time.now())
    }

    /// Creates a first key when the database has none, so that a new server can be called at once.
    public func issueFirstKeyIfNone(accountName: String = "default") async throws -> APIKeyToken? {
        guard try await store.keyCount() == 0 else { return nil }
        return try await issue(accountName: accountName).token
    }
}
