import SecuregateCore

/// Hands each message to the transport of its channel: email to the mail server, SMS to the gateway, and a
/// channel without one of its own to the fallback (the log).
public struct ChannelTransport: NotificationTransport {
    let transports: [NotificationChannel: any NotificationTransport]
    let fallback: any NotificationTransport

    public init(_ transports: [NotificationChannel: any NotificationTransport], fallback: any NotificationTransport) {
        self.transports = transports
        self.fallback = fallback
    }

    public func deliver(_ invitation: Invitation) async throws {
        try await (transports[invitation.message.channel] ?? fallback).deliver(invitation)
    }

    public func reachesPeople(on channel: NotificationChannel) -> Bool {
        (transports[channel] ?? fallback).reachesPeople(on: channel)
    }
}
