import Foundation
import SQLKit
import SecuregateCore

extension SQLStore {
    public func claimWebhookDeliveries(limit: Int, now: Date, leaseUntil: Date) async throws -> [(WebhookDelivery, WebhookEndpoint)] {
        let engine = sessions.engine
        return try await sessions.write { db in
            // Workers of several instances claim at once: each skips the rows another is claiming (SQLite's single
            // writer serializes claims anyway). A delivery whose invite has an earlier one unfinished for the same
            // endpoint waits: one invite's events arrive in the order they happened.
            let rows = try await db.raw("""
                SELECT \(unsafeRaw: Self.deliverySelection) FROM webhook_deliveries d JOIN webhook_endpoints ep ON ep.id = d.endpoint_id \
                WHERE d.state IN ('pending', 'sending') AND d.next_attempt_at <= \(bind: now.epochSeconds) \
                AND ep.disabled_at IS NULL AND (d.invite_id IS NULL OR NOT EXISTS (SELECT 1 FROM webhook_deliveries p \
                WHERE p.endpoint_id = d.endpoint_id AND p.invite_id = d.invite_id AND p.seq < d.seq \
                AND p.state IN ('pending', 'sending'))) \
                ORDER BY d.seq LIMIT \(bind: limit)\(unsafeRaw: engine == .postgres ? " FOR UPDATE OF d SKIP LOCKED" : "")
                """).all()
            let deliveries = try rows.map { try $0.webhookDelivery() }
            guard !deliveries.isEmpty else { return [] }
            try await db.update("webhook_deliveries").set("state", to: WebhookDeliveryState.sending.rawValue)
                .set("next_attempt_at", to: leaseUntil.epochSeconds).where("id", .in, deliveries.map(\.id)).run()
            let endpoints = try await db.select().column("*").from("webhook_endpoints")
                .where("id", .in, Array(Set(deliveries.map(\.endpointID)))).all()
                .reduce(into: [String: WebhookEndpoint]()) { found, row in
                    let endpoint = try row.webhookEndpoint()
                    found[endpoint.id] = endpoint
                }
            return deliveries.compactMap { delivery in
                var claimed = delivery
                claimed.state = .sending
                claimed.nextAttemptAt = leaseUntil
                return endpoints[delivery.endpointID].map { (claimed, $0) }
            }
        }
    }

    public func recordWebhookAttempt(
        _ attempt: WebhookAttempt, deliveryID: String, state: WebhookDeliveryState, retryAt: Date?, disable: String?
    ) async throws {
        try await sessions.write { db in
            guard let row = try await db.select().columns("endpoint_id", "attempt_count").from("webhook_deliveries")
                .where("id", .equal, deliveryID).for(.update).first()
            else { return }
            let endpointID = try row.string("endpoint_id")
            let number = try row.int("attempt_count") + 1
            try await db.insert(into: "webhook_attempts")
                .columns("delivery_id", "number", "attempted_at", "status_code", "duration_ms", "response", "error")
                .values(
                    SQLBind(deliveryID), SQLBind(number), SQLBind(attempt.attemptedAt.epochSeconds), SQLBind(attempt.statusCode),
                    SQLBind(attempt.durationMilliseconds), SQLBind(attempt.response), SQLBind(attempt.error.map { String($0.prefix(1000)) })
                ).run()
            let finished = state == .delivered || state == .failed
            try await db.update("webhook_deliveries").set("state", to: state.rawValue).set("attempt_count", to: number)
                .set("next_attempt_at", to: retryAt?.epochSeconds).set("completed_at", to: finished ? attempt.attemptedAt.epochSeconds : nil)
                .where("id", .equal, deliveryID).run()
            // The failing streak starts with the first failure and ends with a success; most attempts change nothing.
            let streak = db.update("webhook_endpoints").where("id", .equal, endpointID)
            if attempt.error == nil {
                try await streak.set("failing_since", to: SQLLiteral.null).where("failing_since", .isNot, SQLLiteral.null).run()
            } else {
                try await streak.set("failing_since", to: attempt.attemptedAt.epochSeconds).where("failing_since", .is, SQLLiteral.null).run()
            }
            if let disable {
                try await db.update("webhook_endpoints").set("disabled_at", to: attempt.attemptedAt.epochSeconds)
                    .set("disabled_reason", to: disable).where("id", .equal, endpointID).run()
            }
        }
    }

    public func webhookDeliveries(endpointID: String, accountID: String, cursor: String?, limit: Int) async throws -> WebhookDeliveryPage {
        try await sessions.read { db in
            try await Self.requireEndpoint(endpointID, accountID: accountID, in: db)
            let after = cursor.map { cursor in
                SQLQueryString("AND d.seq < (SELECT seq FROM webhook_deliveries WHERE id = \(bind: cursor) AND endpoint_id = \(bind: endpointID))")
            } ?? SQLQueryString("")
            let rows = try await db.raw("""
                SELECT \(unsafeRaw: Self.deliverySelection) FROM webhook_deliveries d WHERE d.endpoint_id = \(bind: endpointID) \(after) ORDER BY d.seq DESC LIMIT \(bind: limit + 1)
                """).all()
            var items = try rows.prefix(limit).map { try $0.webhookDelivery() }
            try await Self.attachAttempts(to: &items, in: db)
            return WebhookDeliveryPage(items: items, nextCursor: rows.count > limit ? items.last?.id : nil)
        }
    }

