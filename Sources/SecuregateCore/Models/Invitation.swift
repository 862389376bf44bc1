/// A notification about to be sent, with what it tells: its invite and event as they are when it is sent, so
/// that a message queued before the event moved tells the new time.
public struct Invitation: Sendable, Equatable {
    public var message: OutboxMessage
    public var invite: Invite
    public var event: Event
    /// The invitee's personal link, when the server knows the address people reach it at.
    public var link: InviteLink?

    public init(message: OutboxMessage, invite: Invite, event: Event, link: InviteLink? = nil) {
        self.message = message
        self.invite = invite
        self.event = event
        self.link = link
    }
}
