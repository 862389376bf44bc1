import SecuregateCore

/// A notification transport that counts what the one it wraps delivered and failed to deliver, per channel.
struct MeteredNotificationTransport: NotificationTransport {
    let base: any NotificationTransport
    let metrics: ServerMetrics

    func deliver(_ invitation: Invitation) async throws {
        do {
            try await base.deliver(invitation)
            metrics.message(channel: invitation.message.channel.rawValue, delivered: true)
        } catch {
            metrics.message(channel: invitation.message.channel.rawValue, delivered: false)
            throw error
        }
    }

    func reachesPeople(on channel: NotificationChannel) -> Bool {
        base.reachesPeople(on: channel)
    }
}
