import Foundation
import SQLKit
import SecuregateCore

extension SQLStore {
    public func insertWebhook(_ endpoint: WebhookEndpoint) async throws {
        try await sessions.write { db in
            try await db.insert(into: "webhook_endpoints").columns(Self.webhookColumns).values(Self.values(endpoint)).run()
        }
    }

    public func webhooks(accountID: String) async throws -> [WebhookEndpoint] {
        try await sessions.read { db in
            try await db.select().column("*").from("webhook_endpoints").where("account_id", .equal, accountID)
                .orderBy("id").all().map { try $0.webhookEndpoint() }
        }
    }

    public func webhook(id: String, accountID: String) async throws -> WebhookEndpoint? {
        try await sessions.read { db in
            try await db.select().column("*").from("webhook_endpoints").where("id", .equal, id)
                .where("account_id", .equal, accountID).first().map { try $0.webhookEndpoint() }
        }
    }

    public func updateWebhook(_ endpoint: WebhookEndpoint) async throws {
        try await sessions.write { db in
            guard let stored = try await db.select().column("disabled_at").from("webhook_endpoints").where("id", .equal, endpoint.id)
                .where("account_id", .equal, endpoint.accountID).for(.update).first()
            else { throw SecuregateError.webhookNotFound }
            let update = db.update("webhook_endpoints")
            for (column, value) in zip(Self.webhookColumns, Self.values(endpoint)) where column != "id" && column != "account_id" {
                update.set(SQLIdentifier(column), to: SQLBind(value))
            }
            // Enabled again: the days of failing start anew. (The streak itself is the delivery worker's to write.)
            if endpoint.disabledAt == nil, try stored.optionalDate("disabled_at") != nil {
                update.set("failing_since", to: SQLLiteral.null)
            }
            try await update.where("id", .equal, endpoint.id).where("account_id", .equal, endpoint.accountID).run()
        }
    }

    public func deleteWebhook(id: String, accountID: String) async throws -> Bool {
        try await sessions.write { db in
            guard try await db.select().column("id").from("webhook_endpoints").where("id", .equal, id)
                .where("account_id", .equal, accountID).first() != nil
            else { return false }
            let deliveries = SQLSubquery.select { $0.column("id").from("webhook_deliveries").where("endpoint_id", .equal, id) }
            try await db.delete(from: "webhook_attempts").where("delivery_id", .in, deliveries).run()
            try await db.delete(from: "webhook_deliveries").where("endpoint_id", .equal, id).run()
            try await db.delete(from: "webhook_endpoints").where("id", .equal, id).where("account_id", .equal, accountID).run()
            return true
        }
    }

    static let webhookColumns = [
        "id", "account_id", "url", "events", "description", "secret", "previous_secret", "previous_secret_expires_at",
        "created_at", "updated_at", "disabled_at", "disabled_reason",
    ]

    /// An endpoint's values in the order of `webhookColumns`.
    static func values(_ endpoint: WebhookEndpoint) -> [any Encodable & Sendable] {
        [
            endpoint.id, endpoint.accountID, endpoint.url, endpoint.events.joined(separator: " "), endpoint.description,
            endpoint.secret, endpoint.previousSecret, endpoint.previousSecretExpiresAt?.epochSeconds, endpoint.createdAt.epochSeconds,
            endpoint.updatedAt.epochSeconds, endpoint.disabledAt?.epochSeconds, endpoint.disabledReason,
        ]
    }
}

extension SQLRow {
    func webhookEndpoint() throws -> WebhookEndpoint {
        WebhookEndpoint(
            id: try string("id"), accountID: try string("account_id"), url: try string("url"),
            events: try string("events").split(separator: " ").map(String.init), description: try string("description"),
            secret: try string("secret"), previousSecret: try optionalString("previous_secret"),
            previousSecretExpiresAt: try optionalDate("previous_secret_expires_at"), createdAt: try date("created_at"),
            updatedAt: try date("updated_at"), disabledAt: try optionalDate("disabled_at"),
            disabledReason: try optionalString("disabled_reason"), failingSince: try optionalDate("failing_since")
        )
    }
}
