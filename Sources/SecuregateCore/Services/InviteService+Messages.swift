import Foundation

extension InviteService {
    /// The notifications of one of the caller's invites, oldest first, each with where it is on its way.
    public func messages(inviteID: String, for principal: Principal) async throws -> [OutboxMessage] {
        let invite = try await get(inviteID, for: principal)
        return try await store.messages(inviteID: invite.id)
    }

    /// Deletes about `limit` messages delivered or given up longer than `retention` ago; returns how many.
    public func forgetFinishedMessages(olderThan retention: TimeInterval, limit: Int = 1000) async throws -> Int {
        try await store.deleteFinishedMessages(finishedAtOrBefore: time.now().addingTimeInterval(-retention), limit: limit)
    }

    /// Sends the invitation of one of the caller's invites again on `channel`: a new message, queued now.
    /// Throws `eventArchived` when its event is deleted.
    public func resend(inviteID: String, channel: NotificationChannel, by principal: Principal) async throws -> OutboxMessage {
        guard let (invite, event) = try await store.inviteWithEvent(id: inviteID, accountID: principal.accountID) else {
            throw SecuregateError.inviteNotFound
        }
        guard !event.isDeleted else { throw SecuregateError.eventArchived }
        let message = OutboxMessage.invitation(id: ids.makeID(.message), invite: invite, channel: channel, at: time.now())
        try await store.queueMessage(message, eventID: event.id)
        return message
    }
}
