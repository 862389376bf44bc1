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
