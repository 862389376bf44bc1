import Foundation

/// Persistence of events. Every read and write is scoped to one account.
public protocol EventStore: Sendable {
    /// Stores a new event.
    func insertEvent(_ event: Event) async throws
    /// The account's events, ordered by start time, then id.
    func events(accountID: String) async throws -> [Event]
    /// One of the account's events, or `nil` when it does not exist or belongs to another account.
    func event(id: String, accountID: String) async throws -> Event?
    /// Marks the account's event deleted (idempotent) and returns it; `nil` when it is not the account's.
    func softDeleteEvent(id: String, accountID: String, at: Date) async throws -> Event?
    /// Counts the event's invites by status.
    func inviteStats(eventID: String) async throws -> InviteStats
}
