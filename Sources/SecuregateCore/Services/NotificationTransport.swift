/// Hands a notification to whatever carries it: a mail server, an SMS gateway, or the log in development.
public protocol NotificationTransport: Sendable {
    /// Delivers the message; throws when it could not be handed over (it is then retried).
    func deliver(_ message: OutboxMessage) async throws
}
