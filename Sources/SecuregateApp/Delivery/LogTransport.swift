import Logging
import SecuregateCore

/// The embedded transport: writes each message to the log, as a console mail backend does in development.
/// The log line names the message, its invite and event, without its text. It reaches nobody, so the
/// invites it handles stay `pending`.
public struct LogTransport: NotificationTransport {
    let logger: Logger
    public func reachesPeople(on channel: NotificationChannel) -> Bool { false }

    public init(logger: Logger) {
        self.logger = logger
    }

    public func deliver(_ invitation: Invitation) async throws {
        let message = invitation.message
        logger.info(
            "Notification handed to the log transport",
            metadata: [
                "message": "\(message.id)", "invite": "\(message.inviteID)", "channel": "\(message.channel.rawValue)",
                "event": "\(invitation.event.id)",
            ]
        )
    }
}
