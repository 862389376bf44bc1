import Foundation

/// Where an account's webhooks go: a URL, the event types it wants, and the secret that signs them.
public struct WebhookEndpoint: Sendable, Equatable {
    public var id: String
    public var accountID: String
    public var url: String
    /// Event types or patterns: `invite.accepted`, `checkin.*`, `*`.
    public var events: [String]
    public var description: String
    /// `whsec_…`, shown to the organizer only when it is made.
    public var secret: String
    /// The secret before the last rotation, which signs too until `previousSecretExpiresAt`.
    public var previousSecret: String?
    public var previousSecretExpiresAt: Date?
    public var createdAt: Date
    public var updatedAt: Date
    /// When deliveries stopped, and why (the receiver answered 410, or failed for days); nil while enabled.
    public var disabledAt: Date?
    public var disabledReason: String?
    /// Since when every attempt to this endpoint has failed; nil while the last one succeeded.
    public var failingSince: Date?

    public init(
        id: String, accountID: String, url: String, events: [String], description: String, secret: String,
        previousSecret: String? = nil, previousSecretExpiresAt: Date? = nil, createdAt: Date, updatedAt: Date,
        disabledAt: Date? = nil, disabledReason: String? = nil, failingSince: Date? = nil
    ) {
        self.failingSince = failingSince
        self.id = id
        self.accountID = accountID
        self.url = url
        self.events = events
        self.description = description
        self.secret = secret
        self.previousSecret = previousSecret
        self.previousSecretExpiresAt = previousSecretExpiresAt
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.disabledAt = disabledAt
        self.disabledReason = disabledReason
    }

    /// The secrets that sign at `now`, the newest first.
    public func signingSecrets(at now: Date) -> [String] {
        guard let previousSecret, let expires = previousSecretExpiresAt, now < expires else { return [secret] }
        return [secret, previousSecret]
    }
}
