import Foundation
import SQLKit
import SecuregateCore

extension SQLStore {
    /// Writes `events` inside the transaction of the change they report: for each enabled endpoint of the account
    /// that asked for an event's type, a delivery of it, due at once. An event no endpoint wants is not kept.
    func record(_ events: [WebhookEvent], accountID: String, in db: any SQLDatabase) async throws {
        guard !events.isEmpty else { return }
        // Read in the transaction, not cached: an endpoint made on another instance gets the very next change.
        let endpoints = try await db.raw("""
            SELECT id, events FROM webhook_endpoints WHERE account_id = \(bind: accountID) AND disabled_at IS NULL
            """).all().map { row in (id: try row.string("id"), patterns: try row.string("events").split(separator: " ").map(String.init)) }
        guard !endpoints.isEmpty else { return }
        var rows: [[any Encodable & Sendable]] = []
        for event in events {
            for target in endpoints where WebhookEventType.matches(event.type.rawValue, patterns: target.patterns) {
                rows.append(Self.deliveryValues(id: ids.makeID(.delivery), endpointID: target.id, event: event))
            }
        }
        try await Self.insertDeliveries(rows, in: db)
    }

    /// Inserts delivery rows, a statement per thousand.
    static func insertDeliveries(_ rows: [[any Encodable & Sendable]], in db: any SQLDatabase) async throws {
        for chunk in rows.chunked(rowsPerStatement) {
            try await db.insert(into: "webhook_deliveries").columns(deliveryColumns).valueRows(Array(chunk)).run()
        }
    }

    static let deliveryColumns = [
        "id", "endpoint_id", "account_id", "event_id", "type", "invite_id", "data", "occurred_at", "state", "attempt_count",
        "next_attempt_at", "completed_at",
    ]

    /// A new delivery of `event` to an endpoint, due when the event happened (that is, at once).
    static func deliveryValues(id: String, endpointID: String, event: WebhookEvent) -> [any Encodable & Sendable] {
        [
            id, endpointID, event.accountID, event.id, event.type.rawValue, event.inviteID, event.data, event.createdAt.epochSeconds,
            WebhookDeliveryState.pending.rawValue, 0, event.createdAt.epochSeconds, Int?.none,
        ]
    }
}
