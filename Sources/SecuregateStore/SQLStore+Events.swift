import Foundation
import SQLKit
import SecuregateCore

extension SQLStore {
    public func insertEvent(_ event: Event) async throws {
        try await sessions.write { db in
            try await db.insert(into: "events")
                .columns(
                    "id", "account_id", "title", "description", "instructions", "image_url", "address", "city", "state",
                    "zip_code", "country", "start_timestamp", "end_timestamp", "type", "is_deleted", "created_at",
                    "updated_at"
                )
                .values(
                    SQLBind(event.id), SQLBind(event.accountID), SQLBind(event.title), SQLBind(event.description),
                    SQLBind(event.instructions), SQLBind(event.imageURL), SQLBind(event.location.address),
                    SQLBind(event.location.city), SQLBind(event.location.state), SQLBind(event.location.zipCode),
                    SQLBind(event.location.country), SQLBind(event.startTimestamp), SQLBind(event.endTimestamp),
                    SQLBind(event.type.rawValue), SQLBind(event.isDeleted), SQLBind(event.createdAt.epochSeconds),
                    SQLBind(event.updatedAt.epochSeconds)
                )
                .run()
            try await self.record(
                [.event(id: self.ids.makeID(.webhook), event, deleted: false, at: event.createdAt)], accountID: event.accountID, in: db
            )
        }
    }

    public func events(accountID: String) async throws -> [Event] {
        try await sessions.read { db in
            try await db.select().column("*").from("events").where("account_id", .equal, accountID)
                .orderBy("id").all().map { try $0.event() }
        }
    }

    public func event(id: String, accountID: String) async throws -> Event? {
        try await sessions.read { db in
            try await db.select().column("*").from("events")
                .where("id", .equal, id).where("account_id", .equal, accountID)
                .first().map { try $0.event() }
        }
    }

    public func updateEvent(_ event: Event) async throws -> Event? {
        try await sessions.write { db in
            let updated = try await db.update("events")
                .set("title", to: event.title).set("description", to: event.description).set("instructions", to: event.instructions)
                .set("image_url", to: event.imageURL).set("address", to: event.location.address).set("city", to: event.location.city)
                .set("state", to: event.location.state).set("zip_code", to: event.location.zipCode).set("country", to: event.location.country)
                .set("start_timestamp", to: event.startTimestamp).set("end_timestamp", to: event.endTimestamp).set("type", to: event.type.rawValue)
                .set("updated_at", to: event.updatedAt.epochSeconds)
                .where("id", .equal, event.id).where("account_id", .equal, event.accountID).where("is_deleted", .equal, false)
                .returning("id").all()
            guard !updated.isEmpty else { return nil }
            return try await db.select().column("*").from("events").where("id", .equal, event.id).first().map { try $0.event() }
        }
    }

    public func softDeleteEvent(id: String, accountID: String, at: Date) async throws -> Event? {
        try await sessions.write { db in
            // Only the first deletion stamps `updated_at`: deleting again changes nothing.
            let deleted = try await db.update("events")
                .set("is_deleted", to: true).set("updated_at", to: at.epochSeconds)
                .where("id", .equal, id).where("account_id", .equal, accountID).where("is_deleted", .equal, false)
                .returning("id").all()
            let event = try await db.select().column("*").from("events")
                .where("id", .equal, id).where("account_id", .equal, accountID)
                .first().map { try $0.event() }
            if let event, !deleted.isEmpty {
                try await self.record([.event(id: self.ids.makeID(.webhook), event, deleted: true, at: at)], accountID: accountID, in: db)
            }
            return event
        }
    }

    public func inviteStats(eventID: String) async throws -> InviteStats {
        try await sessions.read { db in
            // Counts kept by the writes (at most 4 statuses × 16 stripes rows), not a scan of the invites.
            let rows = try await db.raw("""
                SELECT status, CAST(SUM(n) AS BIGINT) AS n FROM invite_counts WHERE event_id = \(bind: eventID) GROUP BY status
                """).all()
            var stats = InviteStats()
            for row in rows {
                stats.add(try row.int("n"), of: try row.enumeration("status", as: InviteStatus.self))
            }
            stats.checkedIn = try await db.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
                .from("presence").where("event_id", .equal, eventID).first()?.int("n") ?? 0
            return stats
        }
    }

    /// The event's archived flag inside a write transaction, its row locked against a concurrent deletion until
    /// the transaction ends; throws `eventNotFound` when it is not the account's.
    static func requireEvent(_ id: String, accountID: String, in db: any SQLDatabase) async throws -> Bool {
        guard let row = try await db.select().column("is_deleted").from("events")
            .where("id", .equal, id).where("account_id", .equal, accountID).for(.share).first()
        else { throw SecuregateError.eventNotFound }
        return try row.decode(column: "is_deleted", as: Bool.self)
    }
}
