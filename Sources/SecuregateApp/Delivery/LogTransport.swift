import Logging
import SecuregateCore

/// The embedded transport: writes each message to the log, as a console mail backend does in development.
/// The outbox keeps the full message; the log line names it without its text. It reaches nobody, so the
/// invites it handles stay `pending`.
public struct LogTransport: NotificationTransport {
    let logger: Logger
    public func reachesPeople(on channel: NotificationChannel) -> Bool { false }

    public init(logger: Logger) {
        self.logger = logger
    }

    public func deliver(_ message: OutboxMessage) async throws {
        logger.info(
            "Notification handed to the log transport",
            metadata: [
                "message": "\(message.id)", "invite": "\(message.inviteID)", "channel": "\(message.channel.rawValue)",
                "subject": "\(message.subject)",
            ]
        )
    }
}
