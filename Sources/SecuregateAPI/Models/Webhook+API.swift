import Foundation
import SecuregateCore

extension WebhookEndpoint: APIModel {
    /// Addition: a webhook endpoint, without its secret.
    public static let model = Model<WebhookEndpoint>("WebhookEndpoint", fields)

    static let fields: [Field<WebhookEndpoint>] = [
        .output("id", \.id),
        .output("url", \.url),
        .output("events", \.events),
        .output("description", \.description),
        .output("enabled", \.isEnabled),
        .output("disabled_at", \.disabledAt),
        .output("disabled_reason", \.disabledReason),
        .output("failing_since", \.failingSince),
        .output("previous_secret_expires_at", \.previousSecretExpiresAt),
        .output("created_at", \.createdAt),
        .output("updated_at", \.updatedAt),
    ]

    var isEnabled: Bool { disabledAt == nil }
}

/// Addition: an endpoint with its secret, the answer of its creation and of a rotation, and only of those.
public struct WebhookEndpointWithSecret: APIModel {
    public var endpoint: WebhookEndpoint

    public init(_ endpoint: WebhookEndpoint) {
        self.endpoint = endpoint
    }

    public static let model = Model<WebhookEndpointWithSecret>(
        "WebhookEndpointWithSecret",
        WebhookEndpoint.fields.map { $0.pulledBack(\WebhookEndpointWithSecret.endpoint) } + [.output("secret", \.endpoint.secret)]
    )
}

/// Addition: the body of `POST /webhooks`.
public struct WebhookCreate: APIInputModel {
    public var url = ""
    public var events = ["*"]
    public var description = ""

    public init() {}

    public static let model = Model<WebhookCreate>("WebhookCreate", [
        .field("url", \.url),
        .field("events", \.events, default: ["*"]),
        .field("description", \.description, default: ""),
    ])

    /// The draft the service takes.
    public var draft: WebhookDraft { WebhookDraft(url: url, events: events, description: description) }
}

/// Addition: the body of `PATCH /webhooks/{webhook_id}`; absent fields stay as they are.
public struct WebhookUpdate: APIInputModel {
    public var url: String?
    public var events: [String]?
    public var description: String?
    public var enabled: Bool?

    public init() {}

    public static let model = Model<WebhookUpdate>("WebhookUpdate", [
        .field("url", \.url, default: .some(nil)),
        .field("events", \.events, default: .some(nil)),
        .field("description", \.description, default: .some(nil)),
        .field("enabled", \.enabled, default: .some(nil)),
    ])

    /// The draft the service takes.
    public var draft: WebhookDraft { WebhookDraft(url: url, events: events, description: description, enabled: enabled) }
}
