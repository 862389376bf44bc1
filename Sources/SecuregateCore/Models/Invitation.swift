/// A notification about to be sent, with what it tells: its invite and event as they are when it is sent, so
/// that a message queued before the event moved tells the new time.
public struct Invitation: Sendable, Equatable {
    public var message: OutboxMessage
    public var invite: Invite
    public var event: Event

    public init(message: OutboxMessage, invite: Invite, event: Event) {
        self.message = message
        self.invite = invite
        self.event = event
    }
}
