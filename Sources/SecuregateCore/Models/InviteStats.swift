/// How many of an event's invites are in each status.
public struct InviteStats: Sendable, Equatable {
    public var sent: Int
    public var accepted: Int
    public var pending: Int
    public var rejected: Int
    /// How many of the event's invitees are inside now.
    public var checkedIn: Int

    public var total: Int { sent + accepted + pending + rejected }

    public init(sent: Int = 0, accepted: Int = 0, pending: Int = 0, rejected: Int = 0, checkedIn: Int = 0) {
        self.checkedIn = checkedIn
        self.sent = sent
        self.accepted = accepted
        self.pending = pending
        self.rejected = rejected
    }

    /// How many invites are in `status`.
    public func count(of status: InviteStatus) -> Int {
        switch status {
        case .sent: sent
        case .accepted: accepted
        case .pending: pending
        case .rejected: rejected
        }
    }

    /// Adds `count` invites of `status`.
    public mutating func add(_ count: Int, of status: InviteStatus) {
        switch status {
        case .sent: sent += count
        case .accepted: accepted += count
        case .pending: pending += count
        case .rejected: rejected += count
        }
    }
}
