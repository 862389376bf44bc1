/// Hands a notification to whatever carries it: a mail server, an SMS gateway, or the log in development.
public protocol NotificationTransport: Sendable {
    /// Writes and delivers the invitation's message; throws `DeliveryFailure` when it could not be handed over
    /// (any other error is taken as temporary).
    func deliver(_ invitation: Invitation) async throws
    /// Whether a message delivered on `channel` has reached a person's mailbox or phone, so that its invite
    /// is `sent`. The log transport of development reaches nobody.
    func reachesPeople(on channel: NotificationChannel) -> Bool
}

extension NotificationTransport {
    public func reachesPeople(on channel: NotificationChannel) -> Bool { true }
}
