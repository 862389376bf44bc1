import Foundation

/// A small table of values with an expiry, shared by every server instance over the same database: the
/// console's sessions live here, so that a session begun on one instance is known to all.
public protocol PersistStore: Sendable {
    /// Stores `value` under `key` unless the key holds a value unexpired at `now`; returns whether it stored it.
    func persistInsert(key: String, value: Data, expiresAt: Date?, now: Date) async throws -> Bool
    /// Stores `value` under `key`, replacing what it held; a nil `expiresAt` keeps the expiry the key had.
    func persistSet(key: String, value: Data, expiresAt: Date?) async throws
    /// The value under `key` and its expiry, unless it has expired at `now`.
    func persistValue(key: String, now: Date) async throws -> (value: Data, expiresAt: Date?)?
    /// Removes the value under `key`, if any.
    func persistRemove(key: String) async throws
    /// Deletes about `limit` values expired at `now`; returns how many.
    func deleteExpiredPersisted(at now: Date, limit: Int) async throws -> Int
}
