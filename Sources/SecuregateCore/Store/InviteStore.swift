import Foundation

/// Persistence of invites, their status history and their queued notifications.
public protocol InviteStore: Sendable {
    /// Atomically stores the invites whose normalized email is new to the event, with their history rows and
    /// the outbox messages addressed to them, and returns for each position the stored invite (new or
    /// existing). Throws `eventNotFound` or `eventArchived`.
    func createInvites(
        _ invites: [Invite], history: [InviteStatusChange], messages: [OutboxMessage], eventID: String, accountID: String
    ) async throws -> [Invite]
    /// The event's invites in creation order, optionally of one status. Throws `eventNotFound`.
    func invites(eventID: String, accountID: String, status: InviteStatus?) async throws -> [Invite]
    /// A page of the event's invites for `query`: at most `query.limit + 1` of them, in creation order from the
    /// first or after a place, in reverse order before one. Throws `eventNotFound`.
    func invites(eventID: String, accountID: String, query: InviteQuery) async throws -> [Invite]
    /// The account's invites among `ids` (any order; ids of other accounts or of nothing are left out).
    func invites(ids: [String], accountID: String) async throws -> [Invite]
    /// One of the account's invites, or `nil`.
    func invite(id: String, accountID: String) async throws -> Invite?
    /// The account's most recently created invite with this normalized email, within `eventID` when given.
    func invite(normalizedEmail: String, accountID: String, eventID: String?) async throws -> Invite?
    /// The account's invite with this verification session id, or `nil`.
    func invite(sessionID: String, accountID: String) async throws -> Invite?
    /// Sets the status of an invite of the event, records the change with who made it, and returns the invite.
    /// Throws `eventNotFound`, `inviteNotFound` or `eventArchived`.
    func updateInviteStatus(
        eventID: String, inviteID: String, accountID: String, status: InviteStatus, at: Date, keyID: String?,
        source: ChangeSource
    ) async throws -> Invite
    /// The recorded status changes of one of the account's invites, oldest first. Throws `inviteNotFound`.
    func statusHistory(inviteID: String, accountID: String) async throws -> [InviteStatusChange]
}
