import Foundation
import SQLKit
import SecuregateCore

extension SQLStore {
    public func inviteLink(inviteID: String, accountID: String, newToken: String, at: Date) async throws -> String {
        if let token = try await sessions.read({ db in try await Self.linkToken(inviteID: inviteID, accountID: accountID, in: db) }) {
            return token
        }
        return try await sessions.write { db in
            // Two first needs at once (a message and the organizer): the second finds the first's token.
            if let token = try await Self.linkToken(inviteID: inviteID, accountID: accountID, in: db) { return token }
            try await Self.requireInvite(inviteID, accountID: accountID, in: db)
            try await db.insert(into: "invite_links").columns("token", "invite_id", "account_id", "created_at")
                .values(newToken, inviteID, accountID, at.epochSeconds).run()
            return newToken
        }
    }

    public func replaceInviteLink(inviteID: String, accountID: String, token: String, at: Date) async throws {
        try await sessions.write { db in
            try await Self.requireInvite(inviteID, accountID: accountID, in: db)
            try await db.delete(from: "invite_links").where("invite_id", .equal, inviteID).run()
            try await db.insert(into: "invite_links").columns("token", "invite_id", "account_id", "created_at")
                .values(token, inviteID, accountID, at.epochSeconds).run()
        }
    }

    public func invitation(linkToken: String) async throws -> (Invite, Event)? {
        try await sessions.read { db in
            guard let link = try await db.select().columns("invite_id", "account_id").from("invite_links")
                .where("token", .equal, linkToken).first()
            else { return nil }
            let inviteID = try link.decode(column: "invite_id", as: String.self)
            let accountID = try link.decode(column: "account_id", as: String.self)
            guard let invite = try await db.select().column("*").from("invites")
                .where("id", .equal, inviteID).where("account_id", .equal, accountID).first().map({ try $0.invite() }),
                let event = try await db.select().column("*").from("events").where("id", .equal, invite.eventID).first()
                    .map({ try $0.event() })
            else { return nil }
            return (invite, event)
        }
    }

    /// The invite's token, or `nil` when it has none yet.
    private static func linkToken(inviteID: String, accountID: String, in db: any SQLDatabase) async throws -> String? {
        try await db.select().column("token").from("invite_links")
            .where("invite_id", .equal, inviteID).where("account_id", .equal, accountID).first()
            .map { try $0.decode(column: "token", as: String.self) }
    }

    /// Throws `inviteNotFound` unless the account has the invite.
    private static func requireInvite(_ inviteID: String, accountID: String, in db: any SQLDatabase) async throws {
        guard try await db.select().column("id").from("invites")
            .where("id", .equal, inviteID).where("account_id", .equal, accountID).first() != nil
        else { throw SecuregateError.inviteNotFound }
    }
}
