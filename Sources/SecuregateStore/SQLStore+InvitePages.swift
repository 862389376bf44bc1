import Foundation
import SQLKit
import SecuregateCore

extension SQLStore {
    public func invites(eventID: String, accountID: String, query: InviteQuery) async throws -> [Invite] {
        try await sessions.read { db in
            guard try await db.select().column("id").from("events")
                .where("id", .equal, eventID).where("account_id", .equal, accountID).first() != nil
            else { throw SecuregateError.eventNotFound }
            let select = db.select().column("*").from("invites").where("event_id", .equal, eventID)
            if let status = query.status { select.where("status", .equal, status.rawValue) }
            if let search = query.normalizedSearch {
                // A backslash escapes LIKE's wildcards, so that an email's `_` or a typed `%` is found as itself.
                let pattern = "%" + Self.escapingLike(search) + "%"
                select.where(SQLQueryString("""
                    (LOWER(first_name || ' ' || last_name) LIKE \(bind: pattern) ESCAPE '\\' \
                    OR email_normalized LIKE \(bind: pattern) ESCAPE '\\')
                    """))
            }
            switch query.position {
            case .first: select.orderBy("id")
            case .after(let id): select.where("id", .greaterThan, id).orderBy("id")
            case .before(let id): select.where("id", .lessThan, id).orderBy("id", .descending)
            }
            return try await select.limit(query.limit + 1).all().map { try $0.invite() }
        }
    }

    public func invites(ids: [String], accountID: String) async throws -> [Invite] {
        guard !ids.isEmpty else { return [] }
        return try await sessions.read { db in
            var found: [Invite] = []
            for chunk in ids.chunked(Self.rowsPerStatement) {
                found += try await db.select().column("*").from("invites").where("id", .in, Array(chunk))
                    .where("account_id", .equal, accountID).all().map { try $0.invite() }
            }
            return found
        }
    }

    public func checkins(inviteID: String, accountID: String, limit: Int) async throws -> [Checkin] {
        try await sessions.read { db in
            try await db.select().column("*").from("checkins").where("invite_id", .equal, inviteID)
                .where(SQLQueryString("event_id IN (SELECT id FROM events WHERE account_id = \(bind: accountID))"))
                .orderBy("id", .descending).limit(limit).all().map { try $0.checkin() }
        }
    }

    /// `text` with LIKE's wildcards and its escape character escaped by a backslash.
    static func escapingLike(_ text: String) -> String {
        var escaped = ""
        for character in text {
            if character == "%" || character == "_" || character == "\\" { escaped.append("\\") }
            escaped.append(character)
        }
        return escaped
    }
}
