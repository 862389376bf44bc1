import Foundation

/// Persistence of accounts and their API keys.
public protocol KeyStore: Sendable {
    /// The id of the account named `name`, creating it with `newID` when there is none.
    func ensureAccount(name: String, newID: String, at: Date) async throws -> String
    /// Stores a new key.
    func insertKey(_ key: APIKeyRecord) async throws
    /// The key with this public id, revoked or not, or `nil`.
    func key(id: String) async throws -> APIKeyRecord?
    /// Every key, oldest first.
    func allKeys() async throws -> [APIKeyRecord]
    /// The keys of one account, oldest first.
    func keys(accountID: String) async throws -> [APIKeyRecord]
    /// Revokes the key; `false` when there is no such key.
    func revokeKey(id: String, at: Date) async throws -> Bool
    /// How many keys exist, revoked or not.
    func keyCount() async throws -> Int
}
