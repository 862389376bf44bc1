import Foundation

/// The rules for an account's webhook endpoints: what a URL and its events may be, the secret made once and
/// shown once, and its rotation (the old secret signs beside the new one for a day).
public struct WebhookService: Sendable {
    let store: any SecuregateStore
    let time: any TimeSource
    let ids: any IDGenerator
    /// How long a replaced secret still signs.
    public var rotationOverlap: TimeInterval = 86_400

    public init(store: any SecuregateStore, time: any TimeSource, ids: any IDGenerator) {
        self.store = store
        self.time = time
        self.ids = ids
    }

    /// Makes an endpoint for the caller's account; its secret is in the answer, and only there.
    public func create(_ draft: WebhookDraft, by principal: Principal) async throws -> WebhookEndpoint {
        let now = time.now()
        let endpoint = WebhookEndpoint(
            id: ids.makeID(.endpoint), accountID: principal.accountID, url: try Self.checkedURL(draft.url ?? ""),
            events: try Self.checkedEvents(draft.events ?? ["*"]), description: draft.description ?? "",
            secret: ids.makeSigningSecret(), createdAt: now, updatedAt: now,
            disabledAt: draft.enabled == false ? now : nil, disabledReason: draft.enabled == false ? "paused" : nil
        )
        try await store.insertWebhook(endpoint)
        return endpoint
    }

    /// The caller's endpoints, oldest first.
    public func list(for principal: Principal) async throws -> [WebhookEndpoint] {
        try await store.webhooks(accountID: principal.accountID)
    }

    /// One of the caller's endpoints.
    public func get(_ id: String, for principal: Principal) async throws -> WebhookEndpoint {
        guard let endpoint = try await store.webhook(id: id, accountID: principal.accountID) else {
            throw SecuregateError.webhookNotFound
        }
        return endpoint
    }

    /// Changes what `draft` gives of one of the caller's endpoints; `enabled: true` clears a disabling.
    public func update(_ id: String, with draft: WebhookDraft, by principal: Principal) async throws -> WebhookEndpoint {
        var endpoint = try await get(id, for: principal)
        let now = time.now()
        if let url = draft.url { endpoint.url = try Self.checkedURL(url) }
        if let events = draft.events { endpoint.events = try Self.checkedEvents(events) }
        if let description = draft.description { endpoint.description = description }
        switch draft.enabled {
        case true? where endpoint.disabledAt != nil: (endpoint.disabledAt, endpoint.disabledReason, endpoint.failingSince) = (nil, nil, nil)
        case false? where endpoint.disabledAt == nil: (endpoint.disabledAt, endpoint.disabledReason) = (now, "paused")
        default: break
        }
        endpoint.updatedAt = now
        try await store.updateWebhook(endpoint)
        return endpoint
    }

    /// Deletes one of the caller's endpoints; returns it as it was.
    public func delete(_ id: String, by principal: Principal) async throws -> WebhookEndpoint {
        let endpoint = try await get(id, for: principal)
        guard try await store.deleteWebhook(id: id, accountID: principal.accountID) else { throw SecuregateError.webhookNotFound }
        return endpoint
    }

    /// Gives one of the caller's endpoints a new secret; the old one signs beside it for `rotationOverlap`.
    public func rotateSecret(_ id: String, by principal: Principal) async throws -> WebhookEndpoint {
        var endpoint = try await get(id, for: principal)
        let now = time.now()
        endpoint.previousSecret = endpoint.secret
        endpoint.previousSecretExpiresAt = now.addingTimeInterval(rotationOverlap)
        endpoint.secret = ids.makeSigningSecret()
        endpoint.updatedAt = now
        try await store.updateWebhook(endpoint)
        return endpoint
    }

    /// One page of the deliveries to one of the caller's endpoints, newest first.
    public func deliveries(
        of endpointID: String, cursor: String?, limit: Int, for principal: Principal
    ) async throws -> WebhookDeliveryPage {
        try await store.webhookDeliveries(endpointID: endpointID, accountID: principal.accountID, cursor: cursor, limit: limit)
    }

    /// Sends one delivery of the caller's endpoint again, now, under its `webhook-id`.
    public func retry(_ deliveryID: String, of endpointID: String, by principal: Principal) async throws -> WebhookDelivery {
        try await store.retryWebhookDelivery(id: deliveryID, endpointID: endpointID, accountID: principal.accountID, at: time.now())
    }

    /// Sends a `webhook.test` event to one of the caller's endpoints (and to no other); throws `webhookDisabled`
    /// for a disabled one, which would never send it.
    public func sendTest(to endpointID: String, by principal: Principal) async throws -> WebhookDelivery {
        let endpoint = try await get(endpointID, for: principal)
        guard endpoint.disabledAt == nil else { throw SecuregateError.webhookDisabled }
        let event = WebhookEvent.test(id: ids.makeID(.webhook), endpoint: endpoint, at: time.now())
        return try await store.queueWebhookTest(event, endpointID: endpoint.id, deliveryID: ids.makeID(.delivery))
    }

    /// Deletes about `limit` deliveries finished longer than `retention` ago, with their attempts; returns how many.
    public func forgetDeliveries(olderThan retention: TimeInterval, limit: Int = 1000) async throws -> Int {
        try await store.deleteWebhookDeliveries(completedAtOrBefore: time.now().addingTimeInterval(-retention), limit: limit)
    }

    /// An absolute http(s) URL with a host, without credentials or fragment, at most 2 000 characters.
    static func checkedURL(_ text: String) throws -> String {
        guard text.count <= 2000, let url = URLComponents(string: text), let scheme = url.scheme?.lowercased(),
              scheme == "https" || scheme == "http", let host = url.host, !host.isEmpty
        else { throw SecuregateError.invalidWebhook("url must be an absolute http or https URL") }
        guard url.user == nil, url.password == nil, url.fragment == nil else {
            throw SecuregateError.invalidWebhook("url must not carry credentials or a fragment")
        }
        return text
    }

    /// One to 50 known event types or patterns, without repeats.
    static func checkedEvents(_ events: [String]) throws -> [String] {
        guard !events.isEmpty, events.count <= 50 else { throw SecuregateError.invalidWebhook("events must list 1 to 50 event types") }
        if let unknown = events.first(where: { !WebhookEventType.isValid(pattern: $0) }) {
            throw SecuregateError.invalidWebhook("Unknown event type: \(unknown)")
        }
        var seen = Set<String>()
        return events.filter { seen.insert($0).inserted }
    }
}
