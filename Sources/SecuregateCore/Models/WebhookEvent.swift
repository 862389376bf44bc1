import Foundation

/// Something that happened, as an account's webhooks report it. It is written in the transaction of the change
/// it reports, so that a change never happens without its event, nor an event without its change.
public struct WebhookEvent: Sendable, Equatable {
    /// What receivers see as `webhook-id`: the same on every attempt to deliver this event.
    public var id: String
    public var accountID: String
    public var type: WebhookEventType
    /// The invite it is about, if any: the events of one invite reach an endpoint in the order they happened.
    public var inviteID: String?
    /// The payload's `data` object, as JSON: ids and the changed fields, never photos or descriptors.
    public var data: String
    public var createdAt: Date

    public init(id: String, accountID: String, type: WebhookEventType, inviteID: String?, data: WebhookData, createdAt: Date) {
        self.init(id: id, accountID: accountID, type: type, inviteID: inviteID, json: data.json, createdAt: createdAt)
    }

    public init(id: String, accountID: String, type: WebhookEventType, inviteID: String?, json: String, createdAt: Date) {
        self.id = id
        self.accountID = accountID
        self.type = type
        self.inviteID = inviteID
        self.data = json
        self.createdAt = createdAt
    }
}
