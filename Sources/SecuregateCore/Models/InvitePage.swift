/// One page of an event's guest list, with the ids that open its neighbours.
public struct InvitePage: Sendable, Equatable {
    public var invites: [Invite]
    /// The invite id the previous page ends before, or nil on the first page.
    public var previousBefore: String?
    /// The invite id the next page starts after, or nil on the last page.
    public var nextAfter: String?

    public init(invites: [Invite], previousBefore: String?, nextAfter: String?) {
        self.invites = invites
        self.previousBefore = previousBefore
        self.nextAfter = nextAfter
    }

    /// The page made of what the store read for `query`: up to one invite more than the limit, in list order
    /// after a place or the first, in reverse order before one.
    public init(read rows: [Invite], for query: InviteQuery) {
        let more = rows.count > query.limit
        let kept = Array(rows.prefix(query.limit))
        switch query.position {
        case .first:
            self.init(invites: kept, previousBefore: nil, nextAfter: more ? kept.last?.id : nil)
        case .after:
            self.init(invites: kept, previousBefore: kept.first?.id, nextAfter: more ? kept.last?.id : nil)
        case .before:
            let ordered = Array(kept.reversed())
            self.init(invites: ordered, previousBefore: more ? ordered.first?.id : nil, nextAfter: ordered.last?.id)
        }
    }
}
