/// Writes the text of the notifications that tell a person they are invited.
public enum InvitationMessage {
    /// The outbox message for `invite` to `event` on `channel`, without id or time.
    static func compose(for invite: Invite, event: Event, channel: NotificationChannel) -> (recipient: String, subject: String, body: String) {
        let subject = "You are invited to \(event.title)"
        switch channel {
        case .email:
            let body = """
                Hello \(invite.firstName),

                You are invited to \(event.title). Your entry code is \(invite.sessionCode).
                Show the QR code of this code at the door.
                """
            return (invite.email, subject, body)
        case .sms:
            return ("+\(invite.countryCode.rawValue)\(invite.mobileNumber)", subject,
                    "Invited to \(event.title). Entry code: \(invite.sessionCode)")
        }
    }
}
