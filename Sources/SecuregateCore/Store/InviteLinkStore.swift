import Foundation

/// Persistence of the invitees' personal links: one random token per invite, found by the token alone.
public protocol InviteLinkStore: Sendable {
    /// The token of one of the account's invites, `newToken` stored first when it has none. Throws
    /// `inviteNotFound`.
    func inviteLink(inviteID: String, accountID: String, newToken: String, at: Date) async throws -> String
    /// Replaces the token of one of the account's invites (the old one stops working). Throws `inviteNotFound`.
    func replaceInviteLink(inviteID: String, accountID: String, token: String, at: Date) async throws
    /// The invite whose token this is, with its event; `nil` for a token that is unknown or was replaced.
    func invitation(linkToken: String) async throws -> (Invite, Event)?
}