    public func retryWebhookDelivery(id: String, endpointID: String, accountID: String, at: Date) async throws -> WebhookDelivery {
        try await sessions.write { db in
            try await Self.requireEndpoint(endpointID, accountID: accountID, in: db)
            try await db.update("webhook_deliveries").set("state", to: WebhookDeliveryState.pending.rawValue)
                .set("next_attempt_at", to: at.epochSeconds).set("completed_at", to: SQLLiteral.null)
                .where("id", .equal, id).where("endpoint_id", .equal, endpointID)
                .where("state", .notEqual, WebhookDeliveryState.sending.rawValue).run()
            return try await Self.delivery(id: id, endpointID: endpointID, in: db)
        }
    }

    public func queueWebhookTest(_ event: WebhookEvent, endpointID: String, deliveryID: String) async throws -> WebhookDelivery {
        try await sessions.write { db in
            try await Self.requireEndpoint(endpointID, accountID: event.accountID, in: db)
            try await Self.insertDeliveries([Self.deliveryValues(id: deliveryID, endpointID: endpointID, event: event)], in: db)
            return try await Self.delivery(id: deliveryID, endpointID: endpointID, in: db)
        }
    }

    public func deleteWebhookDeliveries(completedAtOrBefore cutoff: Date, limit: Int) async throws -> Int {
        try await sessions.write { db in
            // In small batches, so that the pass never holds the writer long.
            let due = try await db.select().column("id").from("webhook_deliveries")
                .where("completed_at", .lessThanOrEqual, cutoff.epochSeconds).orderBy("completed_at").limit(limit).all()
            guard !due.isEmpty else { return 0 }
            let ids = try due.map { try $0.string("id") }
            try await db.delete(from: "webhook_attempts").where("delivery_id", .in, ids).run()
            try await db.delete(from: "webhook_deliveries").where("id", .in, ids).run()
            return ids.count
        }
    }

    /// Throws `webhookNotFound` unless the account has this endpoint.
    static func requireEndpoint(_ id: String, accountID: String, in db: any SQLDatabase) async throws {
        guard try await db.select().column("id").from("webhook_endpoints").where("id", .equal, id)
            .where("account_id", .equal, accountID).first() != nil
        else { throw SecuregateError.webhookNotFound }
    }

    /// One delivery of an endpoint, with its attempts; throws `webhookDeliveryNotFound`.
    static func delivery(id: String, endpointID: String, in db: any SQLDatabase) async throws -> WebhookDelivery {
        guard let row = try await db.raw("""
            SELECT \(unsafeRaw: deliverySelection) FROM webhook_deliveries d WHERE d.id = \(bind: id) AND d.endpoint_id = \(bind: endpointID)
            """).first()
        else { throw SecuregateError.webhookDeliveryNotFound }
        var items = [try row.webhookDelivery()]
        try await attachAttempts(to: &items, in: db)
        return items[0]
    }

    /// Reads the attempts of `deliveries`, oldest first, into them.
    static func attachAttempts(to deliveries: inout [WebhookDelivery], in db: any SQLDatabase) async throws {
        guard !deliveries.isEmpty else { return }
        let rows = try await db.select().column("*").from("webhook_attempts").where("delivery_id", .in, deliveries.map(\.id))
            .orderBy("number").all()
        var attempts: [String: [WebhookAttempt]] = [:]
        for row in rows {
            attempts[try row.string("delivery_id"), default: []].append(WebhookAttempt(
                attemptedAt: try row.date("attempted_at"), statusCode: try row.decode(column: "status_code", as: Int?.self),
                durationMilliseconds: try row.int("duration_ms"), response: try row.string("response"),
                error: try row.optionalString("error")
            ))
        }
        for index in deliveries.indices { deliveries[index].attempts = attempts[deliveries[index].id] ?? [] }
    }

    /// The columns a delivery is read from.
    static let deliverySelection = """
        d.id AS delivery_id, d.endpoint_id, d.state, d.attempt_count, d.next_attempt_at, d.completed_at, d.event_id, d.account_id, \
        d.type, d.invite_id, d.data, d.occurred_at
        """
}

extension SQLRow {
    func webhookDelivery() throws -> WebhookDelivery {
        WebhookDelivery(
            id: try string("delivery_id"), endpointID: try string("endpoint_id"),
            event: WebhookEvent(
                id: try string("event_id"), accountID: try string("account_id"), type: try enumeration("type", as: WebhookEventType.self),
                inviteID: try optionalString("invite_id"), json: try string("data"), createdAt: try date("occurred_at")
            ),
            state: try enumeration("state", as: WebhookDeliveryState.self), attemptCount: try int("attempt_count"), nextAttemptAt: try optionalDate("next_attempt_at"),
            completedAt: try optionalDate("completed_at")
        )
    }
}
