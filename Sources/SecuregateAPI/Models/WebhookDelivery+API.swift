import Foundation
import SecuregateCore

extension WebhookDelivery: APIModel {
    /// Addition: one event on its way to one endpoint, with its attempts.
    public static let model = Model<WebhookDelivery>("WebhookDelivery", [
        .output("id", \.id),
        .output("webhook_id", \.endpointID),
        .output("event_id", \.event.id),
        .output("type", \.event.type.rawValue),
        .output("timestamp", \.event.createdAt),
        .output("data", \.payloadData),
        .output("state", \.state),
        .output("next_attempt_at", \.nextAttemptAt),
        .output("completed_at", \.completedAt),
        .output("attempts", \.attempts),
    ])

    /// The event's `data`, written as it was sent.
    var payloadData: StoredJSONObject { StoredJSONObject(json: event.data) }
}

extension WebhookDeliveryState: APIEnum {}

extension WebhookAttempt: APIModel {
    /// Addition: one try to deliver an event.
    public static let model = Model<WebhookAttempt>("WebhookAttempt", [
        .output("attempted_at", \.attemptedAt),
        .output("status_code", \.statusCode),
        .output("duration_ms", \.durationMilliseconds),
        .output("response", \.response),
        .output("error", \.error),
    ])
}

extension WebhookDeliveryPage: APIModel {
    /// Addition: one page of an endpoint's deliveries, newest first.
    public static let model = Model<WebhookDeliveryPage>("WebhookDeliveryPage", [
        .output("items", \.items),
        .output("next_cursor", \.nextCursor),
    ])
}

/// A JSON object the server wrote and stored as text, written back verbatim.
public struct StoredJSONObject: APIEncodable {
    let json: String

    public static func jsonSchema(in components: inout SchemaComponents) -> JSONValue { ["type": "object"] }

    public func write(to writer: inout JSONWriter) { writer.raw(json) }
}
