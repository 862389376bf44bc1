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
    /// Replaces what an organizer may change of an event that is not archived (title, texts, image, place,
    /// times, type) and stamps `updated_at`; returns the stored event, or nil when the account has no such
    /// event that is not archived.
    func updateEvent(_ event: Event) async throws -> Event?
    func softDeleteEvent(id: String, accountID: String, at: Date) async throws -> Event?
    /// Counts the event's invites by status.
    func inviteStats(eventID: String) async throws -> InviteStats
}
