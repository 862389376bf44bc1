/// What an organizer gives to make or change a webhook endpoint; a change leaves absent fields as they are.
public struct WebhookDraft: Sendable, Equatable {
    public var url: String?
    public var events: [String]?
    public var description: String?
    /// `true` enables a disabled endpoint again; `false` pauses it.
    public var enabled: Bool?

    public init(url: String? = nil, events: [String]? = nil, description: String? = nil, enabled: Bool? = nil) {
        self.url = url
        self.events = events
        self.description = description
        self.enabled = enabled
    }
}
