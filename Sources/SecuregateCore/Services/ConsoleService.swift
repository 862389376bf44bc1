import Foundation

/// The organizer's console: who may sign in (an admin key; a door's `checkin` key may not), who a session
/// still acts as (its key, while the key is valid: revoking the key ends its sessions), and the sessions'
/// upkeep.
public struct ConsoleService: Sendable {
    let store: any SecuregateStore
    let time: any TimeSource
    let keys: KeyService
    let ids: any IDGenerator
    /// How long a session lasts without use.
    public let idleLimit: TimeInterval

    public init(store: any SecuregateStore, time: any TimeSource, keys: KeyService, ids: any IDGenerator, idleLimit: TimeInterval = 12 * 3600) {
        self.store = store
        self.time = time
        self.keys = keys
        self.ids = ids
        self.idleLimit = idleLimit
    }

    /// The caller behind `key` when it may sign in; throws `invalidAPIKey`, or `notAllowedForKey` for a
    /// `checkin` key.
    public func signIn(key: String) async throws -> Principal {
        let principal = try await keys.authenticate(key.trimmingCharacters(in: .whitespacesAndNewlines))
        guard principal.scope == .admin else { throw SecuregateError.notAllowedForKey }
        return principal
    }

    /// Who a session of key `keyID` acts as, while that key is a valid admin key; nil otherwise.
    public func principal(keyID: String) async throws -> Principal? {
        guard let record = try await store.key(id: keyID), record.isValid(at: time.now()), record.scope == .admin else { return nil }
        return Principal(accountID: record.accountID, keyID: record.id, scope: record.scope)
    }

    /// The time now, on the domain's clock.
    public var now: Date { time.now() }

    /// A new identifier for a file read in the console, kept between its preview and its import.
    public func makeUploadID() -> String {
        ids.makeID(.upload)
    }

    /// Deletes about `limit` sessions (and other persisted values) that have expired; returns how many.
    public func forgetExpiredSessions(limit: Int = 1000) async throws -> Int {
        try await store.deleteExpiredPersisted(at: time.now(), limit: limit)
    }
}
