import Foundation
import Hummingbird
import SecuregateCore

/// Hummingbird's persist driver over the store's persisted values, so that sessions live in the database:
/// every server instance over it knows every session, and a restart signs nobody out. Keys are stored as
/// their digests (a session's key is its cookie: a copy of the database must not sign anyone in); values
/// are JSON; times come from the domain clock.
public struct StorePersistDriver: PersistDriver {
    let store: any PersistStore
    let time: any TimeSource
    let hasher: any SecretHasher

    public init(store: any PersistStore, time: any TimeSource, hasher: any SecretHasher) {
        self.store = store
        self.time = time
        self.hasher = hasher
    }

    /// The stored form of `key`.
    func digest(_ key: String) -> String {
        hasher.hash(key).map { String(format: "%02x", $0) }.joined()
    }

    public func create<Object: Codable & Sendable>(key: String, value: Object, expires: Duration?) async throws {
        let now = time.now()
        guard try await store.persistInsert(key: digest(key), value: try JSONEncoder().encode(value), expiresAt: Self.date(now, plus: expires), now: now) else {
            throw PersistError.duplicate
        }
    }

    public func set<Object: Codable & Sendable>(key: String, value: Object, expires: Duration?) async throws {
        try await store.persistSet(key: digest(key), value: try JSONEncoder().encode(value), expiresAt: Self.date(time.now(), plus: expires))
    }

    public func get<Object: Codable & Sendable>(key: String, as type: Object.Type) async throws -> Object? {
        try await getWithTTL(key: key, as: type)?.object
    }

    public func getWithTTL<Object: Codable & Sendable>(key: String, as type: Object.Type) async throws -> (object: Object, ttl: Duration?)? {
        let now = time.now()
        guard let stored = try await store.persistValue(key: digest(key), now: now) else { return nil }
        guard let object = try? JSONDecoder().decode(type, from: stored.value) else { throw PersistError.invalidConversion }
        return (object, stored.expiresAt.map { .milliseconds(Int64($0.timeIntervalSince(now) * 1000)) })
    }

    public func remove(key: String) async throws {
        try await store.persistRemove(key: digest(key))
    }

    static func date(_ now: Date, plus duration: Duration?) -> Date? {
        duration.map { now.addingTimeInterval(Double($0.components.seconds) + Double($0.components.attoseconds) / 1e18) }
    }
}
