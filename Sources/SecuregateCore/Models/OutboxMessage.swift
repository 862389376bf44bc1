import Foundation

/// A notification waiting in the outbox to be handed to a transport.
public struct OutboxMessage: Sendable, Equatable {
    public var id: String
    public var accountID: String
    public var inviteID: String
    public var channel: NotificationChannel
    /// The address the message goes to: an email address or a phone number with its country code.
    public var recipient: String
    public var createdAt: Date
    public var attempts: Int
    public var deliveredAt: Date?
    public var state: MessageState
    /// Why the last attempt failed, if it did.
    public var lastError: String?
    /// When it was given up, if it was.
    public var failedAt: Date?

    public init(
        id: String, accountID: String, inviteID: String, channel: NotificationChannel, recipient: String,
        createdAt: Date, attempts: Int = 0, deliveredAt: Date? = nil,
        state: MessageState = .queued, lastError: String? = nil, failedAt: Date? = nil
    ) {
        self.state = state
        self.lastError = lastError
        self.failedAt = failedAt
        self.id = id
        self.accountID = accountID
        self.inviteID = inviteID
        self.channel = channel
        self.recipient = recipient
        self.createdAt = createdAt
        self.attempts = attempts
        self.deliveredAt = deliveredAt
    }
}
