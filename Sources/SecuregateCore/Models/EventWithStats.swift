/// An event with its status in time and its invites counted by status.
public struct EventWithStats: Sendable, Equatable {
    public var event: Event
    public var status: EventStatus
    public var inviteStats: InviteStats

    public init(event: Event, status: EventStatus, inviteStats: InviteStats) {
        self.event = event
        self.status = status
        self.inviteStats = inviteStats
    }
}
