import Foundation
import SQLKit
import SecuregateCore

extension SQLStore {
    /// Writes `events` inside the transaction of the change they report, and for each enabled endpoint of the
    /// account that asked for an event's type, a delivery due at once. An event no endpoint wants is not kept.
    func record(_ events: [WebhookEvent], accountID: String, in db: any SQLDatabase) async throws {
        guard !events.isEmpty else { return }
        // Read in the transaction, not cached: an endpoint made on another instance gets the very next change.
        let endpoints = try await db.raw("""
            SELECT id, events FROM webhook_endpoints WHERE account_id = \(bind: accountID) AND disabled_at IS NULL
            """).all().map { row in (id: try row.string("id"), patterns: try row.string("events").split(separator: " ").map(String.init)) }
        guard !endpoints.isEmpty else { return }
        var eventRows: [[any Encodable & Sendable]] = []
        var deliveryRows: [[any Encodable & Sendable]] = []
        for event in events {
            let targets = endpoints.filter { WebhookEventType.matches(event.type.rawValue, patterns: $0.patterns) }
            guard !targets.isEmpty else { continue }
            eventRows.append(Self.values(event))
            for target in targets {
                deliveryRows.append(Self.deliveryValues(id: ids.makeID(.delivery), endpointID: target.id, event: event))
            }
        }
        try await Self.insert(events: eventRows, deliveries: deliveryRows, in: db)
    }

    /// Inserts event and delivery rows, a statement per thousand.
    static func insert(events: [[any Encodable & Sendable]], deliveries: [[any Encodable & Sendable]], in db: any SQLDatabase) async throws {
        for chunk in events.chunked(rowsPerStatement) {
            try await db.insert(into: "webhook_events").columns(eventColumns).valueRows(Array(chunk)).run()
        }
        for chunk in deliveries.chunked(rowsPerStatement) {
            try await db.insert(into: "webhook_deliveries").columns(deliveryColumns).valueRows(Array(chunk)).run()
        }
    }

    static let eventColumns = ["id", "account_id", "type", "invite_id", "data", "created_at"]

    static func values(_ event: WebhookEvent) -> [any Encodable & Sendable] {
        [event.id, event.accountID, event.type.rawValue, event.inviteID, event.data, event.createdAt.epochSeconds]
    }

    static let deliveryColumns = [
        "id", "endpoint_id", "event_id", "invite_id", "state", "attempt_count", "next_attempt_at", "created_at", "completed_at",
    ]

    /// A new delivery of `event` to an endpoint, due when the event happened (that is, at once).
    static func deliveryValues(id: String, endpointID: String, event: WebhookEvent) -> [any Encodable & Sendable] {
        [
            id, endpointID, event.id, event.inviteID, WebhookDeliveryState.pending.rawValue, 0, event.createdAt.epochSeconds,
            event.createdAt.epochSeconds, Int?.none,
        ]
    }
}
