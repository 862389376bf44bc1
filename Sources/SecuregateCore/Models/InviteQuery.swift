/// Which page of an event's guest list to read: a status, a search of names and emails, and a place in the
/// list (invites are listed in creation order; a page starts after or ends before an invite's id, so that
/// reading any page costs the same however long the list is).
public struct InviteQuery: Sendable, Equatable {
    /// Where a page is in the list.
    public enum Position: Sendable, Equatable {
        case first
        /// The invites after this invite id.
        case after(String)
        /// The invites before this invite id (a previous page).
        case before(String)
    }

    public var status: InviteStatus?
    /// Text to find in a name or an email, case-insensitive; nil or blank finds everyone.
    public var search: String?
    public var position: Position
    public var limit: Int

    public init(status: InviteStatus? = nil, search: String? = nil, position: Position = .first, limit: Int = 50) {
        self.status = status
        self.search = search
        self.position = position
        self.limit = limit
    }

    /// The search, trimmed and lower-cased, or nil when there is nothing to find.
    public var normalizedSearch: String? {
        guard let search else { return nil }
        let trimmed = Invite.normalize(email: search)
        return trimmed.isEmpty ? nil : trimmed
    }
}
