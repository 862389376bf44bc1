/// What a batch of invitations did: how many invites it created, and how many of its people were already
/// invited to the event (or named twice in it).
public struct InviteImportCount: Sendable, Equatable {
    public var created: Int
    public var alreadyInvited: Int

    public init(created: Int = 0, alreadyInvited: Int = 0) {
        self.created = created
        self.alreadyInvited = alreadyInvited
    }
}
