/// An invitee's personal link: the page where they answer and carry their pass.
public struct InviteLink: Sendable, Equatable {
    public var inviteID: String
    /// `{public-url}/i/{token}`.
    public var url: String

    public init(inviteID: String, url: String) {
        self.inviteID = inviteID
        self.url = url
    }
}
