import Foundation

extension OutboxMessage {
    /// The message that tells `invite`'s person of their invitation on `channel`, queued at `now`. Its text is
    /// written when it is sent, from the templates of the server that sends it.
    public static func invitation(id: String, invite: Invite, channel: NotificationChannel, at now: Date) -> OutboxMessage {
        let recipient = switch channel {
        case .email: invite.email
        // A number that cannot be one is still recorded as given, so that the failed message says what it was.
        case .sms: PhoneNumber(countryCode: invite.countryCode, mobileNumber: invite.mobileNumber)?.e164
            ?? "+\(invite.countryCode.rawValue) \(invite.mobileNumber)"
        }
        return OutboxMessage(
            id: id, accountID: invite.accountID, inviteID: invite.id, channel: channel, recipient: recipient, createdAt: now
        )
    }
}
