import Foundation
import SQLKit
import SecuregateCore

extension SQLStore {
    public func outboxBacklog() async throws -> [QueueBacklog] {
        try await sessions.read { db in
            // `delivered_at IS NULL` first: the due index starts with it, so delivered rows are never read.
            try await db.raw("""
                SELECT channel, COUNT(*) AS n, MIN(created_at) AS oldest FROM outbox_messages \
                WHERE delivered_at IS NULL AND state IN (\(bind: MessageState.queued.rawValue), \(bind: MessageState.sending.rawValue)) \
                GROUP BY channel
                """).all().map { row in
                QueueBacklog(queue: try row.string("channel"), waiting: try row.int("n"), oldest: try row.optionalDate("oldest"))
            }
        }
    }

    public func webhookBacklog() async throws -> QueueBacklog {
        try await sessions.read { db in
            let row = try await db.raw("""
                SELECT COUNT(*) AS n, MIN(occurred_at) AS oldest FROM webhook_deliveries WHERE state IN ('pending', 'sending')
                """).first()
            return QueueBacklog(queue: "webhook", waiting: try row?.int("n") ?? 0, oldest: try row?.optionalDate("oldest"))
        }
    }

    public var usage: StoreUsage { sessions.usage }
}
