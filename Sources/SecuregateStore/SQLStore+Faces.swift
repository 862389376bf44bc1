import Foundation
import SQLKit
import SecuregateCore

extension SQLStore {
    public func saveFace(_ enrollment: FaceEnrollment, accountID: String) async throws {
        try await sessions.write { db in
            guard let row = try await db.select().column("event_id").from("invites")
                .where("id", .equal, enrollment.inviteID).where("account_id", .equal, accountID).first()
            else { throw SecuregateError.inviteNotFound }
            let eventID = try row.decode(column: "event_id", as: String.self)
            if try await Self.requireEvent(eventID, accountID: accountID, in: db) { throw SecuregateError.eventArchived }
            try await db.delete(from: "faces").where("invite_id", .equal, enrollment.inviteID).run()
            try await db.insert(into: "faces")
                .columns("invite_id", "event_id", "account_id", "descriptor", "source", "enrolled_at", "photo")
                .values(
                    SQLBind(enrollment.inviteID), SQLBind(eventID), SQLBind(accountID),
                    SQLBind(Self.bytes(of: enrollment.descriptor)), SQLBind(enrollment.source.rawValue),
                    SQLBind(enrollment.enrolledAt.epochSeconds), SQLBind(enrollment.photo)
                )
                .run()
            if let url = enrollment.imageURL {
                try await db.update("invites").set("image", to: url).where("id", .equal, enrollment.inviteID).run()
            }
            try await Self.advanceFaceGeneration(eventID: eventID, in: db)
            let event = WebhookEvent.face(
                id: self.ids.makeID(.webhook), enrolled: true, inviteID: enrollment.inviteID, eventID: eventID, accountID: accountID,
                source: enrollment.source, at: enrollment.enrolledAt
            )
            try await self.record([event], accountID: accountID, in: db)
        }
    }

    public func deleteFace(inviteID: String, accountID: String, at: Date) async throws -> Bool {
        try await sessions.write { db in
            guard let row = try await db.select().column("event_id").from("invites")
                .where("id", .equal, inviteID).where("account_id", .equal, accountID).first()
            else { throw SecuregateError.inviteNotFound }
            let deleted = try await db.delete(from: "faces").where("invite_id", .equal, inviteID)
                .returning("invite_id").all()
            if !deleted.isEmpty {
                let eventID = try row.decode(column: "event_id", as: String.self)
                try await Self.advanceFaceGeneration(eventID: eventID, in: db)
                let event = WebhookEvent.face(
                    id: self.ids.makeID(.webhook), enrolled: false, inviteID: inviteID, eventID: eventID, accountID: accountID,
                    source: nil, at: at
                )
                try await self.record([event], accountID: accountID, in: db)
            }
            return !deleted.isEmpty
        }
    }

    public func face(inviteID: String, accountID: String) async throws -> FaceEnrollment? {
        try await sessions.read { db in
            try await db.select().column("*").from("faces")
                .where("invite_id", .equal, inviteID).where("account_id", .equal, accountID)
                .first().map { try $0.faceEnrollment() }
        }
    }

    public func faceGeneration(eventID: String) async throws -> Int64 {
        try await sessions.read { db in try await Self.faceGeneration(eventID: eventID, in: db) }
    }

    public func faces(eventID: String) async throws -> (generation: Int64, faces: [(inviteID: String, descriptor: FaceDescriptor)]) {
        try await sessions.read { db in
            // A read, not a transaction (which on SQLite would queue behind the writes): the generation is read
            // before the rows, so a change in between leaves newer rows under an older generation, and the
            // next lookup, seeing the newer generation, reloads. Rows are never older than their generation.
            let generation = try await Self.faceGeneration(eventID: eventID, in: db)
            let rows = try await db.select().column("invite_id").column("descriptor").from("faces")
                .where("event_id", .equal, eventID).orderBy("invite_id").all()
            let faces = try rows.map { row in
                (inviteID: try row.string("invite_id"), descriptor: try Self.descriptor(from: row.decode(column: "descriptor", as: Data.self)))
            }
            return (generation, faces)
        }
    }

    static func faceGeneration(eventID: String, in db: any SQLDatabase) async throws -> Int64 {
        try await db.select().column("face_generation").from("events").where("id", .equal, eventID)
            .first()?.decode(column: "face_generation", as: Int64.self) ?? 0
    }

    public func eraseFaces(ofEventsDeletedAtOrBefore cutoff: Date) async throws -> Int {
        try await sessions.write { db in
            // A deleted event's updated_at is its deletion time: deleted events refuse every later write.
            let events = try await db.select().column("id").from("events")
                .where("is_deleted", .equal, true).where("updated_at", .lessThanOrEqual, cutoff.epochSeconds)
                .where(SQLRaw("EXISTS (SELECT 1 FROM faces WHERE faces.event_id = events.id)"))
                .all().map { try $0.decode(column: "id", as: String.self) }
            var erased = 0
            for eventID in events {
                erased += try await db.delete(from: "faces").where("event_id", .equal, eventID).returning("invite_id").all().count
                try await Self.advanceFaceGeneration(eventID: eventID, in: db)
            }
            return erased
        }
    }

    public func markSeen(inviteID: String, at: Date) async throws {
        try await sessions.write { db in
            try await db.update("invites").set("last_seen", to: at.epochSeconds).where("id", .equal, inviteID).run()
        }
    }

    static func advanceFaceGeneration(eventID: String, in db: any SQLDatabase) async throws {
        try await db.update("events")
            .set("face_generation", to: SQLBinaryExpression(SQLColumn("face_generation"), .add, SQLLiteral.numeric("1")))
            .where("id", .equal, eventID).run()
    }

    /// A descriptor as stored: 128 little-endian float32.
    static func bytes(of descriptor: FaceDescriptor) -> Data {
        var data = Data(capacity: FaceDescriptor.length * 4)
        for value in descriptor.values {
            withUnsafeBytes(of: value.bitPattern.littleEndian) { data.append(contentsOf: $0) }
        }
        return data
    }

    /// A stored descriptor; throws when its length is wrong.
    static func descriptor(from data: Data) throws -> FaceDescriptor {
        let bytes = [UInt8](data)
        let values = stride(from: 0, to: bytes.count - 3, by: 4).map { at in
            Float(bitPattern: UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at + 2]) << 16 | UInt32(bytes[at + 3]) << 24)
        }
        guard bytes.count == FaceDescriptor.length * 4, let descriptor = FaceDescriptor(values) else {
            throw StoreError.corruptFaceDescriptor
        }
        return descriptor
    }
}
